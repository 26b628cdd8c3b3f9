import { rosterErrorMessages } from '../../../shared/error-messages/roster'
import type { ApiError, Result } from '../../../shared/errors'
import { documentExtension, documentExtensions, imageExtensionPattern, maxDocumentBytes, maxImageBytes, maxImportBytes } from '../../../shared/domain/storage'

/** A file the user picked: a Blob on H5, a temporary path on weapp. */
export interface PickedFile {
  name: string
  /** Bytes. */
  size: number
  data?: ArrayBuffer | Blob
  path?: string
}

/** Largest spreadsheet the client uploads: the function's own limit, checked before uploading. */
export const MAX_EXCEL_BYTES = maxImportBytes

/** Why a picked file cannot be imported, before anything is uploaded; null if it may go. */
export function checkExcel(file: PickedFile): ApiError | null {
  if (!/\.xlsx$/i.test(file.name)) {
    return {
      code: 'IMPORT.FILE_TYPE',
      message: /\.(xls|et|csv|wps)$/i.test(file.name)
        ? '只支持 .xlsx 格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再上传'
        : rosterErrorMessages['IMPORT.FILE_TYPE'],
    }
  }
  if (file.size === 0) return { code: 'IMPORT.EMPTY', message: '文件是空的，请检查后重新选择' }
  if (file.size > MAX_EXCEL_BYTES) return tooLarge()
  return null
}

export function tooLarge(): ApiError {
  return { code: 'INPUT.TOO_LARGE', message: `文件超过 ${maxImportBytes / 1024 / 1024} MB，请删去多余的工作表或图片后重试` }
}

/** "1.2 MB", "35 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Why a picked photo cannot be uploaded; null if it may go. */
export function checkImage(file: PickedFile): ApiError | null {
  if (!imageExtensionPattern.test(file.name)) return { code: 'INPUT.INVALID', message: '只能上传照片（jpg、png 等图片）' }
  if (file.size === 0) return { code: 'INPUT.INVALID', message: '照片是空的，请重新选择' }
  if (file.size > maxImageBytes) return { code: 'INPUT.TOO_LARGE', message: `照片超过 ${maxImageBytes / 1024 / 1024} MB，请换一张或压缩后再上传` }
  return null
}

/** The documents a study task may attach, as the chooser offers them. */
export const DOCUMENT_EXTENSIONS = documentExtensions

/** Why a picked document cannot be attached; null if it may go. */
export function checkDocument(file: PickedFile): ApiError | null {
  if (!documentExtension(file.name)) return { code: 'INPUT.INVALID', message: '只能附加 PDF、Word、PPT、Excel 或文本文件' }
  if (file.size === 0) return { code: 'INPUT.INVALID', message: '文件是空的，请重新选择' }
  if (file.size > maxDocumentBytes) return { code: 'INPUT.TOO_LARGE', message: `文件超过 ${maxDocumentBytes / 1024 / 1024} MB，请压缩后再上传` }
  return null
}

export type PickImages = (max: number) => Promise<PickedFile[]>
export type PickDocument = () => Promise<PickedFile | null>
export type PickExcelFile = () => Promise<PickedFile | null>
export type UploadFile = (cloudPath: string, picked: PickedFile) => Promise<Result<{ fileID: string }>>
