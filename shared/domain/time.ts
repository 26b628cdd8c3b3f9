/**
 * Beijing time (Asia/Shanghai) for every rule, window, day boundary and display, on dayjs.
 *
 * Instants are `Date`s (or ISO strings); calendar values are Beijing dates. Nothing here reads
 * the clock: callers pass `now`.
 *
 * Why a fixed offset and not `dayjs.tz`: the timezone plugin converts through `Intl`, which the
 * WeChat runtime on Android lacks (dayjs#2635, NervJS/taro#16078: it silently uses the phone's
 * zone). Asia/Shanghai has been UTC+8 without daylight saving since 1991, so `utcOffset(480)` is
 * the same zone everywhere; a unit test checks it against the timezone plugin under Node.
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import quarterOfYear from 'dayjs/plugin/quarterOfYear'

dayjs.extend(utc)
dayjs.extend(quarterOfYear)

export const beijingZone = 'Asia/Shanghai'
const beijingOffsetMinutes = 8 * 60

export type Instant = Date | string | number

/** An instant seen on a Beijing clock and calendar. */
export function beijing(instant: Instant): Dayjs {
  return dayjs(instant).utcOffset(beijingOffsetMinutes)
}

/** Whether a value is a real instant (not `Invalid Date`, not an unparsable string). */
export function isValidInstant(instant: Instant): boolean {
  return dayjs(instant).isValid()
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/
const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Whether "YYYY-MM-DD" names a day that exists on the calendar ("2025-02-30" does not). */
export function isCalendarDate(text: string): boolean {
  const m = datePattern.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false
  return d <= dayjs.utc(`${m[1]}-${m[2]}-01`).daysInMonth()
}

/** Whether "HH:mm" is a clock time. */
export function isClockTime(text: string): boolean {
  return clockPattern.test(text)
}

/** The instant at a Beijing date ("2025-03-08") and clock ("16:30", default midnight). */
export function fromBeijing(date: string, clock = '00:00'): Date {
  return dayjs.utc(`${date}T${clock}:00`).subtract(beijingOffsetMinutes, 'minute').toDate()
}

/** "2025-03-08": the Beijing calendar date of an instant. */
export function beijingDate(instant: Instant): string {
  return beijing(instant).format('YYYY-MM-DD')
}

/** "16:30" on a Beijing clock. */
export function beijingClock(instant: Instant): string {
  return beijing(instant).format('HH:mm')
}

export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year'

/** The first instant of the Beijing day / month / quarter / year containing `instant`. */
export function startOf(unit: CalendarUnit, instant: Instant): Date {
  // dayjs's week starts on Sunday; a Chinese week starts on Monday.
  if (unit === 'week') {
    const day = beijing(instant).startOf('day')
    return day.subtract((day.day() + 6) % 7, 'day').toDate()
  }
  return beijing(instant).startOf(unit).toDate()
}

/** The first instant after the Beijing period containing `instant` (exclusive end). */
export function endOf(unit: CalendarUnit, instant: Instant): Date {
  const start = beijing(startOf(unit, instant))
  return unit === 'week' ? start.add(7, 'day').toDate() : start.add(1, unit).toDate()
}

/** `instant` moved by whole Beijing calendar units (a month after 1月31日 is 2月28/29日). */
export function addCalendar(instant: Instant, amount: number, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): Date {
  return unit === 'quarter' ? beijing(instant).add(amount * 3, 'month').toDate() : beijing(instant).add(amount, unit).toDate()
}

export const minuteMs = 60_000
export const hourMs = 60 * minuteMs
export const dayMs = 24 * hourMs

/** The instant `ms` after `from`: a server's "valid for N ms" placed on this device's clock. */
export function msAfter(from: Instant, ms: number): Date {
  return new Date(new Date(from).getTime() + ms)
}

/** Milliseconds from `now` until `at`; negative once it has passed. */
export function msUntil(at: Instant, now: Instant): number {
  return new Date(at).getTime() - new Date(now).getTime()
}

/** A count of months as one number (year × 12 + month), for month arithmetic in Beijing time. */
export function monthIndex(instant: Instant): number {
  const b = beijing(instant)
  return b.year() * 12 + b.month()
}

/** Beijing calendar year, 1-based month, quarter (1–4), day, weekday (0 = Sunday). */
export function beijingParts(instant: Instant): { year: number; month: number; quarter: number; day: number; weekday: number; hour: number; minute: number } {
  const b = beijing(instant)
  return { year: b.year(), month: b.month() + 1, quarter: b.quarter(), day: b.date(), weekday: b.day(), hour: b.hour(), minute: b.minute() }
}

/** Whole Beijing calendar days from `from`'s date to `to`'s date (tomorrow = 1). */
export function calendarDaysBetween(from: Instant, to: Instant): number {
  return Math.round((fromBeijing(beijingDate(to)).getTime() - fromBeijing(beijingDate(from)).getTime()) / dayMs)
}

const weekdayNames = ['日', '一', '二', '三', '四', '五', '六']

/** "周六". */
export function formatWeekday(instant: Instant): string {
  return `周${weekdayNames[beijing(instant).day()]}`
}

/** "12月8日", the one date format of the app; the year is added when it is not `now`'s. */
export function formatDate(instant: Instant, now?: Instant): string {
  const b = beijing(instant)
  const sameYear = now === undefined || beijing(now).year() === b.year()
  return sameYear ? b.format('M月D日') : b.format('YYYY年M月D日')
}

/** "2025年3月8日", for records that outlive the year (sheets, exports). */
export function formatFullDate(instant: Instant): string {
  return beijing(instant).format('YYYY年M月D日')
}

/** "12月8日 周二". */
export function formatDay(instant: Instant, now?: Instant): string {
  return `${formatDate(instant, now)} ${formatWeekday(instant)}`
}

/** "12月8日 15:00". */
export function formatDateTime(instant: Instant, now?: Instant): string {
  return `${formatDate(instant, now)} ${beijingClock(instant)}`
}

/** "2025-03-08 16:30", for sheets and logs that sort as text. */
export function formatSortable(instant: Instant): string {
  return beijing(instant).format('YYYY-MM-DD HH:mm')
}

/**
 * A day as a person says it, relative to `now`: "今天", "明天", "后天", "昨天", "本周三",
 * "下周一", otherwise "12月8日".
 */
export function formatRelativeDay(instant: Instant, now: Instant): string {
  const days = calendarDaysBetween(now, instant)
  if (days === 0) return '今天'
  if (days === 1) return '明天'
  if (days === 2) return '后天'
  if (days === -1) return '昨天'
  const weeks = Math.round((startOf('week', instant).getTime() - startOf('week', now).getTime()) / (7 * dayMs))
  if (weeks === 0) return `本${formatWeekday(instant)}`
  if (weeks === 1) return `下${formatWeekday(instant)}`
  return formatDate(instant, now)
}

/** "本周三 19:00", "明天 08:30", "12月8日 15:00". */
export function formatRelativeDateTime(instant: Instant, now: Instant): string {
  return `${formatRelativeDay(instant, now)} ${beijingClock(instant)}`
}

/** "12月8日 周二 16:30–17:30": a span, with the end's day only when it differs. */
export function formatSpan(start: Instant, end: Instant, now?: Instant): string {
  const sameDay = beijingDate(start) === beijingDate(end)
  return `${formatDay(start, now)} ${beijingClock(start)}–${sameDay ? '' : formatDate(end, now) + ' '}${beijingClock(end)}`
}
