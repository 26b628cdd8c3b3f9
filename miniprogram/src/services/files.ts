import type { PickDocument, PickExcelFile, PickImages, UploadFile } from './files-types'
import { failure as failed } from './envelope'

export { checkDocument, checkExcel, checkImage, formatSize, MAX_EXCEL_BYTES, type PickedFile } from './files-types'

/**
 * Fallback for platforms without file helpers of their own (and for tsc). Taro resolves
 * `./files` to files.weapp.ts or files.h5.ts first, so this file is never bundled for those.
 */
export const pickExcelFile: PickExcelFile = async () => null
export const uploadFile: UploadFile = async () => failed('CLIENT.NETWORK', '当前平台不支持上传文件')
export const pickImages: PickImages = async () => []
export const uploadImage: UploadFile = async () => failed('CLIENT.NETWORK', '当前平台不支持上传照片')
export const pickDocument: PickDocument = async () => null
export const uploadDocument: UploadFile = async () => failed('CLIENT.NETWORK', '当前平台不支持上传文件')
