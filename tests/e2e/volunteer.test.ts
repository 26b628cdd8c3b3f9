import path from 'node:path'
import type { Page } from 'playwright-core'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'
import { at, shiftInput } from '../support/volunteer'

/**
 * The waitlist in two browsers: a teacher takes the last seat of a shift on the 志愿 tab, a second
 * teacher joins the line, the first cancels, and the second finds the seat theirs and the message
 * that says so.
 */
const app = useRunningApp()

const visible = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first()
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true })
const signIn = (page: Page, who: RegExp, next: string) => signInAs(page, app.url(), who, next)

/** The secretary sets the shift up (as the management pages would) through the local cloud. */
async function asSecretary<T>(action: string, input: unknown): Promise<T> {
  const res = await fetch(`${app.url()}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'volunteer', event: { action, input }, openid: 'demo-secretary' }) })
  const body = (await res.json()) as { result: { ok: boolean; data: T; error?: unknown } }
  if (!body.result.ok) throw new Error(`${action}: ${JSON.stringify(body.result.error)}`)
  return body.result.data
}

it('promotes the first in line when a seat is cancelled, and the teacher sees it', async () => {
  const activity = await asSecretary<{ id: string }>('volunteer.createActivity', { type: 'community', title: '社区图书角整理', description: '给社区图书角分类上架', place: '阳光社区图书角', organiser: '明德实验学校第一党支部“七彩阳光”党员志愿服务队', publish: true })
  const shift = await asSecretary<{ id: string }>(
    'volunteer.addShift',
    shiftInput(activity.id, { startAt: at(5, '14:00'), endAt: at(5, '16:00'), signupClosesAt: at(5, '12:00'), cancelDeadline: at(5, '08:00'), capacity: 1 }),
  )

  const first = await (await app.browser().newContext(phone)).newPage()
  const second = await (await app.browser().newContext(phone)).newPage()
  const card = (page: Page) => page.locator('.shift-card', { hasText: '社区图书角整理' }).locator('visible=true').first()

  // 孙伟 takes the only seat in one tap.
  await signIn(first, /孙伟/, '/pages/volunteer/index')
  await card(first).locator('taro-button-core', { hasText: '报名' }).click()
  await card(first).getByText('已报名').waitFor()
  await shot(first, 'volunteer-signup')

  // 谢雨婷 finds it full and joins the line.
  await signIn(second, /谢雨婷/, '/pages/volunteer/index')
  await card(second).getByText('已报 1/1').waitFor()
  await card(second).locator('taro-button-core', { hasText: '加入候补' }).click()
  await card(second).getByText('候补第 1 位').waitFor()
  await shot(second, 'volunteer-waitlisted')

  // 孙伟 cancels before the deadline.
  await first.goto(`${app.url()}/packageVolunteer/shift/index?id=${shift.id}`)
  await first.locator('taro-button-core:visible', { hasText: '取消报名' }).click()
  await visible(first, '取消后名额会自动给候补的第一位老师。').waitFor()
  await first.locator('.taro-model__confirm').locator('visible=true').first().click()
  await visible(first, '未报名').waitFor()

  // 谢雨婷 has the seat, and a message says so.
  await second.goto(`${app.url()}/packageVolunteer/shift/index?id=${shift.id}`)
  await visible(second, '已报名').waitFor()
  await visible(second, '谢雨婷').waitFor()
  await shot(second, 'volunteer-promoted')
  await second.goto(`${app.url()}/pages/inbox/index`)
  await visible(second, '候补成功，你已获得名额').waitFor()
  await visible(second, /社区图书角整理/).waitFor()
  await shot(second, 'volunteer-promoted-message')
})
