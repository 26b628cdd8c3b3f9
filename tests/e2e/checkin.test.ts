import { readFileSync } from 'node:fs'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'
import { readXlsx } from '../support/api'

/**
 * The flagship moment, in Chromium against the server `npm start` runs, with two people: the
 * secretary creates a meeting and shows the rotating code; a teacher opens the link in the QR
 * image and is checked in with no further tap; the host's count changes without a reload. Then
 * leave (request → approval → message → 补学) and the exported sign-in sheet, cell by cell.
 */
const app = useRunningApp()

// Taro's H5 router keeps earlier pages in the DOM, hidden: look only at what is on screen.
const button = (page: Page, text: string) => page.locator('taro-button-core:visible', { hasText: text }).first()
const visible = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first()
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage })

const signIn = (page: Page, who: RegExp, next: string) => signInAs(page, app.url(), who, next)

async function createMeeting(page: Page, title: string): Promise<string> {
  await page.goto(`${app.url()}/packageMeeting/edit/index`)
  const field = (name: string) => page.locator(`input[name="${name}"]`).locator('visible=true').first()
  await field('title').fill(title)
  await field('venue').fill('行政楼三楼会议室')
  await field('agenda0').fill('重温入党誓词')
  await button(page, '发布').click()
  await page.waitForURL((url) => url.pathname === '/pages/meeting/index')
  return new URL(page.url()).searchParams.get('id') as string
}

it('checks a teacher in from the QR code on the host screen, and the host sees it', async () => {
  const secretary = await (await app.browser().newContext(phone)).newPage()
  const teacher = await (await app.browser().newContext(phone)).newPage()
  await signIn(secretary, /李红梅/, '/pages/meetings/index')
  const meetingId = await createMeeting(secretary, '十一月主题党日');

  await secretary.goto(`${app.url()}/packageMeeting/code/index?id=${meetingId}`)
  await secretary.waitForFunction(() => Boolean(document.querySelector('img[src^="data:image/png"]')))
  // The secretary hosts: showing the code during the window counts her present.
  await visible(secretary, /已签到\s*1\s*\//).waitFor()
  await shot(secretary, 'host-code-before')
  const src = (await secretary.locator('img[src^="data:image/png"]').first().getAttribute('src')) as string
  const png = PNG.sync.read(Buffer.from(src.split(',')[1], 'base64'))
  const link = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data as string
  expect(link).toMatch(new RegExp(`^${app.url()}/pages/checkin/index\\?t=${meetingId}\\.`))

  await signIn(teacher, /孙伟/, '/pages/home/index')
  await teacher.goto(link)
  await visible(teacher, '签到成功').waitFor()
  await visible(teacher, '十一月主题党日').waitFor()
  await shot(teacher, 'checkin-success')

  // The host's count moves without a reload.
  await visible(secretary, /已签到\s*2\s*\//).waitFor({ timeout: 10_000 })
  await shot(secretary, 'host-code-after')

  // Scanning again says when.
  await teacher.goto(link)
  await visible(teacher, /已于 \d\d:\d\d 签到/).waitFor()

  // The teacher's own record of organisational life shows it.
  await teacher.goto(`${app.url()}/packageMeeting/member-record/index`)
  await visible(teacher, '孙伟的组织生活').waitFor()
  await visible(teacher, /已签到 \d\d:\d\d/).waitFor()
  await shot(teacher, 'member-record')

  // A forged code is refused with guidance.
  await teacher.goto(`${app.url()}/pages/checkin/index?t=${meetingId}.abc.AAAAAAAAAAAAAAAAAAAAAA`)
  await visible(teacher, '签到码无效，请扫描会场大屏上的签到码').waitFor()
  await shot(teacher, 'checkin-forged')

  // The exported sign-in sheet, as the secretary downloads it.
  await secretary.goto(`${app.url()}/packageMeeting/attendance/index?id=${meetingId}`)
  await visible(secretary, '孙伟').waitFor()
  await shot(secretary, 'attendance', true)
  const download = secretary.waitForEvent('download')
  await button(secretary, '导出签到表').click()
  const file = await (await download).path()
  const rows = await readXlsx(readFileSync(file as string))
  expect(String(rows[0][0])).toContain('十一月主题党日签到表（主题党日')
  expect(rows[1]).toEqual(['序号', '姓名', '党小组', '类别', '签到时间', '状态', '备注', '签名'])
  const sun = rows.find((r) => r[1] === '孙伟') as unknown[]
  expect(sun.slice(2, 4)).toEqual(['第一党小组（语文组）', '正式党员'])
  expect(String(sun[4])).toMatch(/^\d{2}:\d{2}$/)
  expect(sun[5]).toBe('已签到')
  expect(rows.find((r) => r[1] === '李红梅')?.slice(5, 7)).toEqual(['已签到', '主持人，打开签到码时记为到会'])
  // Not yet over: whoever has not come is 未签到, as on the attendance page.
  expect(rows.find((r) => r[1] === '周静')?.[5]).toBe('未签到')
})

it('runs leave from request to approval, message and 补学', async () => {
  const secretary = await (await app.browser().newContext(phone)).newPage()
  const teacher = await (await app.browser().newContext(phone)).newPage()
  await signIn(secretary, /李红梅/, '/pages/meetings/index')
  const meetingId = await createMeeting(secretary, '十二月党课：学习党章')

  await signIn(teacher, /孙伟/, '/pages/home/index')
  await teacher.goto(`${app.url()}/pages/meeting/index?id=${meetingId}`)
  await button(teacher, '请假').click()
  await teacher.locator('textarea[name="reason"]').locator('visible=true').first().fill('带学生参加区运动会')
  await button(teacher, '提交请假').click()
  await visible(teacher, '请假待批').waitFor()

  await secretary.goto(`${app.url()}/packageMeeting/leave/index`)
  await visible(secretary, '带学生参加区运动会').waitFor()
  await shot(secretary, 'leave-approval')
  await button(secretary, '批准').click()
  await visible(secretary, '没有待审批的请假').waitFor()

  await teacher.goto(`${app.url()}/pages/inbox/index`)
  await visible(teacher, '请假已批准').click()
  await teacher.waitForURL((url) => url.pathname === '/packageMine/makeup/index')
  await visible(teacher, '十二月党课：学习党章').waitFor()
  await shot(teacher, 'makeup', true)
})
