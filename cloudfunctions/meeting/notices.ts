import type { InboxDoc, MeetingDoc } from '../../shared/domain/documents'
import { meetingTypeLabels } from '../../shared/domain/meeting'
import { formatSpan } from '../../shared/domain/time'
import type { Db } from '../_lib/db'
import { inboxMessage } from '../_lib/inbox'
import { meetingAudience } from '../_lib/meetings'

/**
 * What the members expected at a meeting are told in their inbox when it is published, moved
 * (its time or place) or cancelled. The reminder function adds WeChat messages on top; the inbox
 * copy is what always arrives.
 */
export type MeetingNotice = { kind: 'published' } | { kind: 'changed'; before: MeetingDoc } | { kind: 'cancelled'; reason: string }

/** The title and body of a notice, in the words a teacher reads. */
export function noticeText(meeting: MeetingDoc, notice: MeetingNotice, now: Date): { title: string; body: string } {
  const what = `${meetingTypeLabels[meeting.type]}“${meeting.title}”`
  const when = (m: Pick<MeetingDoc, 'startAt' | 'endAt'>) => formatSpan(m.startAt, m.endAt, now)
  switch (notice.kind) {
    case 'published':
      return { title: `会议通知：${meeting.title}`, body: `${what}定于 ${when(meeting)} 在${meeting.venue}召开，请准时参加；不能参加请在会前请假。` }
    case 'changed': {
      const { before } = notice
      const parts: string[] = []
      if (when(before) !== when(meeting)) parts.push(`时间改为 ${when(meeting)}（原定 ${when(before)}）`)
      if (before.venue !== meeting.venue) parts.push(`地点改为${meeting.venue}（原定${before.venue}）`)
      return { title: `会议变更：${meeting.title}`, body: `${what}${parts.join('，')}。` }
    }
    case 'cancelled':
      return { title: `会议取消：${meeting.title}`, body: `原定 ${when(meeting)} 召开的${what}已取消。原因：${notice.reason}` }
  }
}

/** Whether an edit moved a published meeting: its time or its place changed. */
export function isMoved(before: MeetingDoc, after: MeetingDoc): boolean {
  return before.startAt.getTime() !== after.startAt.getTime() || before.endAt.getTime() !== after.endAt.getTime() || before.venue !== after.venue
}

const kinds = { published: 'meetingPublished', changed: 'meetingChanged', cancelled: 'meetingCancelled' } as const

/**
 * Puts the notice in the inbox of everyone expected at the meeting, except whoever made the
 * change. Called after the meeting itself is written: one read of the branch, one batched write.
 */
export async function notifyExpected(db: Db, meeting: MeetingDoc, notice: MeetingNotice, byMemberId: string, now: Date): Promise<number> {
  const { expected } = await meetingAudience(db, meeting)
  const { title, body } = noticeText(meeting, notice, now)
  const messages: InboxDoc[] = expected
    .filter((m) => m._id !== byMemberId)
    .map((m) => inboxMessage({ memberId: m._id, branchId: meeting.branchId, kind: kinds[notice.kind], title, body, link: `pages/meeting/index?id=${meeting._id}`, createdAt: now }))
  if (messages.length) await db.addMany('inbox', messages)
  return messages.length
}
