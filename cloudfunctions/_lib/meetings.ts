import type { AttendanceRow, MeetingSummaryView, MeetingView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { audienceRole, checkinWindow, type AttendanceStatus, type CheckinPolicy, type MeetingAudience, type MeetingType } from '../../shared/domain/meeting'
import type { GroupDoc, MemberDoc } from '../../shared/domain/roster'
import type { MemberActor } from './actor'
import { getAllCounted, getById } from './db'

/** 组织生活: one meeting of a branch. */
export interface MeetingDoc {
  _id: string
  branchId: string
  type: MeetingType
  title: string
  startAt: Date
  endAt: Date
  venue: string
  audience: MeetingAudience
  hostId: string | null
  recorderId: string | null
  agenda: string[]
  checkin: CheckinPolicy
  status: 'draft' | 'published' | 'cancelled'
  cancelReason: string | null
  /** Short code for the printed static check-in code (mini-program code scene). */
  code: string
  /** Key that signs this meeting's rotating check-in tokens. Never leaves the server. */
  secret: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** One record per member per meeting: `_id` is `${meetingId}_${memberId}`. */
export interface AttendanceDoc {
  _id: string
  meetingId: string
  branchId: string
  memberId: string
  status: AttendanceStatus
  checkedInAt: Date | null
  method: 'rotating' | 'static' | 'manual'
  distanceMeters: number | null
  updatedAt: Date
}

/** 请假: `_id` is `${meetingId}_${memberId}`. */
export interface LeaveDoc {
  _id: string
  meetingId: string
  branchId: string
  memberId: string
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  comment: string | null
  requestedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
}

export const attendanceId = (meetingId: string, memberId: string) => `${meetingId}_${memberId}`

// A warm instance keeps meetings it read for a few seconds: a burst of check-ins to one meeting
// then costs no meeting read each. A cancellation is seen within this time.
const cacheMs = 5_000
const cache = new Map<string, { meeting: MeetingDoc; until: number }>()

export async function loadMeeting(meetingId: string, options: { fresh?: boolean } = {}): Promise<MeetingDoc | null> {
  const hit = cache.get(meetingId)
  if (!options.fresh && hit && hit.until > Date.now()) return hit.meeting
  const meeting = await getById<MeetingDoc>('meetings', meetingId)
  if (meeting) {
    meeting.startAt = new Date(meeting.startAt)
    meeting.endAt = new Date(meeting.endAt)
    cache.set(meetingId, { meeting, until: Date.now() + cacheMs })
    if (cache.size > 200) cache.delete(cache.keys().next().value as string)
  } else cache.delete(meetingId)
  return meeting
}

/** A meeting of the caller's branch, or the right refusal. */
export async function meetingOfBranch(actor: MemberActor, meetingId: string, options: { fresh?: boolean } = {}): Promise<MeetingDoc> {
  const meeting = await loadMeeting(meetingId, options)
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
export async function meetingAudience(meeting: MeetingDoc): Promise<{ expected: MemberDoc[]; observersAllowed: boolean; all: MemberDoc[] }> {
  const all = await getAllCounted<MemberDoc>('members', { branchId: meeting.branchId, status: 'active' })
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

export async function meetingView(meeting: MeetingDoc, actor: MemberActor, now: Date): Promise<MeetingView> {
  const [attendance, leave, host, recorder, group] = await Promise.all([
    getById<AttendanceDoc>('attendance', attendanceId(meeting._id, actor.member._id)),
    getById<LeaveDoc>('leaveRequests', attendanceId(meeting._id, actor.member._id)),
    meeting.hostId ? getById<MemberDoc>('members', meeting.hostId) : Promise.resolve(null),
    meeting.recorderId ? getById<MemberDoc>('members', meeting.recorderId) : Promise.resolve(null),
    meeting.audience.groupId ? getById<GroupDoc>('groups', meeting.audience.groupId) : Promise.resolve(null),
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
