import { dueReminders, meetingKindsDue, scanRanges, type ReminderState } from '../../shared/domain/reminders'
import type { MemberDoc } from '../../shared/domain/documents'
import type { Db } from './db'
import type { NewReminder } from './reminders'

/**
 * What the timer should send now: loads the subjects that could have a reminder due (a few
 * reads, however many members) and applies the pure rules to them.
 */
export async function loadDueReminders(db: Db, now: Date): Promise<NewReminder[]> {
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
  const membersByBranch = new Map<string, MemberDoc[]>()
  for (const m of members) membersByBranch.set(m.branchId, [...(membersByBranch.get(m.branchId) ?? []), m])

  const due: NewReminder[] = []
  // Each branch's meetings against that branch's members only.
  for (const branchId of branchIds) {
    const state: ReminderState = {
      meetings: meetings.filter((m) => m.branchId === branchId).map((m) => ({ ...m, id: m._id })),
      members: membersByBranch.get(branchId) ?? [],
      onLeave: byMeeting(leaves),
      checkedIn: byMeeting(checkins),
      shifts: [],
      tasks: [],
      tests: [],
    }
    for (const r of dueReminders(state, now)) due.push({ ...r, branchId })
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime())
}
