import type { NoteSummaryView, StudyTaskSummaryView } from '../../../shared/api/areas/study'
import type { TheoryTestSummaryView } from '../../../shared/api/areas/exam'
import { contentVerdictLabels, dueDateOf, heldForPerson, noteGradeLabels, noteStatusLabels, taskProgressLabels } from '../../../shared/domain/study'
import { calendarDaysBetween, formatDate, formatDateTime, fromBeijing } from '../../../shared/domain/time'
import type { ChipTone } from './meeting'

/** Where a task stands for me, as a chip. */
export function taskChip(task: StudyTaskSummaryView): { text: string; tone: ChipTone } {
  const progress = task.my?.progress ?? 'due'
  const tone: Record<typeof progress, ChipTone> = { done: 'green', submitted: 'gold', returned: 'red', due: 'amber', overdue: 'red' }
  return { text: taskProgressLabels[progress], tone: tone[progress] }
}

/** "6月30日截止 · 还剩 3 天", "已于6月30日截止". */
export function dueLine(dueAt: string, now = new Date()): string {
  const ended = Date.parse(dueAt) <= now.getTime()
  const lastDay = fromBeijing(dueDateOf(dueAt))
  if (ended) return `已于${formatDate(lastDay, now)}截止`
  const days = calendarDaysBetween(now, lastDay)
  return `${formatDate(lastDay, now)}截止 · ${days === 0 ? '今天截止' : `还剩 ${days} 天`}`
}

/** Buckets of the 学习 page: what is still to do, what is late, what is handed in. */
export function taskBuckets(tasks: StudyTaskSummaryView[]) {
  return {
    due: tasks.filter((t) => t.my?.progress === 'due' || (t.my?.progress === 'returned' && Date.parse(t.dueAt) > Date.now())),
    overdue: tasks.filter((t) => t.my?.progress === 'overdue' || (t.my?.progress === 'returned' && Date.parse(t.dueAt) <= Date.now())),
    done: tasks.filter((t) => t.my?.progress === 'done' || t.my?.progress === 'submitted'),
  }
}

export function noteChip(note: Pick<NoteSummaryView, 'status' | 'grade' | 'shared'>): { text: string; tone: ChipTone } {
  if (note.status === 'approved') return { text: note.grade ? noteGradeLabels[note.grade] : noteStatusLabels.approved, tone: note.grade === 'excellent' ? 'red' : 'green' }
  const tone: Record<NoteSummaryView['status'], ChipTone> = { draft: 'grey', submitted: 'gold', resubmitted: 'gold', returned: 'red', approved: 'green' }
  return { text: noteStatusLabels[note.status], tone: tone[note.status] }
}

/** The reviewer's marker for a note the content check held for a person. */
export function heldLabel(note: Pick<NoteSummaryView, 'contentCheck'>): string | null {
  return note.contentCheck && heldForPerson(note.contentCheck) ? contentVerdictLabels[note.contentCheck] : null
}

export function testChip(test: TheoryTestSummaryView): { text: string; tone: ChipTone } {
  const my = test.my
  if (!my) return { text: test.window === 'open' ? '进行中' : test.window === 'notOpen' ? '未开始' : '已结束', tone: 'grey' }
  if (my.status === 'submitted') return my.score !== null ? { text: `${my.score} 分`, tone: 'green' } : { text: '已交卷', tone: 'green' }
  if (my.status === 'inProgress') return { text: '答题中', tone: 'amber' }
  if (test.window === 'notOpen') return { text: '未开始', tone: 'grey' }
  if (test.window === 'closed') return { text: '未参加', tone: 'red' }
  return { text: '待参加', tone: 'amber' }
}

export function windowLine(test: Pick<TheoryTestSummaryView, 'opensAt' | 'closesAt' | 'timeLimitMinutes'>, now = new Date()): string {
  return `${formatDateTime(test.opensAt, now)} – ${formatDateTime(test.closesAt, now)} · 限时 ${test.timeLimitMinutes} 分钟`
}
