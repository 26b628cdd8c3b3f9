import type { LeaveView, MakeupView } from '../../shared/api/contract'
import { AppError, fail } from '../../shared/errors'
import { meetingTypeLabels } from '../../shared/domain/meeting'
import { decidesLeave, mayDecideLeave, roleAt } from '../../shared/domain/meeting-roles'
import { formatDateTime } from '../../shared/domain/time'
import { leaveDecidedContent, versionOf } from '../../shared/domain/reminders'
import { attendanceId, type GroupDoc, type LeaveDoc, type MakeupDoc, type MeetingDoc, type MemberDoc, type MinutesDoc } from '../../shared/domain/documents'
import { callerOf, memberActor, requireAllowed, requireCapability, resolveActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { dispatchReminders, queueReminder, sendingAtOnce } from '../_lib/reminders'
import { meetingOfBranch } from '../_lib/meetings'

function leaveView(leave: LeaveDoc, meeting: MeetingDoc, member: MemberDoc, groups: Map<string, GroupDoc>): LeaveView {
  return {
    meetingId: meeting._id,
    meetingTitle: meeting.title,
    meetingType: meeting.type,
    startAt: meeting.startAt.toISOString(),
    memberId: member._id,
    memberName: member.name,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    reason: leave.reason,
    status: leave.status,
    comment: leave.comment,
    requestedAt: leave.requestedAt.toISOString(),
  }
}

async function groupsOf(db: Db, branchId: string): Promise<Map<string, GroupDoc>> {
  return new Map((await db.all('groups', { branchId })).map((g) => [g._id, g]))
}

/** What the member studies: the saved record, else the meeting's agenda. */
function studyMaterial(meeting: MeetingDoc | undefined, minutes: MinutesDoc | undefined): MakeupView['minutes'] {
  if (minutes) return { topics: minutes.topics, content: minutes.content, decisions: minutes.decisions, recorded: true }
  return meeting ? { topics: meeting.agenda, content: '', decisions: '', recorded: false } : null
}

function makeupView(makeup: MakeupDoc, meeting: MeetingDoc | undefined, member: MemberDoc | undefined, material: MakeupView['minutes'] = null): MakeupView {
  return {
    id: makeup._id,
    meetingId: makeup.meetingId,
    meetingTitle: meeting?.title ?? '',
    meetingType: meeting?.type ?? 'other',
    meetingStartAt: meeting ? meeting.startAt.toISOString() : '',
    meetingEndAt: meeting ? meeting.endAt.toISOString() : '',
    minutes: material,
    memberId: makeup.memberId,
    memberName: member?.name ?? '',
    status: makeup.status,
    note: makeup.note,
    completedAt: makeup.completedAt?.toISOString() ?? null,
  }
}

export const main = defineFunction('leave', {
  /** 请假: before the start, with a reason; one request per member per meeting. */
  'leave.request': async ({ meetingId, reason }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId)
    if (meeting.status !== 'published') fail(meeting.status === 'cancelled' ? 'MEETING.CANCELLED' : 'MEETING.NOT_PUBLISHED')
    if (now.getTime() >= meeting.startAt.getTime()) fail('LEAVE.TOO_LATE')
    if (roleAt(callerOf(actor), meeting) !== 'expected') fail('CHECKIN.NOT_IN_AUDIENCE')
    const key = attendanceId(meetingId, actor.member._id)
    const [existing, attendance] = await Promise.all([db.get('leaveRequests', key), db.get('attendance', key)])
    if (attendance?.checkedInAt) fail('LEAVE.ALREADY_CHECKED_IN')
    if (existing && existing.status !== 'rejected') fail('LEAVE.EXISTS')
    const leave: LeaveDoc = { _id: key, meetingId, branchId: meeting.branchId, memberId: actor.member._id, reason, status: 'pending', comment: null, requestedAt: now, decidedAt: null, decidedBy: null }
    const { _id, ...data } = leave
    await db.set('leaveRequests', _id, data)
    return leaveView(leave, meeting, actor.member, await groupsOf(db, meeting.branchId))
  },

  'leave.listPending': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    const pending = await db.all('leaveRequests', { branchId: actor.member.branchId, status: 'pending' }, ['requestedAt', 'asc'])
    const meetingIds = [...new Set(pending.map((l) => l.meetingId))]
    const memberIds = [...new Set(pending.map((l) => l.memberId))]
    const [meetings, members, groups] = await Promise.all([
      meetingIds.length ? db.all('meetings', { _id: { $in: meetingIds } }) : Promise.resolve([]),
      memberIds.length ? db.all('members', { _id: { $in: memberIds } }) : Promise.resolve([]),
      groupsOf(db, actor.member.branchId),
    ])
    const caller = callerOf(actor)
    const mayApprove = meetings.filter((m) => mayDecideLeave(caller, m))
    if (!mayApprove.length && !decidesLeave(caller)) fail('AUTH.FORBIDDEN')
    return pending.flatMap((l) => {
      const meeting = mayApprove.find((m) => m._id === l.meetingId)
      const member = members.find((m) => m._id === l.memberId)
      return meeting && member ? [leaveView(l, meeting, member, groups)] : []
    })
  },

  /** Approve or reject with a comment; the member is told in the inbox; approval creates a 补学 item. */
  'leave.decide': async ({ meetingId, memberId, approve, comment }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayDecideLeave(callerOf(actor), meeting))
    const key = attendanceId(meetingId, memberId)
    const [leave, member] = await Promise.all([db.get('leaveRequests', key), db.get('members', memberId)])
    if (!leave || !member) fail('NOT_FOUND')
    const status = approve ? 'approved' : 'rejected'
    const reminder = {
      kind: 'leaveDecided' as const,
      // Each decision is its own occurrence: a second request, decided again, is told again.
      subject: { type: 'meeting' as const, id: meetingId, version: `leave-${memberId}-${versionOf(now)}` },
      memberId,
      branchId: meeting.branchId,
      at: now,
      content: leaveDecidedContent(
        {
          meetingId,
          meetingTitle: meeting.title,
          typeLabel: meetingTypeLabels[meeting.type],
          startAt: meeting.startAt,
          approved: approve,
          comment: comment ?? null,
          approverName: actor.member.name,
        },
        now,
      ),
    }
    // Decision, 补学 item and the reminder (with its inbox copy) land together or not at all;
    // one decision wins a race. The reminder is sent after the commit.
    const reminderId = await db.transaction(async (tx) => {
      const current = await tx.get('leaveRequests', key)
      if (current?.status !== 'pending') throw new AppError('LEAVE.NOT_PENDING')
      await tx.update('leaveRequests', key, { status, comment: comment ?? null, decidedAt: now, decidedBy: actor.member._id })
      if (approve) {
        await tx.set('makeups', key, { meetingId, memberId, branchId: meeting.branchId, status: 'open', note: null, createdAt: now, completedAt: null })
      }
      return queueReminder(tx, reminder, now)
    })
    // A send that does not finish in time stays queued: the reminder timer picks it up.
    await dispatchReminders(db, [reminderId], now, sendingAtOnce())
    return leaveView({ ...leave, status, comment: comment ?? null }, meeting, member, await groupsOf(db, meeting.branchId))
  },

  'leave.makeups': async ({ scope }, ctx) => {
    const { db } = ctx
    const actor = scope === 'branch' ? requireCapability(await resolveActor(ctx), 'reviewAttendance') : await memberActor(ctx)
    const makeups = await db.all('makeups', scope === 'branch' ? { branchId: actor.member.branchId } : { memberId: actor.member._id }, ['createdAt', 'desc'])
    const meetingIds = [...new Set(makeups.map((m) => m.meetingId))]
    const memberIds = [...new Set(makeups.map((m) => m.memberId))]
    const mine = scope === 'mine'
    const [meetings, members, minutes] = await Promise.all([
      meetingIds.length ? db.all('meetings', { _id: { $in: meetingIds } }) : Promise.resolve([]),
      memberIds.length ? db.all('members', { _id: { $in: memberIds } }) : Promise.resolve([]),
      // The member's own list carries what to study; the branch's overview does not need it.
      mine && meetingIds.length ? db.all('minutes', { _id: { $in: meetingIds } }) : Promise.resolve([]),
    ])
    return makeups.map((m) => {
      const meeting = meetings.find((x) => x._id === m.meetingId)
      const material = mine ? studyMaterial(meeting, minutes.find((x) => x._id === m.meetingId)) : null
      return makeupView(m, meeting, members.find((x) => x._id === m.memberId), material)
    })
  },

  'leave.completeMakeup': async ({ makeupId, note }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const makeup = await db.get('makeups', makeupId)
    if (!makeup || makeup.memberId !== actor.member._id) fail('MAKEUP.NOT_FOUND')
    if (makeup.status === 'done') fail('MAKEUP.DONE')
    const [meeting, minutes] = await Promise.all([db.get('meetings', makeup.meetingId), db.get('minutes', makeup.meetingId)])
    // One studies a meeting that took place: 补学 opens when it has ended.
    if (meeting && now.getTime() < meeting.endAt.getTime()) fail('MAKEUP.NOT_YET', `会议结束后才能补学（${formatDateTime(meeting.endAt, now)} 以后）`)
    // Completed only while still open, in one conditional write: of several at once one lands.
    const completed = await db.updateWhere('makeups', { _id: makeupId, memberId: actor.member._id, status: 'open' }, { status: 'done', note, completedAt: now })
    if (completed !== 1) fail('MAKEUP.DONE')
    return makeupView({ ...makeup, status: 'done', note, completedAt: now }, meeting ?? undefined, actor.member, studyMaterial(meeting ?? undefined, minutes ?? undefined))
  },
})
