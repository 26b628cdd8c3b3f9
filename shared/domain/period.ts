import { addCalendar, beijingDate, fromBeijing, isCalendarDate } from './time'

/**
 * A period as reports name it: a year, a half year, a quarter, a month, a range of days, or
 * "since" a day up to today — in Beijing dates. Written as a short key the phone and the
 * function pass around ("2020", "2020H1", "2020Q1", "2020-03", "2020-03-01~2020-06-30",
 * "2019-01-01~"), labelled as reports label it (2020年上半年, 2019年以来), and turned into the
 * instants [from, to) the figures count between. Pure: "since" takes `now` for its end.
 */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'half'; year: number; half: 1 | 2 }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number }
  /** Both days included. */
  | { kind: 'range'; from: string; to: string }
  /** From a day up to today. */
  | { kind: 'since'; from: string }

export type PeriodKind = Period['kind']

/** The instants a period covers: `to` is exclusive. */
export interface PeriodBounds {
  from: Date
  to: Date
}

const pad = (n: number) => String(n).padStart(2, '0')
const validYear = (y: number) => Number.isInteger(y) && y >= 1921 && y <= 2100

/** The period a key names, or null when it names none. */
export function parsePeriod(key: string): Period | null {
  const text = key.trim()
  let m: RegExpMatchArray | null
  if ((m = text.match(/^(\d{4})$/))) return validYear(Number(m[1])) ? { kind: 'year', year: Number(m[1]) } : null
  if ((m = text.match(/^(\d{4})H([12])$/))) return validYear(Number(m[1])) ? { kind: 'half', year: Number(m[1]), half: Number(m[2]) as 1 | 2 } : null
  if ((m = text.match(/^(\d{4})Q([1-4])$/))) return validYear(Number(m[1])) ? { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 } : null
  if ((m = text.match(/^(\d{4})-(\d{2})$/))) {
    const month = Number(m[2])
    return validYear(Number(m[1])) && month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), month } : null
  }
  if ((m = text.match(/^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})?$/))) {
    const [, from, to] = m
    if (!isCalendarDate(from) || !validYear(Number(from.slice(0, 4)))) return null
    if (to === undefined) return { kind: 'since', from }
    if (!isCalendarDate(to) || to < from) return null
    return { kind: 'range', from, to }
  }
  return null
}

/** The key of a period: parsePeriod(periodKey(p)) is p. */
export function periodKey(p: Period): string {
  switch (p.kind) {
    case 'year':
      return String(p.year)
    case 'half':
      return `${p.year}H${p.half}`
    case 'quarter':
      return `${p.year}Q${p.quarter}`
    case 'month':
      return `${p.year}-${pad(p.month)}`
    case 'range':
      return `${p.from}~${p.to}`
    case 'since':
      return `${p.from}~`
  }
}

/** First and last Beijing day of a period, both included ("since" ends today). */
export function periodDays(p: Period, now: Date): { from: string; to: string } {
  const lastDay = (y: number, month: number) => beijingDate(new Date(fromBeijing(`${month === 12 ? y + 1 : y}-${pad(month === 12 ? 1 : month + 1)}-01`).getTime() - 1))
  switch (p.kind) {
    case 'year':
      return { from: `${p.year}-01-01`, to: `${p.year}-12-31` }
    case 'half':
      return p.half === 1 ? { from: `${p.year}-01-01`, to: `${p.year}-06-30` } : { from: `${p.year}-07-01`, to: `${p.year}-12-31` }
    case 'quarter': {
      const first = (p.quarter - 1) * 3 + 1
      return { from: `${p.year}-${pad(first)}-01`, to: lastDay(p.year, first + 2) }
    }
    case 'month':
      return { from: `${p.year}-${pad(p.month)}-01`, to: lastDay(p.year, p.month) }
    case 'range':
      return { from: p.from, to: p.to }
    case 'since': {
      const today = beijingDate(now)
      return { from: p.from, to: today < p.from ? p.from : today }
    }
  }
}

/** The instants [from, to) a period covers, from Beijing midnight to Beijing midnight. */
export function periodBounds(p: Period, now: Date): PeriodBounds {
  const days = periodDays(p, now)
  return { from: fromBeijing(days.from), to: addCalendar(fromBeijing(days.to), 1, 'day') }
}

const quarterWords = ['第一季度', '第二季度', '第三季度', '第四季度']

/** "2025年3月8日", or "2025年3月" / "2025年" where the day or month is the first. */
function dayWords(date: string, short: 'month' | 'year' | 'none'): string {
  const [y, m, d] = date.split('-').map(Number)
  if (short === 'year' && m === 1 && d === 1) return `${y}年`
  if (short !== 'none' && d === 1) return `${y}年${m}月`
  return `${y}年${m}月${d}日`
}

const isMonthEnd = (date: string) => beijingDate(addCalendar(fromBeijing(date), 1, 'day')).endsWith('-01')

/**
 * As reports name it: "2020年", "2020年上半年", "2020年第一季度", "2020年3月", "2019年以来",
 * "2019年9月以来", "2020年3月至5月", "2020年3月1日至6月15日", "2019年9月1日至2020年1月15日".
 */
export function periodLabel(p: Period): string {
  switch (p.kind) {
    case 'year':
      return `${p.year}年`
    case 'half':
      return `${p.year}年${p.half === 1 ? '上' : '下'}半年`
    case 'quarter':
      return `${p.year}年${quarterWords[p.quarter - 1]}`
    case 'month':
      return `${p.year}年${p.month}月`
    case 'since':
      return `${dayWords(p.from, 'year')}以来`
    case 'range': {
      const [fy, fm, fd] = p.from.split('-').map(Number)
      const [ty, tm, td] = p.to.split('-').map(Number)
      // Whole months: "2020年3月至5月"; otherwise the days.
      if (fd === 1 && isMonthEnd(p.to)) {
        if (fy === ty && fm === tm) return `${fy}年${fm}月`
        return fy === ty ? `${fy}年${fm}月至${tm}月` : `${fy}年${fm}月至${ty}年${tm}月`
      }
      if (p.from === p.to) return `${fy}年${fm}月${fd}日`
      return fy === ty ? `${fy}年${fm}月${fd}日至${tm}月${td}日` : `${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日`
    }
  }
}

/**
 * A range that is exactly a year, half, quarter or month, named as such: "2020-01-01~2020-06-30"
 * is 2020年上半年. Other periods are returned as they are.
 */
export function normalizedPeriod(p: Period): Period {
  if (p.kind !== 'range') return p
  const candidates: Period[] = []
  const [y, m] = p.from.split('-').map(Number)
  candidates.push({ kind: 'year', year: y }, { kind: 'half', year: y, half: m <= 6 ? 1 : 2 }, { kind: 'quarter', year: y, quarter: (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4 }, { kind: 'month', year: y, month: m })
  const epoch = new Date(0)
  for (const c of candidates) {
    const days = periodDays(c, epoch)
    if (days.from === p.from && days.to === p.to) return c
  }
  return p
}

/** How many years at most one request may count. */
export const maxPeriodYears = 10

/** Why a period cannot be asked, or null: one in the future, or longer than ten years. */
export function periodProblem(p: Period, now: Date): string | null {
  const days = periodDays(p, now)
  if (days.from > beijingDate(now)) return '所选时段尚未开始'
  if (Number(days.to.slice(0, 4)) - Number(days.from.slice(0, 4)) >= maxPeriodYears) return `一次最多统计 ${maxPeriodYears} 年`
  return null
}

/**
 * The period a request names: a key (`period`), a calendar year, or from one day to another
 * (both included); this year when it names none.
 */
export function requestedReportPeriod(input: { period?: string; year?: number; from?: string; to?: string }, now: Date): Period {
  if (input.period) {
    const parsed = parsePeriod(input.period)
    if (parsed) return normalizedPeriod(parsed)
  }
  if (input.from && input.to) return normalizedPeriod({ kind: 'range', from: input.from, to: input.to })
  return { kind: 'year', year: input.year ?? Number(beijingDate(now).slice(0, 4)) }
}

/** The Beijing year a period starts in. */
export const periodStartYear = (p: Period, now: Date) => Number(periodDays(p, now).from.slice(0, 4))

/**
 * What a report says when its period starts before the branch's records are complete: "本支部自
 * 2025年9月1日起使用本系统记录，此前数据为补录，可能不完整。" Null when the period is covered.
 */
export function recordsNotice(p: Period, recordsFrom: string | null, now: Date, subject = '本支部'): string | null {
  return recordsNoticeOfMany(p, [{ name: subject, recordsFrom }], now)
}

/** The same for an organisation: each branch whose records begin after the period starts, named. */
export function recordsNoticeOfMany(p: Period, branches: ReadonlyArray<{ name: string; recordsFrom: string | null }>, now: Date): string | null {
  const start = periodDays(p, now).from
  const late = branches.filter((b): b is { name: string; recordsFrom: string } => b.recordsFrom !== null && start < b.recordsFrom)
  if (!late.length) return null
  return `${late.map((b) => `${b.name}自${dayWords(b.recordsFrom, 'none')}起`).join('、')}使用本系统记录，此前的数据为补录，可能不完整。`
}
