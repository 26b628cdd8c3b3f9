import type { NoteSummaryView, NoteView, StudyTaskSummaryView } from '../../shared/api/areas/study'
import { fail } from '../../shared/errors'
import { mayReviewNotes } from '../../shared/domain/permissions'
import type { BranchDoc, NoteDoc, StudyTaskDoc } from '../../shared/domain/documents'
import { awaitingReview, taskProgress, type TaskRecord } from '../../shared/domain/study'
import { requireCapability, type Actor, type MemberActor } from './actor'
import { iso, isoOf, memberKey } from './common'
import type { Db } from './db'
import { fileLinks } from './files'

/** A task of the caller's branch, or STUDY.TASK_NOT_FOUND (also for another branch's). */
export async function taskOfBranch(db: Db, branchId: string, taskId: string): Promise<StudyTaskDoc> {
  const task = await db.get('studyTasks', taskId)
  if (!task || task.branchId !== branchId) fail('STUDY.TASK_NOT_FOUND')
  return task
}

/** A task a manager may look after: their own branch's, or for an organisation admin, one of their branches'. */
export async function managedTask(db: Db, actor: Actor, taskId: string): Promise<{ task: StudyTaskDoc; canManage: boolean }> {
  const task = await db.get('studyTasks', taskId)
  if (actor.kind === 'orgAdmin') {
    if (!task || task.orgId !== actor.admin.orgId) fail('STUDY.TASK_NOT_FOUND')
    return { task, canManage: false }
  }
  if (actor.kind !== 'member') fail('AUTH.NOT_BOUND')
  if (!actor.capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
  if (!task || task.branchId !== actor.member.branchId) fail('STUDY.TASK_NOT_FOUND')
  return { task, canManage: true }
}

/**
 * Where a task or test someone sets goes: their own branch (manageStudy), or for an organisation
 * admin every branch of the organisation. `owner` prefixes the files they attach.
 */
export async function settingBranches(db: Db, actor: Actor): Promise<{ branches: BranchDoc[]; by: { id: string; name: string }; owner: string; org: boolean }> {
  if (actor.kind === 'orgAdmin') {
    const branches = await db.all('branches', { orgId: actor.admin.orgId })
    return { branches, by: { id: actor.openid, name: actor.admin.name }, owner: actor.admin.orgId, org: true }
  }
  const member = requireCapability(actor, 'manageStudy')
  const branch = await db.get('branches', member.member.branchId)
  if (!branch) fail('NOT_FOUND')
  return { branches: [branch], by: { id: member.member._id, name: member.member.name }, owner: branch._id, org: false }
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

/** Who may read a note: its author, the branch's reviewers, and the branch once it is shared. */
export function noteAccess(actor: MemberActor, note: NoteDoc): { author: boolean; reviewer: boolean; reader: boolean } {
  const sameBranch = note.branchId === actor.member.branchId
  const author = note.memberId === actor.member._id
  const reviewer = sameBranch && mayReviewNotes(actor.capabilities) && note.status !== 'draft'
  return { author, reviewer, reader: author || reviewer || (sameBranch && note.shared) }
}

export async function noteView(db: Db, actor: MemberActor, note: NoteDoc, extra: { task?: StudyTaskDoc | null; groupName?: string | null } = {}): Promise<NoteView> {
  const access = noteAccess(actor, note)
  const [task, groupName, links] = await Promise.all([
    extra.task !== undefined ? extra.task : note.taskId ? db.get('studyTasks', note.taskId) : null,
    extra.groupName !== undefined ? extra.groupName : note.groupId ? db.get('groups', note.groupId).then((g) => g?.name ?? null) : null,
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
