/**
 * Display helpers over shared/domain/time.ts: Beijing time whatever the phone's time zone, and
 * the app's one date format ("12月8日", the year added when it is not this year's).
 */
import { beijingClock, beijingDate, formatDate as dateOf, formatDateTime, formatDay as dayOf, formatSpan as spanOf, fromBeijing, isValidInstant } from '../../../shared/domain/time'

const valid = (iso: string) => isValidInstant(iso) && !Number.isNaN(Date.parse(iso))

/** "12月8日 16:30" in Beijing time; the input as given if it is not a time. */
export function formatTime(iso: string, now: number = Date.now()): string {
  return valid(iso) ? formatDateTime(iso, now) : iso
}

/** "12月8日". */
export function formatDate(iso: string, now: number = Date.now()): string {
  return valid(iso) ? dateOf(iso, now) : iso
}

/** "16:31" in Beijing time. */
export function formatClock(iso: string): string {
  return valid(iso) ? beijingClock(iso) : iso
}

/** "3月8日 周六" in Beijing time. */
export function formatDay(iso: string, now: number = Date.now()): string {
  return valid(iso) ? dayOf(iso, now) : iso
}

/** "3月8日 周六 16:30–17:30": a meeting's time, the end's day only when it differs. */
export function formatSpan(startIso: string, endIso: string, now: number = Date.now()): string {
  return spanOf(startIso, endIso, now)
}

/** Today in Beijing as YYYY-MM-DD (the end of a date picker's range). */
export function todayInBeijing(now: number = Date.now()): string {
  return beijingDate(now)
}

/** Whether an instant falls on today's Beijing date. */
export function isTodayInBeijing(iso: string, now: number = Date.now()): boolean {
  return beijingDate(iso) === beijingDate(now)
}

/** Beijing date and clock of an instant, as a date and a time picker hold them: { date: '2025-03-08', time: '16:30' }. */
export function splitBeijing(iso: string | number): { date: string; time: string } {
  return { date: beijingDate(iso), time: beijingClock(iso) }
}

/** A Beijing date and clock from the pickers as the ISO instant the server expects. */
export function beijingIso(date: string, time: string): string {
  return fromBeijing(date, time).toISOString()
}

/** "第3行" before "第12行": sorts row keys by their number, other keys after. */
export function rowNumber(key: string): number {
  const m = key.match(/\d+/)
  return m ? Number(m[0]) : Number.MAX_SAFE_INTEGER
}
