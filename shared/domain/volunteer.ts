/**
 * "七彩阳光" 党员志愿服务队: the rules of activities, shifts (班次), sign-up (报名), the waitlist
 * (候补), recurring rosters, check-in at the shift and service hours (服务时长). Pure functions of
 * their inputs and `now`; Beijing time only through ./time.
 */
import type { MemberCategory } from './member'
import { activityTypes, type ActivityType, type Eligibility, type SignupStatus, type Weekday } from './volunteer-labels'
import { addCalendar, beijingClock, beijingDate, beijingParts, fromBeijing, hourMs, isCalendarDate, isClockTime, minuteMs, type Instant } from './time'

export * from './volunteer-labels'

export function mayJoin(eligibility: Eligibility, category: MemberCategory): boolean {
  return eligibility === 'allTeachers' || category === 'full' || category === 'probationary'
}

/** Statuses that hold the person to the shift's time (a waitlisted place counts: it may become a seat). */
export const activeStatuses: readonly SignupStatus[] = ['confirmed', 'waitlisted']
export const isActive = (status: SignupStatus) => activeStatuses.includes(status)

/** Presence must cover this share of a shift for its hours to be credited, unless the shift sets another. */
export const defaultPresenceShare = 0.6

export interface Interval {
  startAt: Date
  endAt: Date
}

/** The times a shift's rules look at. */
export interface ShiftTimes extends Interval {
  signupOpensAt: Date
  signupClosesAt: Date
  /** Until then a member may cancel; after it only the leader can remove someone. */
  cancelDeadline: Date
}

const t = (instant: Instant) => new Date(instant).getTime()

export type SignupWindowState = 'notOpen' | 'open' | 'closed'

/** Sign-up is open from its opening until its closing, and never once the shift has started. */
export function signupWindow(shift: ShiftTimes, now: Date): SignupWindowState {
  if (t(now) < t(shift.signupOpensAt)) return 'notOpen'
  if (t(now) >= t(shift.signupClosesAt) || t(now) >= t(shift.startAt)) return 'closed'
  return 'open'
}

/** An accidental 报名 can be undone for this long after it, even past the cancel deadline… */
export const undoSignupMinutes = 10
/** …unless the shift starts within this long: by then the leader counts on the seat. */
export const undoClosesBeforeStartMinutes = 60

/**
 * A member may cancel their own seat until the cancel deadline (and never after the start), or
 * undo a sign-up made a few minutes ago unless the shift is about to start.
 */
export function mayCancel(shift: Pick<ShiftTimes, 'startAt' | 'cancelDeadline'>, now: Date, place?: { signedUpAt: Date }): boolean {
  if (t(now) < t(shift.cancelDeadline) && t(now) < t(shift.startAt)) return true
  return Boolean(place) && t(now) - t(place?.signedUpAt as Date) < undoSignupMinutes * minuteMs && t(now) < t(shift.startAt) - undoClosesBeforeStartMinutes * minuteMs
}

/** Leaving the waitlist costs nobody a seat: allowed until the shift starts. */
export function mayLeaveWaitlist(shift: Interval, now: Date): boolean {
  return t(now) < t(shift.startAt)
}

/** The leader may take someone off a shift until it starts; after that a no-show is marked with the hours. */
export function mayRemove(shift: Interval, now: Date): boolean {
  return t(now) < t(shift.startAt)
}

/** A seat can be offered for a swap, and taken, until the shift starts. */
export function maySwap(shift: Interval, now: Date): boolean {
  return t(now) < t(shift.startAt)
}

/** A shift is edited or cancelled by those who manage volunteering until it starts. */
export function mayChangeShift(shift: Interval, now: Date): boolean {
  return t(now) < t(shift.startAt)
}

/** Hours are what was served: the leader confirms them once the shift is over. */
export function mayConfirmHours(shift: Interval, now: Date): boolean {
  return t(now) >= t(shift.endAt)
}

/** Two shifts overlap when each starts before the other ends (back to back is fine). */
export function overlaps(a: Interval, b: Interval): boolean {
  return t(a.startAt) < t(b.endAt) && t(b.startAt) < t(a.endAt)
}

/**
 * A person's place on a shift (a seat or a place in line), kept on their roster entry beside the
 * record of it and changed in the same transaction: the roster entry is the one document every
 * place of the person passes through, so two sign-ups of theirs at once conflict on it and the
 * second sees the first. It names the shift so an overlap can be explained without another read.
 */
export interface ShiftPlace {
  shiftId: string
  title: string
  startAt: Date
  endAt: Date
  status: 'confirmed' | 'waitlisted'
}

/** A person's places with one shift's place set (or dropped, with null) and the ended ones pruned. */
export function placesWith(places: readonly ShiftPlace[], shiftId: string, place: ShiftPlace | null, now: Date): ShiftPlace[] {
  const kept = places.filter((p) => p.shiftId !== shiftId && t(p.endAt) > t(now))
  return place ? [...kept, place] : kept
}

/** A person's place as the overlap rules read it (their record on a shift, or their roster entry's copy). */
export interface PlaceTimes extends Interval {
  shiftId: string
  status: SignupStatus
}

/** What keeps a person off `target`: the earliest of their active places on another shift that overlaps it, or null. */
export function timeClash<P extends PlaceTimes>(target: Interval & { shiftId: string }, places: readonly P[]): P | null {
  return (
    places
      .filter((p) => isActive(p.status) && p.shiftId !== target.shiftId && overlaps(p, target))
      .sort((a, b) => t(a.startAt) - t(b.startAt))[0] ?? null
  )
}

/** One person waiting for a seat, in arrival order. */
export interface WaitEntry {
  memberId: string
  name: string
  at: Date
}

/**
 * The line grows in the order the database accepts places in it (a transaction that lost a
 * conflict goes again, behind whoever won): a new entry goes last, stamped no earlier than the
 * one ahead of it, so the order and the times agree.
 */
export function joinedLine(waitlist: readonly WaitEntry[], memberId: string, name: string, now: Date): WaitEntry[] {
  const last = waitlist[waitlist.length - 1]
  const at = last && t(last.at) > t(now) ? new Date(t(last.at)) : now
  return [...waitlist, { memberId, name, at }]
}

/** 1-based place in line, or null when not waiting. */
export function waitlistPosition(waitlist: readonly WaitEntry[], memberId: string): number | null {
  const i = waitlist.findIndex((w) => w.memberId === memberId)
  return i < 0 ? null : i + 1
}

// --- at the shift ------------------------------------------------------------------------

/** Check-in opens this long before the start; check-out stays possible this long after the end. */
export const shiftCheckinOpensBeforeMinutes = 30
export const shiftCheckoutClosesAfterMinutes = 60
/** A second scan this soon after checking in is a repeat, not a check-out. */
export const checkoutMinGapMinutes = 10

export function shiftCheckinWindow(shift: Interval, now: Date): { state: SignupWindowState; opensAt: Date; closesAt: Date } {
  const opensAt = new Date(t(shift.startAt) - shiftCheckinOpensBeforeMinutes * minuteMs)
  const closesAt = new Date(t(shift.endAt) + shiftCheckoutClosesAfterMinutes * minuteMs)
  const state = t(now) < t(opensAt) ? 'notOpen' : t(now) > t(closesAt) ? 'closed' : 'open'
  return { state, opensAt, closesAt }
}

/**
 * What a scan (or a geofenced tap) means: the first checks in; another within a few minutes is a
 * repeat; a later one checks out (again later: the latest check-out counts).
 */
export function scanMeaning(presence: { checkInAt: Date | null }, now: Date): 'checkIn' | 'repeat' | 'checkOut' {
  if (!presence.checkInAt) return 'checkIn'
  return t(now) - t(presence.checkInAt) < checkoutMinGapMinutes * minuteMs ? 'repeat' : 'checkOut'
}

/** The share (0–1) of the shift covered by check-in to check-out; null until both exist. */
export function presenceShare(shift: Interval, presence: { checkInAt: Date | null; checkOutAt: Date | null }): number | null {
  if (!presence.checkInAt || !presence.checkOutAt) return null
  const length = t(shift.endAt) - t(shift.startAt)
  if (length <= 0) return null
  const covered = Math.min(t(presence.checkOutAt), t(shift.endAt)) - Math.max(t(presence.checkInAt), t(shift.startAt))
  return Math.max(0, Math.min(1, covered / length))
}

/** Hours to one decimal place, as records state them. */
export const roundHours = (hours: number) => Math.round(hours * 10) / 10

/**
 * A shift's length in hours to one decimal, rounded down: the default hours it credits and the
 * most it may credit (a 45-minute shift credits 0.7, never 0.8).
 */
export function shiftLengthHours(shift: Interval): number {
  return Math.floor(((t(shift.endAt) - t(shift.startAt)) / hourMs) * 10 + 1e-9) / 10
}

/**
 * The hours a shift form shows while its times are edited and nobody has set the hours by hand:
 * the shift's length. Between two edits the end may not yet be after the start (14:00 typed
 * before 16:00): the hours shown stay as they were rather than fall to a tenth of an hour.
 */
export function hoursFollowingTimes(times: Interval, shown: number): number {
  const length = shiftLengthHours(times)
  return length > 0 ? length : shown
}

/**
 * The hours the record suggests to the leader: the shift's hours when presence covered at least
 * the required share, else none. The leader confirms or corrects (with a reason). Someone who
 * checked in and never out counts as present until the shift's end (forgetting the second scan
 * is common; a no-show is the leader's word, never the default).
 */
export function suggestedHours(
  shift: Interval & { hours: number; presenceShare: number },
  presence: { checkInAt: Date | null; checkOutAt: Date | null },
): { share: number | null; met: boolean; hours: number } {
  const share = presenceShare(shift, presence.checkInAt && !presence.checkOutAt ? { checkInAt: presence.checkInAt, checkOutAt: shift.endAt } : presence)
  const met = share !== null && share + 1e-9 >= shift.presenceShare
  return { share, met, hours: met ? Math.min(shift.hours, shiftLengthHours(shift)) : 0 }
}

// --- shift form ---------------------------------------------------------------------------

/** Longest shift: a school day of service. */
export const maxShiftHours = 12

/**
 * What is wrong with a shift's times, as field → Chinese message (empty when nothing). The
 * function's schema and the edit page use this one definition.
 */
export function shiftTimesProblems(shift: ShiftTimes): Record<string, string> {
  const problems: Record<string, string> = {}
  if (t(shift.endAt) <= t(shift.startAt)) problems.endAt = '结束时间应晚于开始时间'
  else if (t(shift.endAt) - t(shift.startAt) > maxShiftHours * hourMs) problems.endAt = `一个班次不能超过 ${maxShiftHours} 小时`
  else if (beijingDate(shift.startAt) !== beijingDate(new Date(t(shift.endAt) - 1))) problems.endAt = '班次应在同一天内结束'
  if (t(shift.signupClosesAt) <= t(shift.signupOpensAt)) problems.signupClosesAt = '报名截止应晚于报名开始'
  else if (t(shift.signupClosesAt) > t(shift.startAt)) problems.signupClosesAt = '报名截止不能晚于班次开始'
  if (t(shift.cancelDeadline) > t(shift.startAt)) problems.cancelDeadline = '取消截止不能晚于班次开始'
  return problems
}

// --- recurring rosters --------------------------------------------------------------------

/** A closed range of Beijing dates the roster skips (国庆, 寒假…). */
export interface DateRange {
  from: string
  to: string
}

/** 排班规则: e.g. every school day 07:30–08:00 at the gate, for a term, skipping holidays. */
export interface RosterPattern {
  fromDate: string
  toDate: string
  weekdays: Weekday[]
  startClock: string
  endClock: string
  holidays: DateRange[]
}

/** A term at most: a pattern spans no more than this many days, and makes no more shifts. */
export const maxRosterDays = 200
export const maxRosterShifts = 150

export function isHoliday(date: string, holidays: readonly DateRange[]): boolean {
  // Calendar dates as YYYY-MM-DD compare as text.
  return holidays.some((h) => h.from <= date && date <= h.to)
}

export function weekdayOf(date: string): Weekday {
  return (beijingParts(fromBeijing(date)).weekday || 7) as Weekday
}

/** The Beijing dates a pattern puts a shift on, in order. */
export function patternDates(pattern: Pick<RosterPattern, 'fromDate' | 'toDate' | 'weekdays' | 'holidays'>): string[] {
  const dates: string[] = []
  const last = fromBeijing(pattern.toDate).getTime()
  for (let day = fromBeijing(pattern.fromDate); day.getTime() <= last && dates.length <= maxRosterDays; day = addCalendar(day, 1, 'day')) {
    const date = beijingDate(day)
    if (pattern.weekdays.includes(weekdayOf(date)) && !isHoliday(date, pattern.holidays)) dates.push(date)
  }
  return dates
}

/** The instants of a shift on a Beijing date at the pattern's clock times. */
export function shiftOn(date: string, startClock: string, endClock: string): Interval {
  return { startAt: fromBeijing(date, startClock), endAt: fromBeijing(date, endClock) }
}

/** How a roster's shifts take sign-ups: relative to each shift's start. */
export interface RosterPolicy {
  /** Members may cancel until this many hours before the start. */
  cancelHoursBefore: number
  /** Sign-up closes this many minutes before the start. */
  signupClosesMinutesBefore: number
}

export const defaultRosterPolicy: RosterPolicy = { cancelHoursBefore: 12, signupClosesMinutesBefore: 0 }

/** The times of a roster's shift on one date; sign-up opens when the roster is saved. */
export function rosterShiftTimes(pattern: Pick<RosterPattern, 'startClock' | 'endClock'>, policy: RosterPolicy, date: string, savedAt: Date): ShiftTimes {
  const { startAt, endAt } = shiftOn(date, pattern.startClock, pattern.endClock)
  const signupClosesAt = new Date(startAt.getTime() - policy.signupClosesMinutesBefore * minuteMs)
  return {
    startAt,
    endAt,
    signupOpensAt: new Date(Math.min(savedAt.getTime(), signupClosesAt.getTime() - minuteMs)),
    signupClosesAt,
    cancelDeadline: new Date(startAt.getTime() - policy.cancelHoursBefore * hourMs),
  }
}

/** What is wrong with a pattern, as field → Chinese message (empty when nothing). */
export function rosterPatternProblems(pattern: RosterPattern): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!isCalendarDate(pattern.fromDate)) problems.fromDate = '请选择开始日期'
  if (!isCalendarDate(pattern.toDate)) problems.toDate = '请选择结束日期'
  if (!problems.fromDate && !problems.toDate) {
    if (pattern.toDate < pattern.fromDate) problems.toDate = '结束日期应不早于开始日期'
    else if ((fromBeijing(pattern.toDate).getTime() - fromBeijing(pattern.fromDate).getTime()) / (24 * hourMs) > maxRosterDays) problems.toDate = `排班跨度不能超过 ${maxRosterDays} 天`
  }
  if (!pattern.weekdays.length) problems.weekdays = '请选择每周哪几天'
  if (!isClockTime(pattern.startClock)) problems.startClock = '请选择开始时间'
  if (!isClockTime(pattern.endClock)) problems.endClock = '请选择结束时间'
  else if (!problems.startClock && pattern.endClock <= pattern.startClock) problems.endClock = '结束时间应晚于开始时间'
  pattern.holidays.forEach((h, i) => {
    if (!isCalendarDate(h.from) || !isCalendarDate(h.to) || h.to < h.from) problems[`holidays.${i}`] = '假期的起止日期不正确'
  })
  if (!Object.keys(problems).length) {
    const count = patternDates(pattern).length
    if (count === 0) problems.weekdays = '按这个规则排不出任何班次，请检查日期和假期'
    else if (count > maxRosterShifts) problems.toDate = `一次最多排 ${maxRosterShifts} 个班次，请缩短日期范围`
  }
  return problems
}

/** One of a roster's existing shifts, as an edit sees it. */
export interface RosterShiftRef {
  id: string
  date: string
  startAt: Date
  status: 'published' | 'cancelled'
  /** Cancelled by an earlier edit of the pattern (not by hand): the date may come back. */
  cancelledByRoster: boolean
}

/**
 * Editing a pattern changes future shifts only: shifts that have started stay as they were;
 * future shifts on dates the new pattern no longer has are cancelled, those it keeps are updated,
 * and dates it adds get new shifts.
 */
export function planRosterEdit(
  existing: readonly RosterShiftRef[],
  next: Pick<RosterPattern, 'fromDate' | 'toDate' | 'weekdays' | 'holidays' | 'startClock' | 'endClock'>,
  now: Date,
): { create: string[]; update: string[]; cancel: string[] } {
  const isFuture = (startAt: Date) => t(startAt) > t(now)
  const wanted = patternDates(next).filter((date) => isFuture(shiftOn(date, next.startClock, next.endClock).startAt))
  const wantedSet = new Set(wanted)
  const future = existing.filter((s) => s.status === 'published' && isFuture(s.startAt))
  // A date keeps the shift it has (started or not); one cancelled by hand stays cancelled.
  const covered = new Set(existing.filter((s) => s.status === 'published' || !s.cancelledByRoster).map((s) => s.date))
  return {
    create: wanted.filter((date) => !covered.has(date)),
    update: future.filter((s) => wantedSet.has(s.date)).map((s) => s.id),
    cancel: future.filter((s) => !wantedSet.has(s.date)).map((s) => s.id),
  }
}

// --- hours and figures --------------------------------------------------------------------

/** One person's confirmed service on one shift, as the figures and the export read it. */
export interface ServiceRecord {
  memberName: string
  activityId: string
  activityTitle: string
  activityType: ActivityType
  organiser: string
  startAt: Date
  endAt: Date
  hours: number
  confirmedBy: string
}

export interface HeldShift {
  activityId: string
  activityType: ActivityType
  startAt: Date
  /** 受益人次 the leader entered, 0 until then. */
  peopleServed: number
}

export interface TypeFigures {
  type: ActivityType
  /** Activities with at least one shift held in the period. */
  activities: number
  shifts: number
  /** 人次: people × shifts served. */
  personTimes: number
  hours: number
  peopleServed: number
}

/**
 * The team's figures for a period, by activity type and in total: activities held, shifts,
 * 人次, hours and people served. Counts only; never a list of people.
 */
export function teamFigures(shifts: readonly HeldShift[], services: readonly Pick<ServiceRecord, 'activityType' | 'hours'>[]): { byType: TypeFigures[]; total: Omit<TypeFigures, 'type'> } {
  const byType = activityTypes.map((type) => {
    const held = shifts.filter((s) => s.activityType === type)
    const served = services.filter((s) => s.activityType === type && s.hours > 0)
    return {
      type,
      activities: new Set(held.map((s) => s.activityId)).size,
      shifts: held.length,
      personTimes: served.length,
      hours: roundHours(served.reduce((sum, s) => sum + s.hours, 0)),
      peopleServed: held.reduce((sum, s) => sum + s.peopleServed, 0),
    }
  })
  const sum = (key: 'activities' | 'shifts' | 'personTimes' | 'hours' | 'peopleServed') => byType.reduce((total, f) => total + f[key], 0)
  return {
    byType: byType.filter((f) => f.shifts > 0 || f.personTimes > 0),
    total: { activities: sum('activities'), shifts: sum('shifts'), personTimes: sum('personTimes'), hours: roundHours(sum('hours')), peopleServed: sum('peopleServed') },
  }
}

/** The columns volunteer-record rules expect (民政部《志愿服务记录与证明出具办法》). */
export const hoursSheetColumns = ['姓名', '活动名称', '服务日期', '开始', '结束', '服务时长', '组织单位', '确认人'] as const

/** One row per person per shift, in date order: 服务日期 YYYY-MM-DD, times HH:mm, hours a number. */
export function hoursSheetRows(records: readonly ServiceRecord[]): Array<[string, string, string, string, string, number, string, string]> {
  return [...records]
    .filter((r) => r.hours > 0)
    .sort((a, b) => t(a.startAt) - t(b.startAt) || a.activityTitle.localeCompare(b.activityTitle, 'zh-Hans-CN') || a.memberName.localeCompare(b.memberName, 'zh-Hans-CN'))
    .map((r) => [r.memberName, r.activityTitle, beijingDate(r.startAt), beijingClock(r.startAt), beijingClock(r.endAt), roundHours(r.hours), r.organiser, r.confirmedBy])
}
