import type { DeskView } from '../../shared/api/contract'
import { stillToAttend } from '../../shared/domain/attendance'
import type { AttendanceDoc, BranchDoc, JoinRequestDoc, LeaveDoc, MeetingDoc, MemberDoc, OrgAdminDoc, OrgDoc } from '../../shared/domain/documents'
import { decidesLeave, mayDecideLeave, roleAt, type MeetingRoleFacts } from '../../shared/domain/meeting-roles'
import { capabilitiesOf, mayReadDesk, mayReviewNotes } from '../../shared/domain/permissions'
import { followedSubjects, notReachedStatuses, reachedNobody, type DeliveryStatus } from '../../shared/domain/reminders'
import { awaitingReview } from '../../shared/domain/study'
import { addCalendar } from '../../shared/domain/time'
import { boundMember, callerOf, type MemberActor } from '../_lib/actor'
import { complianceAlertsOf, complianceStages, type ComplianceRows } from '../_lib/branch-records'
import { attentionStages, heldMeetingStages, membersNeedingAttention, type AttentionRow, type HeldMeeting } from '../_lib/attention'
import type { Stage } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { requireOpenid } from '../_lib/identity'
import { summaryView } from '../_lib/meetings'
import { orgDesk } from './org'

type Counted = Array<{ n: number }>
const countOf = (counted: Counted | undefined) => counted?.[0]?.n ?? 0

/** A lookup of a sub-query beside the caller's member document: the desk is one aggregation. */
const beside = (from: string, as: string, pipeline: Stage[]): Stage => ({ $lookup: { from, pipeline, as } })

/** The part of a meeting the desk reads, with the caller's own record and leave looked up. */
type UpcomingRow = MeetingDoc & { mine: AttendanceDoc[]; myLeave: LeaveDoc[] }

interface DeskRow {
  upcoming: UpcomingRow[]
  unread: Counted
  openMakeups: Counted
  pendingLeave?: Array<Pick<MeetingRoleFacts, 'type' | 'audience'>>
  joinRequests?: Counted
  attention?: AttentionRow[]
  held?: HeldMeeting[]
  notesToReview?: Counted
  unreached?: Array<{ status: DeliveryStatus; copy: Array<{ readAt: Date | null }> }>
}

/** How far back the desk looks for reminders that reached nobody. */
const unreachedDays = 7

/** The compliance lookups are there for those who review attendance. */
type DeskRowWithCompliance = DeskRow & Partial<ComplianceRows>

/** The lookups of one member's desk, the committee's figures only for those who may see them. */
function deskStages(actor: MemberActor, now: Date): Stage[] {
  const { _id: memberId, branchId } = actor.member
  const caller = callerOf(actor)
  const mineAt = (from: string, as: string): Stage => ({
    $lookup: { from, let: { meetingId: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$meetingId', '$$meetingId'] }, memberId } }, { $limit: 1 }], as },
  })
  const stages: Stage[] = [
    { $match: { _id: memberId } },
    beside('meetings', 'upcoming', [
      { $match: { branchId, status: 'published', endAt: { $gte: now } } },
      { $sort: { startAt: 1, _id: 1 } },
      { $limit: 100 },
      mineAt('attendance', 'mine'),
      mineAt('leaveRequests', 'myLeave'),
    ]),
    beside('inbox', 'unread', [{ $match: { memberId, readAt: null } }, { $count: 'n' }]),
    beside('makeups', 'openMakeups', [{ $match: { memberId, status: 'open' } }, { $count: 'n' }]),
  ]
  if (decidesLeave(caller)) {
    stages.push(
      beside('leaveRequests', 'pendingLeave', [
        { $match: { branchId, status: 'pending' } },
        { $lookup: { from: 'meetings', localField: 'meetingId', foreignField: '_id', as: 'meeting' } },
        { $unwind: '$meeting' },
        { $project: { _id: 0, type: '$meeting.type', audience: '$meeting.audience' } },
        { $limit: 1000 },
      ]),
    )
  }
  if (actor.capabilities.includes('manageRoster')) stages.push(beside('joinRequests', 'joinRequests', [{ $match: { branchId, status: 'pending' } }, { $count: 'n' }]))
  if (actor.capabilities.includes('reviewAttendance')) {
    stages.push(beside('members', 'attention', attentionStages(branchId, now)), beside('meetings', 'held', heldMeetingStages(branchId, now)), ...complianceStages(branchId, now))
  }
  if (mayReviewNotes(actor.capabilities)) stages.push(beside('notes', 'notesToReview', [{ $match: { branchId, status: { $in: [...awaitingReview] } } }, { $count: 'n' }]))
  const followed = followedSubjects(actor.capabilities)
  if (followed.length) {
    // Only those WeChat did not carry; whether the copy in 消息 was read decides the rest.
    stages.push(
      beside('reminders', 'unreached', [
        { $match: { branchId, subjectType: { $in: followed }, status: { $in: [...notReachedStatuses] }, createdAt: { $gte: addCalendar(now, -unreachedDays, 'day') } } },
        { $lookup: { from: 'inbox', localField: '_id', foreignField: '_id', as: 'copy' } },
        { $project: { _id: 0, status: 1, 'copy.readAt': 1 } },
        { $limit: 1000 },
      ]),
    )
  }
  return stages
}

export const main = defineFunction('home', {
  /**
   * 首页 in one call and two database operations: who is calling (their member and branch), then
   * one aggregation of everything their desk shows.
   */
  'home.desk': async (_input, { caller, db, now }): Promise<DeskView> => {
    const openid = requireOpenid(caller)
    const bound = await boundMember(db, openid)
    if (!bound) {
      const [[request], [admin]] = await Promise.all([
        db.aggregate<JoinRequestDoc & { branch: BranchDoc[] }>('joinRequests', [
          { $match: { _id: openid, status: 'pending' } },
          { $lookup: { from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' } },
        ]),
        db.aggregate<OrgAdminDoc & { org: OrgDoc[] }>('orgAdmins', [{ $match: { _id: openid } }, { $lookup: { from: 'orgs', localField: 'orgId', foreignField: '_id', as: 'org' } }]),
      ])
      return {
        member: null,
        pendingJoin: request ? { requestId: request._id, branchName: request.branch[0]?.name ?? '', submittedAt: request.submittedAt.toISOString() } : null,
        upcoming: [],
        toAttend: 0,
        unread: 0,
        openMakeups: 0,
        pendingLeave: null,
        joinRequests: null,
        attention: null,
        seesBranchMakeups: false,
        readsDesk: false,
        complianceAlerts: null,
        notesToReview: null,
        unreachedReminders: null,
        org: admin ? await orgDesk(db, { ...admin, orgName: admin.org[0]?.name ?? '' }, now) : null,
      }
    }
    const actor: MemberActor = { kind: 'member', openid, member: bound.member, capabilities: capabilitiesOf(bound.member) }
    const self = callerOf(actor)
    const [desk] = await db.aggregate<MemberDoc & DeskRowWithCompliance>('members', deskStages(actor, now))
    const upcoming = (desk?.upcoming ?? [])
      .filter((m) => roleAt(self, m) !== 'outside')
      .map((m) => summaryView(m, actor, { attendance: m.mine[0] ?? null, leave: m.myLeave[0] ?? null }, now))
    const judged = desk?.attention ? membersNeedingAttention(desk.attention, desk.held ?? [], now) : null
    const attention = judged?.members ?? null
    return {
      member: { name: bound.member.name, branchName: bound.branch?.name ?? '' },
      pendingJoin: null,
      upcoming,
      toAttend: upcoming.filter((m) => stillToAttend(m.myStatus)).length,
      unread: countOf(desk?.unread),
      openMakeups: countOf(desk?.openMakeups),
      pendingLeave: desk?.pendingLeave ? desk.pendingLeave.filter((m) => mayDecideLeave(self, m)).length : null,
      joinRequests: desk?.joinRequests ? countOf(desk.joinRequests) : null,
      attention: attention
        ? {
            total: attention.filter((m) => m.level !== null).length,
            sixMonths: attention.filter((m) => m.level === 6).length,
            neverAttended: attention.filter((m) => !m.lastAttendedAt).length,
            meetingsChecked: judged?.checked.meetings ?? 0,
          }
        : null,
      seesBranchMakeups: actor.capabilities.includes('reviewAttendance'),
      readsDesk: mayReadDesk(actor.capabilities),
      complianceAlerts: desk?.complianceMeetings ? complianceAlertsOf(bound.branch, desk as ComplianceRows, now) : null,
      notesToReview: mayReviewNotes(actor.capabilities) ? countOf(desk?.notesToReview) : null,
      unreachedReminders: desk?.unreached ? { count: desk.unreached.filter((r) => reachedNobody(r, r.copy[0]?.readAt ?? null)).length, days: unreachedDays } : null,
      org: null,
    }
  },
})
