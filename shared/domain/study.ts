import type { MemberCategory } from './member'
import { beijingParts, endOf, fromBeijing, hourMs, type Instant } from './time'

/**
 * Study (学习): tasks the branch sets, notes (心得体会) members write, and their review.
 * Pure rules: states, transitions, who still owes a note, yearly counts. No clock is read here.
 */

// --- Notes: what a note may hold ---------------------------------------------------------

/** The shortest note anyone submits, whatever its task asks (in 字, as `countCharacters` counts). */
export const minNoteCharacters = 10
/** The longest note, in 字. */
export const maxNoteCharacters = 10000
/** What the text box takes: an emoji is one 字 but several UTF-16 units; the rules count the 字. */
export const maxNoteRawLength = 3 * maxNoteCharacters
/** Photos one note carries at most. */
export const maxNotePhotos = 9
export const notePhotosMessage = `最多 ${maxNotePhotos} 张照片`
export const noteTooLongMessage = `心得不能超过 ${maxNoteCharacters} 字`

/** The 字数 a note must reach to be submitted: its task's own requirement, never below the floor. */
export function noteMinimum(taskMinChars: number | null | undefined): number {
  return Math.max(taskMinChars ?? 0, minNoteCharacters)
}

/** Why a note of `characters` 字 is too short to submit for a task asking `taskMinChars`, or null. */
export function noteTooShort(characters: number, taskMinChars: number | null | undefined): string | null {
  const minimum = noteMinimum(taskMinChars)
  return characters < minimum ? `心得至少 ${minimum} 字，现在 ${characters} 字` : null
}

export const noteTooLong = (characters: number) => characters > maxNoteCharacters

// --- Notes: one state machine -------------------------------------------------------------

/**
 * draft → submitted → approved (优秀 / 合格)
 *                   ↘ returned → resubmitted → approved | returned …
 */
export const noteStatuses = ['draft', 'submitted', 'returned', 'resubmitted', 'approved'] as const
export type NoteStatus = (typeof noteStatuses)[number]

export const noteStatusLabels: Record<NoteStatus, string> = {
  draft: '草稿',
  submitted: '待审阅',
  returned: '已退回',
  resubmitted: '待审阅（已修改）',
  approved: '已通过',
}

/**
 * The title a note for a task starts with: "《…》学习心得", the task's own words not wrapped in
 * 学习…心得 again when the task's title already says 学习 or 心得.
 */
export function defaultNoteTitle(taskTitle: string): string {
  const title = taskTitle.trim()
  if (/心得|体会/.test(title)) return title
  return /^学习/.test(title) ? `${title}心得` : `学习“${title}”心得`
}

export const noteGrades = ['excellent', 'pass'] as const
export type NoteGrade = (typeof noteGrades)[number]
export const noteGradeLabels: Record<NoteGrade, string> = { excellent: '优秀', pass: '合格' }

/** Waiting for the reviewer. */
export const awaitingReview: readonly NoteStatus[] = ['submitted', 'resubmitted']
/** Counts as handed in for a task (the reviewer has it or has passed it). */
export const handedIn: readonly NoteStatus[] = ['submitted', 'resubmitted', 'approved']

export interface NoteState {
  status: NoteStatus
  grade: NoteGrade | null
  /** Shared with the branch (学习交流), by the author's consent. */
  shared: boolean
  authorId: string
}

export type NoteEvent =
  | { type: 'save' }
  | { type: 'submit' }
  | { type: 'approve'; grade: NoteGrade }
  | { type: 'return'; comment: string }
  | { type: 'share' }
  | { type: 'unshare' }

/** Why a transition is refused: each illegal move has its own code. */
export type NoteRefusal =
  | 'NOTE.UNDER_REVIEW'
  | 'NOTE.ALREADY_SUBMITTED'
  | 'NOTE.ALREADY_APPROVED'
  | 'NOTE.NOT_SUBMITTED'
  | 'NOTE.AWAITING_REVISION'
  | 'NOTE.ALREADY_REVIEWED'
  | 'NOTE.OWN_NOTE'
  | 'NOTE.NOT_APPROVED'
  | 'NOTE.NOT_EXCELLENT'
  | 'NOTE.ALREADY_SHARED'
  | 'NOTE.NOT_SHARED'

export type NoteTransition = { ok: true; next: NoteState } | { ok: false; code: NoteRefusal }

const refuse = (code: NoteRefusal): NoteTransition => ({ ok: false, code })
const to = (state: NoteState, patch: Partial<NoteState>): NoteTransition => ({ ok: true, next: { ...state, ...patch } })

/** Refusal for a reviewer's decision on a note that is not waiting for one. */
function notReviewable(status: NoteStatus): NoteRefusal {
  if (status === 'draft') return 'NOTE.NOT_SUBMITTED'
  if (status === 'returned') return 'NOTE.AWAITING_REVISION'
  return 'NOTE.ALREADY_REVIEWED'
}

/**
 * The one place a note changes state. `by` is the member acting: the author edits, submits and
 * shares; a reviewer (never the author) approves or returns.
 */
export function applyNoteEvent(state: NoteState, event: NoteEvent, by: string): NoteTransition {
  const { status } = state
  switch (event.type) {
    case 'save':
      if (status === 'draft' || status === 'returned') return to(state, {})
      return refuse(status === 'approved' ? 'NOTE.ALREADY_APPROVED' : 'NOTE.UNDER_REVIEW')
    case 'submit':
      if (status === 'draft') return to(state, { status: 'submitted' })
      if (status === 'returned') return to(state, { status: 'resubmitted' })
      return refuse(status === 'approved' ? 'NOTE.ALREADY_APPROVED' : 'NOTE.ALREADY_SUBMITTED')
    case 'approve':
    case 'return':
      if (!awaitingReview.includes(status)) return refuse(notReviewable(status))
      if (by === state.authorId) return refuse('NOTE.OWN_NOTE')
      return event.type === 'approve' ? to(state, { status: 'approved', grade: event.grade }) : to(state, { status: 'returned', grade: null })
    case 'share':
      if (status !== 'approved') return refuse('NOTE.NOT_APPROVED')
      if (state.grade !== 'excellent') return refuse('NOTE.NOT_EXCELLENT')
      if (state.shared) return refuse('NOTE.ALREADY_SHARED')
      return to(state, { shared: true })
    case 'unshare':
      if (!state.shared) return refuse('NOTE.NOT_SHARED')
      return to(state, { shared: false })
  }
}

/** What the history of a note records (saves are not transitions worth keeping). */
export type NoteHistoryAction = 'submit' | 'resubmit' | 'approve' | 'return' | 'share' | 'unshare'

export function historyActionOf(event: NoteEvent, before: NoteStatus): NoteHistoryAction | null {
  if (event.type === 'save') return null
  if (event.type === 'submit') return before === 'returned' ? 'resubmit' : 'submit'
  return event.type
}

export const noteHistoryLabels: Record<NoteHistoryAction, string> = {
  submit: '提交',
  resubmit: '修改后重新提交',
  approve: '审阅通过',
  return: '退回修改',
  share: '同意在支部内交流',
  unshare: '撤回交流',
}

// --- Content check --------------------------------------------------------------------------

/** What WeChat's content check said about one piece of text, or that it could not say. */
export type CheckAnswer = { suggest: 'pass' | 'review' | 'risky'; label?: number } | { failed: string }

/**
 * pass: stored as submitted. review: stored as submitted but held for a person to look at.
 * risky: refused, nothing stored as submitted. unchecked: the check failed or timed out — held
 * for a person rather than let through.
 */
export type ContentVerdict = 'pass' | 'review' | 'risky' | 'unchecked'

export function contentVerdict(answers: readonly CheckAnswer[]): ContentVerdict {
  if (answers.some((a) => 'suggest' in a && a.suggest === 'risky')) return 'risky'
  if (answers.some((a) => 'failed' in a)) return 'unchecked'
  if (answers.some((a) => 'suggest' in a && a.suggest === 'review')) return 'review'
  return 'pass'
}

/** Whether a verdict keeps the note from anything public until a person has looked at it. */
export const heldForPerson = (verdict: ContentVerdict | null) => verdict === 'review' || verdict === 'unchecked'

export const contentVerdictLabels: Record<ContentVerdict, string> = {
  pass: '内容检查通过',
  review: '内容需人工复核',
  risky: '内容不合规',
  unchecked: '内容检查未完成，需人工复核',
}

// --- Study tasks -----------------------------------------------------------------------------

export const studyAudienceKinds = ['branch', 'group', 'members'] as const
export type StudyAudienceKind = (typeof studyAudienceKinds)[number]

export interface StudyAudience {
  kind: StudyAudienceKind
  groupId: string | null
  memberIds: string[]
}

export interface StudyCandidate {
  _id: string
  groupId: string | null
  category: MemberCategory
}

const partyMember = (category: MemberCategory) => category === 'full' || category === 'probationary'

/** A branch- or group-wide task is for Party members; chosen members may be anyone on the roster. */
export function inStudyAudience(audience: StudyAudience, member: StudyCandidate): boolean {
  switch (audience.kind) {
    case 'branch':
      return partyMember(member.category)
    case 'group':
      return member.groupId === audience.groupId && partyMember(member.category)
    case 'members':
      return audience.memberIds.includes(member._id)
  }
}

/** A task is due by the end of its Beijing due date. */
export function dueInstant(dueDate: string): Date {
  return endOf('day', fromBeijing(dueDate))
}

/** The due date a person reads from a task's `dueAt` (its day's end, which is the next day's 00:00). */
export const dueDay = (dueAt: Instant): Date => new Date(new Date(dueAt).getTime() - 1)

/** What a member has done about one task. */
export interface TaskRecord {
  /** Status of the member's note linked to the task, if any. */
  noteStatus: NoteStatus | null
  /** When the member confirmed having studied (tasks without a required note). */
  confirmedAt: Instant | null
}

export type TaskProgress = 'done' | 'submitted' | 'returned' | 'due' | 'overdue'

export const taskProgressLabels: Record<TaskProgress, string> = {
  done: '已完成',
  submitted: '心得待审阅',
  returned: '心得已退回',
  due: '待完成',
  overdue: '已逾期',
}

/** Whether the member has handed in what the task asks for. */
export function hasHandedIn(task: { noteRequired: boolean }, record: TaskRecord): boolean {
  if (record.noteStatus && handedIn.includes(record.noteStatus)) return true
  return !task.noteRequired && record.confirmedAt !== null
}

/** Where a task stands for one member at `now`. */
export function taskProgress(task: { noteRequired: boolean; dueAt: Instant }, record: TaskRecord, now: Instant): TaskProgress {
  if (record.noteStatus === 'approved') return 'done'
  if (record.noteStatus && awaitingReview.includes(record.noteStatus)) return task.noteRequired ? 'submitted' : 'done'
  if (!task.noteRequired && record.confirmedAt !== null) return 'done'
  if (record.noteStatus === 'returned') return 'returned'
  return pastDue(task.dueAt, now) ? 'overdue' : 'due'
}

/** Whether a task's due time (the end of its due date) has passed at `now`. */
export function pastDue(dueAt: Instant, now: Instant): boolean {
  return new Date(now).getTime() >= new Date(dueAt).getTime()
}

/** Where the 学习 page lists a task: a returned note is still to do until the task is overdue. */
export type TaskBucket = 'due' | 'overdue' | 'done'

export function taskBucket(progress: TaskProgress, dueAt: Instant, now: Instant): TaskBucket {
  switch (progress) {
    case 'done':
    case 'submitted':
      return 'done'
    case 'returned':
      return pastDue(dueAt, now) ? 'overdue' : 'due'
    default:
      return progress
  }
}

/** Who in a task's audience has not handed in, and how far they got. */
export type PendingState = 'notStarted' | 'draft' | 'returned'

export function pendingMembers<M extends StudyCandidate>(
  task: { noteRequired: boolean; audience: StudyAudience },
  members: readonly M[],
  records: ReadonlyMap<string, TaskRecord>,
): Array<{ member: M; state: PendingState }> {
  const out: Array<{ member: M; state: PendingState }> = []
  for (const member of members) {
    if (!inStudyAudience(task.audience, member)) continue
    const record = records.get(member._id) ?? { noteStatus: null, confirmedAt: null }
    if (hasHandedIn(task, record)) continue
    out.push({ member, state: record.noteStatus === 'returned' ? 'returned' : record.noteStatus === 'draft' ? 'draft' : 'notStarted' })
  }
  return out
}

/** Reminding the same people about the same task again within this time is refused. */
export const remindIntervalMs = 6 * hourMs

export function mayRemind(lastRemindedAt: Instant | null, now: Instant): boolean {
  return lastRemindedAt === null || new Date(now).getTime() - new Date(lastRemindedAt).getTime() >= remindIntervalMs
}

// --- Yearly counts -----------------------------------------------------------------------------

export interface YearCounts {
  year: number
  /** Tasks due this year that were set for the member. */
  tasks: number
  /** Of those, handed in. */
  tasksDone: number
  /** Notes submitted this year (first submission). */
  notes: number
  /** Of those, approved as 优秀. */
  excellent: number
}

/**
 * One member's study in a Beijing calendar year: counts for the member and the secretary, never
 * a ranking.
 */
export function yearCounts(
  year: number,
  tasks: ReadonlyArray<{ _id: string; dueAt: Instant; noteRequired: boolean }>,
  records: ReadonlyMap<string, TaskRecord>,
  notes: ReadonlyArray<{ firstSubmittedAt: Instant | null; status: NoteStatus; grade: NoteGrade | null }>,
): YearCounts {
  const thisYear = (at: Instant) => beijingParts(at).year === year
  const yearTasks = tasks.filter((t) => thisYear(t.dueAt))
  const submitted = notes.filter((n) => n.firstSubmittedAt !== null && thisYear(n.firstSubmittedAt))
  return {
    year,
    tasks: yearTasks.length,
    tasksDone: yearTasks.filter((t) => hasHandedIn(t, records.get(t._id) ?? { noteStatus: null, confirmedAt: null })).length,
    notes: submitted.length,
    excellent: submitted.filter((n) => n.status === 'approved' && n.grade === 'excellent').length,
  }
}
