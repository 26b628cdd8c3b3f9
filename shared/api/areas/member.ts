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
  /** 学习心得: every note, drafts included, with its whole review history (words already in Chinese). */
  notes: Array<{ title: string; taskTitle: string | null; status: string; grade: string | null; characters: number; body: string; photos: number; shared: boolean; returnComment: string | null; submittedAt: string | null; reviewedAt: string | null; updatedAt: string; history: Array<{ at: string; byName: string; action: string; comment: string | null }> }>
  /** 学习任务 confirmed as done (those without a required note). */
  studyConfirmations: Array<{ taskTitle: string; confirmedAt: string }>
  /**
   * 理论测试: every attempt with each answer given; the score once the test's results are out
   * (`resultsFrom` says when), as the test page shows it.
   */
  testAttempts: Array<{ testTitle: string; status: string; startedAt: string; submittedAt: string | null; autoSubmitted: boolean; answers: Array<{ question: string; answer: string }>; score: number | null; totalPoints: number; resultsFrom: string | null }>
  /** 提醒: each reminder the app made for you, and whether WeChat delivered it. */
  reminders: Array<{ subjectTitle: string; kind: string; at: string; status: string; reason: string | null }>
  /** 订阅消息: what you allowed the app to send you, per kind of message. */
  subscriptions: Array<{ template: string; remaining: number; accepted: number; spent: number; always: string | null; updatedAt: string }>
  /** 上传的文件: the names issued to you for photos, sheets and materials you uploaded. */
  uploads: Array<{ purpose: string; fileName: string; createdAt: string }>
  /** 民主评议: each round you were in, your 自评, whether you voted (never how), and the published 评定意见. */
  appraisals: Array<{ roundTitle: string; selfText: string; selfSubmitted: boolean; voted: boolean; verdict: string | null; reason: string | null; correctionDue: string | null; correctionOutcome: string | null }>
  /** 党费: your bases as they took effect, the months recorded paid, and each payment. */
  dues: { firstMonth: string; quarterly: boolean; bases: Array<{ fromMonth: string; kind: string; base: string; monthly: string }>; paidMonths: string[] } | null
  duesPayments: Array<{ months: string[]; amount: string; paidOn: string; receiptNo: string; recordedBy: string }>
  /** 发展党员: your own pipeline, when you are in it: each step's date, the documents received and the votes. */
  development: {
    stage: string
    steps: Array<{ step: string; date: string }>
    records: Array<{ kind: string; date: string; summary: string; enteredBy: string }>
    votes: Array<{ kind: string; date: string; passed: boolean }>
  } | null
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
