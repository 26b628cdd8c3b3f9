import type { DuesRow } from '../../shared/api/contract'
import { amountForMonths, basisFor, monthOf, paymentProblem, yuanToFen, type Month } from '../../shared/domain/dues'
import type { DuesPaymentDoc } from '../../shared/domain/documents'
import { fromBeijing } from '../../shared/domain/time'
import { fail } from '../../shared/errors'
import type { MemberActor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { duesMemberOf, duesRow, notFound } from './rows'

/**
 * Records one payment taken by the responsible person: the months it covers must be owed, within
 * 补交's 6 months of the day paid, and the amount at least what the bases put on them (more is
 * allowed: 自愿多交党费不限). The payment and the months marked paid are written in one
 * transaction, so two people recording the same month at once record it once.
 */
export async function recordPayment(
  db: Db,
  actor: MemberActor,
  input: { memberId: string; months: Month[]; amount: string; paidOn: string; receiptNo: string },
  now: Date,
): Promise<DuesRow> {
  const member = await db.get('members', input.memberId)
  if (!member || member.branchId !== actor.member.branchId) fail('ROSTER.MEMBER_NOT_FOUND')
  const months = [...new Set(input.months)].sort()
  // The day paid, from its first instant: a payment made today is never "in the future".
  const paidOn = fromBeijing(input.paidOn)
  const amountFen = yuanToFen(input.amount) as number
  const account = await db.transaction(async (tx) => {
    const current = await tx.get('duesAccounts', input.memberId)
    if (!current || current.branchId !== actor.member.branchId) notFound()
    const problem = paymentProblem(duesMemberOf(current), months, new Set(current.paidMonths), paidOn, now)
    if (problem) fail(problem)
    if (months.some((m) => !basisFor(current.bases, m))) fail('DUES.NO_BASE')
    const expectedFen = amountForMonths(current.bases, months)
    if (amountFen < expectedFen) fail('DUES.AMOUNT_MISMATCH', `所选月份应交 ${(expectedFen / 100).toFixed(2)} 元，登记的金额少于应交金额`)
    const payment: DuesPaymentDoc = {
      _id: newId(),
      branchId: current.branchId,
      memberId: current.memberId,
      months,
      amountFen,
      expectedFen,
      paidOn,
      receiptNo: input.receiptNo,
      recordedBy: { id: actor.member._id, name: actor.member.name },
      recordedAt: now,
    }
    const paidMonths = [...current.paidMonths, ...months].sort()
    await tx.add('duesPayments', payment)
    await tx.update('duesAccounts', current._id, { paidMonths, updatedAt: now })
    return { ...current, paidMonths }
  })
  return duesRow(member, account, monthOf(now), now)
}
