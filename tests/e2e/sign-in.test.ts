import type { Browser } from 'playwright-core'
import { renderSignInPage } from '../../demo/sign-in-page'
import type { LocalCloud } from '../../localcloud/server'
import { launchChromium } from '../support/browser'
import { startTestCloud } from '../support/cloud'

/**
 * The sign-in page's way back, followed by Chromium itself: whatever `next` a link carries, the
 * browser that signs in ends up on this site. (A browser drops tabs and newlines from a URL and
 * reads a backslash as a slash, so `/\t/evil.example/` is `//evil.example/` to it.)
 */
let cloud: LocalCloud
let browser: Browser
beforeAll(async () => {
  const identities = [{ openid: 'demo-secretary', name: '李红梅', description: '书记' }]
  cloud = await startTestCloud({ signIn: { page: (next) => renderSignInPage({ title: '演示', identities, next }) } })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})

it('lands on this site after sign-in, whatever the link says to return to', async () => {
  const origin = new URL(cloud.url).origin
  const context = await browser.newContext()
  const elsewhere: string[] = []
  // Nothing may leave for another host; record any attempt instead of sending it.
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      elsewhere.push(route.request().url())
      return route.abort()
    },
  )
  const page = await context.newPage()
  const nexts = [
    '/\t/evil.example/', '/\n/evil.example/', '/\\evil.example', '//evil.example', '/.//evil.example', '/a/..//evil.example',
    '/%09/evil.example/', 'https://evil.example/', '/pages/mine/index?from=link',
  ]
  for (const next of nexts) {
    await page.goto(`${origin}/localcloud/login?next=${encodeURIComponent(next)}`)
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /李红梅/ }).click()])
    expect([next, new URL(page.url()).origin]).toEqual([next, origin])
  }
  // The link a page of the site carries comes back exactly.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/pages/mine/index?from=link')
  expect(elsewhere).toEqual([])
  await context.close()
})
