import type { ComplianceAlertView } from '../../shared/api/areas/desk'
import { branchCompliance, complianceAlerts, quorumTypes, type ComplianceAlert } from '../../shared/domain/compliance'
import type { BranchDoc, GroupDoc, MeetingDoc, MemberDoc, MemberHistoryDoc } from '../../shared/domain/documents'
import type { FigureAttendance, FigureMeeting, FigureMember } from '../../shared/domain/figures'
import { startOf } from '../../shared/domain/time'
import type { Stage } from './db'

/**
 * A branch's documents as the figures and compliance rules take them, and the lookups that read
 * what 首页's compliance alerts need inside its one aggregation.
 */

/** Category changes (转正…) are the history entries that carry one. */
export const categoryChangesQuery = (branchId: string | { $in: string[] }) => ({ branchId, category: { $exists: true } })

/** A roster entry with its category history, as the figures take it. */
export function figureMember(member: MemberDoc, changes: readonly MemberHistoryDoc[]): FigureMember {
  return {
    id: member._id,
    name: member.name,
    category: member.category,
    positions: member.positions,
    groupId: member.groupId,
    since: member.createdAt,
    leftAt: member.status === 'transferredOut' ? (member.transferredAt ?? member.updatedAt) : null,
    joinedPartyAt: member.joinedPartyAt,
    branchId: member.branchId,
    categoryChanges: changes
      .filter((h) => h.category)
      .map((h) => ({ at: h.at, from: h.category!.from, to: h.category!.to }))
      .sort((a, b) => a.at.getTime() - b.at.getTime()),
  }
}

/** Roster entries with each one's own category changes. */
export function figureMembers(members: readonly MemberDoc[], history: readonly MemberHistoryDoc[]): FigureMember[] {
  const changesOf = new Map<string, MemberHistoryDoc[]>()
  for (const h of history) changesOf.set(h.memberId, [...(changesOf.get(h.memberId) ?? []), h])
  return members.map((m) => figureMember(m, changesOf.get(m._id) ?? []))
}

export function figureMeeting(m: Pick<MeetingDoc, '_id' | 'type' | 'title' | 'startAt' | 'endAt' | 'status' | 'audience' | 'hostId' | 'branchId'>): FigureMeeting {
  return { id: m._id, type: m.type, title: m.title, startAt: m.startAt, endAt: m.endAt, status: m.status, audience: m.audience, hostId: m.hostId, branchId: m.branchId }
}

export function alertView(a: ComplianceAlert): ComplianceAlertView {
  return { kind: a.kind, groupId: a.groupId, status: a.status, text: a.text, end: a.end.toISOString() }
}

/** When a branch's records begin: its first roster entry. */
export function recordsSince(members: ReadonlyArray<Pick<MemberDoc, 'createdAt'>>): Date | undefined {
  const times = members.map((m) => m.createdAt.getTime())
  return times.length ? new Date(Math.min(...times)) : undefined
}

/** What the compliance lookups add to a row. */
export interface ComplianceRows {
  complianceMeetings: Array<Pick<MeetingDoc, '_id' | 'type' | 'title' | 'startAt' | 'endAt' | 'status' | 'audience' | 'hostId' | 'branchId'>>
  complianceCame: Array<{ _id: string; came: Array<{ memberId: string }> }>
  complianceRoster: MemberDoc[]
  complianceChanges: MemberHistoryDoc[]
  complianceGroups: GroupDoc[]
}

/**
 * Lookups, each a sub-query placed beside the row of an aggregation, of what the alerts are
 * judged from: the branch's meetings held since the start of last year (the earliest period an
 * alert looks at is last year, for the yearly kinds), and who came to those whose quorum decides
 * whether they count; its roster with category changes (the roll of each meeting's day); its
 * groups. Bounded by the branch's size and two years of meetings, whatever the number of records.
 */
export function complianceStages(branchId: string, now: Date): Stage[] {
  const from = startOf('year', new Date(startOf('year', now).getTime() - 1))
  const beside = (from_: string, as: string, pipeline: Stage[]): Stage => ({ $lookup: { from: from_, pipeline, as } })
  const held = { branchId, status: 'published', startAt: { $gte: from }, endAt: { $lte: now } }
  return [
    beside('meetings', 'complianceMeetings', [{ $match: held }, { $project: { type: 1, title: 1, startAt: 1, endAt: 1, status: 1, audience: 1, hostId: 1, branchId: 1 } }, { $limit: 1000 }]),
    // Who came, only to the meetings whose quorum decides whether they count.
    beside('meetings', 'complianceCame', [
      { $match: { ...held, type: { $in: [...quorumTypes] } } },
      {
        $lookup: {
          from: 'attendance',
          let: { meetingId: '$_id' },
          pipeline: [{ $match: { $expr: { $eq: ['$meetingId', '$$meetingId'] }, status: { $in: ['present', 'late'] } } }, { $project: { _id: 0, memberId: 1 } }],
          as: 'came',
        },
      },
      { $project: { came: 1 } },
      { $limit: 1000 },
    ]),
    beside('members', 'complianceRoster', [
      { $match: { branchId } },
      { $project: { name: 1, category: 1, positions: 1, groupId: 1, createdAt: 1, updatedAt: 1, status: 1, transferredAt: 1, joinedPartyAt: 1, branchId: 1 } },
      { $limit: 1000 },
    ]),
    beside('memberHistory', 'complianceChanges', [{ $match: categoryChangesQuery(branchId) }, { $limit: 1000 }]),
    beside('groups', 'complianceGroups', [{ $match: { branchId } }, { $sort: { order: 1 } }, { $limit: 100 }]),
  ]
}

/** The alerts of a branch from what `complianceStages` looked up: the same rules as the desk's calendar. */
export function complianceAlertsOf(branch: Pick<BranchDoc, 'complianceRules'> | null, rows: ComplianceRows, now: Date): ComplianceAlertView[] {
  const meetings = rows.complianceMeetings.map(figureMeeting)
  const attendance: FigureAttendance[] = rows.complianceCame.flatMap((m) => m.came.map((c) => ({ meetingId: m._id, memberId: c.memberId, status: 'present' as const })))
  const records = { meetings, members: figureMembers(rows.complianceRoster, rows.complianceChanges), attendance }
  const groups = rows.complianceGroups.map((g) => ({ id: g._id, name: g.name }))
  return complianceAlerts(branchCompliance({ records, groups, setting: branch?.complianceRules, since: recordsSince(rows.complianceRoster), now })).map(alertView)
}
