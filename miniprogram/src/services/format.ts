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
