import type { AttendanceRow, MeetingSummaryView, MeetingView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { audienceRole, checkinWindow, type MeetingAudience } from '../../shared/domain/meeting'
import { attendanceId, type AttendanceDoc, type GroupDoc, type LeaveDoc, type MeetingDoc, type MemberDoc } from '../../shared/domain/documents'
import type { MemberActor } from './actor'
import type { Db } from './db'

/** A meeting with its instants as Dates, whatever the store handed back. */
export function withDates<M extends Pick<MeetingDoc, 'startAt' | 'endAt'>>(meeting: M): M {
  return { ...meeting, startAt: new Date(meeting.startAt), endAt: new Date(meeting.endAt) }
}

// A warm instance keeps meetings it read for a few seconds: a burst of check-ins to one meeting
// then costs no meeting read each. A cancellation is seen within this time. The age is measured
// on the request's `now`, so a test can step past it without waiting.
export const meetingCacheMs = 5_000
const cache = new Map<string, { meeting: MeetingDoc; until: number }>()

/** A meeting by id: from this instance's cache when read in the last few seconds, unless `fresh`. */
export async function loadMeeting(db: Db, meetingId: string, now: Date, options: { fresh?: boolean } = {}): Promise<MeetingDoc | null> {
  const hit = cache.get(meetingId)
  if (!options.fresh && hit && hit.until > now.getTime()) return hit.meeting
  const found = await db.get('meetings', meetingId)
  const meeting = found ? withDates(found) : null
  if (meeting) {
    cache.set(meetingId, { meeting, until: now.getTime() + meetingCacheMs })
    if (cache.size > 200) cache.delete(cache.keys().next().value as string)
  } else cache.delete(meetingId)
  return meeting
}

/** A meeting of the caller's branch, or the right refusal. */
export async function meetingOfBranch(db: Db, actor: MemberActor, meetingId: string, now: Date, options: { fresh?: boolean } = {}): Promise<MeetingDoc> {
  const meeting = await loadMeeting(db, meetingId, now, options)
  if (!meeting) fail('MEETING.NOT_FOUND')
  if (meeting.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  return meeting
}

/**
 * Who may run a meeting: members with manageMeetings; a group leader for their own group's
 * 党小组会; and, for running check-in on the day, its host and recorder.
 */
export function canManageMeeting(actor: MemberActor, meeting: Pick<MeetingDoc, 'type' | 'audience' | 'hostId' | 'recorderId'>, forCheckin = false): boolean {
  if (actor.capabilities.includes('manageMeetings')) return true
  const { member } = actor
  if (isOwnGroupMeeting(actor, meeting)) return true
  return forCheckin && (meeting.hostId === member._id || meeting.recorderId === member._id)
}

/** A 党小组会 of exactly the caller's own group, and the caller leads that group. */
export function isOwnGroupMeeting(actor: MemberActor, meeting: Pick<MeetingDoc, 'type' | 'audience'>): boolean {
  const { member } = actor
  return (
    meeting.type === 'groupMeeting' &&
    meeting.audience.kind === 'group' &&
    member.groupId !== null &&
    meeting.audience.groupId === member.groupId &&
    member.positions.includes('groupLeader')
  )
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

export function requireManage(actor: MemberActor, meeting: MeetingDoc, forCheckin = false): void {
  if (!canManageMeeting(actor, meeting, forCheckin)) fail('AUTH.FORBIDDEN')
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
  return {
    id: meeting._id,
    type: meeting.type,
    title: meeting.title,
    startAt: meeting.startAt.toISOString(),
    endAt: meeting.endAt.toISOString(),
    venue: meeting.venue,
    status: meeting.status,
    myRole: audienceRole(meeting.audience, actor.member),
    myStatus: mine.attendance?.status ?? (mine.leave?.status === 'approved' ? 'leave' : null),
    myCheckedInAt: mine.attendance?.checkedInAt ? new Date(mine.attendance.checkedInAt).toISOString() : null,
    myLeave: mine.leave ? { status: mine.leave.status, reason: mine.leave.reason, comment: mine.leave.comment } : null,
    canManage: canManageMeeting(actor, meeting),
    canRunCheckin: canManageMeeting(actor, meeting, true),
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

/** One line of a meeting's attendance sheet. */
export function attendanceRow(member: MemberDoc, groups: Map<string, GroupDoc>, role: 'expected' | 'observer', attendance: AttendanceDoc | null, leave: LeaveDoc | null): AttendanceRow {
  return {
    memberId: member._id,
    name: member.name,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    category: member.category,
    role,
    status: attendance?.status ?? (leave?.status === 'approved' ? 'leave' : 'absent'),
    checkedInAt: attendance?.checkedInAt ? new Date(attendance.checkedInAt).toISOString() : null,
    method: attendance?.method ?? null,
    leaveReason: leave?.reason ?? null,
  }
}
