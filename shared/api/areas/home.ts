import { noInput, output } from '../fields'
import type { ComplianceAlertView } from './desk'
import type { MeetingSummaryView } from './meeting'
import type { MeView } from './member'

/** An organisation admin's 首页: the organisation's branches and how their month goes. */
export interface OrgDeskView {
  name: string
  adminName: string
  branches: Array<{
    id: string
    name: string
    members: number
    bound: number
    /** Published meetings starting this month (Beijing), and of those, the ones already over. */
    meetingsThisMonth: number
    heldThisMonth: number
    /** 实到 over 应到 across this month's meetings that are over, 0–1; null when none is. */
    attendanceRate: number | null
  }>
}

/** 首页: what the caller's desk shows, in one call. */
export interface DeskView {
  /** Who sits at the desk; null for a WeChat user not bound to a member. */
  member: null | { name: string; branchName: string }
  /** A join request of this identity waiting for the secretary. */
  pendingJoin: MeView['pendingJoin']
  /** Published meetings the caller is part of that have not ended, soonest first. */
  upcoming: MeetingSummaryView[]
  /** Of those, the ones still to go to: not checked in, no approved leave (待参加). */
  toAttend: number
  unread: number
  openMakeups: number
  /** Leave requests the caller may decide; null when they decide none. */
  pendingLeave: number | null
  /** Join requests waiting; null when the caller does not manage the roster. */
  joinRequests: number | null
  /** Members without organisational life for 3 months (and of those, 6), and those who never yet attended; null when the caller does not review attendance. */
  attention: null | { total: number; sixMonths: number; neverAttended: number; meetingsChecked: number }
  /** 三会一课 due soon (amber) or missed (red) this period or the last, as the calendar shows them; null when the caller does not review attendance. */
  complianceAlerts: ComplianceAlertView[] | null
  /** Notes waiting for review (submitted or resubmitted); null when the caller does not review notes. */
  notesToReview: number | null
  /** Reminders of the last `days` days that reached nobody (WeChat sent nothing, the copy in 消息 unread), of the kinds the caller follows; null when they follow none. */
  unreachedReminders: null | { count: number; days: number }
  /** 发展党员: steps and duties overdue, and due within 30 days, among the people the caller follows (the branch for the committee; those linked to them; their own); null when they follow nobody. */
  development: null | { people: number; overdue: number; dueSoon: number }
  /** The caller may see the branch's 补学. */
  seesBranchMakeups: boolean
  /** The caller may read the desk's figures and 台账. */
  readsDesk: boolean
  /** Set for an organisation admin (党委/党总支), who has no branch of their own. */
  org: OrgDeskView | null
}

export const homeActions = {
  'home.desk': {
    input: noInput,
    output: output<DeskView>(),
  },
} as const
