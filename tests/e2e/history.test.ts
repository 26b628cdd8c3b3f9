import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { historyColumns } from '../../shared/domain/history-import'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'
import { xlsx } from '../support/api'

/**
 * In Chromium against the server `npm start` runs: the secretary enters two past meetings from a
 * sheet on the 历史补录 page — a bad row first, refused whole — and the figures of that year count
 * them by subject and say the records before the app are 补录.
 */
const app = useRunningApp()
const button = (page: Page, text: string) => page.locator('taro-button-core', { hasText: text }).first()
const sheet = (rows: Array<Record<string, string>>) => xlsx([historyColumns.map((c) => c.title), ...rows.map((r) => historyColumns.map((c) => r[c.key] ?? null))])

it('enters past meetings from a sheet, refusing a bad row, and the year’s figures count them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'history-e2e-'))
  const meetings: Array<Record<string, string>> = [
    { date: '2023-03-15', start: '15:30', end: '16:30', type: '组织生活会', subject: '师德师风建设', title: '师德师风建设专题组织生活会', venue: '三楼会议室', host: '李红梅', present: '李红梅、张建国、王丽', late: '陈志强' },
    { date: '2023-04-20', start: '15:30', end: '16:30', type: '支委会', title: '四月支委会', venue: '三楼会议室', audience: '支委', present: '李红梅、张建国' },
  ]
  const bad = path.join(dir, '有错误的补录表.xlsx')
  writeFileSync(bad, await sheet([meetings[0], { ...meetings[1], present: '李红梅、查无此人' }]))
  const good = path.join(dir, '2023年会议补录.xlsx')
  writeFileSync(good, await sheet(meetings))

  const page = await (await app.browser().newContext(phone)).newPage()
  await signInAs(page, app.url(), /李红梅/, '/packageMeeting/history/index')
  await page.getByText('本支部记录起始日期').first().waitFor()

  const bad1 = page.waitForEvent('filechooser')
  await button(page, '选择填好的表格').click()
  await (await bad1).setFiles(bad)
  await page.getByText('第3行：出席人员“查无此人”不在花名册中').first().waitFor()
  await page.screenshot({ path: path.join(artifactsDir, 'history-import-errors.png'), fullPage: true })

  const good1 = page.waitForEvent('filechooser')
  await button(page, '选择填好的表格').click()
  await (await good1).setFiles(good)
  await page.getByText(/共 2 次会议（2023-03-15 至 2023-04-20），6 条出勤记录/).first().waitFor()
  await button(page, '确认补录').click()
  await page.getByText('已补录 2 次会议、6 条出勤记录。').first().waitFor()
  await page.screenshot({ path: path.join(artifactsDir, 'history-imported.png'), fullPage: true })

  // The year's figures: the subject meeting named as reports name it, and the records' notice.
  await page.goto(`${app.url()}/packageDesk/figures/index?period=2023`)
  await page.getByText('师德师风建设专题组织生活会').first().waitFor()
  await page.getByText(/此前的数据为补录，可能不完整/).first().waitFor()
  await page.waitForFunction(() => /^2023年，明德实验学校第一党支部.*全年支部共召开支委会1次.*召开师德师风建设专题组织生活会1次/.test(document.querySelector('textarea')?.value ?? ''))
  await page.screenshot({ path: path.join(artifactsDir, 'history-figures.png'), fullPage: true })
  await page.context().close()
})
