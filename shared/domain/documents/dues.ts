import type { DateFields } from './date-fields'
import type { BaseEntry, Month } from '../dues'

/** 党费: each member's dues record and the payments recorded. No money passes through the app. */

/** A member's 党费 record: `_id` is the member id. */
export interface DuesAccountDoc {
  _id: string
  branchId: string
  memberId: string
  name: string
  /** The first month owed (a 预备党员's: the month of the 党员大会 that admitted them). */
  firstMonth: Month
  /** Quarterly payment, with the branch's consent. */
  quarterly: boolean
  /** Bases as they took effect; the amount of a month follows the base in force then. */
  bases: BaseEntry[]
  /** Months paid: written in the same transaction as each payment, so no month is paid twice. */
  paidMonths: Month[]
  /** Warnings already given, as `${first unpaid month of the run}:${3|5|6}`, so each goes out once. */
  warned: string[]
  updatedAt: Date
  updatedBy: { id: string; name: string }
}
export const duesAccountDateFields: DateFields<DuesAccountDoc> = { updatedAt: true }

/** One payment as the responsible person recorded it (the money went to the 党委's account). */
export interface DuesPaymentDoc {
  _id: string
  branchId: string
  memberId: string
  months: Month[]
  amountFen: number
  /** What the months come to under the bases in force, for reconciliation. */
  expectedFen: number
  paidOn: Date
  receiptNo: string
  recordedBy: { id: string; name: string }
  recordedAt: Date
}
export const duesPaymentDateFields: DateFields<DuesPaymentDoc> = { paidOn: true, recordedAt: true }
