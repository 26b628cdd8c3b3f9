import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/api/contract'
import { functionOf } from '../../shared/api/routing'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'
import { inMinutes } from '../support/meetings'
import { myDataSheets } from '../support/my-data'

/**
 * A first week in Chromium, at phone size, against the server `npm start` runs: the secretary's,
 * a group leader's, a member's and the organisation admin's first pages, and what a new user
 * found wrong with them. Screenshots land in test-artifacts/first-week-*.png.
 */
const app = useRunningApp()

// Taro's H5 router keeps earlier pages in the DOM, hidden: look only at what is on screen.
const visible = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first()
const button = (page: Page, text: string | RegExp) => page.locator('taro-button-core:visible', { hasText: text }).first()
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `first-week-${name}.png`), fullPage: true })
const onScreen = (page: Page) => page.locator('.taro_page:visible').last().innerText()

async function open(who: RegExp, next: string): Promise<Page> {
  const page = await (await app.browser().newContext(phone)).newPage()
  await signInAs(page, app.url(), who, next)
  return page
}

/** An action as a demo identity would call it, through the local cloud: for setting the scene. */
async function act<A extends ActionName>(openid: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const response = await fetch(`${app.url()}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: functionOf(action), event: { action, input }, openid }) })
  const outcome = (await response.json()) as { result: { ok: boolean; data: ActionOutput<A>; error?: { code: string } } }
  if (!outcome.result?.ok) throw new Error(`${action}: ${JSON.stringify(outcome.result?.error)}`)
  return outcome.result.data
}

const meeting = (title: string, overrides: Partial<ActionInput<'meeting.create'>> = {}): ActionInput<'meeting.create'> => ({
  type: 'themedPartyDay',
  title,
  startAt: inMinutes(10),
  endAt: inMinutes(70),
  venue: '行政楼三楼会议室',
  audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false },
  hostId: 'member-001',
  recorderId: null,
  agenda: ['重温入党誓词'],
  checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
  publish: true,
  ...overrides,
})

it('the secretary’s first pages: 首页 with 花名册, a roster member’s record, an edit shown at once, a cancelled meeting without 考勤', async () => {
  const secretary = await open(/李红梅/, '/pages/home/index')
  await visible(secretary, '支部工作').waitFor()
  await visible(secretary, '需关注成员').waitFor()
  await shot(secretary, 'secretary-home')

  // 需关注成员 claims nothing it has not checked: a new branch has no meeting over yet.
  await visible(secretary, '需关注成员').click()
  await visible(secretary, '还没有已结束的会议').waitFor()
  expect(await onScreen(secretary)).not.toContain('都参加过')
  await shot(secretary, 'secretary-attention')
  await secretary.goto(`${app.url()}/pages/home/index`)
  await visible(secretary, '支部工作').waitFor()

  // 花名册 from 首页, a member, and their record of organisational life.
  await visible(secretary, '查看 · 导入').click()
  await secretary.waitForURL((url) => url.pathname === '/packageAdmin/roster/index')
  await visible(secretary, '孙伟').click()
  await secretary.waitForURL((url) => url.pathname === '/packageAdmin/roster/member')
  await secretary.locator('.nut-cell:visible', { hasText: '组织生活记录' }).first().click()
  await visible(secretary, '孙伟的组织生活').waitFor()
  await shot(secretary, 'secretary-member-record')

  // An edit is on the meeting page the moment the save returns.
  const created = await act('demo-secretary', 'meeting.create', meeting('十二月主题党日'))
  await secretary.goto(`${app.url()}/pages/meeting/index?id=${created.id}`)
  await visible(secretary, '行政楼三楼会议室').waitFor()
  await visible(secretary, '编辑').click()
  await secretary.waitForURL((url) => url.pathname === '/packageMeeting/edit/index')
  const venue = secretary.locator('input[name="venue"]').locator('visible=true').first()
  // Typing before the saved meeting has filled the form would be overwritten by it, as for a person.
  await secretary.waitForFunction(() => Array.from(document.querySelectorAll<HTMLInputElement>('input[name="venue"]')).some((i) => i.value === '行政楼三楼会议室'))
  await venue.fill('图书馆二楼报告厅')
  await button(secretary, '保存修改').click()
  await secretary.waitForURL((url) => url.pathname === '/pages/meeting/index')
  await visible(secretary, '图书馆二楼报告厅').waitFor()
  expect(await onScreen(secretary)).not.toContain('行政楼三楼会议室')
  await shot(secretary, 'secretary-meeting-after-edit')

  // The members expected were told.
  const told = await act('demo-member', 'inbox.list', {})
  expect(told.messages.map((m) => m.title)).toEqual(expect.arrayContaining(['会议通知：十二月主题党日', '会议变更：十二月主题党日']))

  // A cancelled meeting offers no 考勤 and no sheet.
  const cancelled = await act('demo-secretary', 'meeting.create', meeting('取消的支部党员大会', { type: 'generalMeeting' }))
  await act('demo-secretary', 'meeting.cancel', { meetingId: cancelled.id, reason: '与区教研活动冲突，改期另行通知' })
  await secretary.goto(`${app.url()}/pages/meeting/index?id=${cancelled.id}`)
  await visible(secretary, '本次会议已取消').waitFor()
  const cancelledPage = await onScreen(secretary)
  expect(cancelledPage).not.toContain('考勤')
  expect(cancelledPage).not.toContain('导出签到表')
  await shot(secretary, 'secretary-cancelled-meeting')
})

it('the host is counted on opening the code, and the attendance page says whom its quorum line counts', async () => {
  const general = await act('demo-secretary', 'meeting.create', meeting('一月支部党员大会', { type: 'generalMeeting' }))
  const secretary = await open(/李红梅/, `/packageMeeting/code/index?id=${general.id}`)
  await visible(secretary, /你已签到 \d\d:\d\d（打开签到码时记为到会）/).waitFor()
  await visible(secretary, /已签到\s*1\s*\//).waitFor()
  await shot(secretary, 'host-screen')
  await secretary.goto(`${app.url()}/packageMeeting/attendance/index?id=${general.id}`)
  await visible(secretary, '法定人数尚未确定（会议结束时确定）').waitFor()
  await visible(secretary, /有表决权的正式党员共 20 人，需超过半数（至少 11 人）到会，已到 1 人/).waitFor()
  await shot(secretary, 'attendance-quorum')
})

it('a group leader’s 我的 says what he can do; a member’s 我的数据 is all in Chinese and exports as Excel; a refusal offers no 重试', async () => {
  const leader = await open(/陈志强/, '/pages/mine/index')
  await visible(leader, '组织本组党小组会（签到、考勤）').waitFor()
  expect(await onScreen(leader)).not.toContain('普通成员')
  await shot(leader, 'group-leader-mine')

  // 补学 waits for the meeting to end.
  const later = await act('demo-secretary', 'meeting.create', meeting('二月党课', { type: 'partyLecture', startAt: inMinutes(60 * 24 * 7), endAt: inMinutes(60 * 24 * 7 + 60) }))
  await act('demo-member', 'leave.request', { meetingId: later.id, reason: '带学生外出参赛' })
  await act('demo-secretary', 'leave.decide', { meetingId: later.id, memberId: 'member-007', approve: true })

  const member = await open(/孙伟/, '/pages/home/index')
  await visible(member, '待参加会议').waitFor()
  await shot(member, 'member-home')
  await member.goto(`${app.url()}/packageMine/makeup/index`)
  await visible(member, /会议结束后（.+ 以后）即可补学/).waitFor()
  expect(await member.locator('textarea:visible').count()).toBe(0)
  await shot(member, 'member-makeup-waits')

  await member.goto(`${app.url()}/packageMine/mydata/index`)
  for (const section of ['花名册信息', '签到记录', '考勤修改记录', '请假', '补学', '志愿服务', '学习心得', '理论测试', '消息', '提醒', '上传的文件', '变更记录', '加入申请']) await visible(member, section).waitFor()
  await visible(member, '带学生外出参赛').waitFor()
  const page = await onScreen(member)
  expect(page).not.toMatch(/OPENID|JSON/)
  await shot(member, 'member-mydata')
  await visible(member, '带学生外出参赛').scrollIntoViewIfNeeded()
  await member.screenshot({ path: path.join(artifactsDir, 'first-week-member-mydata-leave.png') })
  const download = member.waitForEvent('download')
  await button(member, '导出为 Excel 文件').click()
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(readFileSync((await (await download).path()) as string) as unknown as ArrayBuffer)
  expect(book.worksheets.map((w) => w.name)).toEqual(myDataSheets)

  // The attendance page of a meeting is not for an ordinary member: said once, with no 重试.
  await member.goto(`${app.url()}/packageMeeting/attendance/index?id=${later.id}`)
  await visible(member, '你没有权限进行此操作').waitFor()
  expect(await member.locator('taro-button-core:visible', { hasText: '重试' }).count()).toBe(0)
  await shot(member, 'member-refused')
})

it('the organisation admin lands on a home of their own, and 我的 says who they are', async () => {
  const admin = await open(/党总支管理员/, '/pages/home/index')
  await visible(admin, '各支部本月情况').waitFor()
  await visible(admin, '明德实验学校第二党支部').waitFor()
  const home = await onScreen(admin)
  expect(home).not.toContain('加入支部')
  expect(home).toMatch(/本月会议 \d+ 次/)
  // Figures of the month, not alarms: no branch's line is in the alert colours.
  expect(await admin.locator('.home__desk-value--alert:visible, .home__desk-value--danger:visible, .home__desk-note:not(.home__desk-note--plain):visible').count()).toBe(0)
  await shot(admin, 'org-admin-home')
  await admin.goto(`${app.url()}/pages/mine/index`)
  await visible(admin, '党总支（党委）管理员').waitFor()
  expect(await onScreen(admin)).not.toContain('你还没有加入支部')
  await shot(admin, 'org-admin-mine')
})
