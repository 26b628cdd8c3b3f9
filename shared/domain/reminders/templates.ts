/**
 * Every reminder the branch sends and the subscribe-message template each one goes out with
 * (small enough for the app, which asks for them); how a template's fields are filled is in
 * ./template-fields.ts. The template ids of a deployment live in
 * `shared/config/subscribe-templates.ts`.
 */
import { subscribeTemplateIds } from '../../config/subscribe-templates'

/**
 * What a reminder is about (提醒种类), one row a kind: its name, the template it goes out with,
 * and whether the timer sends it when it falls due (the others go out the moment their event
 * happens).
 */
const kindRows = {
  meetingTomorrow: { label: '会议前一天提醒', template: 'meetingReminder', scheduled: true },
  meetingSoon: { label: '会前 1 小时提醒', template: 'meetingReminder', scheduled: true },
  leaveDecided: { label: '请假审批结果', template: 'leaveResult', scheduled: false },
  shiftTomorrow: { label: '志愿服务前一天提醒', template: 'shiftReminder', scheduled: true },
  shiftPromoted: { label: '候补转正通知', template: 'waitlistResult', scheduled: false },
  shiftCancelled: { label: '志愿服务取消通知', template: 'cancelNotice', scheduled: false },
  studyTaskDue: { label: '学习任务截止提醒', template: 'studyReminder', scheduled: true },
  noteReviewed: { label: '心得审阅结果', template: 'reviewResult', scheduled: false },
  testOpening: { label: '理论测试开考提醒', template: 'testReminder', scheduled: true },
  appraisalResult: { label: '民主评议结果', template: 'reviewResult', scheduled: false },
} as const satisfies Record<string, { label: string; template: TemplateKey; scheduled: boolean }>

export type ReminderKind = keyof typeof kindRows
export const reminderKinds = Object.keys(kindRows) as [ReminderKind, ...ReminderKind[]]

export const reminderKindLabels = Object.fromEntries(reminderKinds.map((k) => [k, kindRows[k].label])) as Record<ReminderKind, string>

/** Kinds the timer sends when they fall due; the others go out the moment their event happens. */
export const scheduledKinds: readonly ReminderKind[] = reminderKinds.filter((k) => kindRows[k].scheduled)

/** What the member is asked to allow, and sees on 消息提醒, one row a template. */
export const templateLabels = {
  meetingReminder: '会议提醒',
  leaveResult: '请假审批结果',
  shiftReminder: '志愿服务提醒',
  waitlistResult: '候补转正通知',
  cancelNotice: '志愿服务取消通知',
  studyReminder: '学习任务提醒',
  reviewResult: '心得审阅结果',
  testReminder: '理论测试提醒',
} as const

export type TemplateKey = keyof typeof templateLabels
export const templateKeys = Object.keys(templateLabels) as [TemplateKey, ...TemplateKey[]]

/** The template a kind of reminder goes out with. */
export function templateOfKind(kind: ReminderKind): TemplateKey {
  return kindRows[kind].template
}

/** The kinds of reminder a template carries. */
export function kindsOfTemplate(key: TemplateKey): ReminderKind[] {
  return reminderKinds.filter((k) => kindRows[k].template === key)
}

/** A deployment's id for a template and whether it is long-term (长期订阅). */
export interface TemplateBinding {
  key: TemplateKey
  id: string
  /**
   * Long-term templates (only for some public-service accounts, education among them) stay
   * accepted: a send spends nothing and no count is kept.
   */
  longTerm: boolean
}

export function templateBinding(key: TemplateKey): TemplateBinding {
  const config = subscribeTemplateIds[key]
  return { key, id: config.id, longTerm: config.longTerm }
}

/** The template a WeChat template id belongs to, if it is one of ours. */
export function templateKeyOfId(id: string): TemplateKey | null {
  return templateKeys.find((k) => subscribeTemplateIds[k].id === id) ?? null
}

/** The moments the app asks, and the templates that fit each (at most 3 a request). */
export const askMoments = {
  /** After checking in: the next meetings, and the study task that usually follows. */
  afterCheckin: ['meetingReminder', 'studyReminder'],
  /** After asking for leave: the decision, and the next meetings. */
  afterLeaveRequest: ['leaveResult', 'meetingReminder'],
  /** 提醒我 on a meeting. */
  meeting: ['meetingReminder'],
  /** After signing up for a shift (or joining its waitlist): the day before, a seat from the line, a cancellation. */
  afterShiftSignup: ['shiftReminder', 'waitlistResult', 'cancelNotice'],
  /** 提醒我 on a study task, and after submitting a note. */
  studyTask: ['studyReminder', 'reviewResult', 'testReminder'],
  /** 我的 → 消息提醒: one template at a time, to add more messages of it. */
  mine: ['meetingReminder', 'leaveResult', 'studyReminder'],
} as const satisfies Record<string, readonly TemplateKey[]>
export type AskMoment = keyof typeof askMoments

/** WeChat shows at most 3 templates in one request, and never one-time and long-term together. */
export const maxTemplatesPerRequest = 3

/**
 * The templates to ask for at a moment: at most 3, one kind of subscription only (WeChat
 * refuses a request mixing one-time and long-term templates with 20002), and none already
 * set to "always refuse" (asking again would only be ignored).
 */
export function templatesToAsk(moment: AskMoment, alwaysRejected: ReadonlySet<TemplateKey> = new Set(), only?: readonly TemplateKey[]): TemplateBinding[] {
  const keys: readonly TemplateKey[] = only ?? askMoments[moment]
  const wanted = keys.map(templateBinding).filter((b) => !alwaysRejected.has(b.key))
  const mode = wanted[0]?.longTerm
  return wanted.filter((b) => b.longTerm === mode).slice(0, maxTemplatesPerRequest)
}
