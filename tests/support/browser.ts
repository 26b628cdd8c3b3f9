import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'

export const artifactsDir = path.resolve(__dirname, '../../test-artifacts')

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** A phone-sized page, as a teacher sees the app. */
export const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' }
