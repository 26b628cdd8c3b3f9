import Taro from '@tarojs/taro'
import type { FileLink } from '../../../shared/api/contract'
import type { Result } from '../../../shared/errors'
import { failure } from './envelope'
import { describe } from './transport-types'

const isCancel = (error: unknown) => /cancel/i.test(describe(error))

/**
 * Downloads a generated file and opens it in WeChat's document viewer, whose menu can forward
 * it to a chat or open it in another app.
 */
export async function openFile(link: FileLink): Promise<Result<null>> {
  const downloaded = await download(link)
  if (!downloaded.ok) return downloaded
  const filePath = downloaded.data
  try {
    // A study material may be any office document; a generated sheet is xlsx.
    const ext = link.fileName.match(/\.(\w+)$/)?.[1]?.toLowerCase()
    const fileType = (['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const).find((t) => t === ext) ?? 'xlsx'
    await Taro.openDocument({ filePath, fileType, showMenu: true })
    return { ok: true, data: null }
  } catch (error) {
    console.warn('[download] openDocument failed', describe(error))
    return failure('INTERNAL', '文件已下载，但无法打开，请更新微信后重试')
  }
}

/**
 * By the temporary link the function made: under the storage rule "仅创建者可读写" a file a
 * function wrote is not readable by the phone through its fileID (wx.cloud.downloadFile).
 */
async function download(link: FileLink): Promise<Result<string>> {
  if (!link.url) return failure('FILE.NOT_FOUND', '文件下载失败，请重试')
  try {
    const res = await Taro.downloadFile({ url: link.url })
    if (res.statusCode !== 200) return failure('FILE.NOT_FOUND', '文件下载失败，请重试')
    return { ok: true, data: res.tempFilePath }
  } catch (error) {
    console.warn('[download] download failed', describe(error))
    return failure('CLIENT.NETWORK', '文件下载失败，请检查网络后重试')
  }
}

/** Keeps an image (a QR code) in the phone's album; WeChat asks the person's leave the first time. */
export async function saveImage(link: FileLink): Promise<Result<null>> {
  const downloaded = await download(link)
  if (!downloaded.ok) return downloaded
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: downloaded.data })
    return { ok: true, data: null }
  } catch (error) {
    console.warn('[download] saveImageToPhotosAlbum failed', describe(error))
    if (isCancel(error)) return failure('CLIENT.NETWORK', '已取消保存')
    return failure('AUTH.FORBIDDEN', '未能保存，请在“设置”中允许支部通保存到相册后重试')
  }
}
