import type { NoteSummaryView, NoteView, StudyTaskSummaryView } from '../../shared/api/areas/study'
import { fail } from '../../shared/errors'
import { mayReviewNotes } from '../../shared/domain/permissions'
import type { GroupDoc, MemberDoc } from '../../shared/domain/roster'
import {
  awaitingReview,
  taskProgress,
  type ContentVerdict,
  type NoteGrade,
  type NoteHistoryAction,
  type NoteStatus,
  type StudyAudience,
  type TaskRecord,
} from '../../shared/domain/study'
import type { Answers, Question } from '../../shared/domain/theory-test'
import type { Actor, MemberActor } from './actor'
import { cloud } from './cloud'
import { getAll, getById } from './db'

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

/** A member confirming a task without a required note: `_id` is `${taskId}_${memberId}`. */
export interface StudyCompletionDoc {
  _id: string
  taskId: string
  branchId: string
  memberId: string
  confirmedAt: Date
}

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

/** 理论测试, one per branch; an organisation's test is copied to each of its branches. */
export interface TheoryTestDoc {
  _id: string
  branchId: string
  orgId: string
  orgTestId: string | null
  title: string
  description: string
  questions: Question[]
  timeLimitMinutes: number
  opensAt: Date
  closesAt: Date
  closedEarlyAt: Date | null
  createdBy: string
  createdByName: string
  createdAt: Date
}

/** One member's go at a test: `_id` is `${testId}_${memberId}`, so a member takes it once. */
export interface AttemptDoc {
  _id: string
  testId: string
  branchId: string
  memberId: string
  status: 'inProgress' | 'submitted'
  startedAt: Date
  deadline: Date
  answers: Answers
  savedAt: Date | null
  submittedAt: Date | null
  autoSubmitted: boolean
  /** Objective points, graded at submission. */
  objective: number | null
  earned: Record<string, number>
  /** Short answers graded by a reviewer: question id → points. */
  shortScores: Record<string, number>
  /** Final score once every short answer is graded. */
  score: number | null
  /** Names the answer sheet to reviewers without naming the member. */
  gradingKey: string
}

export const memberKey = (ownerId: string, memberId: string) => `${ownerId}_${memberId}`

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null)
export const isoOf = (d: Date | string): string => new Date(d).toISOString()

/** A task of the caller's branch, or STUDY.TASK_NOT_FOUND (also for another branch's). */
export async function taskOfBranch(branchId: string, taskId: string): Promise<StudyTaskDoc> {
  const task = await getById<StudyTaskDoc>('studyTasks', taskId)
  if (!task || task.branchId !== branchId) fail('STUDY.TASK_NOT_FOUND')
  return task
}

/** A task a manager may look after: their own branch's, or for an organisation admin, one of their branches'. */
export async function managedTask(actor: Actor, taskId: string): Promise<{ task: StudyTaskDoc; canManage: boolean }> {
  const task = await getById<StudyTaskDoc>('studyTasks', taskId)
  if (actor.kind === 'orgAdmin') {
    if (!task || task.orgId !== actor.admin.orgId) fail('STUDY.TASK_NOT_FOUND')
    return { task, canManage: false }
  }
  if (actor.kind !== 'member') fail('AUTH.NOT_BOUND')
  if (!actor.capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
  if (!task || task.branchId !== actor.member.branchId) fail('STUDY.TASK_NOT_FOUND')
  return { task, canManage: true }
}

/** A task as lists show it; `mine` is the caller's record when the task is set for them. */
export function taskSummary(task: StudyTaskDoc, mine: { memberId: string; record: TaskRecord } | null, now: Date): StudyTaskSummaryView {
  const record = mine?.record
  return {
    id: task._id,
    title: task.title,
    dueDate: task.dueDate,
    dueAt: isoOf(task.dueAt),
    noteRequired: task.noteRequired,
    minChars: task.minChars,
    fromOrg: task.orgTaskId !== null,
    my: record
      ? {
          progress: taskProgress(task, record, now),
          noteId: record.noteStatus ? memberKey(task._id, (mine as { memberId: string }).memberId) : null,
          noteStatus: record.noteStatus,
          confirmedAt: iso(record.confirmedAt as Date | null),
        }
      : null,
  }
}

export async function groupsOf(branchId: string): Promise<Map<string, GroupDoc>> {
  return new Map((await getAll<GroupDoc>('groups', { branchId })).map((g) => [g._id, g]))
}

export function noteSummary(note: NoteDoc, taskTitle: string | null, groupName: string | null): NoteSummaryView {
  return {
    id: note._id,
    title: note.title,
    authorName: note.authorName,
    groupName,
    taskId: note.taskId,
    taskTitle,
    status: note.status,
    grade: note.grade,
    shared: note.shared,
    characters: note.characters,
    contentCheck: note.contentCheck,
    submittedAt: iso(note.submittedAt),
    updatedAt: isoOf(note.updatedAt),
  }
}

/** Temporary links (an hour) for stored files, in their order. */
export async function fileLinks(fileIDs: string[]): Promise<Map<string, string>> {
  if (!fileIDs.length) return new Map()
  const res = (await cloud.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: 3600 })) })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>
  }
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]))
}

/** Who may read a note: its author, the branch's reviewers, and the branch once it is shared. */
export function noteAccess(actor: MemberActor, note: NoteDoc): { author: boolean; reviewer: boolean; reader: boolean } {
  const sameBranch = note.branchId === actor.member.branchId
  const author = note.memberId === actor.member._id
  const reviewer = sameBranch && mayReviewNotes(actor.capabilities) && note.status !== 'draft'
  return { author, reviewer, reader: author || reviewer || (sameBranch && note.shared) }
}

export async function noteView(actor: MemberActor, note: NoteDoc, extra: { task?: StudyTaskDoc | null; groupName?: string | null } = {}): Promise<NoteView> {
  const access = noteAccess(actor, note)
  const [task, groupName, links] = await Promise.all([
    extra.task !== undefined ? extra.task : note.taskId ? getById<StudyTaskDoc>('studyTasks', note.taskId) : null,
    extra.groupName !== undefined ? extra.groupName : note.groupId ? getById<GroupDoc>('groups', note.groupId).then((g) => g?.name ?? null) : null,
    fileLinks(note.photos),
  ])
  return {
    ...noteSummary(note, task?.title ?? null, groupName),
    authorId: note.memberId,
    body: note.body,
    photos: note.photos.map((fileID) => ({ fileID, url: links.get(fileID) ?? '' })),
    minChars: task?.minChars ?? 0,
    returnComment: note.returnComment,
    history: (access.author || access.reviewer ? note.history : []).map((h) => ({ at: isoOf(h.at), byName: h.byName, action: h.action, grade: h.grade, comment: h.comment })),
    canEdit: access.author && (note.status === 'draft' || note.status === 'returned'),
    canReview: access.reviewer && !access.author && awaitingReview.includes(note.status),
    canShare: access.author && note.status === 'approved' && note.grade === 'excellent',
  }
}

export function memberName(members: Map<string, MemberDoc>, id: string): string {
  return members.get(id)?.name ?? ''
}
