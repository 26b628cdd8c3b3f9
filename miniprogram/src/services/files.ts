import { failed, type OpenFile, type PickExcelFile, type PickImages, type SaveImage, type UploadFile } from './files-types'

export { checkExcel, checkImage, formatSize, MAX_EXCEL_BYTES, type PickedFile } from './files-types'

/**
 * Fallback for platforms without file helpers of their own (and for tsc). Taro resolves
 * `./files` to files.weapp.ts or files.h5.ts first, so this file is never bundled for those.
 */
export const pickExcelFile: PickExcelFile = async () => null
export const uploadFile: UploadFile = async () => failed('CLIENT.NETWORK', '当前平台不支持上传文件')
export const openFile: OpenFile = async () => failed('CLIENT.NETWORK', '当前平台不支持打开文件')
export const pickImages: PickImages = async () => []
export const uploadImage: UploadFile = async () => failed('CLIENT.NETWORK', '当前平台不支持上传照片')
export const saveImage: SaveImage = async () => failed('CLIENT.NETWORK', '当前平台不支持保存图片')
