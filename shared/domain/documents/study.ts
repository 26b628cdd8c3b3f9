import type { DateFields } from './date-fields'
import type { ContentVerdict, NoteGrade, NoteHistoryAction, NoteStatus, StudyAudience } from '../study'

/** 学习: study tasks, confirmations and notes. */

/** 学习任务: one per branch; a task the organisation sets is copied to each of its branches. */
export interface StudyTaskDoc {
  _id: string
  branchId: string
  orgId: string
  /** Shared by the copies of an organisation's task. */
  orgTaskId: string | null
  title: string
  materials: { text: string; links: Array<{ title: string; url: string }>; files: Array<{ fileID: string; name: string }> }
  audience: StudyAudience
  /** Beijing calendar date; due by its end (`dueAt`). */
  dueDate: string
  dueAt: Date
  noteRequired: boolean
  minChars: number
  createdBy: string
  createdByName: string
  createdAt: Date
  lastRemindedAt: Date | null
}

export const studyTaskDateFields: DateFields<StudyTaskDoc> = { dueAt: true, createdAt: true, lastRemindedAt: true }

/** A member confirming a task without a required note: `_id` is `${taskId}_${memberId}`. */
export interface StudyCompletionDoc {
  _id: string
  taskId: string
  branchId: string
  memberId: string
  confirmedAt: Date
}

export const studyCompletionDateFields: DateFields<StudyCompletionDoc> = { confirmedAt: true }

export interface NoteHistoryEntry {
  at: Date
  byId: string
  byName: string
  action: NoteHistoryAction
  grade: NoteGrade | null
  comment: string | null
  /** The content check's verdict, on a submission. */
  check?: ContentVerdict
}

/** 心得体会. A note for a task has `_id` `${taskId}_${memberId}`: one per member per task. */
export interface NoteDoc {
  _id: string
  branchId: string
  memberId: string
  authorName: string
  groupId: string | null
  taskId: string | null
  title: string
  body: string
  /** 字数, as the rules count it. */
  characters: number
  photos: string[]
  status: NoteStatus
  grade: NoteGrade | null
  shared: boolean
  sharedAt: Date | null
  /** The content check's verdict on the last submission. */
  contentCheck: ContentVerdict | null
  returnComment: string | null
  firstSubmittedAt: Date | null
  submittedAt: Date | null
  reviewedAt: Date | null
  reviewedBy: string | null
  history: NoteHistoryEntry[]
  createdAt: Date
  updatedAt: Date
}

export const noteDateFields: DateFields<NoteDoc> = { sharedAt: true, firstSubmittedAt: true, submittedAt: true, reviewedAt: true, 'history.at': true, createdAt: true, updatedAt: true }
