import type { LocalCloud } from '../../localcloud/server'
import { addMonths, monthOf } from '../../shared/domain/dues'
import { beijingDate } from '../../shared/domain/time'
import { callAs, ok } from '../support/api'
import { startSeededCloud } from '../support/cloud'
import { addTeachers } from '../support/volunteer'

/** The 党费 register through the real local cloud: records that race, and the daily timer. */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
  await cloud.runner.provision('dues', 10)
})
afterAll(() => cloud.close())

it('records a month once when ten payments for it are pressed at once', async () => {
  const [teacher] = await addTeachers(cloud, 'duesrace', 1)
  const month = monthOf(new Date())
  await ok(cloud, 'demo-org-committee', 'dues.setBase', { memberId: teacher.memberId, kind: 'working', base: '4000', fromMonth: month })
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_x, i) => callAs(cloud, i % 2 ? 'demo-secretary' : 'demo-org-committee', 'dues.recordPayment', { memberId: teacher.memberId, months: [month], amount: '40', paidOn: beijingDate(new Date()), receiptNo: `DF-${i}` })),
  )
  const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()
  expect(codes).toEqual(['DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'DUES.ALREADY_PAID', 'ok'])
  expect(cloud.store.docs('duesPayments').filter((p) => p.memberId === teacher.memberId)).toHaveLength(1)
  expect((cloud.store.getDoc('duesAccounts', teacher.memberId) as unknown as { paidMonths: string[] }).paidMonths).toEqual([month])
  // The member sees it; nobody but the register's keepers reads the list.
  const mine = await ok(cloud, teacher.openid, 'dues.mine', {})
  expect(mine.row).toMatchObject({ monthlyFen: 4000, owed: [] })
  expect(mine.payments.map((p) => p.receiptNo)).toHaveLength(1)
  const list = await callAs(cloud, teacher.openid, 'dues.monthly', {})
  expect(list.ok ? 'ok' : list.error.code).toBe('AUTH.FORBIDDEN')
})

it('warns from its daily timer, only the timer, each warning once', async () => {
  const [teacher] = await addTeachers(cloud, 'duestimer', 1)
  const now = new Date()
  await ok(cloud, 'demo-org-committee', 'dues.setBase', { memberId: teacher.memberId, kind: 'minimum', base: '0', fromMonth: addMonths(monthOf(now), -3) })
  const asClient = await callAs(cloud, teacher.openid, 'dues.mine', {})
  expect(asClient.ok).toBe(true)
  for (const run of [1, 2]) {
    const outcome = await cloud.runner.fireTimer('dues', 'duesWarnings', now)
    expect(outcome.ok).toBe(true)
    expect(outcome.result).toMatchObject({ ok: true })
    const inbox = cloud.store.docs('inbox').filter((m) => m.kind === 'duesWarning' && String(m.body).includes('连续 3 个月'))
    expect({ run, toMember: inbox.filter((m) => m.memberId === teacher.memberId).length, toSecretary: inbox.filter((m) => m.memberId === 'member-001' && String(m.body).includes('志愿者duestimer0')).length }).toEqual({ run, toMember: 1, toSecretary: 1 })
  }
  const messages = await ok(cloud, teacher.openid, 'inbox.list', {})
  expect(messages.messages.find((m) => m.kind === 'duesWarning')?.body).toContain('连续 3 个月未交纳党费')
})
