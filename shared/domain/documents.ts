import type { AttendanceStatus, CheckinPolicy, MeetingAudience, MeetingType } from './meeting'
import type { MemberCategory, Position } from './member'
import type { Capability } from './permissions'
import type { ReminderSubject } from './reminders/content'
import type { DeliveryStatus } from './reminders/delivery'
import type { ReminderKind, TemplateKey } from './reminders/templates'
import type { UploadPurpose } from './storage'

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

export type CheckinMethod = 'rotating' | 'static' | 'manual'

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

/** Every reminder lands in the inbox under its own kind. */
export type InboxKind = 'leaveApproved' | 'leaveRejected' | 'makeupCreated' | 'meetingCancelled' | ReminderKind

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
  reminders: ReminderDoc
  subscriptions: SubscriptionDoc
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
  reminders: true,
  subscriptions: true,
}

/** Every collection's name, as database/collections.json must list them. */
export const collectionNames = Object.keys(everyCollection) as CollectionName[]

/** The `_id` of a member's record at a meeting (attendance, leave, 补学). */
export const attendanceId = (meetingId: string, memberId: string) => `${meetingId}_${memberId}`
