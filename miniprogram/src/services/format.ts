/** Display helpers. Times are shown in Beijing time whatever the phone's time zone. */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000
const pad = (n: number) => String(n).padStart(2, '0')

/** "2025-03-08 16:30" in Beijing time; the input as given if it is not a time. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + BEIJING_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** Today in Beijing as YYYY-MM-DD (the end of a date picker's range). */
export function todayInBeijing(now = Date.now()): string {
  return formatTime(new Date(now).toISOString()).slice(0, 10)
}

/** "第3行" before "第12行": sorts row keys by their number, other keys after. */
export function rowNumber(key: string): number {
  const m = key.match(/\d+/)
  return m ? Number(m[0]) : Number.MAX_SAFE_INTEGER
}

/** Beijing calendar parts of an instant. */
function beijingParts(iso: string) {
  const d = new Date(Date.parse(iso) + BEIJING_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), w: d.getUTCDay() }
}

const weekdays = ['日', '一', '二', '三', '四', '五', '六']

/** "16:31" in Beijing time. */
export function formatClock(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return iso
  const p = beijingParts(iso)
  return `${pad(p.h)}:${pad(p.min)}`
}

/** "3月8日 周六" in Beijing time. */
export function formatDay(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) return iso
  const p = beijingParts(iso)
  return `${p.m}月${p.d}日 周${weekdays[p.w]}`
}

/** "3月8日 周六 16:30–17:30": a meeting's time, the end's day only when it differs. */
export function formatSpan(startIso: string, endIso: string): string {
  const sameDay = formatTime(startIso).slice(0, 10) === formatTime(endIso).slice(0, 10)
  return `${formatDay(startIso)} ${formatClock(startIso)}–${sameDay ? '' : formatDay(endIso) + ' '}${formatClock(endIso)}`
}

/** Whether an instant falls on today's Beijing date. */
export function isTodayInBeijing(iso: string, now = Date.now()): boolean {
  return formatTime(iso).slice(0, 10) === todayInBeijing(now)
}

/** Beijing date and clock of an instant: { date: '2025-03-08', time: '16:30' }. */
export function splitBeijing(iso: string): { date: string; time: string } {
  const text = formatTime(iso)
  return { date: text.slice(0, 10), time: text.slice(11, 16) }
}

/** A Beijing date and clock as an ISO instant with the +08:00 offset the server expects. */
export function beijingIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}
