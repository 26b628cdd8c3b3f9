import type { BrowserContext } from 'playwright-core'

export interface FirstScreen {
  /** Milliseconds from navigation start to the first frame showing the content. */
  ms: number
  /** Bytes transferred (compressed) by then, the page itself included. */
  bytes: number
  /** Function calls (/gateway/call) started before the content was in the page. */
  calls: number
}

/**
 * Opens `url` in a new tab of `context` and waits for `content`, text only the page's server data
 * puts on screen; measured inside the page (Performance API), so the figures are the browser's own.
 */
export async function openFirstScreen(context: BrowserContext, url: string, content: RegExp): Promise<FirstScreen> {
  const page = await context.newPage()
  try {
    // A string, not a function: the TypeScript runner wraps named functions in a helper the page lacks.
    await page.addInitScript(`(() => {
      const pattern = new RegExp(${JSON.stringify(content.source)})
      const check = () => {
        if (window.__contentAt === undefined && document.body && pattern.test(document.body.textContent || '')) {
          window.__contentAt = -1
          window.__contentSeen = performance.now()
          requestAnimationFrame(() => (window.__contentAt = performance.now()))
        }
      }
      // Held by the page: an observer nothing refers to may be collected before the content comes.
      window.__contentObserver = new MutationObserver(check)
      window.__contentObserver.observe(document, { subtree: true, childList: true, characterData: true })
    })()`)
    await page.goto(url)
    try {
      await page.waitForFunction(() => ((window as unknown as { __contentAt?: number }).__contentAt ?? -1) > 0, undefined, { timeout: 30_000, polling: 50 })
    } catch (error) {
      const text = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '')
      throw new Error(`${url}: no ${content} on screen within 30 s; it shows: ${text.slice(0, 300).replace(/\s+/g, ' ')}`, { cause: error })
    }
    return await page.evaluate(() => {
      const { __contentAt: at, __contentSeen: seen } = window as unknown as { __contentAt: number; __contentSeen: number }
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[]
      return {
        ms: at,
        bytes: entries.filter((e) => e.startTime <= at).reduce((sum, e) => sum + (e.transferSize || 0), 0),
        // Calls started before the content was in the page: what the first screen waited on.
        calls: entries.filter((e) => e.startTime < seen && new URL(e.name).pathname === '/gateway/call').length,
      }
    })
  } finally {
    await page.close()
  }
}
