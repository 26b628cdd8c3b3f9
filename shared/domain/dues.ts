import { beijingParts, type Instant } from './time'

/**
 * 党费 (membership dues) by the 2008 《关于中国共产党党费收缴、使用和管理的规定》 (中组部, in force
 * since 2008-04-01). The app records, reminds and reconciles; it never collects, holds or forwards
 * money. Amounts are integers of 分 (fen) so no sum drifts by floating point.
 *
 * Checked against the published text:
 * - 第一条/第二条: members paid monthly, base = the fixed, regular monthly pay after tax;
 *   ≤ 3000 元 (含 3000) 0.5 %, 3000 以上至 5000 (含 5000) 1 %, 5000 以上至 10000 (含 10000)
 *   1.5 %, 10000 以上 2 %. Each upper boundary belongs to the lower bracket.
 * - 离退休: base = the pension actually received; 5000 以下 (含 5000) 0.5 %, 5000 以上 1 %.
 * - 第六条: 学生党员, 下岗失业, living on 抚恤/救济 or 最低生活保障: 0.2 元 a month.
 * - 少交或免交 for hardship: on the member's request, decided by the branch and approved by the
 *   上一级党委 — recorded here as an amount with its approval, never computed.
 * - 第十条: a new pay applies from the month it is first paid ("从按新工资标准领取工资的当月起").
 * - 第十二条: monthly, or quarterly / by a relative or another member with the branch's consent;
 *   补交 一般不得超过 6 个月.
 * - 预备党员 pay from the day the 支部党员大会 admits them.
 * - 党章 第九条: 6 consecutive months unpaid without good reason is regarded as 自行脱党.
 * The 规定 sets no rounding: the amount is taken to the 分, half up (3 456.78 元 × 1 % = 34.57 元).
 */

/** How a member's dues are reckoned. */
export const duesKinds = ['working', 'retired', 'minimum'] as const
export type DuesKind = (typeof duesKinds)[number]
export const duesKindLabels: Record<DuesKind, string> = {
  working: '在职（按税后工资）',
  retired: '离退休（按离退休费）',
  minimum: '学生或无收入（每月 0.2 元）',
}

/** 0.2 元 a month: students and members without income. */
export const minimumDuesFen = 20

interface Bracket {
  /** Inclusive upper bound of the base, in 分; null: no bound. */
  upToFen: number | null
  /** Rate in thousandths. */
  perMille: number
}

export const workingBrackets: readonly Bracket[] = [
  { upToFen: 300_000, perMille: 5 },
  { upToFen: 500_000, perMille: 10 },
  { upToFen: 1_000_000, perMille: 15 },
  { upToFen: null, perMille: 20 },
]

export const retiredBrackets: readonly Bracket[] = [
  { upToFen: 500_000, perMille: 5 },
  { upToFen: null, perMille: 10 },
]

/** The rate, in thousandths, a base falls under. */
export function duesPerMille(kind: Exclude<DuesKind, 'minimum'>, baseFen: number): number {
  const brackets = kind === 'working' ? workingBrackets : retiredBrackets
  const bracket = brackets.find((b) => b.upToFen === null || baseFen <= b.upToFen) as Bracket
  return bracket.perMille
}

export const rateLabel = (perMille: number) => `${perMille / 10}%`

export interface DuesBasis {
  kind: DuesKind
  /** The monthly base in 分 (after tax, or the pension); ignored for `minimum`. */
  baseFen: number
  /** A reduced amount the branch decided and the 上级党委 approved, in 分 (0: exempt). */
  reducedFen?: number | null
}

/** The monthly amount, in 分. */
export function monthlyDuesFen(basis: DuesBasis): number {
  if (basis.reducedFen !== null && basis.reducedFen !== undefined) return basis.reducedFen
  if (basis.kind === 'minimum') return minimumDuesFen
  // Integer arithmetic: base × ‰ / 1000, half up to the 分.
  return Math.floor((basis.baseFen * duesPerMille(basis.kind, basis.baseFen) + 500) / 1000)
}

/** Parses "3456.78" (元, at most two decimals) into 分; null if it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

export function formatYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

// --- Months ---------------------------------------------------------------------------------

/** A calendar month "YYYY-MM" (Beijing). */
export type Month = string
export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/

export function monthOf(instant: Instant): Month {
  const { year, month } = beijingParts(instant)
  return `${year}-${String(month).padStart(2, '0')}`
}

const ordinal = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
const fromOrdinal = (n: number): Month => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`

export const addMonths = (m: Month, n: number): Month => fromOrdinal(ordinal(m) + n)
/** Months from `a` to `b` (b − a). */
export const monthsBetween = (a: Month, b: Month) => ordinal(b) - ordinal(a)

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = []
  for (let n = ordinal(from); n <= ordinal(to); n++) out.push(fromOrdinal(n))
  return out
}

/** The last month of the quarter a month is in. */
export const quarterEnd = (m: Month): Month => fromOrdinal(ordinal(m) + 2 - (ordinal(m) % 12) % 3)

export function monthLabel(m: Month): string {
  return `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`
}

// --- Bases over time ------------------------------------------------------------------------

/** A base as it takes effect: usually each January, or from the month a new pay is first paid. */
export interface BaseEntry extends DuesBasis {
  fromMonth: Month
}

/** The base in force for a month: the latest entry taking effect on or before it. */
export function basisFor(entries: readonly BaseEntry[], month: Month): BaseEntry | null {
  let found: BaseEntry | null = null
  for (const e of entries) if (monthsBetween(e.fromMonth, month) >= 0 && (!found || monthsBetween(found.fromMonth, e.fromMonth) >= 0)) found = e
  return found
}

// --- Who owes what, and when ----------------------------------------------------------------

export interface DuesMember {
  /** The first month dues are owed: a 预备党员's is the month of the 支部党员大会 that admitted them. */
  firstMonth: Month
  /** Quarterly payment with the branch's consent: a month is late only once its quarter is over. */
  quarterly: boolean
}

/** The first month a member owes: the later of the register's start and their admission month. */
export function firstDuesMonth(registerStart: Month, admittedAt: Instant | null): Month {
  if (!admittedAt) return registerStart
  const admitted = monthOf(admittedAt)
  return monthsBetween(registerStart, admitted) > 0 ? admitted : registerStart
}

/** Whether a month's dues are overdue at `now`: monthly ones after their month, quarterly after their quarter. */
export function isOverdue(member: DuesMember, month: Month, now: Instant): boolean {
  if (monthsBetween(member.firstMonth, month) < 0) return false
  const lastDay = member.quarterly ? quarterEnd(month) : month
  return monthsBetween(lastDay, monthOf(now)) > 0
}

/** Months owed and not paid, oldest first, from the first month to the current one. */
export function unpaidMonths(member: DuesMember, paid: ReadonlySet<Month>, now: Instant): Month[] {
  const current = monthOf(now)
  if (monthsBetween(member.firstMonth, current) < 0) return []
  return monthRange(member.firstMonth, current).filter((m) => !paid.has(m))
}

/**
 * Consecutive overdue unpaid months ending at the latest overdue month: what the 3-, 5- and
 * 6-month rules count. A month paid late breaks the run as if paid on time (it was paid).
 */
export function unpaidRun(member: DuesMember, paid: ReadonlySet<Month>, now: Instant): Month[] {
  const run: Month[] = []
  let m = monthOf(now)
  while (!isOverdue(member, m, now) && monthsBetween(member.firstMonth, m) >= 0) m = addMonths(m, -1)
  for (; monthsBetween(member.firstMonth, m) >= 0 && !paid.has(m); m = addMonths(m, -1)) run.unshift(m)
  return run
}

export type DuesStanding = 'ok' | 'warn3' | 'warn5' | 'lapsed'
export const duesStandingLabels: Record<DuesStanding, string> = {
  ok: '按时交纳',
  warn3: '已连续 3 个月未交纳',
  warn5: '已连续 5 个月未交纳，再满 1 个月将按自行脱党处理',
  lapsed: '已连续 6 个月未交纳，支部应按党章第九条研究处理',
}

/** 3 and 5 consecutive unpaid months warn; 6 is 自行脱党 unless the branch finds good reason. */
export function standingOf(runLength: number): DuesStanding {
  if (runLength >= 6) return 'lapsed'
  if (runLength >= 5) return 'warn5'
  if (runLength >= 3) return 'warn3'
  return 'ok'
}

/** 补交 reaches back at most this many months before the month of payment. */
export const maxBackPayMonths = 6

export type PaymentRefusal = 'DUES.BACKPAY_TOO_OLD' | 'DUES.BEFORE_FIRST_MONTH' | 'DUES.TOO_EARLY' | 'DUES.ALREADY_PAID' | 'DUES.DATE_IN_FUTURE'

/**
 * Whether a payment made on `paidOn` may cover `months`. Back months reach at most 6 before the
 * month of payment; ahead, a monthly payer pays the current month and a quarterly one the rest of
 * the quarter.
 */
export function paymentProblem(member: DuesMember, months: readonly Month[], paid: ReadonlySet<Month>, paidOn: Instant, now: Instant): PaymentRefusal | null {
  if (new Date(paidOn).getTime() > new Date(now).getTime()) return 'DUES.DATE_IN_FUTURE'
  const payMonth = monthOf(paidOn)
  const lastAllowed = member.quarterly ? quarterEnd(payMonth) : payMonth
  for (const m of months) {
    if (monthsBetween(member.firstMonth, m) < 0) return 'DUES.BEFORE_FIRST_MONTH'
    if (monthsBetween(m, payMonth) > maxBackPayMonths) return 'DUES.BACKPAY_TOO_OLD'
    if (monthsBetween(lastAllowed, m) > 0) return 'DUES.TOO_EARLY'
    if (paid.has(m)) return 'DUES.ALREADY_PAID'
  }
  return null
}

/** What a list of months comes to under the bases in force for each. */
export function amountForMonths(entries: readonly BaseEntry[], months: readonly Month[]): number {
  return months.reduce((sum, m) => {
    const b = basisFor(entries, m)
    return sum + (b ? monthlyDuesFen(b) : 0)
  }, 0)
}
