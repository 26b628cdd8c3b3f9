import type { MinutesView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import type { MeetingDoc, MinutesDoc } from '../../shared/domain/documents'
import { mayReadMinutes, mayRecordMinutes } from '../../shared/domain/meeting-roles'
import { callerOf, memberActor, requireAllowed, type MemberActor } from '../_lib/actor'
import { cloud } from '../_lib/cloud'
import { defineFunction } from '../_lib/handler'
import { meetingOfBranch } from '../_lib/meetings'
import { issueUpload, ownUploads } from '../_lib/uploads'

/** 会议记录 as the page shows it: the saved record (or the agenda to start from) and photo links. */
async function minutesView(meeting: MeetingDoc, actor: MemberActor, doc: MinutesDoc | null): Promise<MinutesView> {
  const photos = doc?.photos.length
    ? ((await cloud.getTempFileURL({ fileList: doc.photos.map((fileID) => ({ fileID, maxAge: 3600 })) })) as { fileList: Array<{ fileID: string; tempFileURL: string }> }).fileList.map((f) => ({ fileID: f.fileID, url: f.tempFileURL }))
    : []
  return {
    meetingId: meeting._id,
    topics: doc?.topics ?? meeting.agenda,
    content: doc?.content ?? '',
    decisions: doc?.decisions ?? '',
    photos,
    recordedBy: doc?.recordedByName ?? null,
    updatedAt: doc ? doc.updatedAt.toISOString() : null,
    canEdit: mayRecordMinutes(callerOf(actor), meeting),
  }
}

/**
 * 会议记录: who may read a meeting's minutes and who keeps them are decided by
 * shared/domain/meeting-roles; photos go up under names this function issued.
 */
export const main = defineFunction('minutes', {
  /** A meeting's record, for those who may read it. */
  'minutes.get': async ({ meetingId }, ctx) => {
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(ctx.db, actor, meetingId)
    requireAllowed(mayReadMinutes(callerOf(actor), meeting))
    return minutesView(meeting, actor, await ctx.db.get('minutes', meeting._id))
  },

  /** The name to upload a photo of this meeting's record to, for those who may record it. */
  'minutes.preparePhoto': async ({ meetingId, ext }, ctx) => {
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(ctx.db, actor, meetingId)
    requireAllowed(mayRecordMinutes(callerOf(actor), meeting))
    return issueUpload(ctx.db, actor, { purpose: 'minutesPhoto', meetingId: meeting._id, ext }, ctx.now)
  },

  /**
   * Saves the record, entered by the 记录人 (or whoever runs the meeting). Photos already in the
   * record stay; a new one must be the caller's own upload for this meeting.
   */
  'minutes.save': async ({ meetingId, ...minutes }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayRecordMinutes(callerOf(actor), meeting))
    const kept = new Set((await db.get('minutes', meeting._id))?.photos ?? [])
    const added = minutes.photos.filter((fileID) => !kept.has(fileID))
    const own = await ownUploads(db, actor, added, { purpose: 'minutesPhoto', meetingId: meeting._id })
    if (added.some((fileID) => !own.has(fileID))) {
      fail('INPUT.INVALID', '照片需从本会议的会议记录页面上传', { photos: '照片需从本会议的会议记录页面上传' })
    }
    const doc: MinutesDoc = { _id: meeting._id, ...minutes, recordedBy: actor.member._id, recordedByName: actor.member.name, updatedAt: now }
    const { _id, ...data } = doc
    await db.set('minutes', _id, data)
    return minutesView(meeting, actor, doc)
  },
})
