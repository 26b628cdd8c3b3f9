import type { DateFields } from './date-fields'
import type { BranchDoc, GroupDoc, OrgAdminDoc, OrgDoc } from './org'
import { bindingDateFields, joinRequestDateFields, memberDateFields, memberHistoryDateFields, type BindingDoc, type JoinRequestDoc, type MemberDoc, type MemberHistoryDoc } from './roster'
import type { RateLimitDoc } from './rate-limits'
import {
  attendanceDateFields,
  attendanceLogDateFields,
  leaveDateFields,
  makeupDateFields,
  meetingDateFields,
  minutesDateFields,
  type AttendanceDoc,
  type AttendanceLogDoc,
  type LeaveDoc,
  type MakeupDoc,
  type MeetingDoc,
  type MinutesDoc,
} from './meetings'
import { inboxDateFields, type InboxDoc } from './inbox'
import { uploadDateFields, type UploadDoc } from './uploads'
import {
  shiftDateFields,
  shiftLogDateFields,
  signupDateFields,
  volunteerActivityDateFields,
  volunteerRosterDateFields,
  type ShiftDoc,
  type ShiftLogDoc,
  type SignupDoc,
  type VolunteerActivityDoc,
  type VolunteerRosterDoc,
} from './volunteer'
import { reminderDateFields, subscriptionDateFields, type ReminderDoc, type SubscriptionDoc } from './reminders'
import { noteDateFields, studyCompletionDateFields, studyTaskDateFields, type NoteDoc, type StudyCompletionDoc, type StudyTaskDoc } from './study'
import { attemptDateFields, theoryTestDateFields, type AttemptDoc, type TheoryTestDoc } from './exam'

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

/**
 * Every collection with the paths of its Dates (see date-fields.ts): what the database handle
 * revives on every read. A collection without Dates has `{}`, which the compiler also checks.
 */
export const collectionDateFields: { readonly [C in CollectionName]: DateFields<DocOf<C>> } = {
  orgs: {},
  branches: {},
  groups: {},
  members: memberDateFields,
  bindings: bindingDateFields,
  orgAdmins: {},
  memberHistory: memberHistoryDateFields,
  joinRequests: joinRequestDateFields,
  rateLimits: {},
  meetings: meetingDateFields,
  attendance: attendanceDateFields,
  attendanceLog: attendanceLogDateFields,
  leaveRequests: leaveDateFields,
  makeups: makeupDateFields,
  inbox: inboxDateFields,
  minutes: minutesDateFields,
  uploads: uploadDateFields,
  volunteerActivities: volunteerActivityDateFields,
  shifts: shiftDateFields,
  signups: signupDateFields,
  volunteerRosters: volunteerRosterDateFields,
  shiftLog: shiftLogDateFields,
  reminders: reminderDateFields,
  subscriptions: subscriptionDateFields,
  studyTasks: studyTaskDateFields,
  studyCompletions: studyCompletionDateFields,
  notes: noteDateFields,
  theoryTests: theoryTestDateFields,
  testAttempts: attemptDateFields,
}

/** Every collection's name, as database/collections.json must list them. */
export const collectionNames = Object.keys(collectionDateFields) as CollectionName[]
