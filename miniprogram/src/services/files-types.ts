import type { FileLink } from '../../../shared/api/contract'
import { errorMessages } from '../../../shared/errors'
import type { ApiError, Result } from '../../../shared/errors'

/** A file the user picked: a Blob on H5, a temporary path on weapp. */
export interface PickedFile {
  name: string
  /** Bytes. */
  size: number
  data?: ArrayBuffer | Blob
  path?: string
}

/** Largest spreadsheet the client uploads (the server has its own limit too). */
export const MAX_EXCEL_BYTES = 5 * 1024 * 1024

/** Why a picked file cannot be imported, before anything is uploaded; null if it may go. */
export function checkExcel(file: PickedFile): ApiError | null {
  if (!/\.xlsx$/i.test(file.name)) {
    return {
      code: 'IMPORT.FILE_TYPE',
      message: /\.(xls|et|csv|wps)$/i.test(file.name)
        ? '只支持 .xlsx 格式：请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再上传'
        : errorMessages['IMPORT.FILE_TYPE'],
    }
  }
  if (file.size === 0) return { code: 'IMPORT.EMPTY', message: '文件是空的，请检查后重新选择' }
  if (file.size > MAX_EXCEL_BYTES) return tooLarge()
  return null
}

export function tooLarge(): ApiError {
  return { code: 'INPUT.TOO_LARGE', message: '文件超过 5 MB，请删去多余的工作表或图片后重试' }
}

/** Where an uploaded roster sheet goes in cloud storage: imports/<timestamp>-<random>.xlsx. */
export function importCloudPath(now = Date.now()): string {
  return `imports/${now}-${Math.random().toString(36).slice(2, 10)}.xlsx`
}

/** "1.2 MB", "35 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export type PickExcelFile = () => Promise<PickedFile | null>
export type UploadFile = (cloudPath: string, picked: PickedFile) => Promise<Result<{ fileID: string }>>
export type OpenFile = (link: FileLink) => Promise<Result<null>>

export function failed(code: ApiError['code'], message?: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message: message ?? errorMessages[code] } }
}
