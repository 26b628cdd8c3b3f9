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
 * Production's storage rule "仅创建者可读写", as a browser meets it through the gateway (which
 * stands in for wx.cloud.uploadFile / downloadFile): a file belongs to the identity that created
 * it; nobody else can overwrite or read it. Functions, like the cloud's server side, may do both.
 */
describe('files belong to the identity that uploaded them', () => {
  const signIn = async (openid: string) => {
    const res = await fetch(`${cloud.url}/gateway/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
    return (res.headers.get('set-cookie') ?? '').split(';')[0]
  }
  const upload = (cookie: string, cloudPath: string, content: string) =>
    fetch(`${cloud.url}/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: content })
  const download = (cookie: string, fileID: string) => fetch(`${cloud.url}/gateway/download?fileID=${encodeURIComponent(fileID)}`, { headers: { cookie } })
  const stored = async (fileID: string) => ((await sdk.downloadFile({ fileID })) as { fileContent: Buffer }).fileContent.toString()

  it("refuses another identity's upload to the same path and keeps the owner's file", async () => {
    const secretary = await signIn('o-secretary')
    const stranger = await signIn('o-stranger')
    const first = await upload(secretary, 'minutes/m-owned/photo.png', '书记的照片')
    expect(first.status).toBe(200)
    const { fileID } = (await first.json()) as { fileID: string }
    const overwrite = await upload(stranger, 'minutes/m-owned/photo.png', '别人的照片')
    expect(overwrite.status).toBe(403)
    expect(await overwrite.json()).toMatchObject({ error: 'STORAGE_EXCEED_AUTHORITY' })
    expect(await stored(fileID)).toBe('书记的照片')
    // The owner may replace her own file.
    expect((await upload(secretary, 'minutes/m-owned/photo.png', '书记的新照片')).status).toBe(200)
    expect(await stored(fileID)).toBe('书记的新照片')
  })

  it('lets only the owner read a file from the client, and no client overwrite what a function wrote', async () => {
    const owner = await signIn('o-owner')
    const other = await signIn('o-other')
    const { fileID } = (await (await upload(owner, 'imports/sheet-owned.xlsx', 'rows')).json()) as { fileID: string }
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

  it('gives a new path to exactly one of ten identities uploading to it at once', async () => {
    const cookies = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(`o-racer-${i}`)))
    const answers = await Promise.all(cookies.map((cookie, i) => upload(cookie, 'minutes/m-race/photo.png', `照片 ${i}`)))
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
