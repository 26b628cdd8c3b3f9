import type { MeetingAttendanceView } from '../../shared/api/contract'
import { audienceRole, quorum } from '../../shared/domain/meeting'
import type { GroupDoc } from '../../shared/domain/roster'
import { requireMember, resolveActor } from '../_lib/actor'
import { getAll } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { attendanceRow, meetingAudience, meetingOfBranch, meetingView, requireManage, type AttendanceDoc, type LeaveDoc } from '../_lib/meetings'

interface AttendanceLogDoc {
  memberId: string
  at: Date
  byName: string
  before: MeetingAttendanceView['corrections'][number]['before']
  after: MeetingAttendanceView['corrections'][number]['after']
  reason: string
}

export const main = defineFunction('attendance', {
  /**
   * A meeting's attendance: 应到 / 实到 / 迟到 / 请假 / 缺席, by group, with times, the quorum where
   * one applies, and every correction. A fixed number of reads whatever the branch's size.
   */
  'attendance.meeting': async ({ meetingId }, { caller, now }): Promise<MeetingAttendanceView> => {
    const actor = requireMember(await resolveActor(caller))
    const meeting = await meetingOfBranch(actor, meetingId)
    const mayReview = actor.capabilities.includes('reviewAttendance')
    if (!mayReview) requireManage(actor, meeting, true)
    const [audience, records, leaves, groupList, log] = await Promise.all([
      meetingAudience(meeting),
      getAll<AttendanceDoc>('attendance', { meetingId }),
      getAll<LeaveDoc>('leaveRequests', { meetingId }),
      getAll<GroupDoc>('groups', { branchId: meeting.branchId }, ['order', 'asc']),
      getAll<AttendanceLogDoc>('attendanceLog', { meetingId }, ['at', 'asc']),
    ])
    const groups = new Map(groupList.map((g) => [g._id, g]))
    const recordOf = new Map(records.map((r) => [r.memberId, r]))
    const leaveOf = new Map(leaves.map((l) => [l.memberId, l]))
    const nameOf = new Map(audience.all.map((m) => [m._id, m.name]))
    const rows = audience.all.flatMap((m) => {
      const role = audienceRole(meeting.audience, m)
      const record = recordOf.get(m._id) ?? null
      if (role === 'expected') return [attendanceRow(m, groups, 'expected', record, leaveOf.get(m._id) ?? null)]
      // Observers appear once they came.
      return record ? [attendanceRow(m, groups, 'observer', record, null)] : []
    })
    const expectedRows = rows.filter((r) => r.role === 'expected')
    const count = (status: string) => expectedRows.filter((r) => r.status === status).length
    const present = count('present')
    const late = count('late')
    const attendedIds = new Set(expectedRows.filter((r) => r.status === 'present' || r.status === 'late').map((r) => r.memberId))
    const byGroup = [...groupList.map((g) => ({ id: g._id as string | null, name: g.name })), { id: null, name: '未分组' }]
      .map((g) => {
        const inGroup = expectedRows.filter((r) => (audience.all.find((m) => m._id === r.memberId)?.groupId ?? null) === g.id)
        return {
          groupId: g.id,
          groupName: g.name,
          expected: inGroup.length,
          attended: inGroup.filter((r) => attendedIds.has(r.memberId)).length,
          leave: inGroup.filter((r) => r.status === 'leave').length,
          absent: inGroup.filter((r) => r.status === 'absent').length,
        }
      })
      .filter((g) => g.expected > 0)
    return {
      meeting: await meetingView(meeting, actor, now),
      expected: expectedRows.length,
      present,
      late,
      leave: count('leave'),
      absent: count('absent'),
      observers: rows.filter((r) => r.role === 'observer').length,
      rate: expectedRows.length ? Math.round(((present + late) / expectedRows.length) * 1000) / 1000 : 0,
      byGroup,
      quorum: quorum(meeting.type, audience.expected, attendedIds),
      rows,
      corrections: log.map((l) => ({ at: new Date(l.at).toISOString(), byName: l.byName, memberName: nameOf.get(l.memberId) ?? '', before: l.before, after: l.after, reason: l.reason })),
    }
  },
})
