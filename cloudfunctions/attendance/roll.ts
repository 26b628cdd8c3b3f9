import type { MeetingAttendanceView, ParsedInput } from '../../shared/api/contract'
import { AppError, fail } from '../../shared/errors'
import { meetingEnded } from '../../shared/domain/attendance'
import type { MeetingDoc } from '../../shared/domain/documents'
import { categoryAt } from '../../shared/domain/figures'
import { correctRoll, type RollChange } from '../../shared/domain/meeting-roll'
import { mayReviewMeetingAttendance } from '../../shared/domain/meeting-roles'
import { callerOf, requireAllowed, type MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { branchRoster, loadMeeting, settledExpected } from '../_lib/meetings'
import { meetingAttendance } from './review'

/**
 * Corrects a closed meeting's expected list (someone wrongly counted, or missing, or counted in the
 * wrong category for the quorum); one added takes their category on the meeting's day. The list and its log are one document, the meeting's record,
 * written in one transaction from the list as it stands: two corrections at once both land, in
 * turn, or the second is refused if the first made it pointless.
 */
export async function correctExpected(db: Db, actor: MemberActor, meeting: MeetingDoc, input: ParsedInput<'attendance.correctRoll'>, now: Date): Promise<MeetingAttendanceView> {
  requireAllowed(mayReviewMeetingAttendance(callerOf(actor), meeting))
  if (meeting.status !== 'published' || !meetingEnded(meeting, now)) fail('MEETING.ROLL_OPEN')
  const roster = await branchRoster(db, meeting.branchId)
  const member = roster.members.find((m) => m._id === input.change.memberId)
  if (!member) fail('ROSTER.MEMBER_NOT_FOUND')
  // The list as written when the meeting ended (written now, if this is its first read).
  await settledExpected(db, meeting, roster.people, now)
  const change: RollChange =
    input.change.kind === 'add' ? { kind: 'add', person: { memberId: member._id, name: member.name, groupId: member.groupId, category: categoryAt(roster.people.find((p) => p.id === member._id)!, meeting.startAt) } } : input.change
  const by = { memberId: actor.member._id, name: actor.member.name }
  await db.transaction(async (tx) => {
    const current = await tx.get('meetings', meeting._id)
    if (!current?.roll) throw new AppError('MEETING.ROLL_OPEN')
    const corrected = correctRoll(current.roll, change, by, input.reason, now)
    if ('problem' in corrected) throw new AppError('INPUT.INVALID', corrected.problem)
    await tx.update('meetings', meeting._id, { roll: corrected.roll })
  })
  const after = await loadMeeting(db, meeting._id)
  return meetingAttendance(db, actor, after ?? meeting, now)
}
