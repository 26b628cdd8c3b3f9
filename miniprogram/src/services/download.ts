import type { FileLink } from '../../../shared/api/contract'
import type { Result } from '../../../shared/errors'
import { failure } from './envelope'

/**
 * Opening and keeping a file a function made (an exported sheet, a QR code), apart from picking
 * and uploading (./files) so that the pages every teacher opens carry only this. Fallback for
 * platforms without helpers of their own (and for tsc): Taro resolves `./download` to
 * download.weapp.ts or download.h5.ts first.
 */
export async function openFile(_link: FileLink): Promise<Result<null>> {
  return failure('CLIENT.NETWORK', '当前平台不支持打开文件')
}

/** Keeps an image (a QR code) on the phone: the photo album in weapp, a download on H5. */
export async function saveImage(_link: FileLink): Promise<Result<null>> {
  return failure('CLIENT.NETWORK', '当前平台不支持保存图片')
}
