import { z } from 'zod'
import { duesKinds, monthPattern, yuanToFen, type DuesKind, type DuesStanding, type Month } from '../../domain/dues'
import { calendarDate, id, noInput, output } from '../fields'

/** 党费: the app records, reminds and reconciles; no money passes through it. */

const month = z.string().regex(monthPattern, '月份格式应为 2026-01')
const yuan = z.string().trim().refine((t) => yuanToFen(t) !== null, '金额应为数字，最多两位小数（元）')

export interface DuesRow {
  memberId: string
  name: string
  category: 'full' | 'probationary'
  /** Null until the secretary enters a base. */
  kind: DuesKind | null
  baseFen: number | null
  /** What a month comes to under the base in force for the month asked. */
  monthlyFen: number | null
  reduced: boolean
  quarterly: boolean
  firstMonth: Month | null
  /** Months owed and not paid, oldest first, up to the month asked. */
  owed: Month[]
  /** Consecutive overdue months unpaid, and what that means. */
  run: number
  standing: DuesStanding
}

export interface DuesPaymentView {
  id: string
  memberId: string
  name: string
  months: Month[]
  amountFen: number
  expectedFen: number
  paidOn: string
  receiptNo: string
  recordedBy: string
}

export interface DuesReportRow {
  memberId: string
  name: string
  /** Per month of the year, what was recorded paid for it (分), or null. */
  months: Array<number | null>
  totalFen: number
}

export const duesActions = {
  /** 党费收缴情况: who owes for which months, the amounts, and who has gone 3, 5 or 6 months unpaid. */
  'dues.monthly': { input: z.object({ month: month.optional() }).strict(), output: output<{ month: Month; rows: DuesRow[]; owingMembers: number; monthTotalFen: number }>() },
  /** A base as it takes effect (usually each January, or from the month a new pay is first paid). */
  'dues.setBase': {
    input: z
      .object({
        memberId: id,
        kind: z.enum(duesKinds),
        base: yuan,
        fromMonth: month,
        /** A hardship amount the branch decided and the 上级党委 approved (0 for 免交); null: none. */
        reduced: yuan.nullable().default(null),
        quarterly: z.boolean().default(false),
      })
      .strict(),
    output: output<DuesRow>(),
  },
  /** One payment as the responsible person took it (the money went to the 党委's account). */
  'dues.recordPayment': {
    input: z
      .object({
        memberId: id,
        months: z.array(month).min(1, '请选择交纳的月份').max(12, '一次最多登记 12 个月'),
        amount: yuan,
        paidOn: calendarDate,
        receiptNo: z.string().trim().min(1, '请填写收据号').max(40, '收据号不能超过 40 个字'),
      })
      .strict(),
    output: output<DuesRow>(),
  },
  /** The member's own base, amount, months owed and payments: nobody else's. */
  'dues.mine': { input: noInput, output: output<{ row: DuesRow | null; payments: DuesPaymentView[] }>() },
  /** The yearly 公示: per member the months and amounts recorded (figures only the branch sees). */
  'dues.report': { input: z.object({ year: z.number().int().min(2008).max(2100) }).strict(), output: output<{ year: number; rows: DuesReportRow[]; totalFen: number }>() },
} as const
