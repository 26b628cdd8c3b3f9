import { fail } from '../../shared/errors'
import { cloudPathOf, dailyUploadLimit, uploadKeyOf, uploadPath, type UploadPlace, type UploadTarget } from '../../shared/domain/storage'
import type { UploadDoc } from '../../shared/domain/documents'
import type { MemberActor } from './actor'
import { newId, type Db } from './db'
import { DailyQuota } from './rate-limit'

const uploadQuota = new DailyQuota(dailyUploadLimit)

/**
 * Chooses the name a member's phone uploads a file to, and records it as issued to them. Only a
 * bound member gets one (the caller's area has checked they may upload this kind of file), and
 * only `dailyUploadLimit` a day.
 */
export async function issueUpload(db: Db, actor: MemberActor, target: UploadTarget, now: Date): Promise<{ cloudPath: string }> {
  if (!(await uploadQuota.take(db, `upload:${actor.openid}`, now))) fail('FILE.QUOTA', `每人每天最多上传 ${dailyUploadLimit} 个文件，请明天再试`)
  const key = newId()
  const cloudPath = uploadPath(target, key)
  await db.add('uploads', {
    _id: key,
    openid: actor.openid,
    memberId: actor.member._id,
    branchId: actor.member.branchId,
    purpose: target.purpose,
    meetingId: target.purpose === 'minutesPhoto' ? target.meetingId : null,
    cloudPath,
    createdAt: now,
  })
  return { cloudPath }
}

/**
 * Which of these files the caller uploaded to names issued to them for this place (a roster or
 * question sheet or study material of their branch, a photo of this meeting or of their own
 * notes): one read for any number of files.
 */
export async function ownUploads(db: Db, actor: MemberActor, fileIDs: string[], place: UploadPlace): Promise<Set<string>> {
  const byKey = new Map(fileIDs.flatMap((fileID) => {
    const key = uploadKeyOf(cloudPathOf(fileID))
    return key ? [[key, fileID] as const] : []
  }))
  if (byKey.size === 0) return new Set()
  const issued = await db.all('uploads', { _id: { $in: [...byKey.keys()] } })
  const mine = (u: UploadDoc) =>
    u.openid === actor.openid &&
    u.purpose === place.purpose &&
    u.cloudPath === cloudPathOf(byKey.get(u._id) as string) &&
    ('meetingId' in place ? u.meetingId === place.meetingId : 'memberId' in place ? u.memberId === place.memberId : u.branchId === place.branchId)
  return new Set(issued.filter(mine).map((u) => byKey.get(u._id) as string))
}
