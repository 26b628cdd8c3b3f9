import type { ActionInput } from '../../shared/api/contract'
import type { NoteView } from '../../shared/api/areas/study'
import { fail } from '../../shared/errors'
import { mayReviewNotes } from '../../shared/domain/permissions'
import { awaitingReview, type NoteEvent } from '../../shared/domain/study'
import { noteReviewedContent } from '../../shared/domain/reminders'
import { requireMember, type Actor, type MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import type { WeChatStandIns } from '../_lib/handler'
import { noteAccess, noteView } from '../_lib/study'
import { decide } from './notes'
import { summaries } from './overview'

/** Reading a note and reviewing it (审阅): approved as 优秀 or 合格, or returned with a comment. */

export function requireReviewer(actor: Actor): MemberActor {
  const member = requireMember(actor)
  if (!mayReviewNotes(member.capabilities)) fail('AUTH.FORBIDDEN')
  return member
}

/** One note, for its author, the branch's reviewers, or the branch once it is shared. */
export async function readNote(db: Db, actor: MemberActor, noteId: string): Promise<NoteView> {
  const note = await db.get('notes', noteId)
  // Another branch's note is not there for this caller; one of the branch's own is, but closed to them.
  if (!note || note.branchId !== actor.member.branchId || (note.status === 'draft' && note.memberId !== actor.member._id)) fail('NOTE.NOT_FOUND')
  if (!noteAccess(actor, note).reader) fail('AUTH.FORBIDDEN', '这篇心得只有作者和审阅人可以查看')
  return noteView(db, actor, note)
}

/** 审阅: notes waiting (oldest first, held ones marked) and the latest decisions. */
export async function reviewQueue(db: Db, actor: MemberActor) {
  const branchId = actor.member.branchId
  const [waiting, reviewed] = await Promise.all([
    db.all('notes', { branchId, status: { $in: [...awaitingReview] } }, ['submittedAt', 'asc']),
    db.some('notes', { branchId, status: { $in: ['approved' as const, 'returned' as const] } }, 30, ['reviewedAt', 'desc']),
  ])
  const all = await summaries(db, [...waiting, ...reviewed], branchId)
  return { waiting: all.slice(0, waiting.length), reviewed: all.slice(waiting.length) }
}

/** A reviewer's decision; the author is told (by WeChat where they accepted, always in 消息). */
export async function reviewNote(db: Db, actor: MemberActor, input: ActionInput<'study.review'>, now: Date, wechat?: WeChatStandIns): Promise<NoteView> {
  const { noteId, decision, grade, comment } = input
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
    wechat,
  )
  return noteView(db, actor, note)
}
