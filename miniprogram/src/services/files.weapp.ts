import Taro from '@tarojs/taro'
import { describe } from './transport-types'
import { checkExcel, checkImage, failed, type OpenFile, type PickedFile, type PickExcelFile, type PickImages, type SaveImage, type UploadFile } from './files-types'
import type { FileLink } from '../../../shared/api/contract'
import type { Result } from '../../../shared/errors'

export { checkExcel, checkImage, formatSize, MAX_EXCEL_BYTES, type PickedFile } from './files-types'

const isCancel = (error: unknown) => /cancel/i.test(describe(error))

/**
 * weapp: a mini-program cannot read the phone's file system, only files from a WeChat chat
 * (chooseMessageFile). Resolves null when the user cancels.
 */
export const pickExcelFile: PickExcelFile = async () => {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
    const file = res.tempFiles[0]
    if (!file) return null
    return { name: file.name, size: file.size, path: file.path }
  } catch (error) {
    if (!isCancel(error)) {
      console.warn('[files] chooseMessageFile failed', describe(error))
      void Taro.showToast({ title: '未能打开聊天文件，请重试', icon: 'none' })
    }
    return null
  }
}

export const uploadFile: UploadFile = async (cloudPath, picked) => {
  const problem = checkExcel(picked)
  if (problem) return { ok: false, error: problem }
  return cloudUpload(cloudPath, picked)
}

/** weapp: photos from the album or the camera, compressed by WeChat. */
export const pickImages: PickImages = async (max) => {
  try {
    const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return res.tempFiles.map((f) => {
      const ext = f.tempFilePath.match(/\.(\w+)$/)?.[1] ?? 'jpg'
      return { name: `photo.${ext}`, size: f.size, path: f.tempFilePath }
    })
  } catch (error) {
    if (!isCancel(error)) void Taro.showToast({ title: '未能打开相册，请重试', icon: 'none' })
    return []
  }
}

export const uploadImage: UploadFile = async (cloudPath, picked) => {
  const problem = checkImage(picked)
  if (problem) return { ok: false, error: problem }
  return cloudUpload(cloudPath, picked)
}

async function cloudUpload(cloudPath: string, picked: PickedFile): ReturnType<UploadFile> {
  if (!picked.path) return failed('FILE.NOT_FOUND')
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: picked.path })
    if (!res.fileID) return failed('INTERNAL', '上传失败，请重试')
    return { ok: true, data: { fileID: res.fileID } }
  } catch (error) {
    console.warn('[files] uploadFile failed', describe(error))
    return failed('CLIENT.NETWORK', '上传失败，请检查网络后重试')
  }
}

/**
 * Downloads a generated file and opens it in WeChat's document viewer, whose menu can forward
 * it to a chat or open it in another app.
 */
export const openFile: OpenFile = async (link) => {
  const downloaded = await download(link)
  if (!downloaded.ok) return downloaded
  const filePath = downloaded.data
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return { ok: true, data: null }
  } catch (error) {
    console.warn('[files] openDocument failed', describe(error))
    return failed('INTERNAL', '文件已下载，但无法打开，请更新微信后重试')
  }
}

/**
 * By the temporary link the function made: under the storage rule "仅创建者可读写" a file a
 * function wrote is not readable by the phone through its fileID (wx.cloud.downloadFile).
 */
async function download(link: FileLink): Promise<Result<string>> {
  if (!link.url) return failed('FILE.NOT_FOUND', '文件下载失败，请重试')
  try {
    const res = await Taro.downloadFile({ url: link.url })
    if (res.statusCode !== 200) return failed('FILE.NOT_FOUND', '文件下载失败，请重试')
    return { ok: true, data: res.tempFilePath }
  } catch (error) {
    console.warn('[files] download failed', describe(error))
    return failed('CLIENT.NETWORK', '文件下载失败，请检查网络后重试')
  }
}

/** Saves an image to the phone's album; WeChat asks the person's leave the first time. */
export const saveImage: SaveImage = async (link) => {
  const downloaded = await download(link)
  if (!downloaded.ok) return downloaded
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: downloaded.data })
    return { ok: true, data: null }
  } catch (error) {
    console.warn('[files] saveImageToPhotosAlbum failed', describe(error))
    if (isCancel(error)) return failed('CLIENT.NETWORK', '已取消保存')
    return failed('AUTH.FORBIDDEN', '未能保存，请在“设置”中允许支部通保存到相册后重试')
  }
}
