import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startScript, stop } from '../support/process'

/**
 * The README's run command as a fresh checkout runs it: persistent data in a folder that does not
 * exist yet, the demo branch seeded once, and kept (not seeded again) on the next start, with the
 * demo sign-ins still valid.
 */
const parent = mkdtempSync(path.join(tmpdir(), 'zbt-start-'))
afterAll(() => rmSync(parent, { recursive: true, force: true }))

const start = () => startScript('scripts/start.ts', [], /Press Ctrl\+C/, { PORT: '0', LOCALCLOUD_DATA: path.join(parent, 'not', 'yet', 'there') })
const urlOf = (output: string) => (output.match(/App \(H5\):\s+(\S+)/) as RegExpMatchArray)[1].replace(/\/$/, '')
const json = { 'content-type': 'application/json' }

it('starts on a new data folder, seeds the demo branch once and keeps it and its sign-ins', async () => {
  const first = await start()
  let cookie = ''
  try {
    expect(first.output()).toContain('(demo branch seeded)')
    const url = urlOf(first.output())
    const signInPage = await (await fetch(`${url}/localcloud/login`)).text()
    expect(signInPage).toContain('周静（未绑定）')
    expect(signInPage).toContain('钱晓东（新调入）')
    const me = await fetch(`${url}/localcloud/invoke`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'member', event: { action: 'member.me', input: {} }, openid: 'demo-secretary' }) })
    expect(((await me.json()) as { result: { data: { member: { name: string } } } }).result.data.member.name).toBe('李红梅')
    const login = await fetch(`${url}/gateway/login`, { method: 'POST', headers: json, body: JSON.stringify({ openid: 'demo-member' }) })
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    // The app page carries the demo's way back to the identity picker.
    expect(await (await fetch(`${url}/pages/mine/index`)).text()).toMatch(/href="\/localcloud\/login"[^>]*>切换身份</)
  } finally {
    await stop(first.child)
  }
  const second = await start()
  try {
    expect(second.output()).not.toContain('(demo branch seeded)')
    const session = await fetch(`${urlOf(second.output())}/gateway/session`, { headers: { cookie } })
    expect(await session.json()).toEqual({ openid: 'demo-member' })
  } finally {
    await stop(second.child)
  }
})
