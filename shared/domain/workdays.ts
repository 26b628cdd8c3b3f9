/**
 * The working-day calendar (工作日): weekdays, less the public holidays, plus the weekend days
 * worked in exchange (调休上班), as the State Council's yearly notice (国务院办公厅关于…年部分节假日
 * 安排的通知) sets them. Kept as data: the secretary adds next year's notice when it is published,
 * and a branch may add its own entries (a local day off, a day worked), which win over the
 * national ones. A year with no entries is counted Monday to Friday and marked provisional, so a
 * date computed across it is shown as 暂按周一至周五计算, never as certain.
 *
 * Dates are Beijing calendar dates, "YYYY-MM-DD".
 */

export interface WorkdayYear {
  /** Days off (放假), weekend days of the holiday included. */
  holidays: readonly string[]
  /** Weekend days worked in exchange (调休上班). */
  workdays: readonly string[]
  /** Where the entries come from. */
  source: string
}

/** One day a branch marks itself, over the national calendar. */
export interface CalendarEntry {
  date: string
  workday: boolean
  note?: string
}

function span(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d)
  return days
}

/**
 * The national calendar by year, from the State Council's notices. 2027: its notice was not among
 * the published texts available when this was written; until it is entered the year counts
 * Monday to Friday, provisionally.
 */
export const nationalWorkdays: Readonly<Record<number, WorkdayYear>> = {
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      '2025-01-01',
      ...span('2025-01-28', '2025-02-04'),
      ...span('2025-04-04', '2025-04-06'),
      ...span('2025-05-01', '2025-05-05'),
      ...span('2025-05-31', '2025-06-02'),
      ...span('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      ...span('2026-01-01', '2026-01-03'),
      ...span('2026-02-15', '2026-02-23'),
      ...span('2026-04-04', '2026-04-06'),
      ...span('2026-05-01', '2026-05-05'),
      ...span('2026-06-19', '2026-06-21'),
      ...span('2026-09-25', '2026-09-27'),
      ...span('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
}

/** A calendar to count working days with: the national years plus a branch's own entries. */
export interface WorkdayCalendar {
  years: Readonly<Record<number, WorkdayYear>>
  entries: readonly CalendarEntry[]
}

export function workdayCalendar(entries: readonly CalendarEntry[] = [], years: Readonly<Record<number, WorkdayYear>> = nationalWorkdays): WorkdayCalendar {
  return { years, entries }
}

/** "2026-02-28" + n days, on the calendar (no time zone involved: dates are already Beijing's). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return t.toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday. */
function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

const yearOf = (date: string) => Number(date.slice(0, 4))

/** Whether a year's holidays are known: from the national notice or from the branch's entries. */
export function isYearCovered(calendar: WorkdayCalendar, year: number): boolean {
  return Boolean(calendar.years[year]) || calendar.entries.some((e) => yearOf(e.date) === year && !e.workday)
}

export function isWorkday(calendar: WorkdayCalendar, date: string): boolean {
  const own = calendar.entries.find((e) => e.date === date)
  if (own) return own.workday
  const year = calendar.years[yearOf(date)]
  if (year?.workdays.includes(date)) return true
  if (year?.holidays.includes(date)) return false
  const day = dayOfWeek(date)
  return day !== 0 && day !== 6
}

export interface WorkdaySpan {
  /** The last day of the span. */
  end: string
  /** A year the span crosses has no holiday entries: counted Monday to Friday. */
  provisional: boolean
}

/**
 * The day a period of `count` working days that begins on `start` ends: `start` counts when it is
 * a working day (a notice posted on Monday morning for 5 working days ends on Friday).
 */
export function workdaysFrom(calendar: WorkdayCalendar, start: string, count: number): WorkdaySpan {
  if (count < 1) return { end: start, provisional: !isYearCovered(calendar, yearOf(start)) }
  let provisional = false
  let day = start
  let counted = 0
  for (;;) {
    if (!isYearCovered(calendar, yearOf(day))) provisional = true
    if (isWorkday(calendar, day)) counted += 1
    if (counted === count) return { end: day, provisional }
    day = addDays(day, 1)
  }
}

/** Working days from `start` to `end`, both included. */
export function workdaysBetween(calendar: WorkdayCalendar, start: string, end: string): number {
  let n = 0
  for (let d = start; d <= end; d = addDays(d, 1)) if (isWorkday(calendar, d)) n += 1
  return n
}
