import type { AttendanceStatus } from '../../domain/meeting'
import type { MemberCategory, Position } from '../../domain/member'
import type { Capability } from '../../domain/permissions'
import type { CheckinMethod, LeaveStatus, ShiftLogKind } from '../../domain/documents'
import type { HoursStatus, SignupStatus } from '../../domain/volunteer-labels'
import { noInput, output, type FileLink } from '../fields'
import type { MemberHistoryEntry } from './roster'

export interface MeView {
  openidBound: boolean
  member: null | {
    id: string
    name: string
    category: MemberCategory
    positions: Position[]
    phoneMasked: string
    joinedPartyAt: string | null
    branch: { id: string; name: string }
    group: null | { id: string; name: string }
    capabilities: Capability[]
  }
  /** Set when this identity administers an organisation (党委/党总支). */
  orgAdmin: null | { orgId: string; orgName: string; name: string }
  /** A join request of this identity waiting for the secretary. */
  pendingJoin: null | { requestId: string; branchName: string; submittedAt: string }
  /** The secretary turned this identity's last join request down (with the reason, if given). */
  joinRejected: null | { branchName: string; comment: string | null; decidedAt: string }
}

export interface MyDataExport {
  exportedAt: string
  identity: { note: string }
  member: MeView['member']
  history: MemberHistoryEntry[]
  joinRequests: Array<{ branchName: string; name: string; phoneMasked: string; status: string; submittedAt: string }>
  attendance: Array<{ meetingTitle: string; startAt: string | null; status: AttendanceStatus; checkedInAt: string | null; method: CheckinMethod; distanceMeters: number | null }>
  attendanceChanges: Array<{ meetingTitle: string; at: string; byName: string; before: AttendanceStatus | null; after: AttendanceStatus; reason: string }>
  leaveRequests: Array<{ meetingTitle: string; reason: string; status: LeaveStatus; comment: string | null; requestedAt: string }>
  makeups: Array<{ meetingTitle: string; status: 'open' | 'done'; note: string | null; completedAt: string | null }>
  inbox: Array<{ title: string; body: string; createdAt: string; read: boolean }>
  /** 志愿服务: every place on a shift, with check-in times and hours, and what others changed about it. */
  volunteer: Array<{ activityTitle: string; startAt: string; endAt: string; status: SignupStatus; checkInAt: string | null; checkOutAt: string | null; hours: number | null; hoursStatus: HoursStatus; confirmedBy: string | null }>
  volunteerChanges: Array<{ activityTitle: string; at: string; kind: ShiftLogKind; byName: string; before: string | null; after: string | null; reason: string | null }>
}

export const memberActions = {
  'member.me': {
    input: noInput,
    output: output<MeView>(),
  },
  'member.exportMine': {
    input: noInput,
    output: output<MyDataExport>(),
  },
  'member.exportMineFile': {
    input: noInput,
    output: output<FileLink>(),
  },
} as const
