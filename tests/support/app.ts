import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './browser'
import { startScript, stop } from './process'

/**
 * The whole app as `npm start` runs it (in memory, on a free port) and a Chromium, for the
 * duration of a test file. Returns accessors, since both exist only once beforeAll ran.
 */
export function useRunningApp(options: { browser?: boolean } = { browser: true }) {
  let server: Awaited<ReturnType<typeof startScript>> | undefined
  let url = ''
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startScript('scripts/start.ts', [], /App \(H5\):/, { PORT: '0', LOCALCLOUD_MEMORY: '1' })
    url = (server.line.match(/https?:\/\/\S+/) as RegExpMatchArray)[0].replace(/\/$/, '')
    if (options.browser !== false) browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    if (server) await stop(server.child)
  })
  return {
    url: () => url,
    browser: () => browser as Browser,
    /** The TCB_CONTEXT_CNFG value the run command printed: where an SDK reaches this app's cloud. */
    cloudConfig: () => (server?.output().match(/TCB_CONTEXT_CNFG='([^']+)'/) as RegExpMatchArray)[1],
  }
}

/** Signs in on the local demo page as the identity whose button matches, then lands on `next`. */
export async function signIn(page: Page, appUrl: string, who: RegExp, next: string): Promise<void> {
  await page.goto(`${appUrl}/localcloud/login?next=${encodeURIComponent(next)}`)
  await page.getByRole('button', { name: who }).click()
  await page.waitForURL((url) => url.pathname === next.split('?')[0])
}
