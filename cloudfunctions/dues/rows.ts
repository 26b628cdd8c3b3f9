import type { DuesRow } from '../../shared/api/contract'
import { addMonths, basisFor, monthOf, monthlyDuesFen, monthsBetween, standingOf, unpaidMonths, unpaidRun, type DuesMember, type Month } from '../../shared/domain/dues'
import type { DuesAccountDoc, MemberDoc } from '../../shared/domain/documents'
import { fromBeijing } from '../../shared/domain/time'
import { fail } from '../../shared/errors'
import { requireCapability, type Actor, type MemberActor } from '../_lib/actor'

/** Who pays 党费: 正式 and 预备 党员. */
export const paysDues = (m: Pick<MemberDoc, 'category' | 'status'>) => m.status === 'active' && (m.category === 'full' || m.category === 'probationary')

/** 组织委员 and the 书记 (whoever manages the roster) keep the register. */
export const keepsRegister = (actor: Actor): MemberActor => requireCapability(actor, 'manageRoster')

export const duesMemberOf = (account: DuesAccountDoc): DuesMember => ({ firstMonth: account.firstMonth, quarterly: account.quarterly })

/** The moment the list is read "as at": now for this month, the month's last instant for one past. */
export function asOf(month: Month | undefined, now: Date): { month: Month; at: Date } {
  const current = monthOf(now)
  if (!month || monthsBetween(current, month) >= 0) return { month: current, at: now }
  return { month, at: new Date(fromBeijing(`${addMonths(month, 1)}-01`).getTime() - 1) }
}

export function duesRow(member: Pick<MemberDoc, '_id' | 'name' | 'category'>, account: DuesAccountDoc | null, month: Month, at: Date): DuesRow {
  const category = member.category === 'probationary' ? 'probationary' : 'full'
  if (!account) return { memberId: member._id, name: member.name, category, kind: null, baseFen: null, monthlyFen: null, reduced: false, quarterly: false, firstMonth: null, owed: [], run: 0, standing: 'ok' }
  const basis = basisFor(account.bases, month)
  const paid = new Set(account.paidMonths)
  const who = duesMemberOf(account)
  const run = unpaidRun(who, paid, at).length
  return {
    memberId: member._id,
    name: member.name,
    category,
    kind: basis?.kind ?? null,
    baseFen: basis?.baseFen ?? null,
    monthlyFen: basis ? monthlyDuesFen(basis) : null,
    reduced: basis?.reducedFen !== null && basis?.reducedFen !== undefined,
    quarterly: account.quarterly,
    firstMonth: account.firstMonth,
    owed: unpaidMonths(who, paid, at),
    run,
    standing: standingOf(run),
  }
}

export function notFound(): never {
  return fail('DUES.ACCOUNT_NOT_FOUND')
}
