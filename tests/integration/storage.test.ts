import type { LocalCloud } from '../../localcloud/server'
import { sdkFor, startTestCloud } from '../support/cloud'

let cloud: LocalCloud
let sdk: ReturnType<typeof sdkFor>
beforeAll(async () => {
  cloud = await startTestCloud()
  sdk = sdkFor(cloud)
})
afterAll(() => cloud.close())

describe('cloud storage', () => {
  it('uploads, links, downloads and deletes a file', async () => {
    const content = Buffer.from('会议记录照片的内容')
    const { fileID } = (await sdk.uploadFile({ cloudPath: 'minutes/2026/photo.jpg', fileContent: content })) as { fileID: string }
    expect(fileID).toMatch(/^cloud:\/\/.+\/minutes\/2026\/photo\.jpg$/)

    const links = (await sdk.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number; tempFileURL: string }> }
    expect(links.fileList[0]).toMatchObject({ status: 0, fileID })
    const res = await fetch(links.fileList[0].tempFileURL)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true)

    const downloaded = (await sdk.downloadFile({ fileID })) as { fileContent: Buffer }
    expect(downloaded.fileContent.equals(content)).toBe(true)

    const removed = (await sdk.deleteFile({ fileList: [fileID] })) as { fileList: Array<{ status: number }> }
    expect(removed.fileList[0]).toMatchObject({ status: 0 })
    const after = (await sdk.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number }> }
    expect(after.fileList[0].status).not.toBe(0)
  })

  it('refuses a temporary link whose signature was tampered with', async () => {
    const { fileID } = (await sdk.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('a') })) as { fileID: string }
    const links = (await sdk.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> }
    const forged = links.fileList[0].tempFileURL.replace(/sign=([0-9a-f])/, (_m, c) => `sign=${c === '0' ? '1' : '0'}`)
    expect((await fetch(forged)).status).toBe(403)
  })

  it('refuses a path that climbs out of storage', async () => {
    await expect(sdk.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({ errMsg: expect.stringContaining('invalid cloudPath') })
  })
})

/**
 * Uploads from a browser through the gateway (standing in for wx.cloud.uploadFile /
 * downloadFile): a client stores bytes only under a name a function issued to its identity, once,
 * before the name expires, and the storage records who stored them; a file is read only by the
 * identity that stored it. Functions, like the cloud's server side, may read and write every file.
 */
describe('files from phones go only to names issued to them', () => {
  const signIn = async (openid: string) => {
    const res = await fetch(`${cloud.url}/gateway/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
    return (res.headers.get('set-cookie') ?? '').split(';')[0]
  }
  const upload = (cookie: string, cloudPath: string, content: string) =>
    fetch(`${cloud.url}/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: content })
  const download = (cookie: string, fileID: string) => fetch(`${cloud.url}/gateway/download?fileID=${encodeURIComponent(fileID)}`, { headers: { cookie } })
  const stored = async (fileID: string) => ((await sdk.downloadFile({ fileID })) as { fileContent: Buffer }).fileContent.toString()
  /** A name as the functions issue it (cloudfunctions/_lib/uploads.ts), recorded for `openid`. */
  let keySeq = 0
  const issue = async (openid: string, folder: string, ext: string, issuedAgoMs = 0): Promise<string> => {
    const key = (++keySeq).toString(16).padStart(32, 'a')
    const cloudPath = `${folder}/${key}.${ext}`
    await cloud.store.commit([{ coll: 'uploads', id: key, doc: { _id: key, openid, memberId: `member-of-${openid}`, branchId: 'branch-1', purpose: 'minutesPhoto', meetingId: null, cloudPath, createdAt: new Date(Date.now() - issuedAgoMs) } }])
    return cloudPath
  }

  it('takes one upload to an issued name from the identity it was issued to, records who stored it, and keeps it', async () => {
    const secretary = await signIn('o-secretary')
    const stranger = await signIn('o-stranger')
    const name = await issue('o-secretary', 'minutes/m-owned', 'png')
    // A colleague who learned the name cannot get in first.
    const squat = await upload(stranger, name, '别人的照片')
    expect(squat.status).toBe(403)
    expect(await squat.json()).toMatchObject({ error: 'STORAGE_EXCEED_AUTHORITY' })
    const first = await upload(secretary, name, '书记的照片')
    expect(first.status).toBe(200)
    const { fileID } = (await first.json()) as { fileID: string }
    expect(cloud.store.getDoc('_localcloud_files', name)).toMatchObject({ owner: 'o-secretary', size: Buffer.byteLength('书记的照片') })
    // Once: neither the stranger nor the owner replaces the bytes behind the name.
    expect((await upload(stranger, name, '别人的照片')).status).toBe(403)
    expect((await upload(secretary, name, '书记的新照片')).status).toBe(403)
    expect(await stored(fileID)).toBe('书记的照片')
  })

  it('refuses a name nobody issued, under every upload prefix, and writes nothing', async () => {
    const member = await signIn('o-member')
    const seq = cloud.store.commitSeq
    for (const cloudPath of [`notes/member-other/${'b'.repeat(32)}.jpg`, `study/branch-1/${'c'.repeat(32)}.pdf`, `minutes/m-other/${'d'.repeat(32)}.png`, `imports/branch-1/${'e'.repeat(32)}.xlsx`, 'notes/member-other/photo.jpg', 'imports/planted.xlsx']) {
      const res = await upload(member, cloudPath, 'planted')
      expect([cloudPath, res.status]).toEqual([cloudPath, 403])
      expect(await res.json()).toMatchObject({ message: 'this name was not issued to you' })
    }
    expect(cloud.store.commitSeq).toBe(seq)
    expect(cloud.store.docs('_localcloud_files').filter((f) => String(f._id).includes('planted') || String(f._id).includes('member-other'))).toEqual([])
  })

  it('refuses a name issued to someone else, and one issued more than an hour ago', async () => {
    const member = await signIn('o-late')
    const forOther = await issue('o-someone-else', 'notes/member-x', 'jpg')
    expect((await upload(member, forOther, 'bytes')).status).toBe(403)
    const stale = await issue('o-late', 'notes/member-late', 'jpg', 61 * 60_000)
    const res = await upload(member, stale, 'bytes')
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ message: 'this upload name has expired, ask for a new one' })
    const fresh = await issue('o-late', 'notes/member-late', 'jpg', 59 * 60_000)
    expect((await upload(member, fresh, 'bytes')).status).toBe(200)
  })

  it('lets only the owner read a file from the client, and no client overwrite what a function wrote', async () => {
    const owner = await signIn('o-owner')
    const other = await signIn('o-other')
    const name = await issue('o-owner', 'imports/branch-1', 'xlsx')
    const { fileID } = (await (await upload(owner, name, 'rows')).json()) as { fileID: string }
    const own = await download(owner, fileID)
    expect(own.status).toBe(200)
    expect(await own.text()).toBe('rows')
    expect((await download(other, fileID)).status).toBe(403)

    const generated = (await sdk.uploadFile({ cloudPath: 'minutes/m-generated/sheet.xlsx', fileContent: Buffer.from('generated') })) as { fileID: string }
    expect((await upload(owner, 'minutes/m-generated/sheet.xlsx', 'mine now')).status).toBe(403)
    expect((await download(owner, generated.fileID)).status).toBe(403)
    expect(await stored(generated.fileID)).toBe('generated')
  })

  it('lets the phone download what a function wrote by the temporary link the function made', async () => {
    const owner = await signIn('o-exporter')
    const generated = (await sdk.uploadFile({ cloudPath: 'exports/sheet-for-phone.xlsx', fileContent: Buffer.from('sheet') })) as { fileID: string }
    expect((await download(owner, generated.fileID)).status).toBe(403)
    const links = (await sdk.getTempFileURL({ fileList: [{ fileID: generated.fileID, maxAge: 3600 }] })) as { fileList: Array<{ tempFileURL: string }> }
    const byLink = await fetch(links.fileList[0].tempFileURL)
    expect(byLink.status).toBe(200)
    expect(await byLink.text()).toBe('sheet')
  })

  it('stores exactly one of ten uploads sent to one issued name at once', async () => {
    const cookie = await signIn('o-racer')
    const name = await issue('o-racer', 'minutes/m-race', 'png')
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(cookie, name, `照片 ${i}`)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 403)).toHaveLength(9)
    const winner = statuses.indexOf(200)
    const { fileID } = (await answers[winner].json()) as { fileID: string }
    expect(await stored(fileID)).toBe(`照片 ${winner}`)
  })

  it('accepts uploads from a browser only under the paths the app uses', async () => {
    const cookie = await signIn('o-secretary')
    expect((await upload(cookie, 'checkin-codes/m1.png', 'forged code')).status).toBe(400)
    expect((await upload(cookie, 'minutes/../checkin-codes/m1.png', 'forged code')).status).toBe(400)
  })
})
