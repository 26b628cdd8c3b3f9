import { main } from '../../cloudfunctions/dues/index'
import { sendDuesWarnings } from '../../cloudfunctions/dues/warnings'
import type { DuesRow } from '../../shared/api/contract'
import type { MemberCategory, Position } from '../../shared/domain/member'
import { fromBeijing } from '../../shared/domain/time'
import type { Result } from '../../shared/errors'
import { MemoryDb } from '../support/memory-db'
import { bindingsOf, branchMember } from '../support/branch-members'

/** The 党费 register as handlers: fixed instants and an in-memory database. */
const jan15 = fromBeijing('2026-01-15', '10:00')

const member = (id: string, category: MemberCategory, positions: Position[] = [], joinedPartyAt: string | null = '2010-07-01') => branchMember(id, category, jan15, { positions, joinedPartyAt })

function world() {
  // 1 书记, 2 组织委员, 3 正式党员, 4 预备党员 admitted on 2025-11-20, 5 积极分子, x: another branch's secretary.
  const members = [member('1', 'full', ['secretary']), member('2', 'full', ['organizationCommittee']), member('3', 'full'), member('4', 'probationary', [], '2025-11-20'), member('5', 'activist', [], null), { ...member('x', 'full', ['secretary']), branchId: 'b2' }]
  const db = new MemoryDb({ members, bindings: bindingsOf(members, jan15) })
  const call = async <T = DuesRow>(who: string, action: string, input: object, now = jan15) =>
    (await main.run({ action, input }, { caller: { openid: `o${who}`, appid: 'wx', source: 'wx_client' }, now, db })) as Result<T>
  const okData = async <T = DuesRow>(who: string, action: string, input: object, now = jan15) => {
    const r = await call<T>(who, action, input, now)
    if (!r.ok) throw new Error(`${action} by ${who}: ${r.error.code}`)
    return r.data
  }
  return { db, call, okData }
}
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code)

test('the 组织委员 enters bases; the amount follows the 2008 rates; a 预备党员 owes from the month of admission', async () => {
  const w = world()
  const row = await w.okData('2', 'dues.setBase', { memberId: '3', kind: 'working', base: '5000', fromMonth: '2025-01' })
  expect(row).toMatchObject({ baseFen: 500_000, monthlyFen: 5000, firstMonth: '2025-01' })
  expect(row.owed).toHaveLength(13) // 2025-01 … 2026-01
  const probationary = await w.okData('2', 'dues.setBase', { memberId: '4', kind: 'working', base: '3000.01', fromMonth: '2025-01' })
  expect(probationary).toMatchObject({ firstMonth: '2025-11', monthlyFen: 3000, owed: ['2025-11', '2025-12', '2026-01'] })
  // A raise from January applies from January; December keeps its base.
  await w.okData('2', 'dues.setBase', { memberId: '3', kind: 'working', base: '5000.01', fromMonth: '2026-01' })
  const list = await w.okData<{ rows: DuesRow[]; month: string }>('1', 'dues.monthly', {})
  expect(list.month).toBe('2026-01')
  expect(list.rows.find((r) => r.memberId === '3')).toMatchObject({ monthlyFen: 7500 })
  expect(list.rows.find((r) => r.memberId === '1')).toMatchObject({ kind: null, owed: [] })
  expect(list.rows.map((r) => r.memberId)).not.toContain('5')
  expect((await w.okData<{ rows: DuesRow[] }>('1', 'dues.monthly', { month: '2025-12' })).rows.find((r) => r.memberId === '3')).toMatchObject({ monthlyFen: 5000 })
  expect(code(await w.call('2', 'dues.setBase', { memberId: '5', kind: 'working', base: '3000', fromMonth: '2026-01' }))).toBe('INPUT.INVALID')
  expect(code(await w.call('2', 'dues.setBase', { memberId: '3', kind: 'working', base: '3000.001', fromMonth: '2026-01' }))).toBe('INPUT.INVALID')
  expect(code(await w.call('3', 'dues.setBase', { memberId: '3', kind: 'working', base: '1', fromMonth: '2026-01' }))).toBe('AUTH.FORBIDDEN')
  expect(code(await w.call('x', 'dues.setBase', { memberId: '3', kind: 'working', base: '1', fromMonth: '2026-01' }))).toBe('ROSTER.MEMBER_NOT_FOUND')
})

test('each member sees only their own base and amount', async () => {
  const w = world()
  await w.okData('2', 'dues.setBase', { memberId: '3', kind: 'retired', base: '5000', fromMonth: '2026-01' })
  const mine = await w.okData<{ row: DuesRow | null }>('3', 'dues.mine', {})
  expect(mine.row).toMatchObject({ memberId: '3', kind: 'retired', monthlyFen: 2500 })
  expect((await w.okData<{ row: DuesRow | null }>('4', 'dues.mine', {})).row).toMatchObject({ memberId: '4', kind: null })
  expect((await w.okData<{ row: DuesRow | null }>('5', 'dues.mine', {})).row).toBeNull()
  expect(code(await w.call('3', 'dues.monthly', {}))).toBe('AUTH.FORBIDDEN')
  expect(code(await w.call('3', 'dues.report', { year: 2026 }))).toBe('AUTH.FORBIDDEN')
})

test('a payment is recorded with its months, amount and receipt; 补交 beyond 6 months, a month twice and too little are refused', async () => {
  const w = world()
  await w.okData('2', 'dues.setBase', { memberId: '3', kind: 'working', base: '4000', fromMonth: '2025-01' })
  const pay = (months: string[], amount: string, paidOn = '2026-01-15') => w.call('2', 'dues.recordPayment', { memberId: '3', months, amount, paidOn, receiptNo: 'DF-001' })
  expect(code(await pay(['2025-06'], '40'))).toBe('DUES.BACKPAY_TOO_OLD')
  expect(code(await pay(['2025-07', '2025-08'], '79.99'))).toBe('DUES.AMOUNT_MISMATCH')
  const row = await pay(['2025-07', '2025-08'], '80')
  expect(code(row)).toBe('ok')
  expect(code(await pay(['2025-08'], '40'))).toBe('DUES.ALREADY_PAID')
  expect(code(await pay(['2026-02'], '40'))).toBe('DUES.TOO_EARLY')
  expect(code(await pay(['2026-01'], '40', '2026-01-16'))).toBe('DUES.DATE_IN_FUTURE')
  // 自愿多交 is allowed.
  expect(code(await pay(['2026-01'], '100'))).toBe('ok')
  const payments = (await w.db.all('duesPayments', {})).sort((a, b) => a.months[0].localeCompare(b.months[0]))
  expect(payments.map((p) => [p.months, p.amountFen, p.expectedFen, p.receiptNo])).toEqual([
    [['2025-07', '2025-08'], 8000, 8000, 'DF-001'],
    [['2026-01'], 10000, 4000, 'DF-001'],
  ])
  const report = await w.okData<{ rows: Array<{ memberId: string; months: Array<number | null>; totalFen: number }>; totalFen: number }>('1', 'dues.report', { year: 2025 })
  expect(report.rows[0].months).toEqual([null, null, null, null, null, null, 4000, 4000, null, null, null, null])
  expect(report.totalFen).toBe(8000)
  expect((await w.okData<{ totalFen: number }>('1', 'dues.report', { year: 2026 })).totalFen).toBe(10000)
})

test('warnings at 3 and 5 unpaid months go to the member and the 书记 once, and at 6 the branch is told to decide', async () => {
  const w = world()
  await w.okData('2', 'dues.setBase', { memberId: '3', kind: 'working', base: '4000', fromMonth: '2025-10' })
  // October, November, December unpaid by 1 January.
  expect(await sendDuesWarnings(w.db, fromBeijing('2025-12-31', '09:00'))).toEqual({ warned: 0 })
  expect(await sendDuesWarnings(w.db, fromBeijing('2026-01-01', '09:00'))).toEqual({ warned: 1 })
  expect(await sendDuesWarnings(w.db, fromBeijing('2026-01-02', '09:00'))).toEqual({ warned: 0 })
  let inbox = await w.db.all('inbox', { kind: 'duesWarning' })
  expect(inbox.map((m) => m.memberId).sort()).toEqual(['1', '3'])
  expect(inbox.find((m) => m.memberId === '3')?.body).toContain('2025年10月起已连续 3 个月')
  expect(await sendDuesWarnings(w.db, fromBeijing('2026-03-01', '09:00'))).toEqual({ warned: 1 })
  expect(await sendDuesWarnings(w.db, fromBeijing('2026-04-01', '09:00'))).toEqual({ warned: 1 })
  inbox = await w.db.all('inbox', { kind: 'duesWarning', memberId: '1' }, ['createdAt', 'asc'])
  expect(inbox.map((m) => m.body.match(/连续 (\d) 个月/)?.[1])).toEqual(['3', '5', '6'])
  expect(inbox[2].body).toContain('党章第九条')
})
