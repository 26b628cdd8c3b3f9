import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { reminderPages } from '../../shared/domain/reminders/content'

/**
 * A message in 消息 opens the thing it is about: every page a message or a reminder links to is a
 * page of the app (a link to a page that is not registered opens nothing on the phone).
 */
const root = path.resolve(__dirname, '../..')

function appPages(): Set<string> {
  // app.config.ts calls Taro's build-time global; stand it in to read the plain object.
  ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../miniprogram/src/app.config').default as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }
  return new Set([...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))])
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : []
  })
}

const pageOf = (link: string) => link.replace(/^\//, '').split('?')[0]

describe('messages in 消息', () => {
  const pages = appPages()

  it('open a meeting, a shift, a study task, a note and a test on pages the app has', () => {
    const targets = { meeting: reminderPages.meeting('m1'), shift: reminderPages.shift('s1'), task: reminderPages.task('t1'), note: reminderPages.note('n1'), test: reminderPages.test('x1'), makeups: reminderPages.makeups() }
    for (const [about, link] of Object.entries(targets)) expect([about, pages.has(pageOf(link))]).toEqual([about, true])
    expect(reminderPages.meeting('m1')).toContain('id=m1')
    expect(reminderPages.note('n1')).toContain('id=n1')
  })

  it('written by any function or reminder rule, link only to pages the app has', () => {
    const files = [...sources(path.join(root, 'cloudfunctions')), ...sources(path.join(root, 'shared/domain/reminders'))]
    const links: string[] = []
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/link:[^\n]*?[`'](\/?(?:pages|package\w+)\/[\w-]+\/[\w-]+)/g)) links.push(match[1])
    }
    expect(links.length).toBeGreaterThan(3)
    expect(links.filter((link) => !pages.has(pageOf(link)))).toEqual([])
  })
})
