import type { AttendanceRow, MeetingSummaryView, MeetingView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { effectiveStatus, meetingEnded, recordedStatus, type TallyRow } from '../../shared/domain/attendance'
import { audienceRole, checkinWindow, type MeetingAudience } from '../../shared/domain/meeting'
import { expectedOf, freezeRoll, type RollPerson } from '../../shared/domain/meeting-roll'
import type { FigureMember } from '../../shared/domain/figures'
import { mayManageMeeting, mayRunCheckin, roleAt } from '../../shared/domain/meeting-roles'
import { attendanceId, type AttendanceDoc, type GroupDoc, type LeaveDoc, type MeetingDoc, type MemberDoc } from '../../shared/domain/documents'
import { callerOf, type MemberActor } from './actor'
import { categoryChangesQuery, figureMembers } from './branch-records'
import type { Db } from './db'
import { dayMs } from '../../shared/domain/time'

/**
 * A meeting by id, read now. No instance keeps meetings between requests: a meeting cancelled or
 * moved a moment ago must never be served as it was. The scan, where a read per request would
 * cost, reads the meeting in the same operation as the caller's identity instead.
 */
export async function loadMeeting(db: Db, meetingId: string): Promise<MeetingDoc | null> {
  return db.get('meetings', meetingId)
}

/** A meeting of the caller's branch, or the right refusal. */
export async function meetingOfBranch(db: Db, actor: MemberActor, meetingId: string): Promise<MeetingDoc> {
  const meeting = await loadMeeting(db, meetingId)
  if (!meeting) fail('MEETING.NOT_FOUND')
  if (meeting.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  return meeting
}

/** Keeps only the audience fields that apply to its kind. */
export function normalizedAudience(audience: MeetingAudience): MeetingAudience {
  return {
    kind: audience.kind,
    groupId: audience.kind === 'group' ? audience.groupId : null,
    memberIds: audience.kind === 'members' ? [...new Set(audience.memberIds)] : [],
    allowObservers: audience.allowObservers,
  }
}

/** Members of the branch today who are expected at a meeting: whom a notice about it reaches. */
export async function meetingAudience(db: Db, meeting: MeetingDoc): Promise<{ expected: MemberDoc[] }> {
  const all = await db.allCounted('members', { branchId: meeting.branchId, status: 'active' })
  return { expected: all.filter((m) => audienceRole(meeting.audience, m) === 'expected') }
}

/** A branch's whole roster, those transferred out included, with the dates the day-by-day rules read. */
export interface BranchRoster {
  members: MemberDoc[]
  people: FigureMember[]
}

export async function branchRoster(db: Db, branchId: string): Promise<BranchRoster> {
  const [members, history] = await Promise.all([db.allCounted('members', { branchId }), db.all('memberHistory', categoryChangesQuery(branchId))])
  return { members, people: figureMembers(members, history) }
}

/**
 * A meeting's one expected list (应到, each with their category that day), and the moment it is
 * written into the meeting's record.
 *
 * Why on first read and by the timer, and not at the end itself: nothing runs when a meeting
 * ends. The `remind` timer freezes every meeting that ended within its last runs (at most five
 * minutes late), and any read of a single meeting after its end that finds no list freezes it
 * first. Both write with one conditional update of the meeting document (`roll` absent), so of
 * two writers one list wins and the other reads it back: the list is written once, atomically.
 * Until then the list is computed by the same rule from the roster's dates on the meeting's day,
 * so the figures, which read many meetings at once and write nothing, show the list that will
 * be frozen; a roster edit dated after the meeting (a transfer, 转正) never changes it either way.
 */
export async function settledExpected(db: Db, meeting: MeetingDoc, people: readonly FigureMember[], now: Date): Promise<RollPerson[]> {
  if (meeting.roll || meeting.status !== 'published' || !meetingEnded(meeting, now)) return expectedOf(meeting, people)
  const roll = freezeRoll(meeting, people, now)
  if ((await db.updateWhere('meetings', { _id: meeting._id, roll: { $exists: false } }, { roll })) === 1) {
    meeting.roll = roll
    return roll.expected
  }
  const stored = await db.get('meetings', meeting._id)
  if (stored?.roll) meeting.roll = stored.roll
  return expectedOf(meeting, people)
}

export function summaryView(
  meeting: MeetingDoc,
  actor: MemberActor,
  mine: { attendance: AttendanceDoc | null; leave: LeaveDoc | null },
  now: Date,
): MeetingSummaryView {
  const window = checkinWindow(meeting, now)
  const caller = callerOf(actor)
  return {
    id: meeting._id,
    type: meeting.type,
    title: meeting.title,
    startAt: meeting.startAt.toISOString(),
    endAt: meeting.endAt.toISOString(),
    venue: meeting.venue,
    status: meeting.status,
    myRole: roleAt(caller, meeting),
    myStatus: recordedStatus(mine.attendance, mine.leave),
    myCheckedInAt: mine.attendance?.checkedInAt?.toISOString() ?? null,
    myLeave: mine.leave ? { status: mine.leave.status, reason: mine.leave.reason, comment: mine.leave.comment } : null,
    canManage: mayManageMeeting(caller, meeting),
    canRunCheckin: mayRunCheckin(caller, meeting),
    window: { state: window.state, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
  }
}

export async function meetingView(db: Db, meeting: MeetingDoc, actor: MemberActor, now: Date): Promise<MeetingView> {
  const [attendance, leave, host, recorder, group] = await Promise.all([
    db.get('attendance', attendanceId(meeting._id, actor.member._id)),
    db.get('leaveRequests', attendanceId(meeting._id, actor.member._id)),
    meeting.hostId ? db.get('members', meeting.hostId) : Promise.resolve(null),
    meeting.recorderId ? db.get('members', meeting.recorderId) : Promise.resolve(null),
    meeting.audience.groupId ? db.get('groups', meeting.audience.groupId) : Promise.resolve(null),
  ])
  return {
    ...summaryView(meeting, actor, { attendance, leave }, now),
    audience: { ...meeting.audience, groupName: group?.name ?? null },
    host: host ? { id: host._id, name: host.name } : null,
    recorder: recorder ? { id: recorder._id, name: recorder.name } : null,
    agenda: meeting.agenda,
    checkin: meeting.checkin,
    cancelReason: meeting.cancelReason,
    subject: meeting.subject ?? null,
    backfilled: meeting.backfilled ? { at: meeting.backfilled.at.toISOString(), byName: meeting.backfilled.byName } : null,
  }
}

/**
 * One line of a meeting's attendance sheet. `note` is the reason given with the record's last
 * change (a hand check-in, a leave entered by hand): a leave entered by hand has its reason there.
 */
export function attendanceRow(member: RollMember, groups: Map<string, GroupDoc>, role: 'expected' | 'observer', attendance: AttendanceDoc | null, leave: LeaveDoc | null, note: string | null = null, enteredBy: string | null = null): AttendanceRow {
  const status = effectiveStatus(attendance, leave)
  return {
    memberId: member._id,
    name: member.name,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    category: member.category,
    role,
    status,
    checkedInAt: attendance?.checkedInAt?.toISOString() ?? null,
    method: attendance?.method ?? null,
    leaveReason: leave?.reason?.trim() || (status === 'leave' ? note : null),
    note,
    enteredBy: attendance?.method === 'manual' ? enteredBy : null,
  }
}

/**
 * The timer's part (see settledExpected): every published meeting that ended since the last runs
 * gets its expected list written, each branch's roster read once. Meetings that ended long ago
 * without a list (before lists were kept) are left to their first read.
 */
export async function freezeEndedMeetings(db: Db, now: Date): Promise<number> {
  const recent = await db.some('meetings', { status: 'published', startAt: { $gte: new Date(now.getTime() - 2 * dayMs), $lte: now } }, 200)
  const ended = recent.filter((m) => !m.roll && meetingEnded(m, now))
  const rosters = new Map<string, Promise<BranchRoster>>()
  for (const m of ended) if (!rosters.has(m.branchId)) rosters.set(m.branchId, branchRoster(db, m.branchId))
  await Promise.all(ended.map(async (m) => settledExpected(db, m, (await rosters.get(m.branchId)!).people, now)))
  return ended.length
}

/** A person on a meeting's roll as the sheet prints them: their group and category as the list has them. */
export type RollMember = Pick<MemberDoc, '_id' | 'name' | 'groupId' | 'category'>

/** One person on a meeting's roll: expected members all, observers once they came. */
export interface RollEntry {
  member: RollMember
  role: 'expected' | 'observer'
  record: AttendanceDoc | null
  leave: LeaveDoc | null
}

/**
 * The roll of a meeting: its expected list (settledExpected), each with their record and leave,
 * then whoever else came (列席), from the branch's roster (transferred members included).
 */
export function meetingRoll(expected: readonly RollPerson[], members: readonly MemberDoc[], records: readonly AttendanceDoc[], leaves: readonly LeaveDoc[]): RollEntry[] {
  const recordOf = new Map(records.map((r) => [r.memberId, r]))
  const leaveOf = new Map(leaves.map((l) => [l.memberId, l]))
  const memberOf = new Map(members.map((m) => [m._id, m]))
  const listed = new Set(expected.map((p) => p.memberId))
  const onList = expected.map((p): RollEntry => ({
    member: { _id: p.memberId, name: memberOf.get(p.memberId)?.name ?? p.name, groupId: p.groupId, category: p.category },
    role: 'expected',
    record: recordOf.get(p.memberId) ?? null,
    leave: leaveOf.get(p.memberId) ?? null,
  }))
  // Observers appear once they came.
  const observers = records.flatMap((record): RollEntry[] => {
    const member = memberOf.get(record.memberId)
    return member && !listed.has(record.memberId) ? [{ member, role: 'observer', record, leave: null }] : []
  })
  return [...onList, ...observers]
}

/** The roll as the shared tally counts it. */
export function tallyRows(roll: readonly RollEntry[]): TallyRow[] {
  return roll.map((e) => ({ memberId: e.member._id, groupId: e.member.groupId, role: e.role, status: effectiveStatus(e.record, e.leave) }))
}
