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
