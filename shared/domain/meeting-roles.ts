import { audienceRole, type MeetingAudience, type MeetingType } from './meeting'
import type { MemberCategory, Position } from './member'
import { capabilityLabels, type Capability } from './permissions'

/**
 * Who does what at a meeting: runs it, shows its code, decides leave, records and reads the
 * minutes. The functions enforce these; the app asks the same functions what to show.
 */

/** The caller as the meeting rules see them. */
export interface MeetingCaller {
  id: string
  groupId: string | null
  category: MemberCategory
  positions: readonly Position[]
  capabilities: readonly Capability[]
}

/** The parts of a meeting the role rules look at. */
export interface MeetingRoleFacts {
  type: MeetingType
  audience: MeetingAudience
  hostId: string | null
  recorderId: string | null
  status: 'draft' | 'published' | 'cancelled'
}

/** A 党小组会 of exactly the caller's own group, and the caller leads that group. */
export function leadsOwnGroupMeeting(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'type' | 'audience'>): boolean {
  return (
    meeting.type === 'groupMeeting' &&
    meeting.audience.kind === 'group' &&
    caller.groupId !== null &&
    meeting.audience.groupId === caller.groupId &&
    caller.positions.includes('groupLeader')
  )
}

/** Creates, edits, publishes and cancels it: members with manageMeetings; a group leader for their own group's 党小组会. */
export function mayManageMeeting(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'type' | 'audience'>): boolean {
  return caller.capabilities.includes('manageMeetings') || leadsOwnGroupMeeting(caller, meeting)
}

/** Runs check-in on the day (shows the code, checks people in by hand): who manages it, its host and its recorder. */
export function mayRunCheckin(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'type' | 'audience' | 'hostId' | 'recorderId'>): boolean {
  return mayManageMeeting(caller, meeting) || meeting.hostId === caller.id || meeting.recorderId === caller.id
}

/** Sees its attendance review and exports its sign-in sheet: who reviews attendance, and who runs its check-in. */
export function mayReviewMeetingAttendance(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'type' | 'audience' | 'hostId' | 'recorderId'>): boolean {
  return caller.capabilities.includes('reviewAttendance') || mayRunCheckin(caller, meeting)
}

/** Decides leave for it: approveLeave holders; for a 党小组会, also that group's leader. */
export function mayDecideLeave(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'type' | 'audience'>): boolean {
  return caller.capabilities.includes('approveLeave') || leadsOwnGroupMeeting(caller, meeting)
}

/** Writes its 会议记录: the 记录人, or whoever manages it. */
export function mayRecordMinutes(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'type' | 'audience' | 'recorderId'>): boolean {
  return meeting.recorderId === caller.id || mayManageMeeting(caller, meeting)
}

/**
 * Reads its 会议记录. The record of a 支委会 is for the committee: those in its audience, who
 * run or record it, and who review attendance. A draft's only for those who record it.
 */
export function mayReadMinutes(caller: MeetingCaller, meeting: MeetingRoleFacts): boolean {
  if (mayRecordMinutes(caller, meeting)) return true
  if (meeting.status === 'draft') return false
  return caller.capabilities.includes('reviewAttendance') || roleAt(caller, meeting) !== 'outside'
}

/** The caller's part in a meeting: expected (应到), observer (列席) or outside it. */
export function roleAt(caller: MeetingCaller, meeting: Pick<MeetingRoleFacts, 'audience'>): 'expected' | 'observer' | 'outside' {
  return audienceRole(meeting.audience, { _id: caller.id, groupId: caller.groupId, positions: caller.positions, category: caller.category })
}

/** Runs meetings at all (新建会议, 我组织的会议, the people to choose from): meeting managers and group leaders. */
export function runsMeetings(caller: Pick<MeetingCaller, 'positions' | 'capabilities'>): boolean {
  return caller.capabilities.includes('manageMeetings') || caller.positions.includes('groupLeader')
}

/** Decides some leave (the list of requests waiting): approveLeave holders and group leaders. */
export function decidesLeave(caller: Pick<MeetingCaller, 'positions' | 'capabilities'>): boolean {
  return caller.capabilities.includes('approveLeave') || caller.positions.includes('groupLeader')
}

/** Creates only their own group's 党小组会 (a group leader without manageMeetings), not meetings of any type. */
export function createsOnlyOwnGroupMeetings(caller: Pick<MeetingCaller, 'capabilities'>): boolean {
  return !caller.capabilities.includes('manageMeetings')
}

/**
 * What a member can do in the branch, in words: their capabilities, and what a 党小组长 does for
 * their own group (runs its 党小组会 with check-in and attendance, decides its leave) where a
 * capability does not already cover it. Empty for a member with no part in running the branch.
 */
export function abilitiesOf(caller: Pick<MeetingCaller, 'positions' | 'capabilities'>): string[] {
  const list = caller.capabilities.map((c) => capabilityLabels[c])
  if (caller.positions.includes('groupLeader')) {
    if (!caller.capabilities.includes('manageMeetings')) list.push('组织本组党小组会（签到、考勤）')
    if (!caller.capabilities.includes('approveLeave')) list.push('审批本组党小组会请假')
  }
  return list
}
