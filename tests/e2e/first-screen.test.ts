import type { Browser } from 'playwright-core'
import { signIn, useRunningApp } from '../support/app'
import { phone } from '../support/browser'
import { openFirstScreen } from '../support/first-screen'

/**
 * Each tab page's first screen waits on one call: the server resolves the caller itself, and
 * secondary data (the tab badge's unread count) is asked only once the content is on screen. The
 * same call is started by index.html while the scripts download, and the page takes its answer.
 */
const app = useRunningApp()

async function signedIn(browser: Browser, who: RegExp) {
  const context = await browser.newContext(phone)
  await signIn(await context.newPage(), app.url(), who, '/pages/mine/index')
  return context
}

it('shows every tab page after one call, for a teacher and for the secretary', async () => {
  const teacher = await signedIn(app.browser(), /孙伟/)
  const secretary = await signedIn(app.browser(), /李红梅/)
  // Text that only the page's own call puts on screen.
  const screens: Array<[string, typeof teacher, string, RegExp]> = [
    ['首页 (teacher)', teacher, '/pages/home/index', /孙伟，/],
    ['首页 (secretary)', secretary, '/pages/home/index', /李红梅，/],
    ['活动 (secretary)', secretary, '/pages/meetings/index', /我组织的会议/],
    ['志愿 (teacher)', teacher, '/pages/volunteer/index', /礼让斑马线 文明劝导/],
    ['学习 (teacher)', teacher, '/pages/study/index', /本季度党员理论素养测试/],
    ['学习 (secretary)', secretary, '/pages/study/index', /学习管理|本季度党员理论素养测试/],
    ['我的 (teacher)', teacher, '/pages/mine/index', /孙伟/],
  ]
  const calls: Record<string, number> = {}
  for (const [name, context, path, content] of screens) calls[name] = (await openFirstScreen(context, app.url() + path, content)).calls
  expect(calls).toEqual(Object.fromEntries(screens.map(([name]) => [name, 1])))

  // Shown again later in the same tab (the answer index.html fetched is taken once): the page asks afresh.
  const page = await teacher.newPage()
  const asked: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/gateway/call')) asked.push(JSON.parse(request.postData() ?? '{}').data.action)
  })
  await page.goto(app.url() + '/pages/study/index')
  await page.getByText('本季度党员理论素养测试').first().waitFor()
  // Taro's H5 router keeps earlier pages in the DOM, hidden: the tab bar's label is the visible one.
  const tab = (label: string) => page.getByText(label, { exact: true }).locator('visible=true').last()
  await tab('首页').click()
  await page.getByText('孙伟，', { exact: false }).locator('visible=true').first().waitFor()
  const askedAgain = page.waitForRequest((request) => request.url().endsWith('/gateway/call') && (request.postData() ?? '').includes('"study.page"'))
  await tab('学习').click()
  await askedAgain
  expect(asked.filter((a) => a === 'study.page')).toHaveLength(2)
  await teacher.close()
  await secretary.close()
})

it('serves the app compressed and cacheable, with no page in place of a missing file', async () => {
  const index = await fetch(app.url() + '/pages/home/index', { headers: { 'accept-encoding': 'br' } })
  expect(index.headers.get('etag')).toBeTruthy()
  const html = await index.text()
  const script = (html.match(/src="(\/js\/app\.[0-9a-f]+\.js)"/) as RegExpMatchArray)[1]
  const asset = await fetch(app.url() + script, { headers: { 'accept-encoding': 'gzip, br' } })
  expect(asset.headers.get('content-encoding')).toBe('br')
  expect(asset.headers.get('cache-control')).toContain('immutable')
  expect((await fetch(app.url() + '/favicon.ico')).status).toBe(404)
  // The tab pages' scripts are fetched before the router asks for them.
  expect(html).toContain('"pages/study/index":[')
})
