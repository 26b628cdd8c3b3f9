import Taro from '@tarojs/taro'
import { describe } from './transport-types'
import { checkDocument, DOCUMENT_EXTENSIONS, checkExcel, checkImage, type PickDocument, type PickedFile, type PickExcelFile, type PickImages, type UploadFile } from './files-types'
import { failure as failed } from './envelope'

export { checkDocument, checkExcel, checkImage, formatSize, MAX_EXCEL_BYTES, type PickedFile } from './files-types'

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

/** weapp: a document from a WeChat chat, to attach to a study task. */
export const pickDocument: PickDocument = async () => {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: [...DOCUMENT_EXTENSIONS] })
    const file = res.tempFiles[0]
    return file ? { name: file.name, size: file.size, path: file.path } : null
  } catch (error) {
    if (!isCancel(error)) void Taro.showToast({ title: '未能打开聊天文件，请重试', icon: 'none' })
    return null
  }
}

export const uploadDocument: UploadFile = async (cloudPath, picked) => {
  const problem = checkDocument(picked)
  if (problem) return { ok: false, error: problem }
  return cloudUpload(cloudPath, picked)
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
