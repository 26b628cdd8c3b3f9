import { dueReminders, meetingKindsDue, scanRanges, shiftReminderDue, type ReminderState } from '../../shared/domain/reminders'
import type { MemberDoc } from '../../shared/domain/documents'
import type { Db } from './db'
import type { NewReminder } from './reminders'

/**
 * A kind of subject the timer reminds of: loads what could have a reminder due now (a few reads,
 * however many members) and applies the pure rules of shared/domain/reminders to it.
 */
export type DueSource = (db: Db, now: Date) => Promise<NewReminder[]>

/** Meetings: the evening before, and an hour before the start. */
const meetingsDue: DueSource = async (db, now) => {
  const ranges = scanRanges(now)
  const meetings = (
    await db.all('meetings', {
      status: 'published',
      startAt: { $gte: ranges.meetingsStartingBetween.from, $lt: ranges.meetingsStartingBetween.until },
    })
  )
    .map((m) => ({ ...m, startAt: new Date(m.startAt), endAt: new Date(m.endAt) }))
    .filter((m) => meetingKindsDue(m, now).length)
  if (!meetings.length) return []

  const meetingIds = meetings.map((m) => m._id)
  const branchIds = [...new Set(meetings.map((m) => m.branchId))]
  const soonIds = meetings.filter((m) => meetingKindsDue(m, now).includes('meetingSoon')).map((m) => m._id)
  const [members, leaves, checkins] = await Promise.all([
    db.all('members', { branchId: { $in: branchIds }, status: 'active' }),
    db.all('leaveRequests', { meetingId: { $in: meetingIds }, status: { $in: ['pending', 'approved'] } }),
    soonIds.length ? db.all('attendance', { meetingId: { $in: soonIds }, checkedInAt: { $ne: null } }) : Promise.resolve([]),
  ])
  const byMeeting = (rows: Array<{ meetingId: string; memberId: string }>) => {
    const map = new Map<string, Set<string>>()
    for (const r of rows) map.set(r.meetingId, (map.get(r.meetingId) ?? new Set()).add(r.memberId))
    return map
  }
  const onLeave = byMeeting(leaves)
  const checkedIn = byMeeting(checkins)
  const membersByBranch = new Map<string, MemberDoc[]>()
  for (const m of members) {
    const list = membersByBranch.get(m.branchId) ?? []
    list.push(m)
    membersByBranch.set(m.branchId, list)
  }

  const due: NewReminder[] = []
  // Each branch's meetings against that branch's members only.
  for (const branchId of branchIds) {
    const state: ReminderState = {
      meetings: meetings.filter((m) => m.branchId === branchId).map((m) => ({ ...m, id: m._id })),
      members: membersByBranch.get(branchId) ?? [],
      onLeave,
      checkedIn,
      shifts: [],
      tasks: [],
      tests: [],
    }
    for (const r of dueReminders(state, now)) due.push({ ...r, branchId })
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** Volunteer shifts: the evening before, to those holding a seat (not the waitlist). */
const shiftsDue: DueSource = async (db, now) => {
  const range = scanRanges(now).shiftsStartingBetween
  const shifts = (await db.all('shifts', { status: 'published', startAt: { $gte: range.from, $lt: range.until } }))
    .map((s) => ({ ...s, startAt: new Date(s.startAt), endAt: new Date(s.endAt) }))
    .filter((s) => shiftReminderDue({ startAt: s.startAt, cancelled: false }, now))
  if (!shifts.length) return []
  const signups = await db.all('signups', { shiftId: { $in: shifts.map((s) => s._id) }, status: 'confirmed' })
  const state: ReminderState = {
    meetings: [],
    members: [],
    onLeave: new Map(),
    checkedIn: new Map(),
    shifts: shifts.map((s) => ({
      id: s._id,
      title: s.activityTitle,
      place: s.place,
      startAt: s.startAt,
      endAt: s.endAt,
      cancelled: false,
      confirmedMemberIds: signups.filter((x) => x.shiftId === s._id).map((x) => x.memberId),
    })),
    tasks: [],
    tests: [],
  }
  const branchOf = new Map(shifts.map((s) => [s._id, s.branchId]))
  return dueReminders(state, now).map((r) => ({ ...r, branchId: branchOf.get(r.subject.id) as string }))
}

/**
 * Every kind of subject the timer looks at. Study tasks (2 days before, to those who have not
 * submitted) and theory tests (when the window opens) join here as sources of their own, built
 * on the rules in shared/domain/reminders/due.ts.
 */
export const dueSources: readonly DueSource[] = [meetingsDue, shiftsDue]

/** What the timer should send now, soonest subject first. */
export async function loadDueReminders(db: Db, now: Date): Promise<NewReminder[]> {
  const all = await Promise.all(dueSources.map((source) => source(db, now)))
  return all.flat().sort((a, b) => a.at.getTime() - b.at.getTime())
}
