import path from 'node:path'
import type { Page } from 'playwright-core'
import { addCalendar, beijingDate, fromBeijing, minuteMs } from '../../shared/domain/time'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'

/**
 * A reminder end to end, in Chromium against the server `npm start` runs: a teacher allows
 * meeting reminders on 我的 (the browser build's stand-in for WeChat's dialog), the secretary
 * publishes a meeting for tomorrow, the reminder timer fires, and the teacher finds the reminder
 * in 消息 while the local cloud's outbox holds exactly one WeChat message for it.
 */
const app = useRunningApp()

const button = (page: Page, text: string) => page.locator('taro-button-core:visible', { hasText: text }).first()
const visible = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first()
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`) })
const signIn = (page: Page, who: RegExp, next: string) => signInAs(page, app.url(), who, next)

interface OutboxMessage {
  touser: string
  templateId: string
  page: string | null
  delivered: boolean
  data: Record<string, { value: string }>
}
const outbox = async (touser: string): Promise<OutboxMessage[]> => ((await (await fetch(`${app.url()}/localcloud/outbox?touser=${touser}`)).json()) as { messages: OutboxMessage[] }).messages

async function fireTimer(at: Date): Promise<void> {
  const res = await fetch(`${app.url()}/localcloud/timers/remind/fire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ time: at.toISOString() }) })
  const outcome = (await res.json()) as { ok: boolean; result?: { ok: boolean } }
  expect(outcome).toMatchObject({ ok: true, result: { ok: true } })
}

it('reminds a teacher who allowed it of tomorrow’s meeting, once, by WeChat and in 消息', async () => {
  const teacher = await (await app.browser().newContext(phone)).newPage()
  const secretary = await (await app.browser().newContext(phone)).newPage()

  // The teacher allows meeting reminders on 我的: the stand-in dialog, 允许.
  await signIn(teacher, /孙伟/, '/pages/mine/index')
  await teacher.locator('.nut-cell:visible', { hasText: '消息提醒' }).first().click()
  await teacher.waitForURL((url) => url.pathname === '/packageReminders/mine/index')
  await visible(teacher, '会议提醒').click()
  await teacher.getByRole('dialog', { name: '订阅消息' }).waitFor()
  await shot(teacher, 'reminders-allow-dialog')
  await teacher.getByRole('button', { name: '允许' }).click()
  await visible(teacher, '还可提醒 1 次').waitFor()

  // The secretary publishes a meeting for tomorrow at 16:30.
  const tomorrow = beijingDate(addCalendar(new Date(), 1, 'day'))
  await signIn(secretary, /李红梅/, '/pages/meetings/index')
  await secretary.goto(`${app.url()}/packageMeeting/edit/index`)
  const field = (name: string) => secretary.locator(`input[name="${name}"]`).locator('visible=true').first()
  await field('title').fill('明天的支部党员大会')
  await field('venue').fill('行政楼三楼会议室')
  // What picking a date and a time in the two pickers reports to the page.
  const pick = async (shown: string, value: string) => {
    const picker = secretary.locator('taro-picker-core').filter({ has: secretary.locator(`.edit__pick${shown}`) }).first()
    await picker.evaluate((el, v) => el.dispatchEvent(new CustomEvent('change', { detail: { value: v } })), value)
    await secretary.locator(`.edit__pick${shown}`, { hasText: value }).first().waitFor()
  }
  await pick(':not(.edit__pick--time)', tomorrow)
  await pick('.edit__pick--time', '16:30')
  await button(secretary, '发布').click()
  await secretary.waitForURL((url) => url.pathname === '/pages/meeting/index')
  const meetingId = new URL(secretary.url()).searchParams.get('id') as string

  // The timer as it fires at 17:00 on the evening before (twice: the second finds it claimed).
  const eveningBefore = fromBeijing(beijingDate(addCalendar(fromBeijing(tomorrow), -1, 'day')), '17:00')
  await fireTimer(eveningBefore)
  await fireTimer(new Date(eveningBefore.getTime() + 5 * minuteMs))

  const sent = (await outbox('demo-member')).filter((m) => m.page === `pages/meeting/index?id=${meetingId}`)
  expect(sent).toHaveLength(1)
  expect(sent[0]).toMatchObject({ delivered: true })
  expect(sent[0].data.thing1.value).toBe('明天的支部党员大会')
  expect(sent[0].data.time2.value).toMatch(/16:30~17:30$/)

  // The teacher's 消息: the reminder once, and it opens the meeting.
  await teacher.goto(`${app.url()}/pages/inbox/index`)
  await visible(teacher, '明天有会议').waitFor()
  await expect(teacher.getByText('明天有会议').locator('visible=true').count()).resolves.toBe(1)
  await shot(teacher, 'reminders-inbox')
  await visible(teacher, '明天有会议').click()
  await teacher.waitForURL((url) => url.pathname === '/pages/meeting/index' && url.searchParams.get('id') === meetingId)

  // 我的 → 消息提醒 shows the acceptance spent.
  await teacher.goto(`${app.url()}/packageReminders/mine/index`)
  await visible(teacher, '会议提醒').waitFor()
  await expect(visible(teacher, '还可提醒 1 次').isVisible()).resolves.toBe(false)

  // The secretary sees who was reached and who was not.
  await secretary.goto(`${app.url()}/packageReminders/sent/index?type=meeting&id=${meetingId}`)
  await visible(secretary, /微信未送达 \d+ 条/).waitFor()
  await visible(secretary, '孙伟').waitFor()
  await shot(secretary, 'reminders-secretary')
  // The list of subjects: the meeting with what was sent, and no queue left waiting.
  await secretary.goto(`${app.url()}/packageReminders/sent/index`)
  await visible(secretary, '明天的支部党员大会').waitFor()
  await expect(secretary.getByText(/排队待发送/).count()).resolves.toBe(0)
})
