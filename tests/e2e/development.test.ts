import path from 'node:path'
import type { Page } from 'playwright-core'
import { signIn, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'

/**
 * 发展党员 in Chromium at 375 px, on the demo's pipeline: the secretary finds 许诺 first (her
 * 思想汇报 and 考察 are late) and opens 邓佳怡's timeline, whose 支部党员大会 falls due after the
 * 预审; 许诺 hands in a 思想汇报 on her own phone, and the secretary sees it with who entered it.
 */
const app = useRunningApp()

const field = (page: Page, selector: string) => page.locator(selector).locator('visible=true').first()
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, name), fullPage: true })

async function as(who: RegExp, next: string): Promise<Page> {
  const context = await app.browser().newContext(phone)
  const page = await context.newPage()
  await signIn(page, app.url(), who, next)
  return page
}

it('shows the secretary the pipeline, late first, and a timeline with its deadlines and rules', async () => {
  const page = await as(/李红梅/, '/pages/home/index')
  // 首页 counts what is late.
  await page.getByText('发展党员').first().waitFor()
  await page.getByText(/已逾期 \d+ 项/).first().waitFor()
  await page.getByText('发展党员').first().click()

  await page.waitForURL(/packageDevelopment\/list/)
  const rows = page.locator('.dev-list__name')
  await rows.first().waitFor()
  expect(await rows.allTextContents()).toEqual(['许诺', '邓佳怡'])
  await page.getByText('入党积极分子').first().waitFor()
  await page.getByText('录入入党申请人').first().waitFor()
  await shot(page, 'development-list.png')

  await page.getByText('邓佳怡').first().click()
  await page.waitForURL(/packageDevelopment\/person/)
  await page.getByText('上级党委预审').first().waitFor()
  const meeting = page.locator('.dev__step', { hasText: '支部党员大会讨论接收预备党员' })
  await meeting.getByText('待办').waitFor()
  await meeting.getByText(/最迟 \d{4}年\d+月\d+日/).waitFor()
  await meeting.getByText(/支部设置 · 基层党委预审合格后，1个月内提交支部大会讨论/).waitFor()
  // Her 考察 were more than six months apart: the rule says so, with where it comes from.
  await page.getByText(/培养考察间隔超过6个月/).first().waitFor()
  await page.getByText(/依据：《中国共产党发展党员工作细则》/).first().waitFor()
  await page.getByText('陈志强、周静').first().waitFor()
  await shot(page, 'development-timeline-secretary.png')

  // The branch's own rules: the defaults, and the holiday calendar the State Council's notices fill.
  await page.goto(`${app.url()}/packageDevelopment/settings/index`)
  await page.getByText(/已按国务院办公厅通知录入 2025、2026 年的节假日和调休/).first().waitFor()
  await page.getByText('默认 5，可设 1–20').first().waitFor()
  await shot(page, 'development-settings.png')
  await page.context().close()
})

it('lets the person hand in a 思想汇报 on her own timeline, which the secretary then sees with who entered it', async () => {
  const person = await as(/许诺/, '/packageDevelopment/person/index?memberId=member-024')
  await person.getByText('程序步骤').first().waitFor()
  // Her own timeline: no date to enter, only what is hers to add.
  expect(await person.getByText('录入日期').count()).toBe(0)
  const reports = person.locator('.dev__step', { hasText: '思想汇报（每3个月至少一次）' })
  await reports.getByText('已逾期').waitFor()
  await field(person, 'textarea[name="summary"]').fill('学习二十届四中全会精神的体会')
  await person.locator('taro-button-core', { hasText: '录入材料' }).locator('visible=true').first().click()
  await person.getByText(/学习二十届四中全会精神的体会/).first().waitFor()
  await reports.getByText('待办').waitFor()
  await shot(person, 'development-timeline-person.png')
  await person.context().close()

  const secretary = await as(/李红梅/, '/packageDevelopment/person/index?memberId=member-024')
  const record = secretary.locator('.dev__record', { hasText: '学习二十届四中全会精神的体会' })
  await record.getByText(/许诺 录入于/).waitFor()
  await secretary.context().close()
})
