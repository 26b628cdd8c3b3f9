import { seedDemo } from '../localcloud/demo-data'
import { benchCloud, sdkFor, summarize, timeEach } from './harness'

/**
 * Benchmarks of the local cloud. Prints a line per measurement, then one JSON object on the last
 * line. Database operations per invocation come from the runner's per-invocation count (every
 * request an instance sends carries its invocation's token), so later benchmarks can assert that
 * an action's cost does not grow with the branch.
 */
async function main() {
  const cloud = await benchCloud()
  const results: Record<string, number> = {}
  try {
    await seedDemo(cloud.store)

    // A function that does nothing: the runner's own overhead on a warm instance.
    await cloud.invoke('noop', {})
    const nullInvoke = summarize(await timeEach(300, () => cloud.invoke('noop', {})))
    results['runner.nullInvoke.p50ms'] = nullInvoke.p50ms
    results['runner.nullInvoke.p95ms'] = nullInvoke.p95ms

    // The same, called over HTTP as a client would (local invoke endpoint).
    const overHttp = () =>
      fetch(`${cloud.url}/localcloud/invoke`, { method: 'POST', body: JSON.stringify({ name: 'noop', event: {} }) }).then((r) => r.json())
    await overHttp()
    const httpInvoke = summarize(await timeEach(300, overHttp))
    results['runner.nullInvokeHttp.p50ms'] = httpInvoke.p50ms
    results['runner.nullInvokeHttp.p95ms'] = httpInvoke.p95ms

    // One doc().get() through the SDK and the HTTP API.
    const sdk = sdkFor(cloud)
    const db = sdk.database({ throwOnNotFound: false })
    await db.collection('members').doc('member-001').get()
    const roundtrip = summarize(await timeEach(500, () => db.collection('members').doc('member-001').get()))
    results['db.roundtrip.p50ms'] = roundtrip.p50ms
    results['db.roundtrip.p95ms'] = roundtrip.p95ms

    // Database operations of one invocation, as counted by the local cloud.
    const me = await cloud.invoke('member', { action: 'member.me', input: {} }, { openid: 'demo-secretary' })
    results['member.me.dbOps'] = me.stats.dbOps

    results['ratio.nullInvokeOverDbRoundtrip'] = Math.round((nullInvoke.p50ms / roundtrip.p50ms) * 100) / 100
  } finally {
    await cloud.close()
  }
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(36)} ${value}`)
  console.log(JSON.stringify(results))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
