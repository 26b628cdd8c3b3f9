/**
 * Who follows how reminders went (提醒发送情况), in a module of its own: the app's main pages ask it
 * which tools to show without loading the rest of the reminder rules.
 */
import type { Capability } from '../permissions'
import type { ReminderSubject } from './content'

/** Who follows how a subject's reminders went (提醒发送情况): those who run that kind of thing. */
export const reminderFollowers: Record<ReminderSubject['type'], readonly Capability[]> = {
  meeting: ['reviewAttendance', 'manageMeetings'],
  shift: ['manageVolunteer'],
  task: ['reviewNotes', 'manageStudy'],
  note: ['reviewNotes', 'manageStudy'],
  test: ['reviewNotes', 'manageStudy'],
  appraisal: ['manageRoster'],
}

/** The kinds of subject whose reminders a member with these capabilities follows. */
export const followedSubjects = (capabilities: readonly Capability[]) =>
  (Object.keys(reminderFollowers) as Array<ReminderSubject['type']>).filter((t) => reminderFollowers[t].some((c) => capabilities.includes(c)))
