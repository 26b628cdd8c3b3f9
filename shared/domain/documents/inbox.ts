import type { DateFields } from './date-fields'
import type { ReminderKind } from '../reminders/templates'

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
  | 'duesWarning'
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

export const inboxDateFields: DateFields<InboxDoc> = { createdAt: true, readAt: true }
