import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startScript, stop } from '../support/process'

/**
 * An acknowledged write survives kill -9 of the local cloud: the server runs in its own process
 * on a data folder; the test writes through the real SDK protocol, kills it, starts it again.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'localcloud-crash-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const start = async () => {
  const { child, line } = await startScript('tests/support/server-process.ts', [dataDir], /^\{"url"/)
  return { child, url: (JSON.parse(line) as { url: string }).url }
}

const invoke = async (url: string, name: string, event: unknown) => {
  const res = await fetch(`${url}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, event, openid: 'o-crash' }) })
  return (await res.json()) as { ok: boolean; result: unknown }
}

it('keeps every acknowledged write, including multi-collection transactions, after kill -9', async () => {
  const first = await start()
  const acknowledged: number[] = []
  for (let i = 0; i < 20; i++) {
    const outcome = await invoke(first.url, 'counter', { id: 'durable', by: `w${i}` })
    expect(outcome.ok).toBe(true)
    acknowledged.push(outcome.result as number)
  }
  // Writes still in flight when the process dies may land or not; acknowledged ones must.
  void invoke(first.url, 'counter', { id: 'durable', by: 'in-flight' }).catch(() => undefined)
  await stop(first.child, 'SIGKILL')

  const second = await start()
  try {
    const after = (await invoke(second.url, 'peek', { id: 'durable' })).result as { value: number; logEntries: number }
    // All 20 acknowledged increments are there (21 if the in-flight one landed), and the
    // counter and its log, written in one transaction, agree.
    expect([20, 21]).toContain(after.value)
    expect(after.logEntries).toBe(after.value)
    expect(acknowledged).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  } finally {
    await stop(second.child)
  }
})
