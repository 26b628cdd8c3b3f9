import type { MeetingAttendanceView, MemberAttendanceView } from '../../shared/api/contract'
import { effectiveStatus, tallyAttendance, attended } from '../../shared/domain/attendance'
import type { MeetingDoc, MemberDoc } from '../../shared/domain/documents'
import { audienceRole, quorum } from '../../shared/domain/meeting'
import { rosterOrder } from '../../shared/domain/member'
import { mayReviewMeetingAttendance } from '../../shared/domain/meeting-roles'
import { callerOf, requireAllowed, type MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { attendanceRow, meetingAudience, meetingRoll, meetingView, tallyRows } from '../_lib/meetings'

/**
 * A meeting's attendance: the shared tally (应到 / 实到 / 迟到 / 请假 / 缺席, by group, rate),
 * every person with their time, the quorum where one applies, and every correction. A fixed
 * number of reads whatever the branch's size.
 */
export async function meetingAttendance(db: Db, actor: MemberActor, meeting: MeetingDoc, now: Date): Promise<MeetingAttendanceView> {
  requireAllowed(mayReviewMeetingAttendance(callerOf(actor), meeting))
  const [audience, records, leaves, groupList, log] = await Promise.all([
    meetingAudience(db, meeting),
    db.allCounted('attendance', { meetingId: meeting._id }),
    db.all('leaveRequests', { meetingId: meeting._id }),
    db.all('groups', { branchId: meeting.branchId }, ['order', 'asc']),
    db.all('attendanceLog', { meetingId: meeting._id }, ['at', 'asc']),
  ])
  const groups = new Map(groupList.map((g) => [g._id, g]))
  const nameOf = new Map(audience.all.map((m) => [m._id, m.name]))
  const byRoster = rosterOrder(groupList.map((g) => g._id))
  const roll = meetingRoll(meeting, audience.all, records, leaves).sort((a, b) => byRoster(a.member, b.member))
  // The reason given with each record's last change, for the sheet's remarks.
  const statusOf = new Map(records.map((r) => [r.memberId, r.status]))
  const lastReason = new Map<string, string>()
  const lastBy = new Map<string, string>()
  for (const l of log) {
    if (statusOf.get(l.memberId) !== l.after) continue
    lastReason.set(l.memberId, l.reason)
    lastBy.set(l.memberId, l.byName)
  }
  const tally = tallyAttendance(
    tallyRows(roll),
    groupList.map((g) => ({ id: g._id, name: g.name })),
  )
  const attendedIds = new Set(roll.filter((e) => e.role === 'expected' && attended(effectiveStatus(e.record, e.leave))).map((e) => e.member._id))
  return {
    meeting: await meetingView(db, meeting, actor, now),
    ...tally,
    quorum: quorum(meeting.type, audience.expected, attendedIds),
    rows: roll.map((e) => attendanceRow(e.member, groups, e.role, e.record, e.leave, lastReason.get(e.member._id) ?? null, lastBy.get(e.member._id) ?? null)),
    corrections: log.map((l) => ({ at: l.at.toISOString(), byName: l.byName, memberName: nameOf.get(l.memberId) ?? '', before: l.before, after: l.after, reason: l.reason })),
  }
}

/** One member's organisational life over a period, counted with the shared tally. */
export async function memberRecord(db: Db, member: MemberDoc, period: { from: string; to: string }, now: Date): Promise<MemberAttendanceView> {
  const meetings = (
    await db.all('meetings', { branchId: member.branchId, status: 'published', startAt: { $gte: new Date(period.from), $lte: new Date(period.to) } }, ['startAt', 'asc'])
  ).filter((m) => audienceRole(m.audience, member) === 'expected')
  const ids = meetings.map((m) => m._id)
  const [records, leaves, group] = await Promise.all([
    ids.length ? db.all('attendance', { memberId: member._id, meetingId: { $in: ids } }) : Promise.resolve([]),
    ids.length ? db.all('leaveRequests', { memberId: member._id, meetingId: { $in: ids }, status: 'approved' }) : Promise.resolve([]),
    member.groupId ? db.get('groups', member.groupId) : Promise.resolve(null),
  ])
  // A meeting still to come counts once the member checked in, not as an absence before it happened.
  const rows = meetings
    .filter((m) => m.endAt.getTime() <= now.getTime() || records.some((r) => r.meetingId === m._id))
    .map((m) => {
      const record = records.find((r) => r.meetingId === m._id)
      return {
        meetingId: m._id,
        title: m.title,
        type: m.type,
        startAt: m.startAt.toISOString(),
        status: effectiveStatus(record, leaves.find((l) => l.meetingId === m._id)),
        checkedInAt: record?.checkedInAt?.toISOString() ?? null,
      }
    })
  const tally = tallyAttendance(rows.map((r) => ({ memberId: member._id, groupId: null, role: 'expected', status: r.status })))
  return {
    member: { id: member._id, name: member.name, groupName: group?.name ?? null },
    from: period.from,
    to: period.to,
    expected: tally.expected,
    attended: tally.attended,
    late: tally.late,
    leave: tally.leave,
    absent: tally.absent,
    rows,
  }
}
