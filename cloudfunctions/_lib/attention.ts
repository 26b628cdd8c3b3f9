import type { AttentionView, InactiveMemberView } from '../../shared/api/contract'
import { attentionLevel, timeWithoutLife } from '../../shared/domain/attendance'
import type { MeetingDoc, MemberDoc } from '../../shared/domain/documents'
import { audienceRole } from '../../shared/domain/meeting'
import { dayMs } from '../../shared/domain/time'
import type { Stage } from './db'

/** How far back attendance is looked at: past the 6-month line with room to spare. */
const lookBackMs = 400 * dayMs

type AttentionRow = Pick<MemberDoc, '_id' | 'name' | 'groupId' | 'category' | 'positions' | 'createdAt'> & { lastAttended: Array<{ startAt: Date }>; group: Array<{ name: string }> }
/** A meeting as the attention rule reads it: who was expected, and when. */
type HeldMeeting = Pick<MeetingDoc, '_id' | 'audience' | 'startAt'>

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
    { $project: { name: 1, groupId: 1, category: 1, positions: 1, createdAt: 1, lastAttended: 1, 'group.name': 1 } },
    { $limit: 1000 },
  ]
}

/** The branch's published meetings of the same period that have ended: whom each expected, and when. */
export const heldMeetingStages = (branchId: string, now: Date): Stage[] => [
  { $match: { branchId, status: 'published', startAt: { $gte: new Date(now.getTime() - lookBackMs) }, endAt: { $lte: now } } },
  { $project: { audience: 1, startAt: 1 } },
  { $limit: 1000 },
]

/**
 * Members without organisational life for 3 (and 6) consecutive months, the longest first, then
 * those who have never attended a meeting they were expected at, however recent; and what was
 * checked (the meetings on record the judgement rests on).
 */
export function membersNeedingAttention(rows: readonly AttentionRow[], held: readonly HeldMeeting[], now: Date): AttentionView {
  const meetings = held
  const members = rows
    .flatMap((m): InactiveMemberView[] => {
      const last = m.lastAttended[0]?.startAt ?? null
      const expectedAt = meetings.filter((x) => audienceRole(x.audience, { ...m, positions: m.positions ?? [] }) === 'expected').map((x) => x.startAt)
      const gap = timeWithoutLife({ joinedAt: m.createdAt ?? now, lastAttendedAt: last, expectedAt }, now)
      if (!gap) return []
      const level = attentionLevel(gap.months)
      if (!level && last) return []
      return [{ memberId: m._id, name: m.name, groupName: m.group[0]?.name ?? null, category: m.category, lastAttendedAt: last ? last.toISOString() : null, months: gap.months, missed: gap.missed, since: gap.since.toISOString(), level }]
    })
    .sort((a, b) => (b.level ?? 0) - (a.level ?? 0) || b.months - a.months || b.missed - a.missed)
  const first = meetings.reduce<Date | null>((min, m) => (!min || m.startAt < min ? m.startAt : min), null)
  return { members, checked: { from: first ? first.toISOString() : null, meetings: meetings.length } }
}

export type { AttentionRow, HeldMeeting }
