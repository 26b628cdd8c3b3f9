import path from 'node:path'
import { LocalCloud } from '../localcloud/server'
import { buildFunctions } from '../scripts/build-functions'
import { productCloudOptions } from '../scripts/product-cloud'

export const root = path.resolve(__dirname, '..')

/** Timing summary of a list of samples, in milliseconds with 0.01 ms resolution. */
export function summarize(samples: number[]): { p50ms: number; p95ms: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  const round = (n: number) => Math.round(n * 100) / 100
  return { p50ms: round(at(0.5)), p95ms: round(at(0.95)) }
}

export async function timeEach(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint()
    await run(i)
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return samples
}

/** An in-memory local cloud with the project's functions and the test fixtures (noop…). */
export async function benchCloud(): Promise<LocalCloud> {
  await buildFunctions(path.join(root, 'tests', 'fixtures', 'functions'), path.join(root, 'build', 'test-functions'), { quiet: true })
  return LocalCloud.start({
    ...productCloudOptions(),
    functionDirs: [path.join(root, 'build', 'cloudfunctions'), path.join(root, 'build', 'test-functions')],
  })
}

/** The unmodified SDK in this process, pointed at the cloud. */
export function sdkFor(cloud: LocalCloud) {
  Object.assign(process.env, cloud.sdkEnvironment)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  return sdk
}
