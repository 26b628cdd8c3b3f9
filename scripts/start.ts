import path from 'node:path'
import { LocalCloud } from '../localcloud/server'
import { seedDemo } from '../demo/demo-data'
import { renderSignInPage, switchIdentitySnippet, type DemoIdentity } from '../demo/sign-in-page'
import { productCloudOptions } from './product-cloud'

/**
 * Starts the whole product on this machine: the local WeChat cloud with the built functions,
 * the H5 app, and a seeded demo branch. Data and sign-ins persist in .localcloud/ (delete it to
 * start over).
 */
async function main() {
  const root = path.resolve(__dirname, '..')
  const dataDir = process.env.LOCALCLOUD_DATA ?? path.join(root, '.localcloud')
  const inMemory = process.env.LOCALCLOUD_MEMORY === '1'
  let identities: DemoIdentity[] = []
  const cloud = await LocalCloud.start({
    ...productCloudOptions(),
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 8787),
    dataDir: inMemory ? undefined : dataDir,
    h5Dir: path.join(root, 'build', 'h5'),
    timers: true,
    signIn: {
      page: (next) => renderSignInPage({ title: '支部通', identities, next }),
      appSnippet: switchIdentitySnippet,
    },
    log: (line) => console.error(line),
  })
  const seed = await seedDemo(cloud.store)
  identities = seed.identities
  console.log(`支部通 is running.
  App (H5):          ${cloud.url}/
  Sign in (demo):    ${cloud.url}/localcloud/login
  Cloud API:         TCB_CONTEXT_CNFG='${cloud.contextConfig}'
  Functions:         ${cloud.runner.functionNames().join(', ')}
  Data:              ${inMemory ? 'in memory' : dataDir}${seed.seeded ? ' (demo branch seeded)' : ''}
Press Ctrl+C to stop.`)
  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
