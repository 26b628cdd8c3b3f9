/**
 * What a reminder says: its inbox copy (title, body, the page it opens) and the values its
 * subscribe-message template shows, built from the subject alone (pure, Beijing time).
 */
import { dueDay, pastDue, type PendingState } from '../study'
import { formatDate, formatDateTime, formatRelativeDateTime, formatSpan, type Instant } from '../time'
import { formatKeywordValue, keywordType, type KeywordValue } from './format'
import { reminderTemplates, type ContentSlot } from './template-fields'
import { templateOfKind, type ReminderKind, type TemplateKey } from './templates'

/** What a reminder is about; `version` tells two occurrences apart (a moved meeting, a second decision). */
export interface ReminderSubject {
  type: 'meeting' | 'shift' | 'task' | 'note' | 'test'
  id: string
  version?: string
}

export interface ReminderContent {
  /** Inbox title and body (站内消息). */
  title: string
  body: string
  /** The page the inbox message and the subscribe message open, without a leading "/". */
  link: string | null
  /** What the template's fields show. */
  slots: Partial<Record<ContentSlot, KeywordValue>>
}

/** Pages a reminder opens. */
export const reminderPages = {
  meeting: (id: string) => `pages/meeting/index?id=${id}`,
  makeups: () => 'packageMine/makeup/index',
  shift: (id: string) => `packageVolunteer/shift/index?id=${id}`,
  task: (id: string) => `packageStudy/task/index?id=${id}`,
  note: (id: string) => `packageStudy/note/index?id=${id}`,
  test: (id: string) => `packageStudy/test/index?id=${id}`,
}

/** A compact stamp of an instant to the minute ("202603010830", UTC: only ever compared). */
export function versionOf(instant: Instant): string {
  return new Date(instant).toISOString().replace(/[-:TZ.]/g, '').slice(0, 12)
}

export function meetingSubject(meeting: { id: string; startAt: Date }): ReminderSubject {
  // The start is part of the subject: a meeting moved to another day is reminded again.
  return { type: 'meeting', id: meeting.id, version: versionOf(meeting.startAt) }
}

export function meetingReminderContent(
  kind: 'meetingTomorrow' | 'meetingSoon',
  meeting: { id: string; title: string; typeLabel: string; venue: string; startAt: Date; endAt: Date },
  now: Date,
): ReminderContent {
  const when = formatRelativeDateTime(meeting.startAt, now)
  const title = kind === 'meetingSoon' ? '会议即将开始' : '明天有会议'
  const note = kind === 'meetingSoon' ? '1小时后开始，请准时扫码签到' : '明天开会，不能参加请提前请假'
  return {
    title,
    body: `${meeting.typeLabel}“${meeting.title}”${when}，在${meeting.venue}召开。${kind === 'meetingSoon' ? '请准时到场扫码签到。' : '如不能参加，请在会前请假。'}`,
    link: reminderPages.meeting(meeting.id),
    slots: { subject: meeting.title, when: { from: meeting.startAt, to: meeting.endAt }, place: meeting.venue, note },
  }
}

export function leaveDecidedContent(
  leave: {
    meetingId: string
    meetingTitle: string
    typeLabel: string
    startAt: Date
    approved: boolean
    comment: string | null
    approverName: string
  },
  now: Date,
): ReminderContent {
  const when = formatDateTime(leave.startAt, now)
  return {
    title: leave.approved ? '请假已批准' : '请假未批准',
    body: `${leave.typeLabel}“${leave.meetingTitle}”（${when}）的请假${leave.approved ? '已批准，请在会后完成补学' : '未批准，请按时参会'}${leave.comment ? `。审批意见：${leave.comment}` : ''}`,
    link: leave.approved ? reminderPages.makeups() : reminderPages.meeting(leave.meetingId),
    slots: { subject: leave.meetingTitle, result: leave.approved ? '已批准' : '未批准', comment: leave.comment, person: leave.approverName, when: leave.startAt },
  }
}

export function shiftTomorrowContent(shift: { id: string; title: string; place: string; startAt: Date; endAt: Date }, now: Date): ReminderContent {
  return {
    title: '明天有志愿服务',
    body: `你报名的志愿服务“${shift.title}”${formatRelativeDateTime(shift.startAt, now)}开始，地点：${shift.place}。不能参加请尽早取消，让候补的老师顶上。`,
    link: reminderPages.shift(shift.id),
    slots: { subject: shift.title, when: { from: shift.startAt, to: shift.endAt }, place: shift.place, note: '明天服务，请按时到岗签到' },
  }
}

export function shiftPromotedContent(shift: { id: string; title: string; place: string; startAt: Date; endAt: Date }, now: Date): ReminderContent {
  return {
    title: '候补成功，你已获得名额',
    body: `志愿服务“${shift.title}”（${formatSpan(shift.startAt, shift.endAt, now)}），地点：${shift.place}。如不能参加，请在取消截止前取消或发起换班。`,
    link: reminderPages.shift(shift.id),
    slots: { subject: shift.title, when: { from: shift.startAt, to: shift.endAt }, place: shift.place, result: '候补成功' },
  }
}

/**
 * Shifts a person was on were cancelled (one message however many): the inbox names up to three,
 * the subscribe message the first, with the reason.
 */
export function shiftCancelledContent(shifts: ReadonlyArray<{ id: string; title: string; place: string; startAt: Date; endAt: Date }>, reason: string, now: Date): ReminderContent {
  const [first] = shifts
  const labels = shifts.map((s) => `${formatSpan(s.startAt, s.endAt, now)} ${s.title}`)
  return {
    title: shifts.length > 1 ? `你报名的 ${shifts.length} 个志愿服务班次已取消` : '你报名的志愿服务班次已取消',
    body: `${labels.slice(0, 3).join('；')}${labels.length > 3 ? ` 等 ${labels.length} 个班次` : ''}。原因：${reason}`,
    link: shifts.length > 1 ? 'pages/volunteer/index' : reminderPages.shift(first.id),
    slots: { subject: first.title, when: { from: first.startAt, to: first.endAt }, comment: reason, note: shifts.length > 1 ? `你报名的${shifts.length}个班次都已取消` : '该班次已取消，无需前往' },
  }
}

export function studyTaskDueContent(task: { id: string; title: string; dueAt: Date; noteRequired: boolean }, now: Date): ReminderContent {
  const owed = task.noteRequired ? '提交心得' : '完成学习'
  return {
    title: '学习任务即将截止',
    body: `学习任务“${task.title}”将于${formatRelativeDateTime(task.dueAt, now)}截止，你还没有${owed}。`,
    link: reminderPages.task(task.id),
    slots: { subject: task.title, when: task.dueAt, note: `还未${owed}，请在截止前${task.noteRequired ? '提交' : '完成'}` },
  }
}

/**
 * The reminder a task's manager sends in one tap to one person who has not handed in (`owes`
 * says how far they got): before the due date or after it, a returned note asked to be revised.
 */
export function studyTaskRoundContent(task: { id: string; title: string; dueAt: Date; noteRequired: boolean }, owes: PendingState, now: Date): ReminderContent {
  const overdue = pastDue(task.dueAt, now)
  const due = formatDate(dueDay(task.dueAt), now)
  const ask = owes === 'returned' ? '你的心得已退回，请修改后重新提交' : task.noteRequired ? '请尽快完成学习并提交心得' : '请尽快完成学习'
  return {
    title: overdue ? '学习任务已逾期' : '学习任务提醒',
    body: `“${task.title}”${overdue ? `已于${due}截止` : `将于${due}截止`}，${ask}`,
    link: reminderPages.task(task.id),
    slots: { subject: task.title, when: task.dueAt, note: owes === 'returned' ? '心得已退回，请修改后重新提交' : task.noteRequired ? '还未提交心得，请尽快提交' : '还未完成学习，请尽快完成' },
  }
}

export type NoteReviewResult = 'excellent' | 'pass' | 'returned'

export function noteReviewedContent(note: {
  id: string
  title: string
  result: NoteReviewResult
  comment: string | null
  reviewerName: string
  reviewedAt: Date
}): ReminderContent {
  const result = { excellent: '优秀', pass: '合格', returned: '退回修改' }[note.result]
  const body =
    note.result === 'returned'
      ? `你的心得“${note.title}”被退回，请按意见修改后重新提交${note.comment ? `。意见：${note.comment}` : ''}`
      : `你的心得“${note.title}”已审阅：${result}${note.comment ? `。意见：${note.comment}` : ''}`
  return {
    title: note.result === 'returned' ? '心得被退回' : '心得已审阅',
    body,
    link: reminderPages.note(note.id),
    slots: { subject: note.title, result: note.result === 'returned' ? '退回修改' : result, comment: note.comment, person: note.reviewerName, when: note.reviewedAt },
  }
}

export function testOpeningContent(test: { id: string; title: string; opensAt: Date; closesAt: Date; durationMinutes: number }, now: Date): ReminderContent {
  return {
    title: '理论测试已开始',
    body: `“${test.title}”已开放作答，${formatRelativeDateTime(test.closesAt, now)}截止，限时${test.durationMinutes}分钟，只能作答一次。`,
    link: reminderPages.test(test.id),
    slots: { subject: test.title, when: { from: test.opensAt, to: test.closesAt }, minutes: test.durationMinutes, note: '请在截止前完成作答' },
  }
}

/** The `data` of a subscribe message: every field of the template, shaped to its keyword type. */
export function templateData(template: TemplateKey, slots: ReminderContent['slots']): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const field of reminderTemplates[template].fields) {
    const type = keywordType(field.key)
    if (!type) throw new Error(`unknown keyword type in ${template}.${field.key}`)
    data[field.key] = { value: formatKeywordValue(type, slots[field.slot], { fallback: field.fallback }) }
  }
  return data
}

/** The subscribe message of a reminder (template, page and values), ready for subscribeMessage.send. */
export function subscribeMessageOf(kind: ReminderKind, content: ReminderContent): { template: TemplateKey; page: string | null; data: Record<string, { value: string }> } {
  const template = templateOfKind(kind)
  return { template, page: content.link, data: templateData(template, content.slots) }
}
