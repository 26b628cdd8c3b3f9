import type { AttendanceRow, MeetingSummaryView, MeetingView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { effectiveStatus, recordedStatus, type TallyRow } from '../../shared/domain/attendance'
import { audienceRole, checkinWindow, type MeetingAudience } from '../../shared/domain/meeting'
import { mayManageMeeting, mayRunCheckin, roleAt } from '../../shared/domain/meeting-roles'
import { attendanceId, type AttendanceDoc, type GroupDoc, type LeaveDoc, type MeetingDoc, type MemberDoc } from '../../shared/domain/documents'
import { callerOf, type MemberActor } from './actor'
import type { Db } from './db'

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

/** Members of the branch who are expected at, or may observe, a meeting. */
export async function meetingAudience(db: Db, meeting: MeetingDoc): Promise<{ expected: MemberDoc[]; observersAllowed: boolean; all: MemberDoc[] }> {
  const all = await db.allCounted('members', { branchId: meeting.branchId, status: 'active' })
  return { expected: all.filter((m) => audienceRole(meeting.audience, m) === 'expected'), observersAllowed: meeting.audience.allowObservers, all }
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
  }
}

/**
 * One line of a meeting's attendance sheet. `note` is the reason given with the record's last
 * change (a hand check-in, a leave entered by hand): a leave entered by hand has its reason there.
 */
export function attendanceRow(member: MemberDoc, groups: Map<string, GroupDoc>, role: 'expected' | 'observer', attendance: AttendanceDoc | null, leave: LeaveDoc | null, note: string | null = null, enteredBy: string | null = null): AttendanceRow {
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

/** One person on a meeting's roll: expected members all, observers once they came. */
export interface RollEntry {
  member: MemberDoc
  role: 'expected' | 'observer'
  record: AttendanceDoc | null
  leave: LeaveDoc | null
}

/** The roll of a meeting from the branch's active members, their records and their leave. */
export function meetingRoll(meeting: MeetingDoc, members: readonly MemberDoc[], records: readonly AttendanceDoc[], leaves: readonly LeaveDoc[]): RollEntry[] {
  const recordOf = new Map(records.map((r) => [r.memberId, r]))
  const leaveOf = new Map(leaves.map((l) => [l.memberId, l]))
  return members.flatMap((member): RollEntry[] => {
    const role = audienceRole(meeting.audience, member)
    const record = recordOf.get(member._id) ?? null
    if (role === 'expected') return [{ member, role, record, leave: leaveOf.get(member._id) ?? null }]
    // Observers appear once they came.
    return record ? [{ member, role: 'observer', record, leave: null }] : []
  })
}

/** The roll as the shared tally counts it. */
export function tallyRows(roll: readonly RollEntry[]): TallyRow[] {
  return roll.map((e) => ({ memberId: e.member._id, groupId: e.member.groupId, role: e.role, status: effectiveStatus(e.record, e.leave) }))
}
