import path from 'node:path'
import { LocalCloud, type LocalCloudOptions } from '../../localcloud/server'

export const root = path.resolve(__dirname, '../..')
export const projectFunctions = path.join(root, 'build', 'cloudfunctions')
export const fixtureFunctions = path.join(root, 'build', 'test-functions')
export const collectionsFile = path.join(root, 'database', 'collections.json')

/** An in-memory local cloud with the project's and the fixture functions. */
export function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<LocalCloud> {
  return LocalCloud.start({
    functionDirs: [projectFunctions, fixtureFunctions],
    collectionsFile,
    ...options,
  })
}

/** The SDK's own types are loose unions; tests read results through explicit casts instead. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sdk = any

/**
 * The unmodified wx-server-sdk, pointed at a local cloud the way a function instance is:
 * through TCB_CONTEXT_CNFG and the SCF environment variables.
 */
export function sdkFor(cloud: LocalCloud): Sdk {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: cloud.contextConfig,
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'zhibutong-local',
    SILENCE: 'true',
  })
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk: Sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string })
  return sdk
}
