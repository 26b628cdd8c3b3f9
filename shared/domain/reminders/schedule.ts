/**
 * Everything the timer should send now, from the state it loaded: the due rules applied to each
 * subject, with each reminder's content. Pure; the sender claims, sends and records.
 */
import { meetingTypeLabels, type AudienceCandidate, type MeetingType } from '../meeting'
import {
  meetingKindsDue,
  meetingRecipients,
  notYetDone,
  shiftReminderDue,
  studyTaskReminderDue,
  testOpeningDue,
  type MeetingForReminder,
  type ShiftForReminder,
  type StudyTaskForReminder,
  type TestForReminder,
} from './due'
import {
  meetingReminderContent,
  meetingSubject,
  shiftTomorrowContent,
  studyTaskDueContent,
  testOpeningContent,
  versionOf,
  type ReminderContent,
  type ReminderSubject,
} from './content'
import type { ReminderKind } from './templates'

export interface ReminderState {
  meetings: ReadonlyArray<MeetingForReminder & { type: MeetingType }>
  /** The branch's members (the meetings' audiences are worked out from them). */
  members: ReadonlyArray<AudienceCandidate & { status?: 'active' | 'transferredOut' }>
  /** Per meeting: who asked for leave (pending or approved), and who has checked in. */
  onLeave: ReadonlyMap<string, ReadonlySet<string>>
  checkedIn: ReadonlyMap<string, ReadonlySet<string>>
  shifts: ReadonlyArray<ShiftForReminder & { confirmedMemberIds: readonly string[] }>
  tasks: ReadonlyArray<StudyTaskForReminder & { audienceMemberIds: readonly string[]; submittedMemberIds: ReadonlySet<string> }>
  tests: ReadonlyArray<TestForReminder & { audienceMemberIds: readonly string[]; takenMemberIds: ReadonlySet<string> }>
}

export interface DueReminder {
  kind: ReminderKind
  subject: ReminderSubject
  memberId: string
  content: ReminderContent
  /** When the thing happens: reminders about sooner things get a scarce acceptance first. */
  at: Date
}

const none: ReadonlySet<string> = new Set()

/** Every reminder due at `now`, soonest subject first. The claim key keeps each to one send. */
export function dueReminders(state: ReminderState, now: Date): DueReminder[] {
  const due: DueReminder[] = []
  const add = (kind: ReminderKind, subject: ReminderSubject, memberIds: readonly string[], content: ReminderContent, at: Date) => {
    for (const memberId of memberIds) due.push({ kind, subject, memberId, content, at })
  }
  for (const meeting of state.meetings) {
    for (const kind of meetingKindsDue(meeting, now) as Array<'meetingTomorrow' | 'meetingSoon'>) {
      const recipients = meetingRecipients(meeting, state.members, { onLeave: state.onLeave.get(meeting.id) ?? none, checkedIn: state.checkedIn.get(meeting.id) ?? none }, kind)
      const content = meetingReminderContent(kind, { ...meeting, typeLabel: meetingTypeLabels[meeting.type] }, now)
      add(kind, meetingSubject(meeting), recipients, content, meeting.startAt)
    }
  }
  for (const shift of state.shifts) {
    if (!shiftReminderDue(shift, now)) continue
    add('shiftTomorrow', { type: 'shift', id: shift.id, version: versionOf(shift.startAt) }, shift.confirmedMemberIds, shiftTomorrowContent(shift, now), shift.startAt)
  }
  for (const task of state.tasks) {
    if (!studyTaskReminderDue(task, now)) continue
    const recipients = notYetDone(task.audienceMemberIds, task.submittedMemberIds)
    add('studyTaskDue', { type: 'task', id: task.id, version: versionOf(task.dueAt) }, recipients, studyTaskDueContent(task, now), task.dueAt)
  }
  for (const test of state.tests) {
    if (!testOpeningDue(test, now)) continue
    const recipients = notYetDone(test.audienceMemberIds, test.takenMemberIds)
    add('testOpening', { type: 'test', id: test.id, version: versionOf(test.opensAt) }, recipients, testOpeningContent(test, now), test.opensAt)
  }
  return due.sort((a, b) => a.at.getTime() - b.at.getTime())
}
