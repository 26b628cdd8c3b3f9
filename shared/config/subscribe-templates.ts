/**
 * Subscribe-message template ids of this deployment (订阅消息 → 我的模板 in the mini-program
 * admin console). Replace each `id` with the template id the console shows after adding the
 * template named in `shared/domain/reminders/templates.ts`, with the keywords in that order,
 * and rebuild: the app asks for these ids and the functions send with them.
 *
 * `longTerm: true` where the account's template is a long-term one (长期订阅, open to some
 * public-service categories such as education): it is accepted once and spends nothing.
 * Every template defaults to one-time.
 *
 * The ids below are the local cloud's: any id works there.
 */
export const subscribeTemplateIds = {
  meetingReminder: { id: 'local-tpl-meeting-reminder', longTerm: false },
  leaveResult: { id: 'local-tpl-leave-result', longTerm: false },
  shiftReminder: { id: 'local-tpl-shift-reminder', longTerm: false },
  waitlistResult: { id: 'local-tpl-waitlist-result', longTerm: false },
  cancelNotice: { id: 'local-tpl-cancel-notice', longTerm: false },
  studyReminder: { id: 'local-tpl-study-reminder', longTerm: false },
  reviewResult: { id: 'local-tpl-review-result', longTerm: false },
  testReminder: { id: 'local-tpl-test-reminder', longTerm: false },
}
