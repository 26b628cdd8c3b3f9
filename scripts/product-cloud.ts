import path from 'node:path'
import type { LocalCloudOptions } from '../localcloud/server'
import { uploadKeyOf, uploadNameTtlMs, uploadPrefixes } from '../shared/domain/storage'

const root = path.resolve(__dirname, '..')

/**
 * What the local cloud is told about this product: its environment's name, where its built
 * functions and collections are, where a browser may upload and which names it was given, and where check-in links point (the
 * H5 app the server serves).
 */
export function productCloudOptions(): Pick<LocalCloudOptions, 'envId' | 'functionDirs' | 'collectionsFile' | 'uploadPrefixes' | 'issuedUploads' | 'functionEnv'> {
  return {
    envId: 'zhibutong-local',
    functionDirs: [path.join(root, 'build', 'cloudfunctions')],
    collectionsFile: path.join(root, 'database', 'collections.json'),
    uploadPrefixes,
    // Phones upload only to names the functions issued (cloudfunctions/_lib/uploads.ts), kept in `uploads`.
    issuedUploads: { collection: 'uploads', keyOf: uploadKeyOf, ttlMs: uploadNameTtlMs },
    functionEnv: (url) => ({ APP_LINK_BASE: url }),
  }
}
