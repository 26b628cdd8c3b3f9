import type { ActionInput } from '../../shared/api/contract'
import type { ManagedTaskView, StudyTaskView } from '../../shared/api/areas/study'
import { fail } from '../../shared/errors'
import { mayReadDesk } from '../../shared/domain/permissions'
import type { StudyCompletionDoc, StudyTaskDoc } from '../../shared/domain/documents'
import { dueDateProblem } from '../../shared/domain/date-ranges'
import { dueDay, dueInstant, handedIn, inStudyAudience, pastDue, type TaskRecord } from '../../shared/domain/study'
import { formatDate } from '../../shared/domain/time'
import type { Actor, MemberActor } from '../_lib/actor'
import { groupsOf, isoOf, memberKey } from '../_lib/common'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { fileLinks } from '../_lib/files'
import { inboxMessage } from '../_lib/inbox'
import { ownUploads } from '../_lib/uploads'
import { settingBranches, taskOfBranch, taskSummary } from '../_lib/study'

/** Study tasks (学习任务): set by those who run the branch's study, read and confirmed by members. */

/** A task as its page shows it to the caller, with their record where it is set for them. */
export async function taskView(db: Db, actor: MemberActor, task: StudyTaskDoc, now: Date, record?: TaskRecord): Promise<StudyTaskView> {
  const inAudience = inStudyAudience(task.audience, actor.member)
  const key = memberKey(task._id, actor.member._id)
  const [note, completion, group, links] = await Promise.all([
    record || !inAudience ? null : db.get('notes', key),
    record || !inAudience ? null : db.get('studyCompletions', key),
    task.audience.groupId ? db.get('groups', task.audience.groupId) : null,
    fileLinks(task.materials.files.map((f) => f.fileID)),
  ])
  const mine = record ?? { noteStatus: note?.status ?? null, confirmedAt: completion?.confirmedAt ?? null }
  return {
    ...taskSummary(task, inAudience ? { memberId: actor.member._id, record: mine } : null, now),
    materials: { text: task.materials.text, links: task.materials.links, files: task.materials.files.map((f) => ({ ...f, url: links.get(f.fileID) ?? '' })) },
    audience: { ...task.audience, groupName: group?.name ?? null },
    createdByName: task.createdByName,
    createdAt: isoOf(task.createdAt),
    canManage: actor.capabilities.includes('manageStudy'),
  }
}

/** Checks that an audience names a group and members of this branch. */
async function checkAudience(db: Db, branchId: string, audience: StudyTaskDoc['audience']): Promise<StudyTaskDoc['audience']> {
  if (audience.kind === 'group') {
    const group = await db.get('groups', audience.groupId as string)
    if (!group || group.branchId !== branchId) fail('INPUT.INVALID', '党小组不存在', { 'audience.groupId': '党小组不存在' })
    return { kind: 'group', groupId: group._id, memberIds: [] }
  }
  if (audience.kind === 'members') {
    const ids = [...new Set(audience.memberIds)]
    const found = await db.all('members', { _id: { $in: ids }, branchId, status: 'active' })
    if (found.length !== ids.length) fail('INPUT.INVALID', '所选成员不在本支部', { 'audience.memberIds': '所选成员不在本支部' })
    return { kind: 'members', groupId: null, memberIds: ids }
  }
  return { kind: 'branch', groupId: null, memberIds: [] }
}

/** Files attached to materials: each uploaded by the person setting the task, for their branch. */
async function checkFiles(db: Db, actor: Actor, files: Array<{ fileID: string }>): Promise<void> {
  if (!files.length) return
  if (actor.kind !== 'member') fail('INPUT.INVALID', '党总支布置的任务请用文字和链接提供学习资料', { 'materials.files': '党总支布置的任务请用文字和链接提供学习资料' })
  const own = await ownUploads(db, actor, files.map((f) => f.fileID), { purpose: 'studyMaterial', branchId: actor.member.branchId })
  if (files.some((f) => !own.has(f.fileID))) fail('STUDY.FILE_FOREIGN', undefined, { 'materials.files': '附件需从学习任务页面上传' })
}

/**
 * 布置学习任务: by manageStudy in their branch; an organisation admin sets it for every branch
 * of the organisation (one copy each, for the whole branch). Everyone it is for gets a message.
 */
export async function createTask(db: Db, actor: Actor, input: ActionInput<'study.createTask'>, now: Date): Promise<{ ids: string[]; branches: number }> {
  if (actor.kind === 'orgAdmin' && input.audience.kind !== 'branch') fail('INPUT.INVALID', '党总支布置的任务面向各支部全体党员', { 'audience.kind': '党总支布置的任务面向各支部全体党员' })
  const { branches, by } = await settingBranches(db, actor)
  await checkFiles(db, actor, input.materials.files)
  const dueAt = dueInstant(input.dueDate)
  if (pastDue(dueAt, now)) fail('INPUT.INVALID', '截止日期已过', { dueDate: '截止日期已过' })
  const outOfRange = dueDateProblem(dueAt, now)
  if (outOfRange) fail('INPUT.DATE_OUT_OF_RANGE', outOfRange.message, { [outOfRange.field]: outOfRange.message })
  const orgTaskId = actor.kind === 'orgAdmin' ? `orgtask-${now.getTime().toString(36)}-${newId().slice(0, 8)}` : null
  const tasks: StudyTaskDoc[] = []
  for (const branch of branches) {
    tasks.push({
      _id: `task-${now.getTime().toString(36)}-${newId().slice(0, 12)}`,
      branchId: branch._id,
      orgId: branch.orgId,
      orgTaskId,
      title: input.title,
      materials: input.materials,
      audience: await checkAudience(db, branch._id, input.audience),
      dueDate: input.dueDate,
      dueAt,
      noteRequired: input.noteRequired,
      minChars: input.noteRequired ? input.minChars : 0,
      createdBy: by.id,
      createdByName: by.name,
      createdAt: now,
      lastRemindedAt: null,
    })
  }
  await db.addMany('studyTasks', tasks)
  // Side effect after the tasks are stored: each person the task is for is told.
  const members = await db.all('members', { branchId: { $in: branches.map((b) => b._id) }, status: 'active' })
  const messages = tasks.flatMap((task) =>
    members
      .filter((m) => m.branchId === task.branchId && inStudyAudience(task.audience, m))
      .map((m) =>
        inboxMessage({
          memberId: m._id,
          branchId: m.branchId,
          kind: 'studyTask',
          title: '新的学习任务',
          body: `“${task.title}”，请于${formatDate(dueDay(task.dueAt), now)}前完成${task.noteRequired ? `并提交学习心得${task.minChars ? `（不少于 ${task.minChars} 字）` : ''}` : ''}`,
          link: `packageStudy/task/index?id=${task._id}`,
          createdAt: now,
        }),
      ),
  )
  if (messages.length) await db.addMany('inbox', messages)
  return { ids: tasks.map((t) => t._id), branches: tasks.length }
}

/** The branch's groups and members, to choose a task's audience from. */
export async function people(db: Db, actor: MemberActor) {
  if (!actor.capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
  const [members, groups] = await Promise.all([db.all('members', { branchId: actor.member.branchId, status: 'active' }), groupsOf(db, actor.member.branchId)])
  const ordered = [...groups.values()].sort((a, b) => a.order - b.order)
  return {
    groups: ordered.map((g) => ({ id: g._id, name: g.name })),
    members: members.map((m) => ({ id: m._id, name: m.name, groupId: m.groupId, groupName: m.groupId ? (groups.get(m.groupId)?.name ?? null) : null, category: m.category })),
  }
}

/** A task's page: for those it is set for, those who run study, and (read-only) those who read the desk. */
export async function taskPage(db: Db, actor: MemberActor, taskId: string, now: Date): Promise<StudyTaskView> {
  const task = await taskOfBranch(db, actor.member.branchId, taskId)
  // Those who read the desk open, read-only, every task its figures count.
  if (!inStudyAudience(task.audience, actor.member) && !actor.capabilities.includes('manageStudy') && !mayReadDesk(actor.capabilities)) fail('STUDY.NOT_IN_AUDIENCE')
  return taskView(db, actor, task, now)
}

/** Tasks with how many have handed in, for those who run the branch's study (and the organisation). */
export async function manageTasks(db: Db, actor: Actor, now: Date): Promise<ManagedTaskView[]> {
  const { branches } = await settingBranches(db, actor)
  const branchIds = branches.map((b) => b._id)
  const [tasks, members, notes, completions] = await Promise.all([
    db.all('studyTasks', { branchId: { $in: branchIds } }, ['dueAt', 'desc']),
    db.all('members', { branchId: { $in: branchIds }, status: 'active' }),
    db.all('notes', { branchId: { $in: branchIds }, taskId: { $ne: null }, status: { $in: [...handedIn] } }),
    db.all('studyCompletions', { branchId: { $in: branchIds } }),
  ])
  const done = new Set([...notes.map((n) => memberKey(n.taskId as string, n.memberId)), ...completions.map((c) => c._id)])
  const branchNames = new Map(branches.map((b) => [b._id, b.name]))
  return tasks.map((task): ManagedTaskView => {
    const audience = members.filter((m) => m.branchId === task.branchId && inStudyAudience(task.audience, m))
    return {
      ...taskSummary(task, null, now),
      branchName: branchNames.get(task.branchId) ?? '',
      audience: audience.length,
      handedIn: audience.filter((m) => done.has(memberKey(task._id, m._id))).length,
    }
  })
}

/** 已学习: a task without a required note is done by confirming it; a second tap changes nothing. */
export async function confirmTask(db: Db, actor: MemberActor, taskId: string, now: Date): Promise<StudyTaskView> {
  const task = await taskOfBranch(db, actor.member.branchId, taskId)
  if (!inStudyAudience(task.audience, actor.member)) fail('STUDY.NOT_IN_AUDIENCE')
  if (task.noteRequired) fail('STUDY.NOTE_REQUIRED')
  const completion: StudyCompletionDoc = { _id: memberKey(taskId, actor.member._id), taskId, branchId: task.branchId, memberId: actor.member._id, confirmedAt: now }
  try {
    await db.add('studyCompletions', completion)
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  return taskView(db, actor, task, now)
}
