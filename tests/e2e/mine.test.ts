import path from 'node:path'
import { useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'

/**
 * The run command's server, driven as a person would in Chromium: open the app, get sent to the
 * local sign-in page, choose a demo identity, see who you are on 我的.
 */
const app = useRunningApp()

it('signs in as the demo secretary and shows her on 我的', async () => {
  const context = await app.browser().newContext(phone)
  const page = await context.newPage()
  await page.goto(`${app.url()}/pages/mine/index`)
  await page.waitForURL(/\/localcloud\/login/)
  await page.getByRole('button', { name: /李红梅/ }).click()
  await page.waitForURL(/\/pages\/mine\/index/)
  await page.getByText('明德实验学校第一党支部').first().waitFor()
  await page.getByText('李红梅').first().waitFor({ state: 'visible' })
  await page.getByText('书记').first().waitFor({ state: 'visible' })
  await page.getByText('第一党小组（语文组）').first().waitFor({ state: 'visible' })
  // The phone number is masked.
  await page.getByText(/139\*{4}\d{4}/).first().waitFor({ state: 'visible' })
  // A cell's note uses the row's width: "…对不上的申请" does not leave 申请 on a line of its own.
  const note = page.getByText('核对姓名或手机号对不上的申请').first()
  await note.scrollIntoViewIfNeeded()
  const lineHeight = await note.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight))
  expect((await note.boundingBox())?.height).toBeLessThan(lineHeight * 1.5)
  await page.screenshot({ path: path.join(artifactsDir, 'mine-secretary.png'), fullPage: true })
  await context.close()
})

it('tells a WeChat user who has not joined yet that they are not in a branch', async () => {
  const context = await app.browser().newContext(phone)
  const page = await context.newPage()
  await page.goto(`${app.url()}/localcloud/login?next=/pages/mine/index`)
  await page.getByRole('button', { name: /新来的老师/ }).click()
  await page.getByText('你还没有加入支部').first().waitFor()
  await page.screenshot({ path: path.join(artifactsDir, 'mine-newcomer.png'), fullPage: true })
  await context.close()
})

it('shows the tab bar with the five sections', async () => {
  const context = await app.browser().newContext(phone)
  const page = await context.newPage()
  await page.goto(`${app.url()}/localcloud/login?next=/pages/home/index`)
  await page.getByRole('button', { name: /孙伟/ }).click()
  await page.waitForURL(/\/pages\/home\/index/)
  for (const tab of ['首页', '活动', '志愿', '学习', '我的']) {
    await page.getByText(tab, { exact: true }).last().waitFor({ state: 'visible' })
  }
  // Each tab has its icon, drawn at WeChat's 81 px.
  await page.waitForFunction(() => {
    const icons = Array.from(document.querySelectorAll('.weui-tabbar__icon')) as HTMLImageElement[]
    return icons.length === 5 && icons.every((img) => img.complete && img.naturalWidth === 81)
  })
  await page.screenshot({ path: path.join(artifactsDir, 'home.png'), fullPage: true })
  await context.close()
})

it('goes back to the identity picker from inside the app and returns to the same page as someone else', async () => {
  const context = await app.browser().newContext(phone)
  const page = await context.newPage()
  await page.goto(`${app.url()}/localcloud/login?next=/pages/mine/index`)
  await page.getByRole('button', { name: /孙伟/ }).click()
  await page.waitForURL(/\/pages\/mine\/index/)
  await page.getByText('孙伟').first().waitFor({ state: 'visible' })
  await page.getByRole('link', { name: '切换身份' }).click()
  await page.waitForURL(/\/localcloud\/login\?next=%2Fpages%2Fmine%2Findex/)
  await page.getByRole('button', { name: /李红梅/ }).click()
  await page.waitForURL(/\/pages\/mine\/index/)
  await page.getByText('李红梅').first().waitFor({ state: 'visible' })
  await context.close()
})
