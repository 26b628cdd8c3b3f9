import type { FileLink } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { cloud } from './cloud'

/**
 * Stores a generated file and returns a temporary link to it (valid for an hour). The phone
 * downloads the link: under the storage rule "仅创建者可读写" a file this function wrote is not
 * readable by the phone through its fileID.
 */
export async function storeGenerated(cloudPath: string, content: Buffer, fileName: string): Promise<FileLink> {
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string }
  const links = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as {
    fileList: Array<{ tempFileURL: string; status: number }>
  }
  const url = links.fileList[0]?.tempFileURL
  if (!url) throw new Error(`no temporary link for ${fileID}`)
  return { fileID, url, fileName }
}

/** Reads an uploaded file; FILE.NOT_FOUND when it is gone. */
export async function readUploaded(fileID: string, maxBytes: number): Promise<Buffer> {
  let content: Buffer
  try {
    const res = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer }
    content = res.fileContent
  } catch {
    return fail('FILE.NOT_FOUND')
  }
  if (!content || content.length === 0) fail('IMPORT.EMPTY')
  if (content.length > maxBytes) fail('IMPORT.TOO_LARGE', `文件过大（${(content.length / 1024 / 1024).toFixed(1)} MB），请控制在 ${maxBytes / 1024 / 1024} MB 以内`)
  return content
}

/** Temporary links (an hour) for stored files, in their order. */
export async function fileLinks(fileIDs: string[]): Promise<Map<string, string>> {
  if (!fileIDs.length) return new Map()
  const res = (await cloud.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: 3600 })) })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>
  }
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]))
}
