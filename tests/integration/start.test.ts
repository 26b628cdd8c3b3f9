import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startScript, stop } from '../support/process'

/**
 * The README's run command as a fresh checkout runs it: persistent data in a folder that does not
 * exist yet, the demo branch seeded once, and kept (not seeded again) on the next start.
 */
const parent = mkdtempSync(path.join(tmpdir(), 'zbt-start-'))
afterAll(() => rmSync(parent, { recursive: true, force: true }))

const start = () => startScript('scripts/start.ts', [], /Press Ctrl\+C/, { PORT: '0', LOCALCLOUD_DATA: path.join(parent, 'not', 'yet', 'there') })

it('starts on a new data folder, seeds the demo branch once and keeps it', async () => {
  const first = await start()
  try {
    expect(first.output()).toContain('(demo branch seeded)')
    const url = (first.output().match(/App \(H5\):\s+(\S+)/) as RegExpMatchArray)[1].replace(/\/$/, '')
    expect((await fetch(`${url}/localcloud/login`)).status).toBe(200)
    const me = await fetch(`${url}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'member', event: { action: 'member.me', input: {} }, openid: 'demo-secretary' }) })
    expect(((await me.json()) as { result: { data: { member: { name: string } } } }).result.data.member.name).toBe('李红梅')
  } finally {
    await stop(first.child)
  }
  const second = await start()
  try {
    expect(second.output()).not.toContain('(demo branch seeded)')
  } finally {
    await stop(second.child)
  }
})
