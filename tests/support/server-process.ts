import { LocalCloud } from '../../localcloud/server'
import { productCloudOptions } from '../../scripts/product-cloud'
import { fixtureFunctions, projectFunctions } from './cloud'

/** A local cloud in its own process on a data folder, for crash tests: prints its URL as JSON. */
async function main() {
  const cloud = await LocalCloud.start({
    ...productCloudOptions(),
    dataDir: process.argv[2],
    port: Number(process.argv[3] ?? 0),
    functionDirs: [projectFunctions, fixtureFunctions],
  })
  for (const name of ['counters', 'counterLog']) await cloud.store.createCollection(name)
  process.stdout.write(JSON.stringify({ url: cloud.url, contextConfig: cloud.contextConfig }) + '\n')
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
