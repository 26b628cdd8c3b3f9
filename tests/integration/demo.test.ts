import { demoWorld } from '../../demo/demo-data'
import type { LocalCloud } from '../../localcloud/server'
import { ok } from '../support/api'
import { startSeededCloud } from '../support/cloud'

/** The demo world lets a visitor try both ways of joining a branch as a teacher who has not joined. */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const world = demoWorld()
const identity = (openid: string) => world.identities.find((who) => who.openid === openid)

it('offers more than one teacher who has not joined, with what to enter to try each way in', () => {
  const unbound = world.identities.filter((who) => !world.bindings.some((b) => b._id === who.openid) && who.openid !== 'demo-org-admin')
  expect(unbound.length).toBeGreaterThanOrEqual(2)
  expect(identity('demo-newcomer-roster')?.hint).toMatch(/周静/)
  expect(identity('demo-newcomer-transfer')?.hint).toMatch(/钱晓东/)
})

it('binds the teacher who is on the roster at once, and sends the one who is not to the secretary', async () => {
  const onRoster = world.members.find((m) => m.name === '周静')
  expect(identity('demo-newcomer-roster')?.hint).toContain(onRoster?.phone)
  const bound = await ok(cloud, 'demo-newcomer-roster', 'join.submit', { inviteCode: world.branches[0].inviteCode, name: '周静', phone: onRoster?.phone as string })
  expect(bound).toMatchObject({ status: 'bound' })
  const waiting = await ok(cloud, 'demo-newcomer-transfer', 'join.submit', { inviteCode: world.branches[0].inviteCode, name: '钱晓东', phone: '13700001234' })
  expect(waiting).toMatchObject({ status: 'pending' })
  const requests = await ok(cloud, 'demo-secretary', 'join.listRequests', {})
  expect(JSON.stringify(requests)).toContain('钱晓东')
})
