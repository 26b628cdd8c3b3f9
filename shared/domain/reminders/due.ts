/**
 * When a scheduled reminder falls due, and to whom: pure functions of the subject and `now`,
 * in Beijing time. The timer runs every few minutes; a reminder is due for as long as `now` is in
 * its window, and the claim key makes sure it goes once.
 */
import { audienceRole, type AudienceCandidate, type MeetingAudience } from '../meeting'
import { addCalendar, beijingDate, beijingParts, endOf, fromBeijing, hourMs, minuteMs, startOf } from '../time'
import type { ReminderKind } from './templates'

export const reminderTimes = {
  /** "Tomorrow" reminders go the evening before, between these Beijing clock times. */
  eveningBefore: { from: '17:00', until: '22:00' },
  /** "In an hour" goes from this long before the start… */
  meetingSoonBeforeMinutes: 60,
  /** …until this long before it (later than that it no longer helps). */
  meetingSoonLatestMinutes: 10,
  /** A study task is reminded from this clock time, this many days before its due day. */
  studyTaskDaysBefore: 2,
  studyTaskFrom: '09:00',
  /** Daytime, when reminders other than "in an hour" may go. */
  daytime: { fromHour: 8, untilHour: 22 },
  /** No reminder for a task or test with less than this left (it would only annoy). */
  lastUsefulMs: hourMs,
} as const

export interface Window {
  from: Date
  until: Date
}

const inside = (w: Window, now: Date) => now.getTime() >= w.from.getTime() && now.getTime() < w.until.getTime()

function isDaytime(now: Date): boolean {
  const { hour } = beijingParts(now)
  return hour >= reminderTimes.daytime.fromHour && hour < reminderTimes.daytime.untilHour
}

/** The evening before the Beijing day on which `startAt` falls. */
export function eveningBefore(startAt: Date): Window {
  const dayBefore = beijingDate(addCalendar(startOf('day', startAt), -1, 'day'))
  return { from: fromBeijing(dayBefore, reminderTimes.eveningBefore.from), until: fromBeijing(dayBefore, reminderTimes.eveningBefore.until) }
}

export function meetingSoonWindow(startAt: Date): Window {
  return {
    from: new Date(startAt.getTime() - reminderTimes.meetingSoonBeforeMinutes * minuteMs),
    until: new Date(startAt.getTime() - reminderTimes.meetingSoonLatestMinutes * minuteMs),
  }
}

/** What the rules look at in a meeting. */
export interface MeetingForReminder {
  id: string
  title: string
  type: string
  venue: string
  startAt: Date
  endAt: Date
  status: 'draft' | 'published' | 'cancelled'
  audience: MeetingAudience
}

/** Which meeting reminders are due now: the evening before, and an hour before the start. */
export function meetingKindsDue(meeting: Pick<MeetingForReminder, 'startAt' | 'status'>, now: Date): ReminderKind[] {
  if (meeting.status !== 'published' || now.getTime() >= meeting.startAt.getTime()) return []
  const kinds: ReminderKind[] = []
  if (inside(eveningBefore(meeting.startAt), now)) kinds.push('meetingTomorrow')
  if (inside(meetingSoonWindow(meeting.startAt), now)) kinds.push('meetingSoon')
  return kinds
}

/**
 * Who is reminded of a meeting: the expected audience (应到), without those who asked for leave
 * (unless it was rejected) and, an hour before, without those already checked in.
 */
export function meetingRecipients(
  meeting: Pick<MeetingForReminder, 'audience'>,
  members: ReadonlyArray<AudienceCandidate & { status?: 'active' | 'transferredOut' }>,
  excluded: { onLeave: ReadonlySet<string>; checkedIn: ReadonlySet<string> },
  kind: ReminderKind,
): string[] {
  return members
    .filter((m) => m.status !== 'transferredOut')
    .filter((m) => audienceRole(meeting.audience, m) === 'expected')
    .filter((m) => !excluded.onLeave.has(m._id))
    .filter((m) => kind !== 'meetingSoon' || !excluded.checkedIn.has(m._id))
    .map((m) => m._id)
}

/** What the rules look at in a volunteer shift. */
export interface ShiftForReminder {
  id: string
  title: string
  place: string
  startAt: Date
  endAt: Date
  cancelled: boolean
}

/** A shift is reminded the evening before, to those confirmed (not the waitlist). */
export function shiftReminderDue(shift: Pick<ShiftForReminder, 'startAt' | 'cancelled'>, now: Date): boolean {
  return !shift.cancelled && now.getTime() < shift.startAt.getTime() && inside(eveningBefore(shift.startAt), now)
}

/** What the rules look at in a study task. */
export interface StudyTaskForReminder {
  id: string
  title: string
  dueAt: Date
  /** A task may ask for a note, or only for having studied. */
  noteRequired: boolean
  publishedAt: Date | null
  closed: boolean
}

/** From 09:00 two days before the due day, in daytime, until an hour before it is due. */
export function studyTaskWindow(dueAt: Date): Window {
  // A task due at midnight belongs to the day that ends there.
  const dueDay = beijingDate(new Date(dueAt.getTime() - 1))
  const firstDay = beijingDate(addCalendar(fromBeijing(dueDay), -reminderTimes.studyTaskDaysBefore, 'day'))
  return { from: fromBeijing(firstDay, reminderTimes.studyTaskFrom), until: new Date(dueAt.getTime() - reminderTimes.lastUsefulMs) }
}

export function studyTaskReminderDue(task: Pick<StudyTaskForReminder, 'dueAt' | 'publishedAt' | 'closed'>, now: Date): boolean {
  if (task.closed || !task.publishedAt || now.getTime() < task.publishedAt.getTime()) return false
  return inside(studyTaskWindow(task.dueAt), now) && isDaytime(now)
}

/** What the rules look at in a theory test. */
export interface TestForReminder {
  id: string
  title: string
  opensAt: Date
  closesAt: Date
  durationMinutes: number
  published: boolean
}

/** When the window opens (or, if it opens at night, the next morning), until an hour before it closes. */
export function testOpeningDue(test: Pick<TestForReminder, 'opensAt' | 'closesAt' | 'published'>, now: Date): boolean {
  if (!test.published) return false
  return inside({ from: test.opensAt, until: new Date(test.closesAt.getTime() - reminderTimes.lastUsefulMs) }, now) && isDaytime(now)
}

/** When the reminder of a test opening goes: at the opening, or the next daytime after it. */
export function testOpeningAt(opensAt: Date): Date {
  const { hour } = beijingParts(opensAt)
  if (hour >= reminderTimes.daytime.fromHour && hour < reminderTimes.daytime.untilHour) return opensAt
  const day = hour < reminderTimes.daytime.fromHour ? opensAt : addCalendar(opensAt, 1, 'day')
  return fromBeijing(beijingDate(day), `${String(reminderTimes.daytime.fromHour).padStart(2, '0')}:00`)
}

/** Everyone in the audience who has not yet done the thing (submitted a note, taken the test). */
export function notYetDone(audienceMemberIds: readonly string[], done: ReadonlySet<string>): string[] {
  return audienceMemberIds.filter((id) => !done.has(id))
}

/**
 * Which subjects the timer has to look at now, by the time field each is found by: anything
 * that could have a reminder due. Wider than the windows, never narrower.
 */
export function scanRanges(now: Date): {
  meetingsStartingBetween: Window
  shiftsStartingBetween: Window
  tasksDueBetween: Window
  testsOpenAt: Date
} {
  const endOfTomorrow = endOf('day', addCalendar(now, 1, 'day'))
  return {
    meetingsStartingBetween: { from: now, until: endOfTomorrow },
    shiftsStartingBetween: { from: now, until: endOfTomorrow },
    tasksDueBetween: { from: now, until: endOf('day', addCalendar(now, reminderTimes.studyTaskDaysBefore + 1, 'day')) },
    testsOpenAt: now,
  }
}
