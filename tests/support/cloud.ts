import path from 'node:path'
import { seedDemo } from '../../demo/demo-data'
import { LocalCloud, type LocalCloudOptions } from '../../localcloud/server'
import { productCloudOptions } from '../../scripts/product-cloud'

export const root = path.resolve(__dirname, '../..')
export const projectFunctions = path.join(root, 'build', 'cloudfunctions')
export const fixtureFunctions = path.join(root, 'build', 'test-functions')
export const collectionsFile = path.join(root, 'database', 'collections.json')

/** An in-memory local cloud set up as `npm start` sets it up, with the fixture functions too. */
export function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<LocalCloud> {
  return LocalCloud.start({
    ...productCloudOptions(),
    functionDirs: [projectFunctions, fixtureFunctions],
    ...options,
  })
}

/** A cloud with the demo organisation seeded (two branches, demo identities). */
export async function startSeededCloud(options: Partial<LocalCloudOptions> = {}): Promise<LocalCloud> {
  const cloud = await startTestCloud(options)
  await seedDemo(cloud.store)
  return cloud
}

/** The SDK's own types are loose unions; tests read results through explicit casts instead. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sdk = any

/**
 * The unmodified wx-server-sdk, pointed at a local cloud the way a function instance is:
 * through TCB_CONTEXT_CNFG and the SCF environment variables.
 */
export function sdkFor(cloud: LocalCloud): Sdk {
  Object.assign(process.env, cloud.sdkEnvironment)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk: Sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string })
  return sdk
}
