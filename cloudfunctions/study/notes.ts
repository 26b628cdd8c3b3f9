import type { ActionInput } from '../../shared/api/contract'
import type { NoteView } from '../../shared/api/areas/study'
import { AppError, fail } from '../../shared/errors'
import type { NoteDoc, NoteHistoryEntry, StudyTaskDoc } from '../../shared/domain/documents'
import { applyNoteEvent, historyActionOf, inStudyAudience, noteTooLong, noteTooLongMessage, noteTooShort, type NoteEvent, type NoteState } from '../../shared/domain/study'
import { countCharacters } from '../../shared/domain/text'
import type { MemberActor } from '../_lib/actor'
import { memberKey } from '../_lib/common'
import { checkContent } from '../_lib/content-check'
import { newId, type Db } from '../_lib/db'
import type { WeChatStandIns } from '../_lib/handler'
import { dispatchReminders, queueReminder, sendingAtOnce, type NewReminder } from '../_lib/reminders'
import { noteAccess, noteView, taskOfBranch } from '../_lib/study'
import { ownUploads } from '../_lib/uploads'

/**
 * Notes (心得体会) as their author writes them: drafts kept on the server, submission after
 * WeChat's content check, sharing an 优秀 note. Every step goes through `applyNoteEvent`.
 */

/** A note's content as the author sends it, checked before anything is written. */
type NoteContent = ActionInput<'study.saveNote'>

/**
 * The note an author is writing: an existing one of theirs, the one for a task (one per member
 * per task, found again from another phone), or a new free-standing one.
 */
async function authorsNote(db: Db, actor: MemberActor, input: NoteContent, now: Date): Promise<{ id: string; current: NoteDoc | null; task: StudyTaskDoc | null }> {
  if (noteTooLong(countCharacters(input.body))) fail('NOTE.TOO_LONG', undefined, { body: noteTooLongMessage })
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
export async function decide(
  db: Db,
  actor: MemberActor,
  noteId: string,
  event: NoteEvent,
  now: Date,
  patch: (note: NoteDoc) => Partial<NoteDoc>,
  tell?: (note: NoteDoc) => NewReminder,
  wechat?: WeChatStandIns,
): Promise<NoteDoc> {
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
  if (reminderId) await dispatchReminders(db, [reminderId], now, { ...sendingAtOnce(), send: wechat?.send })
  return note
}

/** 保存草稿: kept on the server too, so another phone finds it. */
export async function saveNote(db: Db, actor: MemberActor, input: NoteContent, now: Date): Promise<NoteView> {
  const { id, task } = await authorsNote(db, actor, input, now)
  const note = await writeNote(db, actor, id, input, now)
  return noteView(db, actor, note, { task })
}

/**
 * 提交: the content is saved and submitted in one step, after WeChat's content check as the
 * author. Risky text is refused and nothing is written; text the check wants a person to see,
 * or that it could not check, is stored as submitted and held for the reviewer.
 */
export async function submitNote(db: Db, actor: MemberActor, input: NoteContent, now: Date, wechat?: WeChatStandIns): Promise<NoteView> {
  const { id, current, task } = await authorsNote(db, actor, input, now)
  // Refuse an illegal submission before asking WeChat anything (submitting also saves the text).
  refuseUnless(stateOf(current, actor.member._id), { type: 'submit' }, actor.member._id)
  const tooShort = noteTooShort(countCharacters(input.body), task?.minChars)
  if (tooShort) fail('NOTE.TOO_SHORT', tooShort, { body: tooShort })
  const { verdict } = await checkContent(actor.openid, [input.title, input.body], wechat?.msgSecCheck)
  if (verdict === 'risky') fail('NOTE.CONTENT_RISKY')
  const note = await writeNote(db, actor, id, input, now, { check: verdict })
  return noteView(db, actor, note, { task })
}

/** 学习交流: the author shares an 优秀 note with the branch, or withdraws it. */
export async function shareNote(db: Db, actor: MemberActor, noteId: string, share: boolean, now: Date): Promise<NoteView> {
  const existing = await db.get('notes', noteId)
  if (!existing || existing.memberId !== actor.member._id) fail('NOTE.NOT_FOUND')
  const note = await decide(db, actor, noteId, { type: share ? 'share' : 'unshare' }, now, () => ({ sharedAt: share ? now : null }))
  return noteView(db, actor, note)
}
