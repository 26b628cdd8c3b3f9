import { dueReminders, meetingKindsDue, reminderTimes, scanRanges, shiftReminderDue, studyTaskReminderDue, testOpeningDue, type ReminderState } from '../../shared/domain/reminders'
import type { MemberDoc } from '../../shared/domain/documents'
import { hasHandedIn, inStudyAudience, type TaskRecord } from '../../shared/domain/study'
import { takesTheoryTests } from '../../shared/domain/theory-test'
import type { Db } from './db'
import type { NewReminder } from './reminders'

/**
 * A kind of subject the timer reminds of: loads what could have a reminder due now (a few reads,
 * however many members) and applies the pure rules of shared/domain/reminders to it.
 */
export type DueSource = (db: Db, now: Date) => Promise<NewReminder[]>

/** A state with nothing in it, for a source to fill its own kind of subject. */
const noSubjects: ReminderState = { meetings: [], members: [], onLeave: new Map(), checkedIn: new Map(), shifts: [], tasks: [], tests: [] }

/** The due reminders, each with the branch of its subject. */
function withBranches(due: ReturnType<typeof dueReminders>, subjects: ReadonlyArray<{ _id: string; branchId: string }>): NewReminder[] {
  const branchOf = new Map(subjects.map((s) => [s._id, s.branchId]))
  return due.map((r) => ({ ...r, branchId: branchOf.get(r.subject.id) as string }))
}

/** Meetings: the evening before, and an hour before the start. */
const meetingsDue: DueSource = async (db, now) => {
  const ranges = scanRanges(now)
  const meetings = (
    await db.all('meetings', {
      status: 'published',
      startAt: { $gte: ranges.meetingsStartingBetween.from, $lt: ranges.meetingsStartingBetween.until },
    })
  ).filter((m) => meetingKindsDue(m, now).length)
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
      ...noSubjects,
      meetings: meetings.filter((m) => m.branchId === branchId).map((m) => ({ ...m, id: m._id })),
      members: membersByBranch.get(branchId) ?? [],
      onLeave,
      checkedIn,
    }
    for (const r of dueReminders(state, now)) due.push({ ...r, branchId })
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** Volunteer shifts: the evening before, to those holding a seat (not the waitlist). */
const shiftsDue: DueSource = async (db, now) => {
  const range = scanRanges(now).shiftsStartingBetween
  const shifts = (await db.all('shifts', { status: 'published', startAt: { $gte: range.from, $lt: range.until } })).filter((s) => shiftReminderDue({ startAt: s.startAt, cancelled: false }, now))
  if (!shifts.length) return []
  const signups = await db.all('signups', { shiftId: { $in: shifts.map((s) => s._id) }, status: 'confirmed' })
  const state: ReminderState = {
    ...noSubjects,
    shifts: shifts.map((s) => ({
      id: s._id,
      title: s.activityTitle,
      place: s.place,
      startAt: s.startAt,
      endAt: s.endAt,
      cancelled: false,
      confirmedMemberIds: signups.filter((x) => x.shiftId === s._id).map((x) => x.memberId),
    })),
  }
  return withBranches(dueReminders(state, now), shifts)
}

/** The active members of these branches, by branch. */
async function membersOf(db: Db, branchIds: string[]): Promise<Map<string, MemberDoc[]>> {
  const byBranch = new Map<string, MemberDoc[]>()
  for (const m of await db.all('members', { branchId: { $in: branchIds }, status: 'active' })) byBranch.set(m.branchId, [...(byBranch.get(m.branchId) ?? []), m])
  return byBranch
}

/**
 * Study tasks: from 09:00 two days before the due day, to those in the task's audience who have
 * not handed in what it asks for (a note submitted, or having studied confirmed).
 */
const studyTasksDue: DueSource = async (db, now) => {
  const range = scanRanges(now).tasksDueBetween
  const tasks = (await db.all('studyTasks', { dueAt: { $gte: range.from, $lt: range.until } })).filter((t) => studyTaskReminderDue({ dueAt: t.dueAt, publishedAt: t.createdAt, closed: false }, now))
  if (!tasks.length) return []
  const taskIds = tasks.map((t) => t._id)
  const [members, notes, completions] = await Promise.all([
    membersOf(db, [...new Set(tasks.map((t) => t.branchId))]),
    db.all('notes', { taskId: { $in: taskIds } }),
    db.all('studyCompletions', { taskId: { $in: taskIds } }),
  ])
  const records = new Map<string, TaskRecord>()
  for (const n of notes) records.set(`${n.taskId}:${n.memberId}`, { noteStatus: n.status, confirmedAt: null })
  for (const c of completions) {
    const key = `${c.taskId}:${c.memberId}`
    records.set(key, { noteStatus: records.get(key)?.noteStatus ?? null, confirmedAt: c.confirmedAt })
  }
  const state: ReminderState = {
    ...noSubjects,
    tasks: tasks.map((t) => {
      const audience = (members.get(t.branchId) ?? []).filter((m) => inStudyAudience(t.audience, m))
      const done = audience.filter((m) => {
        const record = records.get(`${t._id}:${m._id}`)
        return record !== undefined && hasHandedIn(t, record)
      })
      return { id: t._id, title: t.title, dueAt: t.dueAt, noteRequired: t.noteRequired, publishedAt: t.createdAt, closed: false, audienceMemberIds: audience.map((m) => m._id), submittedMemberIds: new Set(done.map((m) => m._id)) }
    }),
  }
  return withBranches(dueReminders(state, now), tasks)
}

/** Theory tests: when the window opens (or the next morning), to Party members who have not started it. */
const testsOpeningDue: DueSource = async (db, now) => {
  const lastUseful = new Date(now.getTime() + reminderTimes.lastUsefulMs)
  const tests = (await db.all('theoryTests', { opensAt: { $lte: now }, closesAt: { $gt: lastUseful } })).filter((t) => testOpeningDue({ ...t, published: true }, now))
  if (!tests.length) return []
  const [members, attempts] = await Promise.all([membersOf(db, [...new Set(tests.map((t) => t.branchId))]), db.all('testAttempts', { testId: { $in: tests.map((t) => t._id) } })])
  const state: ReminderState = {
    ...noSubjects,
    tests: tests.map((t) => ({
      id: t._id,
      title: t.title,
      opensAt: t.opensAt,
      closesAt: t.closesAt,
      durationMinutes: t.timeLimitMinutes,
      published: true,
      audienceMemberIds: (members.get(t.branchId) ?? []).filter(takesTheoryTests).map((m) => m._id),
      takenMemberIds: new Set(attempts.filter((a) => a.testId === t._id).map((a) => a.memberId)),
    })),
  }
  return withBranches(dueReminders(state, now), tests)
}

/** Every kind of subject the timer looks at. */
export const dueSources: readonly DueSource[] = [meetingsDue, shiftsDue, studyTasksDue, testsOpeningDue]

/** What the timer should send now, soonest subject first. */
export async function loadDueReminders(db: Db, now: Date): Promise<NewReminder[]> {
  const all = await Promise.all(dueSources.map((source) => source(db, now)))
  return all.flat().sort((a, b) => a.at.getTime() - b.at.getTime())
}
