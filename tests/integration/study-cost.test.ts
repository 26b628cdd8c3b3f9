import type { LocalCloud } from '../../localcloud/server'
import { studyCosts } from '../../bench/study'
import { startSeededCloud } from '../support/cloud'

/**
 * Who has not handed in a task costs the same database round trips for a branch of 100 and of
 * 1,000 members (the bench's `study.pending.dbOps.*` keys, measured the bench's way), so the
 * 书记's 未提交 list does not slow down as a branch grows.
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

it('lists who has not handed in with as many round trips for 1,000 members as for 100', async () => {
  const costs = await studyCosts(cloud)
  expect(costs['study.pending.dbOps.members100']).toBeGreaterThan(0)
  expect(costs['study.pending.dbOps.members1000']).toBe(costs['study.pending.dbOps.members100'])
  expect(Object.keys(costs).sort()).toEqual(['study.noteSubmit.dbOps', 'study.pending.dbOps.members100', 'study.pending.dbOps.members1000', 'study.testSubmit.dbOps'])
})
