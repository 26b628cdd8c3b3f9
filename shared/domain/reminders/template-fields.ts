/**
 * How a reminder's content fills each subscribe-message template: the template to add from
 * WeChat's public library and its keywords, in order. Used by the functions that send; the
 * README lists the same for those who set up the admin console.
 */
import type { TemplateKey } from './templates'

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
  /** Title of the template to add from WeChat's public library (公共模板库). */
  title: string
  fields: readonly TemplateField[]
}

export const reminderTemplates: Record<TemplateKey, ReminderTemplate> = {
  meetingReminder: {
    title: '会议提醒',
    fields: [
      { key: 'thing1', label: '会议名称', slot: 'subject' },
      { key: 'time2', label: '会议时间', slot: 'when' },
      { key: 'thing3', label: '会议地点', slot: 'place', fallback: '见会议通知' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
  leaveResult: {
    title: '请假审批结果通知',
    fields: [
      { key: 'thing1', label: '请假事项', slot: 'subject' },
      { key: 'phrase2', label: '审批结果', slot: 'result' },
      { key: 'thing3', label: '审批意见', slot: 'comment', fallback: '无' },
      { key: 'name4', label: '审批人', slot: 'person', fallback: '支部' },
      { key: 'time5', label: '会议时间', slot: 'when' },
    ],
  },
  shiftReminder: {
    title: '活动开始提醒',
    fields: [
      { key: 'thing1', label: '活动名称', slot: 'subject' },
      { key: 'time2', label: '活动时间', slot: 'when' },
      { key: 'thing3', label: '活动地点', slot: 'place', fallback: '见活动详情' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
  waitlistResult: {
    title: '候补成功通知',
    fields: [
      { key: 'thing1', label: '活动名称', slot: 'subject' },
      { key: 'time2', label: '活动时间', slot: 'when' },
      { key: 'thing3', label: '活动地点', slot: 'place', fallback: '见活动详情' },
      { key: 'phrase4', label: '候补结果', slot: 'result', fallback: '候补成功' },
    ],
  },
  cancelNotice: {
    title: '活动取消通知',
    fields: [
      { key: 'thing1', label: '活动名称', slot: 'subject' },
      { key: 'time2', label: '活动时间', slot: 'when' },
      { key: 'thing3', label: '取消原因', slot: 'comment', fallback: '见小程序消息' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
  studyReminder: {
    title: '学习任务提醒',
    fields: [
      { key: 'thing1', label: '任务名称', slot: 'subject' },
      { key: 'time2', label: '截止时间', slot: 'when' },
      { key: 'thing3', label: '温馨提示', slot: 'note' },
    ],
  },
  reviewResult: {
    title: '审核结果通知',
    fields: [
      { key: 'thing1', label: '心得标题', slot: 'subject' },
      { key: 'phrase2', label: '审核结果', slot: 'result' },
      { key: 'thing3', label: '审核意见', slot: 'comment', fallback: '无' },
      { key: 'name4', label: '审核人', slot: 'person', fallback: '支部' },
      { key: 'time5', label: '审核时间', slot: 'when' },
    ],
  },
  testReminder: {
    title: '考试提醒',
    fields: [
      { key: 'thing1', label: '考试名称', slot: 'subject' },
      { key: 'time2', label: '考试时间', slot: 'when' },
      { key: 'number3', label: '考试时长', slot: 'minutes' },
      { key: 'thing4', label: '温馨提示', slot: 'note' },
    ],
  },
}
