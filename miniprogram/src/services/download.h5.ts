import type { FileLink } from '../../../shared/api/contract'
import type { Result } from '../../../shared/errors'

/** Lets the browser download the file under its own name. */
export async function openFile(link: FileLink): Promise<Result<null>> {
  const a = document.createElement('a')
  a.href = link.url
  a.download = link.fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { ok: true, data: null }
}

/** A browser downloads the image like any other file. */
export const saveImage = openFile
