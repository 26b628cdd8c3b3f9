import { fail } from '../../shared/errors'
import { cloudPathOf, dailyUploadLimit, uploadKeyOf, uploadPath, type UploadPlace, type UploadTarget } from '../../shared/domain/storage'
import type { UploadDoc } from '../../shared/domain/documents'
import type { MemberActor } from './actor'
import { cloud } from './cloud'
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
 * notes), stored in this environment: one read for any number of files, and one storage call.
 *
 * Why this proves the bytes are the caller's, on WeChat's cloud as here: a function cannot read
 * who stored a file (wx-server-sdk gives no owner), so the proof lies in the name. Its key is 128
 * random bits, given only to the person it was issued to; the storage takes one upload per name,
 * from that person, before the name expires (the local cloud enforces exactly that; on WeChat the
 * storage rule 仅创建者可读写 keeps whoever stored first as the only writer, and the README's
 * custom rule admits only names of this shape). Nobody else can know the name before the
 * issuee's upload, so the bytes under it are theirs. The fileID must then be this
 * environment's own, compared in full: storage hands a link only to a file of its own
 * environment and bucket that exists, so `cloud://other-env.other-bucket/<an issued path>` and
 * a name issued but never uploaded are refused.
 */
export async function ownUploads(db: Db, actor: MemberActor, fileIDs: string[], place: UploadPlace): Promise<Set<string>> {
  const byKey = new Map(fileIDs.flatMap((fileID) => {
    const key = uploadKeyOf(cloudPathOf(fileID))
    return key ? [[key, fileID] as const] : []
  }))
  if (byKey.size === 0) return new Set()
  const [issued, stored] = await Promise.all([db.all('uploads', { _id: { $in: [...byKey.keys()] } }), storedHere([...byKey.values()])])
  const mine = (u: UploadDoc) =>
    u.openid === actor.openid &&
    u.purpose === place.purpose &&
    u.cloudPath === cloudPathOf(byKey.get(u._id) as string) &&
    stored.has(byKey.get(u._id) as string) &&
    ('meetingId' in place ? u.meetingId === place.meetingId : 'memberId' in place ? u.memberId === place.memberId : u.branchId === place.branchId)
  return new Set(issued.filter(mine).map((u) => byKey.get(u._id) as string))
}

/** Which of these fileIDs name a file stored in this environment's own bucket (50 a call, the cloud's limit). */
async function storedHere(fileIDs: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < fileIDs.length; i += 50) {
    const res = (await cloud.getTempFileURL({ fileList: fileIDs.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: 60 })) })) as {
      fileList: Array<{ fileID: string; tempFileURL: string; status: number }>
    }
    for (const item of res.fileList) if (item.status === 0 && item.tempFileURL) found.add(item.fileID)
  }
  return found
}
