import type { DuesPaymentView, DuesReportRow, DuesRow } from '../../shared/api/contract'
import { basisFor, firstDuesMonth, monthOf, monthlyDuesFen, monthRange, yuanToFen, type BaseEntry, type DuesKind, type Month } from '../../shared/domain/dues'
import type { DuesAccountDoc, DuesPaymentDoc } from '../../shared/domain/documents'
import { fromBeijing } from '../../shared/domain/time'
import { fail } from '../../shared/errors'
import type { MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { asOf, duesRow, paysDues } from './rows'

/**
 * 党费收缴情况 for a month: every 正式 and 预备 党员 with their base, amount and months owed. Two
 * reads whatever the size of the branch (each up to 1,000 members in one pair of operations).
 */
export async function monthlyList(db: Db, actor: MemberActor, month: Month | undefined, now: Date) {
  const branchId = actor.member.branchId
  const [members, accounts] = await Promise.all([db.allCounted('members', { branchId, status: 'active', category: { $in: ['full', 'probationary'] } }), db.allCounted('duesAccounts', { branchId })])
  const as = asOf(month, now)
  const byMember = new Map(accounts.map((a) => [a.memberId, a]))
  const rows = members.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')).map((m) => duesRow(m, byMember.get(m._id) ?? null, as.month, as.at))
  return {
    month: as.month,
    rows,
    owingMembers: rows.filter((r) => r.owed.length > 0).length,
    monthTotalFen: rows.reduce((sum, r) => sum + (r.monthlyFen ?? 0), 0),
  }
}

/**
 * Enters a base from a month on (replacing one entered for the same month). The first entry opens
 * the member's record: dues are owed from that month, or from the month the 党员大会 admitted a
 * 预备党员 if later (their 入党时间).
 */
export async function setBase(
  db: Db,
  actor: MemberActor,
  input: { memberId: string; kind: DuesKind; base: string; fromMonth: Month; reduced: string | null; quarterly: boolean },
  now: Date,
): Promise<DuesRow> {
  const member = await db.get('members', input.memberId)
  if (!member || member.branchId !== actor.member.branchId) fail('ROSTER.MEMBER_NOT_FOUND')
  if (!paysDues(member)) fail('INPUT.INVALID', '只有正式党员和预备党员交纳党费')
  const entry: BaseEntry = { fromMonth: input.fromMonth, kind: input.kind, baseFen: yuanToFen(input.base) as number, reducedFen: input.reduced === null ? null : yuanToFen(input.reduced) }
  const by = { id: actor.member._id, name: actor.member.name }
  const account = await db.transaction(async (tx) => {
    const current = await tx.get('duesAccounts', member._id)
    const admitted = member.joinedPartyAt ? fromBeijing(member.joinedPartyAt) : null
    const next: DuesAccountDoc = current
      ? { ...current, name: member.name, quarterly: input.quarterly, bases: [...current.bases.filter((b) => b.fromMonth !== entry.fromMonth), entry].sort((a, b) => a.fromMonth.localeCompare(b.fromMonth)), updatedAt: now, updatedBy: by }
      : { _id: member._id, branchId: member.branchId, memberId: member._id, name: member.name, firstMonth: firstDuesMonth(input.fromMonth, admitted), quarterly: input.quarterly, bases: [entry], paidMonths: [], warned: [], updatedAt: now, updatedBy: by }
    const { _id, ...data } = next
    await tx.set('duesAccounts', _id, data)
    return next
  })
  return duesRow(member, account, monthOf(now), now)
}

const paymentView = (p: DuesPaymentDoc, name: string): DuesPaymentView => ({
  id: p._id,
  memberId: p.memberId,
  name,
  months: p.months,
  amountFen: p.amountFen,
  expectedFen: p.expectedFen,
  paidOn: p.paidOn.toISOString(),
  receiptNo: p.receiptNo,
  recordedBy: p.recordedBy.name,
})

/** The caller's own record: their base, amount, months owed and payments, and nobody else's. */
export async function mine(db: Db, actor: MemberActor, now: Date): Promise<{ row: DuesRow | null; payments: DuesPaymentView[] }> {
  const [account, payments] = await Promise.all([db.get('duesAccounts', actor.member._id), db.some('duesPayments', { memberId: actor.member._id }, 100, ['paidOn', 'desc'])])
  if (!paysDues(actor.member)) return { row: null, payments: [] }
  return { row: duesRow(actor.member, account, monthOf(now), now), payments: payments.map((p) => paymentView(p, actor.member.name)) }
}

/** The yearly 公示: per member, what was recorded paid for each month of the year. */
export async function yearReport(db: Db, actor: MemberActor, year: number): Promise<{ year: number; rows: DuesReportRow[]; totalFen: number }> {
  const branchId = actor.member.branchId
  const months = monthRange(`${year}-01`, `${year}-12`)
  const [accounts, payments] = await Promise.all([db.allCounted('duesAccounts', { branchId }), db.all('duesPayments', { branchId, months: { $in: months } })])
  const rows = accounts
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    .map((a) => {
      const byMonth = months.map((m) => {
        // A payment covering several months is spread over them as the bases put it, anything paid
        // beyond (自愿多交) on its first month, so the months add up to what was paid.
        const p = payments.find((x) => x.memberId === a.memberId && x.months.includes(m))
        if (!p) return null
        const basis = basisFor(a.bases, m)
        return (basis ? monthlyDuesFen(basis) : 0) + (p.months[0] === m ? p.amountFen - p.expectedFen : 0)
      })
      return { memberId: a.memberId, name: a.name, months: byMonth, totalFen: byMonth.reduce<number>((s, v) => s + (v ?? 0), 0) }
    })
  return { year, rows, totalFen: rows.reduce((s, r) => s + r.totalFen, 0) }
}
