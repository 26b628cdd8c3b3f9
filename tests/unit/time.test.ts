import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import {
  addCalendar,
  beijingClock,
  beijingDate,
  beijingParts,
  calendarDaysBetween,
  endOf,
  formatDate,
  formatDateTime,
  formatRelativeDateTime,
  formatRelativeDay,
  formatSpan,
  fromBeijing,
  isCalendarDate,
  isClockTime,
  isValidInstant,
  monthIndex,
  startOf,
} from '../../shared/domain/time'

dayjs.extend(utc)
dayjs.extend(timezone)

const bj = (text: string) => new Date(`${text}+08:00`)

describe('Beijing time', () => {
  it('agrees with the Asia/Shanghai zone of the timezone plugin across years and day boundaries', () => {
    // Every 7 h 13 min over three years hits every hour and both sides of midnight.
    for (let t = Date.parse('2024-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 7 * 3600_000 + 13 * 60_000) {
      expect(beijingDate(new Date(t)) + ' ' + beijingClock(new Date(t))).toBe(dayjs(t).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'))
    }
  })

  it('puts 23:59 UTC on the next Beijing day and 15:59 UTC on the same one', () => {
    expect(beijingDate(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31')
    expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })

  it('reads a Beijing date and clock as an instant', () => {
    expect(fromBeijing('2026-03-08', '16:30').toISOString()).toBe('2026-03-08T08:30:00.000Z')
    expect(fromBeijing('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z')
  })

  it('finds month, quarter and year boundaries in Beijing time', () => {
    const newYearsEveLate = bj('2026-12-31T23:30:00')
    expect(startOf('month', newYearsEveLate).toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(startOf('quarter', newYearsEveLate).toISOString()).toBe('2026-09-30T16:00:00.000Z')
    expect(startOf('year', newYearsEveLate).toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(endOf('month', newYearsEveLate).toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(endOf('quarter', bj('2026-05-15T12:00:00')).toISOString()).toBe('2026-06-30T16:00:00.000Z')
    expect(startOf('day', bj('2026-03-08T00:10:00')).toISOString()).toBe('2026-03-07T16:00:00.000Z')
  })

  it('starts a week on Monday', () => {
    // 2026-12-06 is a Sunday: its week began on Monday 11-30.
    expect(beijingDate(startOf('week', bj('2026-12-06T20:00:00')))).toBe('2026-11-30')
    expect(beijingDate(startOf('week', bj('2026-11-30T00:00:00')))).toBe('2026-11-30')
    expect(beijingDate(endOf('week', bj('2026-12-02T09:00:00')))).toBe('2026-12-07')
  })

  it('adds calendar months without spilling over a short month', () => {
    expect(beijingDate(addCalendar(bj('2026-01-31T10:00:00'), 1, 'month'))).toBe('2026-02-28')
    expect(beijingDate(addCalendar(bj('2026-11-15T10:00:00'), 1, 'quarter'))).toBe('2027-02-15')
  })

  it('counts months and calendar days in Beijing time', () => {
    expect(monthIndex(bj('2026-12-31T23:59:00')) - monthIndex(bj('2026-01-01T00:00:00'))).toBe(11)
    expect(calendarDaysBetween(bj('2026-12-01T23:59:00'), bj('2026-12-02T00:01:00'))).toBe(1)
    expect(beijingParts(bj('2026-08-09T07:05:00'))).toEqual({ year: 2026, month: 8, quarter: 3, day: 9, weekday: 0, hour: 7, minute: 5 })
  })

  it('validates calendar dates, clock times and instants', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2025-02-29')).toBe(false)
    expect(isCalendarDate('2025-02-30')).toBe(false)
    expect(isCalendarDate('2025-13-45')).toBe(false)
    expect(isCalendarDate('0000-00-00')).toBe(false)
    expect(isCalendarDate('2025-1-5')).toBe(false)
    expect(isClockTime('07:30')).toBe(true)
    expect(isClockTime('24:00')).toBe(false)
    expect(isValidInstant('2026-06-01T10:00:00+08:00')).toBe(true)
    expect(isValidInstant(new Date('2026-06-01T10:00:00+99:99'))).toBe(false)
  })
})

describe('display', () => {
  const now = bj('2026-12-02T10:00:00') // a Wednesday

  it('writes one date format, with the year only when it is not this year', () => {
    expect(formatDate(bj('2026-12-08T15:00:00'), now)).toBe('12月8日')
    expect(formatDate(bj('2027-01-08T15:00:00'), now)).toBe('2027年1月8日')
    expect(formatDateTime(bj('2026-12-08T15:00:00'), now)).toBe('12月8日 15:00')
  })

  it('says days as a person does', () => {
    expect(formatRelativeDay(bj('2026-12-02T23:00:00'), now)).toBe('今天')
    expect(formatRelativeDay(bj('2026-12-03T00:30:00'), now)).toBe('明天')
    expect(formatRelativeDay(bj('2026-12-04T08:00:00'), now)).toBe('后天')
    expect(formatRelativeDay(bj('2026-12-01T08:00:00'), now)).toBe('昨天')
    expect(formatRelativeDay(bj('2026-12-05T08:00:00'), now)).toBe('本周六')
    expect(formatRelativeDay(bj('2026-12-09T08:00:00'), now)).toBe('下周三')
    expect(formatRelativeDay(bj('2026-12-16T08:00:00'), now)).toBe('12月16日')
    expect(formatRelativeDateTime(bj('2026-12-06T19:00:00'), now)).toBe('本周日 19:00')
  })

  it('writes a span with the end day only when it differs', () => {
    expect(formatSpan(bj('2026-12-08T16:30:00'), bj('2026-12-08T17:30:00'), now)).toBe('12月8日 周二 16:30–17:30')
    expect(formatSpan(bj('2026-12-08T20:00:00'), bj('2026-12-09T01:00:00'), now)).toBe('12月8日 周二 20:00–12月9日 01:00')
  })
})
