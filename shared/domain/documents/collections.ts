import type { BranchDoc, GroupDoc, OrgAdminDoc, OrgDoc } from './org'
import type { BindingDoc, JoinRequestDoc, MemberDoc, MemberHistoryDoc } from './roster'
import type { RateLimitDoc } from './rate-limits'
import type { AttendanceDoc, AttendanceLogDoc, LeaveDoc, MakeupDoc, MeetingDoc, MinutesDoc } from './meetings'
import type { InboxDoc } from './inbox'
import type { UploadDoc } from './uploads'
import type { ShiftDoc, ShiftLogDoc, SignupDoc, VolunteerActivityDoc, VolunteerRosterDoc } from './volunteer'
import type { ReminderDoc, SubscriptionDoc } from './reminders'
import type { NoteDoc, StudyCompletionDoc, StudyTaskDoc } from './study'
import type { AttemptDoc, TheoryTestDoc } from './exam'
import type { DevelopmentDoc, DevelopmentSettingsDoc } from './development'

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
  developments: DevelopmentDoc
  developmentSettings: DevelopmentSettingsDoc
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
  developments: true,
  developmentSettings: true,
}

/** Every collection's name, as database/collections.json must list them. */
export const collectionNames = Object.keys(everyCollection) as CollectionName[]
