import type { InactiveMemberView } from '../../shared/api/contract'
import { attentionLevel } from '../../shared/domain/attendance'
import type { MemberDoc } from '../../shared/domain/documents'
import { monthsWithoutAttendance } from '../../shared/domain/meeting'
import { dayMs } from '../../shared/domain/time'
import type { Stage } from './db'

/** How far back attendance is looked at: past the 6-month line with room to spare. */
const lookBackMs = 400 * dayMs

type AttentionRow = Pick<MemberDoc, '_id' | 'name' | 'groupId' | 'category' | 'createdAt'> & { lastAttended: Array<{ startAt: Date }>; group: Array<{ name: string }> }

/**
 * Stages over `members`: a branch's Party members, each with the start of the last published
 * meeting they attended (on time or late) and their group's name. One aggregation, whatever the
 * branch's size; used alone (the list) and inside the desk's aggregation (the count).
 */
export function attentionStages(branchId: string, now: Date): Stage[] {
  const since = new Date(now.getTime() - lookBackMs)
  return [
    { $match: { branchId, status: 'active', category: { $in: ['full', 'probationary'] } } },
    { $sort: { _id: 1 } },
    {
      $lookup: {
        from: 'attendance',
        let: { memberId: '$_id' },
        pipeline: [
          { $match: { $expr: { $eq: ['$memberId', '$$memberId'] }, branchId, status: { $in: ['present', 'late'] } } },
          { $lookup: { from: 'meetings', localField: 'meetingId', foreignField: '_id', as: 'meeting' } },
          { $unwind: '$meeting' },
          { $match: { 'meeting.status': 'published', 'meeting.startAt': { $gte: since, $lte: now } } },
          { $project: { _id: 0, startAt: '$meeting.startAt' } },
          { $sort: { startAt: -1 } },
          { $limit: 1 },
        ],
        as: 'lastAttended',
      },
    },
    { $lookup: { from: 'groups', localField: 'groupId', foreignField: '_id', as: 'group' } },
    { $project: { name: 1, groupId: 1, category: 1, createdAt: 1, lastAttended: 1, 'group.name': 1 } },
    { $limit: 1000 },
  ]
}

/** Members without organisational life for 3 (and 6) consecutive months, the longest first. */
export function membersNeedingAttention(rows: readonly AttentionRow[], now: Date): InactiveMemberView[] {
  const since = new Date(now.getTime() - lookBackMs)
  return rows
    .flatMap((m) => {
      const last = m.lastAttended[0] ? new Date(m.lastAttended[0].startAt) : null
      const months = monthsWithoutAttendance(last ? [last] : [], now, new Date(m.createdAt ?? since))
      const level = attentionLevel(months)
      if (!level) return []
      return [{ memberId: m._id, name: m.name, groupName: m.group[0]?.name ?? null, category: m.category, lastAttendedAt: last ? last.toISOString() : null, months, level }]
    })
    .sort((a, b) => b.months - a.months)
}

export type { AttentionRow }
