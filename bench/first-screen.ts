import { execFileSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { StaticFiles } from '../localcloud/static-files'
import { launchChromium, phone } from '../tests/support/browser'
import { openFirstScreen as load } from '../tests/support/first-screen'
import { startScript, stop } from '../tests/support/process'
import { meetingInput, inMinutes } from '../tests/support/meetings'
import { root } from './harness'

/**
 * The time until a page's first content shows, against a blank Taro page built with the same
 * toolchain (bench/blank-app) and served by the same static server, in Chromium at a phone's size.
 * Pairs are interleaved (product, blank, product, blank…) so both sides see the same machine load;
 * a ratio is the median of the pairs' ratios. Cold: a new browser context (empty HTTP cache) with
 * the demo sign-in; warm: the same page opened again in that context.
 *
 * Content is what the page's first call returns (a task's title on 学习, 签到成功 on the link), not
 * a skeleton: the page has not shown anything a teacher came for before it.
 */
interface Probe {
  key: string
  /** The page's path, or one made just before each load (a check-in link expires). */
  path: () => Promise<string>
  /** Text only the page's server data puts on screen. */
  content: RegExp
}

const pairs = 7
const blankContent = /空白页/

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const round2 = (n: number) => Math.round(n * 100) / 100

function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const files = new StaticFiles({ root: dir })
  const server = createServer((req, res) => files.serve(new URL(req.url ?? '/', 'http://x').pathname, req, res, req.method === 'HEAD'))
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })))
}

export async function firstScreenBench(): Promise<Record<string, number>> {
  const blankDir = path.join(root, 'build', 'bench-blank')
  // The app's own page template, so both sides load the same HTML around their scripts.
  copyFileSync(path.join(root, 'miniprogram', 'src', 'index.html'), path.join(root, 'bench', 'blank-app', 'src', 'index.html'))
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'], { cwd: path.join(root, 'bench', 'blank-app'), stdio: 'ignore' })
  const blank = await serveStatic(blankDir)
  const app = await startScript('scripts/start.ts', [], /App \(H5\):/, { PORT: '0', LOCALCLOUD_MEMORY: '1' })
  const appUrl = (app.line.match(/https?:\/\/\S+/) as RegExpMatchArray)[0].replace(/\/$/, '')
  let browser: Browser | undefined
  const results: Record<string, number> = {}
  try {
    browser = await launchChromium()
    // One sign-in as a teacher; every cold context starts from its cookies with an empty cache.
    const signInContext = await browser.newContext(phone)
    const signInPage = await signInContext.newPage()
    await signInPage.goto(`${appUrl}/localcloud/login?next=${encodeURIComponent('/pages/mine/index')}`)
    await signInPage.getByRole('button', { name: /孙伟/ }).click()
    await signInPage.waitForURL((url) => url.pathname === '/pages/mine/index')
    const storageState = await signInContext.storageState()
    await signInContext.close()

    const invoke = async (name: string, event: unknown, openid: string) => {
      const res = await fetch(`${appUrl}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, event, openid }) })
      const body = (await res.json()) as { result?: { ok: boolean; data?: any } }
      if (!body.result?.ok) throw new Error(`${name} failed: ${JSON.stringify(body)}`)
      return body.result.data
    }
    const meeting = await invoke('meeting', { action: 'meeting.create', input: meetingInput({ title: '首屏测量会议', startAt: inMinutes(10), endAt: inMinutes(70) }) }, 'demo-secretary')
    const checkinLink = async () => {
      const code = await invoke('checkin', { action: 'checkin.code', input: { meetingId: meeting.id } }, 'demo-secretary')
      return new URL(code.link).pathname + new URL(code.link).search
    }

    const probes: Probe[] = [
      { key: 'home', path: async () => '/pages/home/index', content: /首屏测量会议|近期没有需要你参加的会议/ },
      { key: 'volunteer', path: async () => '/pages/volunteer/index', content: /礼让斑马线 文明劝导/ },
      { key: 'study', path: async () => '/pages/study/index', content: /重温《中国共产党章程》总纲/ },
      { key: 'checkinLink', path: checkinLink, content: /签到成功|已于 \d\d:\d\d 签到/ },
    ]
    for (const probe of probes) {
      const cold: number[] = []
      const warm: number[] = []
      const ms = { cold: [] as number[], warm: [] as number[], blankCold: [] as number[], blankWarm: [] as number[] }
      const samples: Array<{ bytes: number; calls: number }> = []
      for (let i = 0; i < pairs; i++) {
        const product = await browser.newContext({ ...phone, storageState })
        const baseline = await browser.newContext(phone)
        try {
          const productLoad = async () => load(product, appUrl + (await probe.path()), probe.content)
          const blankLoad = () => load(baseline, blank.url + '/', blankContent)
          // Alternate which side goes first, so neither always meets a cooler machine.
          const pair = async () => {
            if (i % 2 === 0) {
              const p = await productLoad()
              return { p, b: await blankLoad() }
            }
            const b = await blankLoad()
            return { p: await productLoad(), b }
          }
          const first = await pair()
          cold.push(first.p.ms / first.b.ms)
          ms.cold.push(first.p.ms)
          ms.blankCold.push(first.b.ms)
          samples.push({ bytes: first.p.bytes, calls: first.p.calls })
          const again = await pair()
          const [pWarm, bWarm] = [again.p, again.b]
          warm.push(pWarm.ms / bWarm.ms)
          ms.warm.push(pWarm.ms)
          ms.blankWarm.push(bWarm.ms)
        } finally {
          await product.close()
          await baseline.close()
        }
      }
      results[`h5.firstScreen.${probe.key}.coldRatio`] = round2(median(cold))
      results[`h5.firstScreen.${probe.key}.warmRatio`] = round2(median(warm))
      results[`h5.firstScreen.${probe.key}.coldMs`] = Math.round(median(ms.cold))
      results[`h5.firstScreen.${probe.key}.warmMs`] = Math.round(median(ms.warm))
      results[`h5.firstScreen.blank.coldMs`] = Math.round(median(ms.blankCold))
      results[`h5.firstScreen.blank.warmMs`] = Math.round(median(ms.blankWarm))
      results[`h5.firstScreen.${probe.key}.bytes`] = Math.round(median(samples.map((s) => s.bytes)))
      results[`h5.firstScreen.${probe.key}.callsBeforeContent`] = Math.max(...samples.map((s) => s.calls))
    }
  } finally {
    await browser?.close()
    await stop(app.child)
    blank.server.close()
  }
  return results
}

if (require.main === module) {
  firstScreenBench().then(
    (results) => {
      for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(44)} ${value}`)
      console.log(JSON.stringify(results))
    },
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}
