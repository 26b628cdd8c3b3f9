import type { LeaveView, MakeupView } from '../../shared/api/contract'
import { AppError, fail } from '../../shared/errors'
import { audienceRole, meetingTypeLabels } from '../../shared/domain/meeting'
import type { GroupDoc, MemberDoc } from '../../shared/domain/roster'
import { requireCapability, requireMember, resolveActor, type MemberActor } from '../_lib/actor'
import { _, db } from '../_lib/cloud'
import { getAll, getById } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { inboxMessage } from '../_lib/inbox'
import { runTransaction } from '../_lib/transaction'
import { attendanceId, isOwnGroupMeeting, meetingOfBranch, type AttendanceDoc, type LeaveDoc, type MeetingDoc } from '../_lib/meetings'

interface MakeupDoc {
  _id: string
  meetingId: string
  memberId: string
  branchId: string
  status: 'open' | 'done'
  note: string | null
  createdAt: Date
  completedAt: Date | null
}

/** Who decides on leave: approveLeave holders; for a 党小组会, also that group's leader. */
function mayDecide(actor: MemberActor, meeting: MeetingDoc): boolean {
  return actor.capabilities.includes('approveLeave') || isOwnGroupMeeting(actor, meeting)
}

function leaveView(leave: LeaveDoc, meeting: MeetingDoc, member: MemberDoc, groups: Map<string, GroupDoc>): LeaveView {
  return {
    meetingId: meeting._id,
    meetingTitle: meeting.title,
    meetingType: meeting.type,
    startAt: new Date(meeting.startAt).toISOString(),
    memberId: member._id,
    memberName: member.name,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    reason: leave.reason,
    status: leave.status,
    comment: leave.comment,
    requestedAt: new Date(leave.requestedAt).toISOString(),
  }
}

async function groupsOf(branchId: string): Promise<Map<string, GroupDoc>> {
  return new Map((await getAll<GroupDoc>('groups', { branchId })).map((g) => [g._id, g]))
}

function makeupView(makeup: MakeupDoc, meeting: MeetingDoc | undefined, member: MemberDoc | undefined): MakeupView {
  return {
    id: makeup._id,
    meetingId: makeup.meetingId,
    meetingTitle: meeting?.title ?? '',
    meetingType: meeting?.type ?? 'other',
    meetingStartAt: meeting ? new Date(meeting.startAt).toISOString() : '',
    memberId: makeup.memberId,
    memberName: member?.name ?? '',
    status: makeup.status,
    note: makeup.note,
    completedAt: makeup.completedAt ? new Date(makeup.completedAt).toISOString() : null,
  }
}

export const main = defineFunction('leave', {
  /** 请假: before the start, with a reason; one request per member per meeting. */
  'leave.request': async ({ meetingId, reason }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const meeting = await meetingOfBranch(actor, meetingId, { fresh: true })
    if (meeting.status !== 'published') fail(meeting.status === 'cancelled' ? 'MEETING.CANCELLED' : 'MEETING.NOT_PUBLISHED')
    if (now.getTime() >= meeting.startAt.getTime()) fail('LEAVE.TOO_LATE')
    if (audienceRole(meeting.audience, actor.member) !== 'expected') fail('CHECKIN.NOT_IN_AUDIENCE')
    const key = attendanceId(meetingId, actor.member._id)
    const [existing, attendance] = await Promise.all([getById<LeaveDoc>('leaveRequests', key), getById<AttendanceDoc>('attendance', key)])
    if (attendance?.checkedInAt) fail('LEAVE.ALREADY_CHECKED_IN')
    if (existing && existing.status !== 'rejected') fail('LEAVE.EXISTS')
    const leave: LeaveDoc = { _id: key, meetingId, branchId: meeting.branchId, memberId: actor.member._id, reason, status: 'pending', comment: null, requestedAt: now, decidedAt: null, decidedBy: null }
    const { _id, ...data } = leave
    await db.collection('leaveRequests').doc(_id).set({ data })
    return leaveView(leave, meeting, actor.member, await groupsOf(meeting.branchId))
  },

  'leave.listPending': async (_input, { caller }) => {
    const actor = requireMember(await resolveActor(caller))
    const pending = await getAll<LeaveDoc>('leaveRequests', { branchId: actor.member.branchId, status: 'pending' }, ['requestedAt', 'asc'])
    const meetingIds = [...new Set(pending.map((l) => l.meetingId))]
    const memberIds = [...new Set(pending.map((l) => l.memberId))]
    const [meetings, members, groups] = await Promise.all([
      meetingIds.length ? getAll<MeetingDoc>('meetings', { _id: _.in(meetingIds) }) : Promise.resolve([]),
      memberIds.length ? getAll<MemberDoc>('members', { _id: _.in(memberIds) }) : Promise.resolve([]),
      groupsOf(actor.member.branchId),
    ])
    const mayApprove = meetings.filter((m) => mayDecide(actor, m))
    if (!mayApprove.length && !actor.capabilities.includes('approveLeave') && !actor.member.positions.includes('groupLeader')) fail('AUTH.FORBIDDEN')
    return pending.flatMap((l) => {
      const meeting = mayApprove.find((m) => m._id === l.meetingId)
      const member = members.find((m) => m._id === l.memberId)
      return meeting && member ? [leaveView(l, meeting, member, groups)] : []
    })
  },

  /** Approve or reject with a comment; the member is told in the inbox; approval creates a 补学 item. */
  'leave.decide': async ({ meetingId, memberId, approve, comment }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const meeting = await meetingOfBranch(actor, meetingId, { fresh: true })
    if (!mayDecide(actor, meeting)) fail('AUTH.FORBIDDEN')
    const key = attendanceId(meetingId, memberId)
    const [leave, member] = await Promise.all([getById<LeaveDoc>('leaveRequests', key), getById<MemberDoc>('members', memberId)])
    if (!leave || !member) fail('NOT_FOUND')
    const status = approve ? 'approved' : 'rejected'
    const when = new Date(meeting.startAt.getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ').replace('-', '月').replace(' ', '日 ')
    const message = inboxMessage({
      memberId,
      branchId: meeting.branchId,
      kind: approve ? 'leaveApproved' : 'leaveRejected',
      title: approve ? '请假已批准' : '请假未批准',
      body: `${meetingTypeLabels[meeting.type]}“${meeting.title}”（${when}）的请假${approve ? '已批准，请在会后完成补学' : '未批准'}${comment ? `。审批意见：${comment}` : ''}`,
      link: approve ? 'pages/makeup/index' : `pages/meeting/index?id=${meetingId}`,
      createdAt: now,
    })
    // Decision, 补学 item and message land together or not at all; one decision wins a race.
    await runTransaction(async (tx) => {
      const current = await tx.collection('leaveRequests').doc<LeaveDoc>(key).get()
      if (current.data?.status !== 'pending') throw new AppError('LEAVE.NOT_PENDING')
      await tx.collection('leaveRequests').doc(key).update({ data: { status, comment: comment ?? null, decidedAt: now, decidedBy: actor.member._id } })
      if (approve) {
        await tx.collection('makeups').doc(key).set({ data: { meetingId, memberId, branchId: meeting.branchId, status: 'open', note: null, createdAt: now, completedAt: null } })
      }
      await tx.collection('inbox').add({ data: message as unknown as Record<string, unknown> })
    })
    return leaveView({ ...leave, status, comment: comment ?? null }, meeting, member, await groupsOf(meeting.branchId))
  },

  'leave.makeups': async ({ scope }, { caller }) => {
    const actor = scope === 'branch' ? requireCapability(await resolveActor(caller), 'reviewAttendance') : requireMember(await resolveActor(caller))
    const makeups = await getAll<MakeupDoc>('makeups', scope === 'branch' ? { branchId: actor.member.branchId } : { memberId: actor.member._id }, ['createdAt', 'desc'])
    const meetingIds = [...new Set(makeups.map((m) => m.meetingId))]
    const memberIds = [...new Set(makeups.map((m) => m.memberId))]
    const [meetings, members] = await Promise.all([
      meetingIds.length ? getAll<MeetingDoc>('meetings', { _id: _.in(meetingIds) }) : Promise.resolve([]),
      memberIds.length ? getAll<MemberDoc>('members', { _id: _.in(memberIds) }) : Promise.resolve([]),
    ])
    return makeups.map((m) => makeupView(m, meetings.find((x) => x._id === m.meetingId), members.find((x) => x._id === m.memberId)))
  },

  'leave.completeMakeup': async ({ makeupId, note }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const makeup = await getById<MakeupDoc>('makeups', makeupId)
    if (!makeup || makeup.memberId !== actor.member._id) fail('MAKEUP.NOT_FOUND')
    if (makeup.status === 'done') fail('MAKEUP.DONE')
    await db.collection('makeups').doc(makeupId).update({ data: { status: 'done', note, completedAt: now } })
    const meeting = await getById<MeetingDoc>('meetings', makeup.meetingId)
    return makeupView({ ...makeup, status: 'done', note, completedAt: now }, meeting ?? undefined, actor.member)
  },
})
