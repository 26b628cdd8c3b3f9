import type { DateFields } from './date-fields'
import type { AttendanceStatus, CheckinPolicy, MeetingAudience, MeetingType } from '../meeting'

/** 组织生活: meetings, attendance and its log, leave and 补学, minutes. */

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

export const meetingDateFields: DateFields<MeetingDoc> = { startAt: true, endAt: true, createdAt: true, updatedAt: true }

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

export const attendanceDateFields: DateFields<AttendanceDoc> = { checkedInAt: true, updatedAt: true }

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

export const attendanceLogDateFields: DateFields<AttendanceLogDoc> = { at: true }

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

export const leaveDateFields: DateFields<LeaveDoc> = { requestedAt: true, decidedAt: true }

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

export const makeupDateFields: DateFields<MakeupDoc> = { createdAt: true, completedAt: true }

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

export const minutesDateFields: DateFields<MinutesDoc> = { updatedAt: true }

/** The `_id` of a member's record at a meeting (attendance, leave, 补学). */
export const attendanceId = (meetingId: string, memberId: string) => `${meetingId}_${memberId}`
