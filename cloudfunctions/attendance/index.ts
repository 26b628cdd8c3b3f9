import type { AttentionView, MemberAttendanceView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { generatedPaths } from '../../shared/domain/storage'
import { formatFullDate } from '../../shared/domain/time'
import { mayReviewMeetingAttendance } from '../../shared/domain/meeting-roles'
import { callerOf, memberActor, requireAllowed, requireCapability, resolveActor } from '../_lib/actor'
import { attentionStages, heldMeetingStages, membersNeedingAttention, type AttentionRow, type HeldMeeting } from '../_lib/attention'
import { writeWorkbook } from '../_lib/excel'
import { storeGenerated } from '../_lib/files'
import { defineFunction } from '../_lib/handler'
import { meetingOfBranch } from '../_lib/meetings'
import { correctExpected } from './roll'
import { meetingAttendance, memberRecord } from './review'
import { signInWorkbook } from './sheet'

export const main = defineFunction('attendance', {
  'attendance.meeting': async ({ meetingId }, ctx) => {
    const actor = await memberActor(ctx)
    return meetingAttendance(ctx.db, actor, await meetingOfBranch(ctx.db, actor, meetingId), ctx.now)
  },

  /** One member over a period: self, or anyone for those who review attendance. */
  'attendance.member': async ({ memberId, from, to }, ctx): Promise<MemberAttendanceView> => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    let member = actor.member
    if (memberId && memberId !== actor.member._id) {
      requireCapability(actor, 'reviewAttendance')
      const found = await db.get('members', memberId)
      if (!found) fail('ROSTER.MEMBER_NOT_FOUND')
      if (found.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
      member = found
    }
    return memberRecord(db, member, { from, to }, now)
  },

  /** Members with no organisational life for 3 (and 6) consecutive months: one aggregation. */
  'attendance.inactive': async (_input, ctx): Promise<AttentionView> => {
    const actor = requireCapability(await resolveActor(ctx), 'reviewAttendance')
    const { branchId } = actor.member
    const [rows, held] = await Promise.all([
      ctx.db.aggregate<AttentionRow>('members', attentionStages(branchId, ctx.now)),
      ctx.db.aggregate<HeldMeeting>('meetings', heldMeetingStages(branchId, ctx.now)),
    ])
    return membersNeedingAttention(rows, held, ctx.now)
  },

  /** A correction of a closed meeting's expected list: the only way it changes after the end. */
  'attendance.correctRoll': async (input, ctx) => {
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(ctx.db, actor, input.meetingId)
    return correctExpected(ctx.db, actor, meeting, input, ctx.now)
  },

  /** The sign-in sheet and the meeting record as a 台账 files them. */
  'attendance.exportSheet': async ({ meetingId }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId)
    // A meeting that did not take place has no sign-in sheet for the 台账.
    if (meeting.status === 'cancelled') {
      requireAllowed(mayReviewMeetingAttendance(callerOf(actor), meeting))
      fail('MEETING.CANCELLED', '会议已取消，没有签到表可导出')
    }
    const [view, minutes] = await Promise.all([meetingAttendance(db, actor, meeting, now), db.get('minutes', meetingId)])
    const content = await writeWorkbook(signInWorkbook(view, minutes, now))
    return storeGenerated(generatedPaths.meetingSheet(meeting.branchId, meeting._id, now.getTime()), content, `${formatFullDate(meeting.startAt)}${meeting.title}签到表.xlsx`)
  },
})
