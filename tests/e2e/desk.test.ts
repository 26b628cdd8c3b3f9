import path from 'node:path'
import type { Page } from 'playwright-core'
import { beijingParts } from '../../shared/domain/time'
import { useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'
import { generateYear, yearDocuments } from '../support/year-records'

/**
 * The secretary's desk in Chromium at 375 px: a branch with this year's meetings (the ones still
 * to come included) written into the running app's cloud through the SDK, then the desk, the
 * calendar, the figures with their paragraph, the charts and the organisation's view.
 */
const app = useRunningApp()
const year = beijingParts(new Date()).year
const secretary = 'desk-secretary'

beforeAll(async () => {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: app.cloudConfig(),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: 'zhibutong-local',
    TENCENTCLOUD_REGION: 'ap-shanghai',
  })
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  const db = sdk.database()
  const docs = yearDocuments(generateYear({ seed: 5, year, members: 30 }), { id: 'branch-desk', orgId: 'org-mingde', name: '明德实验学校第三党支部', secretaryOpenid: secretary, study: true })
  const byColl = new Map<string, Array<Record<string, unknown>>>()
  for (const d of docs) byColl.set(d.coll, [...(byColl.get(d.coll) ?? []), d.doc])
  for (const [coll, list] of byColl) for (let i = 0; i < list.length; i += 500) await db.collection(coll).add({ data: list.slice(i, i + 500) })
})

async function signedIn(openid: string, next: string): Promise<Page> {
  const context = await app.browser().newContext(phone)
  const page = await context.newPage()
  await page.goto(`${app.url()}/localcloud/login`)
  await page.request.post(`${app.url()}/gateway/login`, { data: { openid } })
  await page.goto(`${app.url()}${next}`)
  return page
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, name), fullPage: true })

it('opens the desk, the calendar, the figures and the charts of the year', async () => {
  const page = await signedIn(secretary, '/pages/home/index')
  // 首页 says how 三会一课 stands, as the calendar judges it.
  const compliance = page.getByText(/未按期召开 \d+ 项|即将到期 \d+ 项|均已按期召开/).first()
  await compliance.waitFor()
  await page.getByText('年度数据与台账').first().waitFor()
  await compliance.scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(artifactsDir, 'desk-home.png') })

  await page.getByText('三会一课', { exact: true }).first().click()
  await page.getByText('支委会').first().waitFor()
  await page.getByText('党小组会（第一党小组）').first().waitFor()
  await page.getByText('按季度').first().waitFor()
  await shot(page, 'desk-calendar.png')

  await page.goto(`${app.url()}/packageDesk/figures/index`)
  // The paragraph opens with the branch as reports do, then its meetings.
  await page.waitForFunction(() => /^\d{4}年，明德实验学校第三党支部下设\d+个党小组，现有党员\d+名.*全年支部共召开/.test(document.querySelector('textarea')?.value ?? ''))
  await page.getByText('书记讲党课').first().waitFor()
  // The volunteer service is counted as the 志愿 pages count it.
  await page.getByText('“七彩阳光”志愿服务').first().waitFor()
  await page.waitForFunction(() => document.querySelector('textarea')?.value.includes('开展“七彩阳光”党员志愿服务：'))
  // A figure opens the meetings it counts.
  await page.getByText('支委会', { exact: true }).first().click()
  await page.getByText(/\d+月\d+日 周. \d{4}年\d+月支委会/).first().waitFor()
  await shot(page, 'desk-figures.png')
  await page.getByText('“七彩阳光”志愿服务').first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(artifactsDir, 'desk-figures-volunteer.png') })

  await page.goto(`${app.url()}/packageDesk/charts/index`)
  await page.getByText('出勤率（按月）').first().waitFor()
  await page.locator('canvas').first().waitFor()
  await page.waitForFunction(() => Array.from(document.querySelectorAll('canvas')).every((c) => c.width > 0 && Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).some((v: number) => v !== 0)))
  await shot(page, 'desk-charts.png')
  await page.context().close()
})

it('opens the 台账’s per-person tables from the figures, as the workbook prints them', async () => {
  const page = await signedIn(secretary, '/packageDesk/figures/index')
  await page.waitForFunction(() => /^\d{4}年，明德实验学校第三党支部/.test(document.querySelector('textarea')?.value ?? ''))
  await page.getByText('党员年度情况', { exact: true }).first().click()
  await page.getByText('明德实验学校第三党支部党员年度情况统计表').first().waitFor()
  await page.getByText('组织生活（次）').first().waitFor()
  await page.locator('.ltab__tr--total').getByText('合计', { exact: true }).waitFor()
  await shot(page, 'desk-table-members.png')
  for (const [table, title, name] of [
    ['notes', '明德实验学校第三党支部学习心得登记表', 'desk-table-notes.png'],
    ['tests', '明德实验学校第三党支部党员理论素养测试成绩登记表', 'desk-table-tests.png'],
  ] as const) {
    await page.goto(`${app.url()}/packageDesk/table/index?table=${table}&year=${year}`)
    await page.getByText(title).first().waitFor()
    if (table === 'tests') await page.locator('.ltab').getByText('未参加', { exact: true }).first().waitFor()
    await shot(page, name)
  }
  await page.context().close()
})

it('puts the platform copy on the meeting’s record page, copied in one tap', async () => {
  const gen = generateYear({ seed: 5, year, members: 30 })
  const now = Date.now()
  const held = gen.meetings.find((m) => m.type === 'generalMeeting' && m.status === 'published' && m.endAt.getTime() < now)!
  const page = await signedIn(secretary, `/packageMeeting/minutes/index?id=${held.id}`)
  await page.getByText('三会一课平台格式').first().waitFor()
  await page.getByText('列席', { exact: true }).first().waitFor()
  await page.getByText(/^\d+人（其中迟到\d+人）：|^\d+人：/).first().waitFor()
  await page.getByText('一键复制（按平台字段顺序）').first().scrollIntoViewIfNeeded()
  await shot(page, 'desk-meeting-record.png')
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.locator('taro-button-core:visible', { hasText: '一键复制（按平台字段顺序）' }).first().click()
  await page.getByText('已复制，可粘贴到三会一课平台').first().waitFor()
  await page.context().close()
})

it('shows the organisation every branch side by side', async () => {
  const page = await signedIn('demo-org-admin', '/packageDesk/org/index')
  await page.getByText('明德实验学校第三党支部').first().waitFor()
  await page.getByText('并排比较').first().waitFor()
  await page.waitForFunction(() => /^\d{4}年，明德实验学校党总支下设3个党支部.*全年党总支共召开/.test(document.querySelector('textarea')?.value ?? ''))
  await shot(page, 'desk-org.png')
  await page.context().close()
})
