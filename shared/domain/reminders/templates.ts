/**
 * Every reminder the branch sends, the subscribe-message template each one goes out with, and
 * how a reminder's content fills the template's fields. The template ids of a deployment live
 * in `shared/config/subscribe-templates.ts`.
 */
import { subscribeTemplateIds } from '../../config/subscribe-templates'

/** What a reminder is about (提醒种类). */
export const reminderKinds = [
  'meetingTomorrow',
  'meetingSoon',
  'leaveDecided',
  'shiftTomorrow',
  'waitlistPromoted',
  'studyTaskDue',
  'noteReviewed',
  'testOpening',
] as const
export type ReminderKind = (typeof reminderKinds)[number]

export const reminderKindLabels: Record<ReminderKind, string> = {
  meetingTomorrow: '会议前一天提醒',
  meetingSoon: '会前 1 小时提醒',
  leaveDecided: '请假审批结果',
  shiftTomorrow: '志愿服务前一天提醒',
  waitlistPromoted: '候补转正通知',
  studyTaskDue: '学习任务截止提醒',
  noteReviewed: '心得审阅结果',
  testOpening: '理论测试开考提醒',
}

/** Kinds the timer sends when they fall due; the others go out the moment their event happens. */
export const scheduledKinds: readonly ReminderKind[] = ['meetingTomorrow', 'meetingSoon', 'shiftTomorrow', 'studyTaskDue', 'testOpening']

export const templateKeys = ['meetingReminder', 'leaveResult', 'shiftReminder', 'waitlistResult', 'studyReminder', 'reviewResult', 'testReminder'] as const
export type TemplateKey = (typeof templateKeys)[number]

/** The parts of a reminder's content a template field can show. */
export type ContentSlot = 'subject' | 'when' | 'place' | 'note' | 'result' | 'comment' | 'person' | 'minutes'

export interface TemplateField {
  /** The keyword as the template in the admin console names it (`thing1`, `time2`…). */
  key: string
  /** The keyword's name in the template (关键词名称), to pick when adding the template. */
  label: string
  slot: ContentSlot
  /** Shown when the content has nothing for the slot (WeChat refuses an empty value). */
  fallback?: string
}

export interface ReminderTemplate {
  key: TemplateKey
  /** Title of the template to add from WeChat's public library (公共模板库). */
  title: string
  /** What the person is asked to allow and sees on 我的. */
  label: string
  kinds: readonly ReminderKind[]
  fields: readonly TemplateField[]
}

export const reminderTemplates: Record<TemplateKey, ReminderTemplate> = {
  meetingReminder: {
    key: 'meetingReminder',
    title: '会议提醒',
    label: '会议提醒',
    kinds: ['meetingTomorrow', 'meetingSoon'],
    fields: [
      { key: 'thing1', label: '会议名称', slot: 'subject' },
      { key: 'time2', label: '会议时间', slot: 'when' },
      { key: 'thing3', label: '会议地点', slot: 'place', fallback: '见会议通知' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
  leaveResult: {
    key: 'leaveResult',
    title: '请假审批结果通知',
    label: '请假审批结果',
    kinds: ['leaveDecided'],
    fields: [
      { key: 'thing1', label: '请假事项', slot: 'subject' },
      { key: 'phrase2', label: '审批结果', slot: 'result' },
      { key: 'thing3', label: '审批意见', slot: 'comment', fallback: '无' },
      { key: 'name4', label: '审批人', slot: 'person', fallback: '支部' },
      { key: 'time5', label: '会议时间', slot: 'when' },
    ],
  },
  shiftReminder: {
    key: 'shiftReminder',
    title: '活动开始提醒',
    label: '志愿服务提醒',
    kinds: ['shiftTomorrow'],
    fields: [
      { key: 'thing1', label: '活动名称', slot: 'subject' },
      { key: 'time2', label: '活动时间', slot: 'when' },
      { key: 'thing3', label: '活动地点', slot: 'place', fallback: '见活动详情' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
  waitlistResult: {
    key: 'waitlistResult',
    title: '候补成功通知',
    label: '候补转正通知',
    kinds: ['waitlistPromoted'],
    fields: [
      { key: 'thing1', label: '活动名称', slot: 'subject' },
      { key: 'time2', label: '活动时间', slot: 'when' },
      { key: 'thing3', label: '活动地点', slot: 'place', fallback: '见活动详情' },
      { key: 'phrase4', label: '候补结果', slot: 'result', fallback: '候补成功' },
    ],
  },
  studyReminder: {
    key: 'studyReminder',
    title: '学习任务提醒',
    label: '学习任务提醒',
    kinds: ['studyTaskDue'],
    fields: [
      { key: 'thing1', label: '任务名称', slot: 'subject' },
      { key: 'time2', label: '截止时间', slot: 'when' },
      { key: 'thing3', label: '温馨提示', slot: 'note' },
    ],
  },
  reviewResult: {
    key: 'reviewResult',
    title: '审核结果通知',
    label: '心得审阅结果',
    kinds: ['noteReviewed'],
    fields: [
      { key: 'thing1', label: '心得标题', slot: 'subject' },
      { key: 'phrase2', label: '审核结果', slot: 'result' },
      { key: 'thing3', label: '审核意见', slot: 'comment', fallback: '无' },
      { key: 'name4', label: '审核人', slot: 'person', fallback: '支部' },
      { key: 'time5', label: '审核时间', slot: 'when' },
    ],
  },
  testReminder: {
    key: 'testReminder',
    title: '考试提醒',
    label: '理论测试提醒',
    kinds: ['testOpening'],
    fields: [
      { key: 'thing1', label: '考试名称', slot: 'subject' },
      { key: 'time2', label: '考试时间', slot: 'when' },
      { key: 'number3', label: '考试时长', slot: 'minutes' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
}

/** The template a kind of reminder goes out with. */
export function templateOfKind(kind: ReminderKind): ReminderTemplate {
  const found = templateKeys.map((k) => reminderTemplates[k]).find((t) => t.kinds.includes(kind))
  if (!found) throw new Error(`no template for ${kind}`)
  return found
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
  /** After signing up for a shift (or joining its waitlist). */
  afterShiftSignup: ['shiftReminder', 'waitlistResult'],
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
