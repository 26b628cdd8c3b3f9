import path from 'node:path'
import { LocalCloud } from '../localcloud/server'
import { seedDemo } from '../localcloud/demo-data'

/**
 * Starts the whole product on this machine: the local WeChat cloud with the built functions,
 * the H5 app, and a seeded demo branch. Data persists in .localcloud/ (delete it to start over).
 */
async function main() {
  const root = path.resolve(__dirname, '..')
  const dataDir = process.env.LOCALCLOUD_DATA ?? path.join(root, '.localcloud')
  const inMemory = process.env.LOCALCLOUD_MEMORY === '1'
  let identities: Awaited<ReturnType<typeof seedDemo>>['identities'] = []
  const cloud = await LocalCloud.start({
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 8787),
    dataDir: inMemory ? undefined : dataDir,
    functionDirs: [path.join(root, 'build', 'cloudfunctions')],
    h5Dir: path.join(root, 'build', 'h5'),
    collectionsFile: path.join(root, 'database', 'collections.json'),
    timers: true,
    identities: () => identities,
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
