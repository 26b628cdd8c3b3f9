import type { ManagedTaskView, NoteView, PendingView, StudyOverview, StudyTaskView, YearCountsView } from '../../shared/api/areas/study'
import { AppError, fail } from '../../shared/errors'
import { mayReadDesk, mayReviewNotes } from '../../shared/domain/permissions'
import type { MemberDoc, NoteDoc, NoteHistoryEntry, StudyCompletionDoc, StudyTaskDoc } from '../../shared/domain/documents'
import { dueDateProblem } from '../../shared/domain/date-ranges'
import {
  applyNoteEvent,
  awaitingReview,
  dueDayWords,
  dueInstant,
  handedIn,
  historyActionOf,
  inStudyAudience,
  mayRemind,
  pendingMembers,
  remindIntervalMs,
  yearCounts,
  type NoteEvent,
  type NoteState,
  type TaskRecord,
} from '../../shared/domain/study'
import { countCharacters } from '../../shared/domain/text'
import { addCalendar, fromBeijing, startOf } from '../../shared/domain/time'
import { memberActor, requireCapability, requireMember, resolveActor, type Actor, type MemberActor } from '../_lib/actor'
import { checkContent } from '../_lib/content-check'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { taskAudience } from '../_lib/task-audience'
import { testsFor } from '../exam/summary'
import { issueUpload, ownUploads } from '../_lib/uploads'
import { inboxMessage } from '../_lib/inbox'
import { dispatchReminders, queueReminder, remindNow, type NewReminder } from '../_lib/reminders'
import { noteReviewedContent, reminderPages } from '../../shared/domain/reminders'
import {
  fileLinks,
  groupsOf,
  iso,
  isoOf,
  managedTask,
  memberKey,
  noteAccess,
  noteSummary,
  noteView,
  taskOfBranch,
  settingBranches,
  taskSummary,
} from '../_lib/study'

/** Longest note, in characters as a person counts them. */
const maxNoteChars = 10000
/** Shortest note anyone submits, whatever the task asks. */
const minNoteChars = 10

/** Tasks a member's 学习 page shows: due within the last year or later. */
const recentTasks = (branchId: string, now: Date) => ({ branchId, dueAt: { $gte: addCalendar(now, -1, 'year') } })

function recordOf(taskId: string, notes: Map<string, NoteDoc>, completions: Set<string>, confirmedAt: Map<string, Date>): TaskRecord {
  return { noteStatus: notes.get(taskId)?.status ?? null, confirmedAt: completions.has(taskId) ? (confirmedAt.get(taskId) ?? null) : null }
}

/** The caller's notes and confirmations, keyed by task. */
async function myRecords(db: Db, member: MemberDoc): Promise<{ notes: NoteDoc[]; byTask: Map<string, NoteDoc>; confirmed: Map<string, Date> }> {
  const [notes, completions] = await Promise.all([
    db.all('notes', { memberId: member._id }, ['updatedAt', 'desc']),
    db.all('studyCompletions', { memberId: member._id }),
  ])
  const byTask = new Map(notes.filter((n) => n.taskId).map((n) => [n.taskId as string, n]))
  return { notes, byTask, confirmed: new Map(completions.map((c) => [c.taskId, new Date(c.confirmedAt)])) }
}

function recordFor(taskId: string, mine: { byTask: Map<string, NoteDoc>; confirmed: Map<string, Date> }): TaskRecord {
  return recordOf(taskId, mine.byTask, new Set(mine.confirmed.keys()), mine.confirmed)
}

async function taskView(db: Db, actor: MemberActor, task: StudyTaskDoc, now: Date, record?: TaskRecord): Promise<StudyTaskView> {
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

/** Who in the task's branch owes it, from three reads that cost the same for 100 or 1,000 members. */
async function pendingOf(db: Db, task: StudyTaskDoc, now: Date) {
  const [audience, notes, completions, groups] = await Promise.all([
    taskAudience(db, task, now),
    db.allCounted('notes', { taskId: task._id }),
    db.allCounted('studyCompletions', { taskId: task._id }),
    groupsOf(db, task.branchId),
  ])
  const records = new Map<string, TaskRecord>()
  for (const n of notes) records.set(n.memberId, { noteStatus: n.status, confirmedAt: null })
  for (const c of completions) records.set(c.memberId, { noteStatus: records.get(c.memberId)?.noteStatus ?? null, confirmedAt: c.confirmedAt })
  const pending = pendingMembers(task, audience, records)
  return { audience, pending, groups }
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

/** A note's content as the author sends it, checked before anything is written. */
interface NoteContent {
  noteId?: string
  taskId: string | null
  title: string
  body: string
  photos: string[]
}

/**
 * The note an author is writing: an existing one of theirs, the one for a task (one per member
 * per task, found again from another phone), or a new free-standing one.
 */
async function authorsNote(db: Db, actor: MemberActor, input: NoteContent, now: Date): Promise<{ id: string; current: NoteDoc | null; task: StudyTaskDoc | null }> {
  if (countCharacters(input.body) > maxNoteChars) fail('NOTE.TOO_LONG', undefined, { body: `心得不能超过 ${maxNoteChars} 字` })
  // Photos only of the author's own uploads for their notes (one read, with the task's).
  const [task, ownPhotos] = await Promise.all([
    input.taskId ? taskOfBranch(db, actor.member.branchId, input.taskId) : null,
    input.photos.length ? ownUploads(db, actor, input.photos, { purpose: 'notePhoto', memberId: actor.member._id }) : new Set<string>(),
  ])
  if (input.photos.some((fileID) => !ownPhotos.has(fileID))) fail('NOTE.PHOTO_FOREIGN', undefined, { photos: '照片需从本人的心得页面上传' })
  if (task && !inStudyAudience(task.audience, actor.member)) fail('STUDY.NOT_IN_AUDIENCE')
  const id = input.noteId ?? (task ? memberKey(task._id, actor.member._id) : `note-${now.getTime().toString(36)}-${newId().slice(0, 12)}`)
  const current = input.noteId || task ? await db.get('notes', id) : null
  if (input.noteId) {
    if (!current || current.memberId !== actor.member._id) fail('NOTE.NOT_FOUND')
    if ((current.taskId ?? null) !== (input.taskId ?? null)) fail('INPUT.INVALID', '心得所属的学习任务不能更改', { taskId: '心得所属的学习任务不能更改' })
  }
  return { id, current, task }
}

const stateOf = (note: NoteDoc | null, authorId: string): NoteState =>
  note ? { status: note.status, grade: note.grade, shared: note.shared, authorId: note.memberId } : { status: 'draft', grade: null, shared: false, authorId }

function refuseUnless(state: NoteState, event: NoteEvent, by: string): NoteState {
  const t = applyNoteEvent(state, event, by)
  if (!t.ok) throw new AppError(t.code)
  return t.next
}

function historyEntry(actor: MemberActor, now: Date, event: NoteEvent, before: NoteState, extra: Partial<NoteHistoryEntry> = {}): NoteHistoryEntry[] {
  const action = historyActionOf(event, before.status)
  if (!action) return []
  return [
    {
      at: now,
      byId: actor.member._id,
      byName: actor.member.name,
      action,
      grade: event.type === 'approve' ? event.grade : null,
      comment: event.type === 'return' ? event.comment : null,
      ...extra,
    },
  ]
}

/**
 * Writes an author's note with a save or a submission, inside a transaction that re-reads it: a
 * reviewer's decision in between wins and the author gets that state's refusal.
 */
async function writeNote(db: Db, actor: MemberActor, id: string, input: NoteContent, now: Date, submitted?: { check: NoteDoc['contentCheck'] }): Promise<NoteDoc> {
  const event: NoteEvent = submitted ? { type: 'submit' } : { type: 'save' }
  return db.transaction(async (tx) => {
    const current = await tx.get('notes', id)
    if (current && current.memberId !== actor.member._id) throw new AppError('NOTE.NOT_FOUND')
    const before = stateOf(current, actor.member._id)
    const state = refuseUnless(before, event, actor.member._id)
    const history = [...(current?.history ?? []), ...historyEntry(actor, now, event, before, submitted?.check ? { check: submitted.check } : {})]
    const doc: NoteDoc = {
      _id: id,
      branchId: actor.member.branchId,
      memberId: actor.member._id,
      authorName: actor.member.name,
      groupId: actor.member.groupId,
      taskId: input.taskId,
      title: input.title,
      body: input.body,
      characters: countCharacters(input.body),
      photos: input.photos,
      status: state.status,
      grade: state.grade,
      shared: state.shared,
      sharedAt: current?.sharedAt ?? null,
      contentCheck: submitted ? submitted.check : (current?.contentCheck ?? null),
      returnComment: current?.returnComment ?? null,
      firstSubmittedAt: current?.firstSubmittedAt ?? (submitted ? now : null),
      submittedAt: submitted ? now : (current?.submittedAt ?? null),
      reviewedAt: current?.reviewedAt ?? null,
      reviewedBy: current?.reviewedBy ?? null,
      history,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    }
    const { _id, ...data } = doc
    await tx.set('notes', _id, data)
    return doc
  })
}

/**
 * Applies a reviewer's or the author's decision in a transaction; the reminder `tell` makes of the
 * updated note (a review result) is queued with it and sent after the commit.
 */
async function decide(db: Db, actor: MemberActor, noteId: string, event: NoteEvent, now: Date, patch: (note: NoteDoc) => Partial<NoteDoc>, tell?: (note: NoteDoc) => NewReminder): Promise<NoteDoc> {
  const { note, reminderId } = await db.transaction(async (tx) => {
    const note = await tx.get('notes', noteId)
    if (!note || !noteAccess(actor, note).reader) throw new AppError('NOTE.NOT_FOUND')
    const before = stateOf(note, note.memberId)
    const next = refuseUnless(before, event, actor.member._id)
    const changes: Partial<NoteDoc> = { status: next.status, grade: next.grade, shared: next.shared, updatedAt: now, history: [...note.history, ...historyEntry(actor, now, event, before)], ...patch(note) }
    // The history array is replaced whole.
    await tx.update('notes', noteId, changes)
    const updated = { ...note, ...changes }
    return { note: updated, reminderId: tell ? await queueReminder(tx, tell(updated), now) : null }
  })
  // A send that does not finish in time stays queued: the reminder timer picks it up.
  if (reminderId) await dispatchReminders(db, [reminderId], now, { deadline: new Date(Date.now() + 2_500) })
  return note
}

function requireReviewer(actor: Actor): MemberActor {
  const member = requireMember(actor)
  if (!mayReviewNotes(member.capabilities)) fail('AUTH.FORBIDDEN')
  return member
}

async function summaries(db: Db, notes: NoteDoc[], branchId: string) {
  const taskIds = [...new Set(notes.map((n) => n.taskId).filter((t): t is string => Boolean(t)))]
  const [tasks, groups] = await Promise.all([taskIds.length ? db.all('studyTasks', { _id: { $in: taskIds } }) : Promise.resolve([]), groupsOf(db, branchId)])
  const titles = new Map(tasks.map((t) => [t._id, t.title]))
  return notes.map((n) => noteSummary(n, n.taskId ? (titles.get(n.taskId) ?? null) : null, n.groupId ? (groups.get(n.groupId)?.name ?? null) : null))
}

async function overviewOf(db: Db, actor: MemberActor, now: Date): Promise<StudyOverview> {
  const reviewer = mayReviewNotes(actor.capabilities)
  const [tasks, mine, toReview] = await Promise.all([
    db.all('studyTasks', recentTasks(actor.member.branchId, now), ['dueAt', 'desc']),
    myRecords(db, actor.member),
    reviewer ? db.count('notes', { branchId: actor.member.branchId, status: { $in: [...awaitingReview] } }) : Promise.resolve(null),
  ])
  const myTasks = tasks.filter((t) => inStudyAudience(t.audience, actor.member))
  return {
    tasks: myTasks.map((t) => taskSummary(t, { memberId: actor.member._id, record: recordFor(t._id, mine) }, now)),
    myNotes: await summaries(db, mine.notes, actor.member.branchId),
    toReview,
    canManage: actor.capabilities.includes('manageStudy'),
    canReview: reviewer,
  }
}

export const main = defineFunction('study', {
  /** The 学习 tab in one call: what study.overview and exam.list answer, or who the caller is instead. */
  'study.page': async (_input, ctx) => {
    const { db, now } = ctx
    const actor = await resolveActor(ctx)
    if (actor.kind === 'orgAdmin') {
      const org = await db.get('orgs', actor.admin.orgId)
      return { orgAdmin: { orgName: org?.name ?? '' }, overview: null, tests: [] }
    }
    if (actor.kind !== 'member') return { orgAdmin: null, overview: null, tests: [] }
    const [overview, tests] = await Promise.all([overviewOf(db, actor, now), testsFor(db, actor, now)])
    return { orgAdmin: null, overview, tests }
  },

  /** The 学习 page: the caller's tasks with where each stands, their notes, and what waits for them to review. */
  'study.overview': async (_input, ctx) => overviewOf(ctx.db, await memberActor(ctx), ctx.now),

  /**
   * 布置学习任务: by manageStudy in their branch; an organisation admin sets it for every branch
   * of the organisation (one copy each, for the whole branch). Everyone it is for gets a message.
   */
  'study.createTask': async (input, ctx) => {
    const { db, now } = ctx
    const actor = await resolveActor(ctx)
    if (actor.kind === 'orgAdmin' && input.audience.kind !== 'branch') fail('INPUT.INVALID', '党总支布置的任务面向各支部全体党员', { 'audience.kind': '党总支布置的任务面向各支部全体党员' })
    const { branches, by } = await settingBranches(db, actor)
    await checkFiles(db, actor, input.materials.files)
    const dueAt = dueInstant(input.dueDate)
    if (dueAt.getTime() <= now.getTime()) fail('INPUT.INVALID', '截止日期已过', { dueDate: '截止日期已过' })
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
            body: `“${task.title}”，请于${dueDayWords(task.dueAt, now)}前完成${task.noteRequired ? `并提交学习心得${task.minChars ? `（不少于 ${task.minChars} 字）` : ''}` : ''}`,
            link: `packageStudy/task/index?id=${task._id}`,
            createdAt: now,
          }),
        ),
    )
    if (messages.length) await db.addMany('inbox', messages)
    return { ids: tasks.map((t) => t._id), branches: tasks.length }
  },

  'study.people': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    if (!actor.capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
    const [members, groups] = await Promise.all([db.all('members', { branchId: actor.member.branchId, status: 'active' }), groupsOf(db, actor.member.branchId)])
    const ordered = [...groups.values()].sort((a, b) => a.order - b.order)
    return {
      groups: ordered.map((g) => ({ id: g._id, name: g.name })),
      members: members.map((m) => ({ id: m._id, name: m.name, groupId: m.groupId, groupName: m.groupId ? (groups.get(m.groupId)?.name ?? null) : null, category: m.category })),
    }
  },

  /** A name for a photo of the caller's notes. */
  'study.preparePhoto': async ({ ext }, ctx) => {
    const actor = await memberActor(ctx)
    return issueUpload(ctx.db, actor, { purpose: 'notePhoto', memberId: actor.member._id, ext }, ctx.now)
  },

  /** A name for a document to attach to a task of the caller's branch. */
  'study.prepareMaterial': async ({ ext }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageStudy')
    return issueUpload(ctx.db, actor, { purpose: 'studyMaterial', branchId: actor.member.branchId, ext }, ctx.now)
  },

  'study.task': async ({ taskId }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const task = await taskOfBranch(db, actor.member.branchId, taskId)
    // Those who read the desk open, read-only, every task its figures count.
    if (!inStudyAudience(task.audience, actor.member) && !actor.capabilities.includes('manageStudy') && !mayReadDesk(actor.capabilities)) fail('STUDY.NOT_IN_AUDIENCE')
    return taskView(db, actor, task, now)
  },

  /** Tasks with how many have handed in, for those who run the branch's study (and the organisation). */
  'study.manageTasks': async (_input, ctx) => {
    const { db, now } = ctx
    const { branches } = await settingBranches(db, await resolveActor(ctx))
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
  },

  /** 已学习: a task without a required note is done by confirming it; a second tap changes nothing. */
  'study.confirmTask': async ({ taskId }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
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
  },

  /** Who has not handed in a task, with how far each got; the same cost for 100 or 1,000 members. */
  'study.pending': async ({ taskId }, ctx): Promise<PendingView> => {
    const { db, now } = ctx
    const { task, canManage } = await managedTask(db, await resolveActor(ctx), taskId)
    const { audience, pending, groups } = await pendingOf(db, task, now)
    const last = task.lastRemindedAt ? new Date(task.lastRemindedAt) : null
    return {
      task: { id: task._id, title: task.title, dueDate: task.dueDate, dueAt: isoOf(task.dueAt), noteRequired: task.noteRequired },
      audience: audience.length,
      handedIn: audience.length - pending.length,
      pending: pending.map(({ member, state }) => ({ memberId: member._id, name: member.name, groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null, state })),
      lastRemindedAt: iso(last),
      nextRemindAt: mayRemind(last, now) ? null : isoOf(new Date((last as Date).getTime() + remindIntervalMs)),
      canRemind: canManage,
    }
  },

  /**
   * One tap reminds everyone who has not handed in, through the inbox. The task's last reminder
   * time is claimed with a conditional update first, so two taps at once send one round.
   */
  'study.remind': async ({ taskId }, ctx) => {
    const { db, now } = ctx
    const { task, canManage } = await managedTask(db, await resolveActor(ctx), taskId)
    if (!canManage) fail('AUTH.FORBIDDEN')
    // Who has left the branch since the task fell due still owed it, but is no longer reminded.
    const pending = (await pendingOf(db, task, now)).pending.filter(({ member }) => member.status === 'active')
    if (!pending.length) fail('STUDY.NOTHING_PENDING')
    // Claimed first, with a conditional update: two taps at once send one round.
    const cutoff = new Date(now.getTime() - remindIntervalMs)
    const claimed = (await db.updateWhere('studyTasks', { _id: task._id, lastRemindedAt: null }, { lastRemindedAt: now })) || (await db.updateWhere('studyTasks', { _id: task._id, lastRemindedAt: { $lte: cutoff } }, { lastRemindedAt: now }))
    if (claimed !== 1) fail('STUDY.REMINDED_RECENTLY')
    const overdue = now.getTime() >= new Date(task.dueAt).getTime()
    // A subscribe message where the member has an acceptance left, and always a copy in 消息.
    // Each round is its own occurrence, so a later round reaches those still behind.
    await remindNow(
      db,
      pending.map(({ member, state }) => ({
        kind: 'studyTaskDue' as const,
        subject: { type: 'task' as const, id: task._id, version: `round-${now.toISOString()}` },
        memberId: member._id,
        branchId: task.branchId,
        at: now,
        content: {
          title: overdue ? '学习任务已逾期' : '学习任务提醒',
          body: `“${task.title}”${overdue ? `已于${dueDayWords(task.dueAt, now)}截止` : `将于${dueDayWords(task.dueAt, now)}截止`}，${state === 'returned' ? '你的心得已退回，请修改后重新提交' : task.noteRequired ? '请尽快完成学习并提交心得' : '请尽快完成学习'}`,
          link: reminderPages.task(task._id),
          slots: { subject: task.title, when: new Date(task.dueAt), note: state === 'returned' ? '心得已退回，请修改后重新提交' : task.noteRequired ? '还未提交心得，请尽快提交' : '还未完成学习，请尽快完成' },
        },
      })),
      now,
      // The function has 10 s: sends still going then are left to the reminder timer.
      { deadline: new Date(Date.now() + 5_000) },
    )
    return { reminded: pending.length }
  },

  /** 保存草稿: kept on the server too, so another phone finds it. */
  'study.saveNote': async (input, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const { id, task } = await authorsNote(db, actor, input, now)
    const note = await writeNote(db, actor, id, input, now)
    return noteView(db, actor, note, { task })
  },

  /**
   * 提交: the content is saved and submitted in one step, after WeChat's content check as the
   * author. Risky text is refused and nothing is written; text the check wants a person to see,
   * or that it could not check, is stored as submitted and held for the reviewer.
   */
  'study.submitNote': async (input, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const { id, current, task } = await authorsNote(db, actor, input, now)
    // Refuse an illegal submission before asking WeChat anything (submitting also saves the text).
    refuseUnless(stateOf(current, actor.member._id), { type: 'submit' }, actor.member._id)
    const characters = countCharacters(input.body)
    const minimum = Math.max(task?.minChars ?? 0, minNoteChars)
    if (characters < minimum) fail('NOTE.TOO_SHORT', `心得至少 ${minimum} 字，现在 ${characters} 字`, { body: `至少 ${minimum} 字，现在 ${characters} 字` })
    const { verdict } = await checkContent(actor.openid, [input.title, input.body])
    if (verdict === 'risky') fail('NOTE.CONTENT_RISKY')
    const note = await writeNote(db, actor, id, input, now, { check: verdict })
    return noteView(db, actor, note, { task })
  },

  'study.note': async ({ noteId }, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    const note = await db.get('notes', noteId)
    // Another branch's note is not there for this caller; one of the branch's own is, but closed to them.
    if (!note || note.branchId !== actor.member.branchId || (note.status === 'draft' && note.memberId !== actor.member._id)) fail('NOTE.NOT_FOUND')
    if (!noteAccess(actor, note).reader) fail('AUTH.FORBIDDEN', '这篇心得只有作者和审阅人可以查看')
    return noteView(db, actor, note)
  },

  'study.myNotes': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    const notes = await db.all('notes', { memberId: actor.member._id }, ['updatedAt', 'desc'])
    return summaries(db, notes, actor.member.branchId)
  },

  /** 审阅: notes waiting (oldest first, held ones marked) and the latest decisions. */
  'study.reviewQueue': async (_input, ctx) => {
    const { db } = ctx
    const actor = requireReviewer(await resolveActor(ctx))
    const branchId = actor.member.branchId
    const [waiting, reviewed] = await Promise.all([
      db.all('notes', { branchId, status: { $in: [...awaitingReview] } }, ['submittedAt', 'asc']),
      db.some('notes', { branchId, status: { $in: ['approved' as const, 'returned' as const] } }, 30, ['reviewedAt', 'desc']),
    ])
    const all = await summaries(db, [...waiting, ...reviewed], branchId)
    return { waiting: all.slice(0, waiting.length), reviewed: all.slice(waiting.length) }
  },

  'study.review': async ({ noteId, decision, grade, comment }, ctx): Promise<NoteView> => {
    const { db, now } = ctx
    const actor = requireReviewer(await resolveActor(ctx))
    const event: NoteEvent = decision === 'approve' ? { type: 'approve', grade: grade ?? 'pass' } : { type: 'return', comment: comment ?? '' }
    const note = await decide(
      db,
      actor,
      noteId,
      event,
      now,
      () => ({ reviewedAt: now, reviewedBy: actor.member._id, returnComment: event.type === 'return' ? event.comment : null }),
      (n) => ({
        kind: 'noteReviewed',
        // Each review of the note is its own occurrence: a return, then an approval, both reach the author.
        subject: { type: 'note', id: n._id, version: `review-${now.toISOString()}` },
        memberId: n.memberId,
        branchId: n.branchId,
        at: now,
        content: noteReviewedContent({ id: n._id, title: n.title, result: event.type === 'approve' ? event.grade : 'returned', comment: event.type === 'return' ? event.comment : (comment ?? null), reviewerName: actor.member.name, reviewedAt: now }),
      }),
    )
    return noteView(db, actor, note)
  },

  /** 学习交流: the author shares an 优秀 note with the branch, or withdraws it. */
  'study.share': async ({ noteId, share }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const existing = await db.get('notes', noteId)
    if (!existing || existing.memberId !== actor.member._id) fail('NOTE.NOT_FOUND')
    const note = await decide(db, actor, noteId, { type: share ? 'share' : 'unshare' }, now, () => ({ sharedAt: share ? now : null }))
    return noteView(db, actor, note)
  },

  'study.shared': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    const notes = await db.all('notes', { branchId: actor.member.branchId, shared: true }, ['sharedAt', 'desc'])
    return summaries(db, notes, actor.member.branchId)
  },

  /** Per member per year: tasks set and handed in, notes, 优秀. Listed by group and name, never ranked. */
  'study.yearCounts': async ({ year, scope }, ctx): Promise<YearCountsView> => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    if (scope === 'branch' && !actor.capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
    const branchId = actor.member.branchId
    const from = startOf('year', fromBeijing(`${year}-01-01`))
    const to = fromBeijing(`${year + 1}-01-01`)
    const one = scope === 'mine' ? { memberId: actor.member._id } : {}
    const [tasks, members, notes, completions, groups] = await Promise.all([
      db.all('studyTasks', { branchId, dueAt: { $gte: from, $lt: to } }),
      scope === 'mine' ? Promise.resolve([actor.member]) : db.all('members', { branchId, status: 'active' }),
      db.all('notes', { branchId, ...one, status: { $ne: 'draft' as const } }),
      db.all('studyCompletions', { branchId, ...one }),
      groupsOf(db, branchId),
    ])
    const rows = members.map((member) => {
      const mine = notes.filter((n) => n.memberId === member._id)
      const byTask = new Map(mine.filter((n) => n.taskId).map((n) => [n.taskId as string, n]))
      const confirmed = new Map(completions.filter((c) => c.memberId === member._id).map((c) => [c.taskId, new Date(c.confirmedAt)]))
      const records = new Map(tasks.map((t) => [t._id, recordOf(t._id, byTask, new Set(confirmed.keys()), confirmed)]))
      const theirTasks = tasks.filter((t) => inStudyAudience(t.audience, member))
      return {
        memberId: member._id,
        name: member.name,
        groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
        counts: yearCounts(year, theirTasks, records, mine),
      }
    })
    const groupOrder = (g: string | null) => [...groups.values()].find((x) => x.name === g)?.order ?? 99
    rows.sort((a, b) => groupOrder(a.groupName) - groupOrder(b.groupName) || a.name.localeCompare(b.name, 'zh-Hans-CN'))
    return { year, rows }
  },
})
