import { describe } from './transport-types'
import { checkDocument, DOCUMENT_EXTENSIONS, checkExcel, checkImage, tooLarge, type PickDocument, type PickedFile, type PickExcelFile, type PickImages, type UploadFile } from './files-types'
import { failure as failed } from './envelope'
import { imageExtensionPattern } from '../../../shared/domain/storage'
import { minuteMs } from '../../../shared/domain/time'

export { checkDocument, checkExcel, checkImage, formatSize, MAX_EXCEL_BYTES, type PickedFile } from './files-types'

const UPLOAD_TIMEOUT_MS = minuteMs

/** H5: a hidden file input. Resolves null when the user closes the chooser without a file. */
export const pickExcelFile: PickExcelFile = () => pickOne('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

/** H5: a document to attach to a study task. */
export const pickDocument: PickDocument = () => pickOne(DOCUMENT_EXTENSIONS.map((e) => `.${e}`).join(','))

export const uploadDocument: UploadFile = async (cloudPath, picked) => {
  const problem = checkDocument(picked)
  if (problem) return { ok: false, error: problem }
  return postUpload(cloudPath, picked)
}

function pickOne(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    let settled = false
    const finish = (file: File | null) => {
      if (settled) return
      settled = true
      window.removeEventListener('focus', onFocus)
      input.remove()
      resolve(file ? { name: file.name, size: file.size, data: file } : null)
    }
    // Browsers without the `cancel` event: the window regains focus when the chooser closes;
    // `change` may arrive a moment later, so wait before deciding nothing was chosen.
    const onFocus = () => setTimeout(() => finish(input.files?.[0] ?? null), 1000)
    input.addEventListener('change', () => finish(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => finish(null))
    document.body.appendChild(input)
    setTimeout(() => window.addEventListener('focus', onFocus), 0)
    input.click()
  })
}

/** POSTs the bytes to the local gateway, which stores them like cloud storage. */
export const uploadFile: UploadFile = async (cloudPath, picked) => {
  const problem = checkExcel(picked)
  if (problem) return { ok: false, error: problem }
  return postUpload(cloudPath, picked)
}

/** H5: photos from a file input (image/*, several at once). */
export const pickImages: PickImages = (max) =>
  new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.multiple = max > 1
    input.style.display = 'none'
    let settled = false
    const finish = (files: FileList | null) => {
      if (settled) return
      settled = true
      window.removeEventListener('focus', onFocus)
      input.remove()
      const list: PickedFile[] = files ? Array.from(files).slice(0, max).map((f) => ({ name: imageName(f), size: f.size, data: f })) : []
      resolve(list)
    }
    const onFocus = () => setTimeout(() => finish(input.files), 1000)
    input.addEventListener('change', () => finish(input.files))
    input.addEventListener('cancel', () => finish(null))
    document.body.appendChild(input)
    setTimeout(() => window.addEventListener('focus', onFocus), 0)
    input.click()
  })

/** A photo's name with an image extension (phones name camera shots oddly). */
function imageName(file: File): string {
  if (imageExtensionPattern.test(file.name)) return file.name
  const sub = file.type.startsWith('image/') ? file.type.slice(6).replace('jpeg', 'jpg') : 'bin'
  return `photo.${sub}`
}

export const uploadImage: UploadFile = async (cloudPath, picked) => {
  const problem = checkImage(picked)
  if (problem) return { ok: false, error: problem }
  return postUpload(cloudPath, picked)
}

async function postUpload(cloudPath: string, picked: PickedFile): ReturnType<UploadFile> {
  if (!picked.data) return failed('FILE.NOT_FOUND')
  const controller = typeof AbortController === 'function' ? new AbortController() : null
  const timer = setTimeout(() => controller?.abort(), UPLOAD_TIMEOUT_MS)
  try {
    const response = await fetch('/gateway/upload?cloudPath=' + encodeURIComponent(cloudPath), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
      body: picked.data,
      signal: controller?.signal,
    })
    if (response.status === 401) {
      const next = window.location.pathname + window.location.search
      window.location.assign('/localcloud/login?next=' + encodeURIComponent(next))
      return failed('AUTH.UNAUTHENTICATED')
    }
    if (response.status === 413) return { ok: false, error: tooLarge() }
    if (!response.ok) return failed('INTERNAL', `上传失败（${response.status}），请重试`)
    const body = (await response.json().catch(() => null)) as { fileID?: unknown } | null
    if (!body || typeof body.fileID !== 'string') return failed('INTERNAL', '上传失败，请重试')
    return { ok: true, data: { fileID: body.fileID } }
  } catch (error) {
    console.warn('[files] upload failed', describe(error))
    return failed(controller?.signal.aborted ? 'CLIENT.TIMEOUT' : 'CLIENT.NETWORK', '上传失败，请检查网络后重试')
  } finally {
    clearTimeout(timer)
  }
}
