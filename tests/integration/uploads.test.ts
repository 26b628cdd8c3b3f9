import { cloudPathOf, dailyUploadLimit } from '../../shared/domain/storage'
import { beijingDate } from '../../shared/domain/time'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, header, ok, upload, xlsx } from '../support/api'
import { meetingInput } from '../support/meetings'

/**
 * Files from phones go to names the server chooses and records as issued to one person; a
 * function accepts a roster sheet or a minutes photo only from the person it was issued to, for
 * the branch or meeting it was issued for. Someone in no branch gets no name at all, and each
 * person gets a limited number a day.
 */
let cloud: LocalCloud
let meetingId: string
let otherMeetingId: string
const secretary = 'demo-secretary'

const meeting = (title: string) => meetingInput({ type: 'generalMeeting', title, hostId: 'member-001', recorderId: 'member-003', agenda: ['议题一'] })
const sheet = () => xlsx([header, ['上传测试', '正式党员', '', '', '13300000009', '']])
const minutesWith = (photos: string[]) => ({ meetingId, topics: ['议题一'], content: '会议内容', decisions: '', photos })

beforeAll(async () => {
  cloud = await startSeededCloud()
  meetingId = (await ok(cloud, secretary, 'meeting.create', meeting('上传测试会议'))).id
  otherMeetingId = (await ok(cloud, secretary, 'meeting.create', meeting('另一场会议'))).id
})
afterAll(() => cloud.close())

describe('names for uploads', () => {
  it('are chosen by the server, different every time, under the branch or the meeting', async () => {
    const a = await ok(cloud, secretary, 'roster.prepareImport', {})
    const b = await ok(cloud, secretary, 'roster.prepareImport', {})
    expect(a.cloudPath).toMatch(/^imports\/branch-mingde-1\/[0-9a-f]{32}\.xlsx$/)
    expect(b.cloudPath).not.toBe(a.cloudPath)
    const photo = await ok(cloud, 'demo-publicity', 'minutes.preparePhoto', { meetingId, ext: 'png' })
    expect(photo.cloudPath).toMatch(new RegExp(`^minutes/${meetingId}/[0-9a-f]{32}\\.png$`))
  })

  it('are refused to someone in no branch, and to a member who may not import or record, writing nothing', async () => {
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, 'demo-newcomer', 'roster.prepareImport', {})).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_BOUND' } })
    expect(await callAs(cloud, 'demo-newcomer', 'minutes.preparePhoto', { meetingId, ext: 'jpg' })).toMatchObject({ ok: false, error: { code: 'AUTH.NOT_BOUND' } })
    expect(await callAs(cloud, 'demo-member', 'roster.prepareImport', {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-member', 'minutes.preparePhoto', { meetingId, ext: 'jpg' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-branch2-secretary', 'minutes.preparePhoto', { meetingId, ext: 'jpg' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, secretary, 'minutes.preparePhoto', { meetingId, ext: 'exe' as never })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

describe('a roster sheet', () => {
  it('imports from the secretary’s own upload', async () => {
    const fileID = await upload(cloud, secretary, await sheet())
    expect(await ok(cloud, secretary, 'roster.import', { fileID, dryRun: true })).toMatchObject({ rows: 1, created: 1 })
  })

  it('is not imported from another branch’s upload, another person’s upload, or a name nobody was given', async () => {
    const otherBranch = await upload(cloud, 'demo-branch2-secretary', await sheet())
    const colleague = await upload(cloud, 'demo-org-committee', await sheet())
    // A phone cannot store a file under a name nobody issued; a file placed there some other way
    // (on WeChat, a client's own upload the storage rule cannot stop) is not imported either.
    expect((await cloud.storage.clientWrite('demo-org-committee', `imports/${Date.now()}-planted.xlsx`, await sheet())).access).toBe('notIssued')
    const unissued = (await cloud.storage.store(`imports/${Date.now()}-planted.xlsx`, await sheet())) as string
    const seq = cloud.store.commitSeq
    for (const fileID of [otherBranch, colleague, unissued]) {
      expect(await callAs(cloud, secretary, 'roster.import', { fileID, dryRun: false })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_FOUND' } })
    }
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

describe('a photo in the minutes', () => {
  it('is accepted from the recorder’s own upload for this meeting and kept when someone else edits the record', async () => {
    const photo = await upload(cloud, 'demo-publicity', Buffer.from('jpeg'), meetingId)
    expect((await ok(cloud, 'demo-publicity', 'minutes.save', minutesWith([photo]))).photos.map((p) => p.fileID)).toEqual([photo])
    // Nobody else can replace the file behind the official record.
    expect((await cloud.storage.clientWrite('demo-newcomer', cloudPathOf(photo), Buffer.from('not the meeting'))).access).toBe('notIssued')
    expect((await cloud.storage.clientWrite('demo-publicity', cloudPathOf(photo), Buffer.from('another photo'))).access).toBe('forbidden')
    const mine = await upload(cloud, secretary, Buffer.from('jpeg'), meetingId)
    expect((await ok(cloud, secretary, 'minutes.save', minutesWith([photo, mine]))).photos.map((p) => p.fileID)).toEqual([photo, mine])
  })

  it('is refused when someone else uploaded it, when it was uploaded for another meeting, or when nobody was given its name', async () => {
    const byColleague = await upload(cloud, 'demo-org-committee', Buffer.from('jpeg'), meetingId)
    const forOther = await upload(cloud, secretary, Buffer.from('jpeg'), otherMeetingId)
    // A file someone in no branch put at a name of their own choosing beside the meeting's photos.
    expect((await cloud.storage.clientWrite('demo-newcomer', `minutes/${meetingId}/photo.png`, Buffer.from('png'))).access).toBe('notIssued')
    const planted = (await cloud.storage.store(`minutes/${meetingId}/photo.png`, Buffer.from('png'))) as string
    const seq = cloud.store.commitSeq
    for (const fileID of [byColleague, forOther, planted]) {
      expect(await callAs(cloud, secretary, 'minutes.save', minutesWith([fileID]))).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { photos: '照片需从本会议的会议记录页面上传' } },
      })
    }
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

/**
 * A function takes a file only when the bytes under it were stored by the person the name was
 * issued to, in this environment: the fileID is compared in full, and the file must be there.
 */
describe('the bytes behind an issued name', () => {
  const note = (photos: string[]) => ({ taskId: null, title: '带照片的心得', body: '学习心得体会正文。', photos })
  const photoName = async (openid: string) => (await ok(cloud, openid, 'study.preparePhoto', { ext: 'jpg' })).cloudPath

  it('are the author’s: a colleague who learns the name cannot store there first, and the note links the author’s own photo', async () => {
    const cloudPath = await photoName('demo-member')
    const squat = await cloud.storage.clientWrite('demo-org-committee', cloudPath, Buffer.from('colleague'))
    expect(squat).toEqual({ access: 'notIssued' })
    const { access, fileID } = await cloud.storage.clientWrite('demo-member', cloudPath, Buffer.from('author'))
    expect(access).toBe('ok')
    const saved = await ok(cloud, 'demo-member', 'study.saveNote', note([fileID as string]))
    expect(saved.photos).toHaveLength(1)
    expect(cloud.storage.ownerOf(cloudPath)).toBe('demo-member')
    expect((await cloud.storage.read(cloudPath))?.toString()).toBe('author')
  })

  it('are refused from another environment or bucket with the author’s own path, and when never uploaded, writing nothing', async () => {
    const cloudPath = await photoName('demo-member')
    await cloud.storage.clientWrite('demo-member', cloudPath, Buffer.from('author'))
    const unsent = await photoName('demo-member')
    const seq = cloud.store.commitSeq
    for (const fileID of [`cloud://other-env.other-bucket/${cloudPath}`, `cloud://zhibutong-local.other-bucket/${cloudPath}`, `cloud://other-env.local-bucket/${cloudPath}`, cloud.storage.fileIdOf(unsent)]) {
      expect(await callAs(cloud, 'demo-member', 'study.saveNote', note([fileID]))).toMatchObject({ ok: false, error: { code: 'NOTE.PHOTO_FOREIGN' } })
    }
    expect(cloud.store.commitSeq).toBe(seq)
  })

  it('are refused for a roster sheet and a minutes photo from another environment', async () => {
    const sheetPath = cloudPathOf(await upload(cloud, secretary, await sheet()))
    const photoPath = cloudPathOf(await upload(cloud, secretary, Buffer.from('jpeg'), meetingId))
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'roster.import', { fileID: `cloud://other-env.other-bucket/${sheetPath}`, dryRun: false })).toMatchObject({ ok: false, error: { code: 'FILE.NOT_FOUND' } })
    expect(await callAs(cloud, secretary, 'minutes.save', minutesWith([`cloud://other-env.other-bucket/${photoPath}`]))).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

describe('the daily allowance', () => {
  it('is counted per person and day: of many names asked at once, only those left are given', async () => {
    // The 组织委员 has three left today.
    const id = `upload:demo-org-committee:${beijingDate(new Date())}`
    await cloud.store.commit([{ coll: 'rateLimits', id, doc: { _id: id, count: dailyUploadLimit - 3, windowStart: 0 } }])
    const issued = () => cloud.store.docs('uploads').filter((u) => u.openid === 'demo-org-committee').length
    const before = issued()
    const results = await Promise.all(Array.from({ length: 10 }, () => callAs(cloud, 'demo-org-committee', 'roster.prepareImport', {})))
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(7).fill('FILE.QUOTA'))
    expect(issued()).toBe(before + 3)
    // Another person's allowance is their own.
    expect((await callAs(cloud, secretary, 'roster.prepareImport', {})).ok).toBe(true)
  })
})
