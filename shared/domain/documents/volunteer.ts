import type { DateFields } from './date-fields'
import type { ActivityType, Eligibility, HoursStatus, RosterPattern, RosterPolicy, SignupStatus, WaitEntry } from '../volunteer'
import type { ShiftLogKind } from '../volunteer-labels'

export type { ShiftLogKind }

/** “七彩阳光” volunteer service: activities, their shifts, people's places, rosters and the shifts' log. */

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

export const volunteerActivityDateFields: DateFields<VolunteerActivityDoc> = { createdAt: true, updatedAt: true }

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

export const shiftDateFields: DateFields<ShiftDoc> = { startAt: true, endAt: true, signupOpensAt: true, signupClosesAt: true, cancelDeadline: true, 'waitlist.at': true, createdAt: true, updatedAt: true }

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

export const signupDateFields: DateFields<SignupDoc> = { startAt: true, endAt: true, signedUpAt: true, confirmedAt: true, offeredAt: true, checkInAt: true, checkOutAt: true, updatedAt: true }

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

export const volunteerRosterDateFields: DateFields<VolunteerRosterDoc> = { createdAt: true, updatedAt: true }


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

export const shiftLogDateFields: DateFields<ShiftLogDoc> = { at: true }

/** The `_id` of a member's place on a shift. */
export const signupId = (shiftId: string, memberId: string) => `${shiftId}_${memberId}`
