import type { AttendanceStatus, CheckinPolicy, MeetingAudience, MeetingType } from './meeting'
import type { MemberCategory, Position } from './member'
import type { Capability } from './permissions'
import type { ReminderSubject } from './reminders/content'
import type { DeliveryStatus } from './reminders/delivery'
import type { ReminderKind, TemplateKey } from './reminders/templates'
import type { UploadPurpose } from './storage'
import type { ActivityType, Eligibility, HoursStatus, RosterPattern, RosterPolicy, ShiftPlace, SignupStatus, WaitEntry } from './volunteer'
import type { ContentVerdict, NoteGrade, NoteHistoryAction, NoteStatus, StudyAudience } from './study'
import type { Answers, Question } from './theory-test'
import type { ComplianceRulesSetting } from './compliance'

/**
 * Every document the cloud database holds, one interface per collection, and the map from a
 * collection's name to its document type (`Collections`) that the functions' typed database
 * handle uses: `db.get('members', id)` is a `MemberDoc`. database/collections.json lists the same
 * collections with their indexes (a test keeps the two in step).
 */

/** 党委 / 党总支: may hold several branches. */
export interface OrgDoc {
  _id: string
  name: string
}

/** 党支部: the unit that owns records. */
export interface BranchDoc {
  _id: string
  orgId: string
  name: string
  /** Code a teacher enters to join the branch (加入码). */
  inviteCode: string
  /** Changes that took the 书记 position from someone: written so that two never overlap. */
  secretaryChanges?: number
  /** The branch's own 三会一课 rules over the defaults (党课 monthly, days of warning…). */
  complianceRules?: ComplianceRulesSetting
}

/** 党小组. */
export interface GroupDoc {
  _id: string
  branchId: string
  name: string
  order: number
}

/** Anyone on the roster, also 群众 volunteers. */
export interface MemberDoc {
  _id: string
  branchId: string
  groupId: string | null
  name: string
  category: MemberCategory
  positions: Position[]
  phone: string
  /** 入党时间, YYYY-MM-DD. */
  joinedPartyAt: string | null
  status: 'active' | 'transferredOut'
  /** Capabilities the secretary granted or revoked beyond the positions' defaults. */
  grants: Capability[]
  revokes: Capability[]
  createdAt: Date
  updatedAt: Date
  transferredAt?: Date
  /** The person's places on shifts that have not ended (see ShiftPlace); absent until their first sign-up since it was kept. */
  shiftPlaces?: ShiftPlace[]
}

/** An administrator of an organisation (党委/党总支): sees every branch of it. `_id` is the OPENID. */
export interface OrgAdminDoc {
  _id: string
  orgId: string
  name: string
}

export type MemberHistoryAction = 'created' | 'updated' | 'imported' | 'transferredOut' | 'reactivated' | 'unbound' | 'bound' | 'capabilitiesChanged'

/** Every change to a roster entry: who, when, what. */
export interface MemberHistoryDoc {
  _id: string
  memberId: string
  branchId: string
  at: Date
  byMemberId: string | null
  byName: string
  action: MemberHistoryAction
  note: string
  /** Set when the category changed (转正 is probationary → full): the year's figures count these. */
  category?: { from: MemberCategory; to: MemberCategory }
}

/** A teacher's request to join a branch when name and phone do not match the roster exactly. `_id` is the OPENID. */
export interface JoinRequestDoc {
  _id: string
  branchId: string
  name: string
  phone: string
  status: 'pending' | 'bound' | 'rejected'
  submittedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
  comment: string | null
  memberId: string | null
}

/** One WeChat identity ↔ one member. `_id` is the OPENID, so an identity binds at most once. */
export interface BindingDoc {
  _id: string
  memberId: string
  branchId: string
  boundAt: Date
}

/** Failures counted per key in a window, e.g. wrong invite codes of one identity. `_id` is the key. */
export interface RateLimitDoc {
  _id: string
  count: number
  windowStart: number
}

/** 组织生活: one meeting of a branch. */
export interface MeetingDoc {
  _id: string
  branchId: string
  type: MeetingType
  title: string
  startAt: Date
  endAt: Date
  venue: string
  audience: MeetingAudience
  hostId: string | null
  recorderId: string | null
  agenda: string[]
  checkin: CheckinPolicy
  status: 'draft' | 'published' | 'cancelled'
  cancelReason: string | null
  /** Short code for the printed static check-in code (mini-program code scene). */
  code: string
  /** Key that signs this meeting's rotating check-in tokens. Never leaves the server. */
  secret: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** How a record came about: a rotating or printed code, by hand, or the host opening the code screen. */
export type CheckinMethod = 'rotating' | 'static' | 'manual' | 'host'

/** One record per member per meeting: `_id` is `${meetingId}_${memberId}`. */
export interface AttendanceDoc {
  _id: string
  meetingId: string
  branchId: string
  memberId: string
  status: AttendanceStatus
  checkedInAt: Date | null
  method: CheckinMethod
  distanceMeters: number | null
  updatedAt: Date
}

/** Every change to an attendance record: who, when, before and after, why. */
export interface AttendanceLogDoc {
  _id: string
  attendanceId: string
  meetingId: string
  memberId: string
  branchId: string
  at: Date
  byMemberId: string
  byName: string
  before: AttendanceStatus | null
  after: AttendanceStatus
  reason: string
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected'

/** 请假: `_id` is `${meetingId}_${memberId}`. */
export interface LeaveDoc {
  _id: string
  meetingId: string
  branchId: string
  memberId: string
  reason: string
  status: LeaveStatus
  comment: string | null
  requestedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
}

/** 补学 after an approved leave: `_id` is `${meetingId}_${memberId}`. */
export interface MakeupDoc {
  _id: string
  meetingId: string
  memberId: string
  branchId: string
  status: 'open' | 'done'
  note: string | null
  createdAt: Date
  completedAt: Date | null
}

/** Every reminder also lands in the inbox under its own kind. */
export type InboxKind =
  | 'leaveApproved'
  | 'leaveRejected'
  | 'makeupCreated'
  | 'meetingPublished'
  | 'meetingChanged'
  | 'meetingCancelled'
  | 'shiftCancelled'
  | 'shiftPromoted'
  | 'shiftRemoved'
  | 'swapTaken'
  | 'hoursCorrected'
  | 'studyTask'
  | 'theoryTest'
  | ReminderKind

/** 站内消息: every reminder lands here, whether or not a subscribe message can be sent. */
export interface InboxDoc {
  _id: string
  memberId: string
  branchId: string
  kind: InboxKind
  title: string
  body: string
  link: string | null
  createdAt: Date
  readAt: Date | null
}

/** 会议记录: `_id` is the meeting id. */
export interface MinutesDoc {
  _id: string
  topics: string[]
  content: string
  decisions: string
  /** Cloud file ids of the photos. */
  photos: string[]
  recordedBy: string
  recordedByName: string
  updatedAt: Date
}

/** A name the server chose for one person's upload (see uploads.ts): `_id` is the key in the path. */
export interface UploadDoc {
  _id: string
  openid: string
  memberId: string
  branchId: string
  purpose: UploadPurpose
  /** The meeting a minutes photo belongs to. */
  meetingId: string | null
  cloudPath: string
  createdAt: Date
}

/** A circle around a place: check-in counts only inside it. */
export interface Geofence {
  latitude: number
  longitude: number
  radiusMeters: number
}

/** 志愿活动: what the team does (社区志愿服务, 送教上门, 礼让斑马线…); its shifts are the sign-up units. */
export interface VolunteerActivityDoc {
  _id: string
  branchId: string
  type: ActivityType
  title: string
  description: string
  place: string
  /** 组织单位, as the hours sheet states it. */
  organiser: string
  status: 'draft' | 'published' | 'cancelled'
  cancelReason: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/**
 * 班次: one time slot of an activity with its seats. `taken` counts confirmed seats and is only
 * ever changed by a conditional update or in a transaction; `waitlist` is the line, in arrival
 * order, and is non-empty only while every seat is taken.
 */
export interface ShiftDoc {
  _id: string
  branchId: string
  activityId: string
  // Copies of the activity's, so lists and the export read shifts alone.
  activityType: ActivityType
  activityTitle: string
  organiser: string
  place: string
  rosterId: string | null
  /** Beijing date of the start. */
  date: string
  startAt: Date
  endAt: Date
  signupOpensAt: Date
  signupClosesAt: Date
  cancelDeadline: Date
  capacity: number
  taken: number
  waitlist: WaitEntry[]
  eligibility: Eligibility
  leaderId: string | null
  leaderName: string | null
  /** Hours credited to each person who served. */
  hours: number
  presenceShare: number
  geofence: Geofence | null
  status: 'draft' | 'published' | 'cancelled'
  cancelReason: string | null
  /** Cancelled by an edit of its roster's pattern (a later edit may bring the date back). */
  cancelledByRoster: boolean
  /** 受益人次, entered by the leader. */
  peopleServed: number
  /**
   * Bumped by every change to who may sign up and when (times, capacity, status, eligibility):
   * an edit writes only while the version it read is current. Sign-ups need no version: they
   * read and write the shift inside one transaction.
   */
  version: number
  /** Key that signs this shift's rotating check-in codes. Never leaves the server. */
  secret: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** One person's place on one shift: `_id` is `${shiftId}_${memberId}` (see signupId). */
export interface SignupDoc {
  _id: string
  shiftId: string
  activityId: string
  branchId: string
  memberId: string
  memberName: string
  /** Copies of the shift's times, for the overlap check and period queries. */
  startAt: Date
  endAt: Date
  status: SignupStatus
  signedUpAt: Date
  /** When the seat became theirs (sign-up, promotion or swap). */
  confirmedAt: Date | null
  offeredAt: Date | null
  checkInAt: Date | null
  checkOutAt: Date | null
  checkInMethod: 'code' | 'geofence' | null
  hours: number | null
  hoursStatus: HoursStatus
  confirmedBy: string | null
  confirmedById: string | null
  /** Bumped by every write: a claim on a record changes it only as it was read. */
  rev: number
  updatedAt: Date
}

/** 排班: a pattern that made an activity's shifts in one step. */
export interface VolunteerRosterDoc {
  _id: string
  branchId: string
  activityId: string
  pattern: RosterPattern
  policy: RosterPolicy
  capacity: number
  eligibility: Eligibility
  leaderId: string | null
  leaderName: string | null
  hours: number
  presenceShare: number
  place: string
  geofence: Geofence | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export type ShiftLogKind = 'signedUp' | 'promoted' | 'cancelled' | 'leftWaitlist' | 'removed' | 'swapOffered' | 'swapWithdrawn' | 'swapTaken' | 'hoursCorrected' | 'noShow'

/** Who did what to whose place on a shift, and why: promotions, removals, swaps, hour corrections. */
export interface ShiftLogDoc {
  _id: string
  shiftId: string
  branchId: string
  memberId: string
  memberName: string
  at: Date
  byMemberId: string | null
  byName: string
  kind: ShiftLogKind
  before: string | null
  after: string | null
  reason: string | null
}

/**
 * One reminder to one member (提醒): `_id` is a hash of its claim key (kind + subject occurrence
 * + member), so it can be claimed once; its inbox copy has the same `_id`.
 */
export interface ReminderDoc {
  _id: string
  key: string
  kind: ReminderKind
  subjectType: ReminderSubject['type']
  subjectId: string
  subjectVersion: string | null
  /** The meeting's (shift's, task's…) title, for the secretary's list. */
  subjectTitle: string
  branchId: string
  memberId: string
  template: TemplateKey
  link: string | null
  /** The subscribe message's values, already shaped to the template's keyword types. */
  data: Record<string, { value: string }>
  /** When the thing it is about happens: the soonest gets a scarce acceptance first. */
  at: Date
  status: DeliveryStatus
  createdAt: Date
  /** The sender run that owns it while `claimed`, until `leaseUntil`. */
  claimedBy: string | null
  leaseUntil: Date | null
  /**
   * When its sender let the request go to WeChat; absent while a claim's send has not started, so
   * a claim abandoned before it goes back to the queue and one abandoned after it is `unknown`.
   */
  sendingAt?: Date | null
  /** WeChat's answer to every attempt, in order (0 = sent). */
  codes: number[]
  /** WeChat's code of the last attempt. */
  errcode: number | null
  /** WeChat's message when it refused. */
  errmsg: string | null
  /** Why it did not reach WeChat, in words. */
  reason: string | null
  finishedAt: Date | null
}

/** A member's acceptances of one subscribe-message template: `_id` is `${openid}|${templateId}`. */
export interface SubscriptionDoc {
  _id: string
  openid: string
  memberId: string
  branchId: string
  template: TemplateKey
  templateId: string
  /** One-time messages left (each acceptance is one). */
  remaining: number
  longTermAccepted: boolean
  /** "总是保持以上选择": the dialog no longer shows; the app asks silently. */
  always: 'accept' | 'reject' | null
  accepted: number
  spent: number
  lastAnswer: string | null
  updatedAt: Date
}

// --- Study (学习) and the theory test ----------------------------------------------------------

/** 学习任务: one per branch; a task the organisation sets is copied to each of its branches. */
export interface StudyTaskDoc {
  _id: string
  branchId: string
  orgId: string
  /** Shared by the copies of an organisation's task. */
  orgTaskId: string | null
  title: string
  materials: { text: string; links: Array<{ title: string; url: string }>; files: Array<{ fileID: string; name: string }> }
  audience: StudyAudience
  /** Beijing calendar date; due by its end (`dueAt`). */
  dueDate: string
  dueAt: Date
  noteRequired: boolean
  minChars: number
  createdBy: string
  createdByName: string
  createdAt: Date
  lastRemindedAt: Date | null
}

/** A member confirming a task without a required note: `_id` is `${taskId}_${memberId}`. */
export interface StudyCompletionDoc {
  _id: string
  taskId: string
  branchId: string
  memberId: string
  confirmedAt: Date
}

export interface NoteHistoryEntry {
  at: Date
  byId: string
  byName: string
  action: NoteHistoryAction
  grade: NoteGrade | null
  comment: string | null
  /** The content check's verdict, on a submission. */
  check?: ContentVerdict
}

/** 心得体会. A note for a task has `_id` `${taskId}_${memberId}`: one per member per task. */
export interface NoteDoc {
  _id: string
  branchId: string
  memberId: string
  authorName: string
  groupId: string | null
  taskId: string | null
  title: string
  body: string
  /** 字数, as the rules count it. */
  characters: number
  photos: string[]
  status: NoteStatus
  grade: NoteGrade | null
  shared: boolean
  sharedAt: Date | null
  /** The content check's verdict on the last submission. */
  contentCheck: ContentVerdict | null
  returnComment: string | null
  firstSubmittedAt: Date | null
  submittedAt: Date | null
  reviewedAt: Date | null
  reviewedBy: string | null
  history: NoteHistoryEntry[]
  createdAt: Date
  updatedAt: Date
}

/** 理论测试, one per branch; an organisation's test is copied to each of its branches. */
export interface TheoryTestDoc {
  _id: string
  branchId: string
  orgId: string
  orgTestId: string | null
  title: string
  description: string
  questions: Question[]
  timeLimitMinutes: number
  opensAt: Date
  closesAt: Date
  closedEarlyAt: Date | null
  createdBy: string
  createdByName: string
  createdAt: Date
}

/** One member's go at a test: `_id` is `${testId}_${memberId}`, so a member takes it once. */
export interface AttemptDoc {
  _id: string
  testId: string
  branchId: string
  memberId: string
  status: 'inProgress' | 'submitted'
  startedAt: Date
  deadline: Date
  answers: Answers
  savedAt: Date | null
  submittedAt: Date | null
  autoSubmitted: boolean
  /** Objective points, graded at submission. */
  objective: number | null
  earned: Record<string, number>
  /** Short answers graded by a reviewer: question id → points. */
  shortScores: Record<string, number>
  /** Final score once every short answer is graded. */
  score: number | null
  /** Names the answer sheet to reviewers without naming the member. */
  gradingKey: string
}

/** Collection name → the type of its documents. */
export interface Collections {
  orgs: OrgDoc
  branches: BranchDoc
  groups: GroupDoc
  members: MemberDoc
  bindings: BindingDoc
  orgAdmins: OrgAdminDoc
  memberHistory: MemberHistoryDoc
  joinRequests: JoinRequestDoc
  rateLimits: RateLimitDoc
  meetings: MeetingDoc
  attendance: AttendanceDoc
  attendanceLog: AttendanceLogDoc
  leaveRequests: LeaveDoc
  makeups: MakeupDoc
  inbox: InboxDoc
  minutes: MinutesDoc
  uploads: UploadDoc
  volunteerActivities: VolunteerActivityDoc
  shifts: ShiftDoc
  signups: SignupDoc
  volunteerRosters: VolunteerRosterDoc
  shiftLog: ShiftLogDoc
  reminders: ReminderDoc
  subscriptions: SubscriptionDoc
  studyTasks: StudyTaskDoc
  studyCompletions: StudyCompletionDoc
  notes: NoteDoc
  theoryTests: TheoryTestDoc
  testAttempts: AttemptDoc
}

export type CollectionName = keyof Collections
export type DocOf<C extends CollectionName> = Collections[C]

const everyCollection: Record<CollectionName, true> = {
  orgs: true,
  branches: true,
  groups: true,
  members: true,
  bindings: true,
  orgAdmins: true,
  memberHistory: true,
  joinRequests: true,
  rateLimits: true,
  meetings: true,
  attendance: true,
  attendanceLog: true,
  leaveRequests: true,
  makeups: true,
  inbox: true,
  minutes: true,
  uploads: true,
  volunteerActivities: true,
  shifts: true,
  signups: true,
  volunteerRosters: true,
  shiftLog: true,
  reminders: true,
  subscriptions: true,
  studyTasks: true,
  studyCompletions: true,
  notes: true,
  theoryTests: true,
  testAttempts: true,
}

/** Every collection's name, as database/collections.json must list them. */
export const collectionNames = Object.keys(everyCollection) as CollectionName[]

/** The `_id` of a member's record at a meeting (attendance, leave, 补学). */
export const attendanceId = (meetingId: string, memberId: string) => `${meetingId}_${memberId}`

/** The `_id` of a member's place on a shift. */
export const signupId = (shiftId: string, memberId: string) => `${shiftId}_${memberId}`
