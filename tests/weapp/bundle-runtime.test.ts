import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { endOf, hourMs, minuteMs } from '../../shared/domain/time'
import { useRunningApp } from '../support/app'

/**
 * The built weapp bundle, run in Node with stand-ins for the WeChat client (wx, App, Page), its
 * wx.cloud.callFunction reaching the local cloud: what the mini-program renders, page by page.
 * (This leans on Taro's runtime internals; WeChat DevTools remains the final word.)
 */
const run = promisify(execFile)
const root = path.resolve(__dirname, '../..')
const app = useRunningApp({ browser: false })

export async function renderWeappPage(openid: string, page: string, query: Record<string, string>, waitFor: string) {
  const { stdout } = await run(process.execPath, [path.join(root, 'tests/support/weapp-harness.cjs'), path.join(root, 'build/weapp'), app.url(), openid, page, JSON.stringify(query), waitFor], { timeout: 30_000 })
  return JSON.parse(stdout.trim().split('\n').pop() as string) as { found: boolean; calls: Array<{ name: string; action: string }>; callsBeforeContent: Array<{ name: string; action: string }>; text: string }
}

it('renders 我的 for the secretary through wx.cloud.callFunction', async () => {
  const page = await renderWeappPage('demo-secretary', 'pages/mine/index', {}, '花名册管理')
  expect(page.calls).toEqual([{ name: 'member', action: 'member.me' }])
  expect(page.found).toBe(true)
  expect(page.text).toContain('李红梅')
  expect(page.text).toContain('139****0000')
})

it('renders 首页 for the secretary with one call', async () => {
  const page = await renderWeappPage('demo-secretary', 'pages/home/index', {}, '支部工作')
  expect(page.calls).toEqual([{ name: 'home', action: 'home.desk' }])
  expect(page.found).toBe(true)
  // The secretary's desk: what waits for the committee, with the branch's 补学.
  expect(page.text).toContain('待审批请假')
  expect(page.text).toContain('补学情况')
})

it('shows an unbound WeChat user the way to join', async () => {
  const page = await renderWeappPage('o-weapp-newcomer', 'pages/mine/index', {}, '加入支部')
  expect(page.found).toBe(true)
  expect(page.text).toContain('你还没有加入支部')
})

it('checks a teacher in from the check-in link in the weapp build', async () => {
  // The secretary creates a meeting and fetches the current code, as the host screen does.
  const invoke = async (openid: string, name: string, action: string, input: unknown) => {
    const res = await fetch(`${app.url()}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, event: { action, input }, openid }) })
    return ((await res.json()) as { result: { ok: boolean; data: Record<string, unknown> } }).result
  }
  const start = new Date(Date.now() + 10 * minuteMs)
  const created = await invoke('demo-secretary', 'meeting', 'meeting.create', {
    type: 'themedPartyDay',
    title: '小程序签到测试',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + hourMs).toISOString(),
    venue: '会议室',
    audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: true },
    hostId: null,
    recorderId: null,
    agenda: [],
    checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
    publish: true,
  })
  const code = await invoke('demo-secretary', 'checkin', 'checkin.code', { meetingId: created.data.id })
  const token = new URL(code.data.link as string).searchParams.get('t') as string
  const page = await renderWeappPage('demo-member', 'pages/checkin/index', { t: token }, '签到成功')
  expect(page.calls).toContainEqual({ name: 'checkin', action: 'checkin.scan' })
  expect(page.found).toBe(true)
  expect(page.text).toContain('小程序签到测试')

  // WeChat's "scan an ordinary link" rule opens the page with the whole link, encoded, as `q`.
  const viaLink = await renderWeappPage('demo-probationary', 'pages/checkin/index', { q: encodeURIComponent(code.data.link as string) }, '签到成功')
  expect(viaLink.found).toBe(true)
})

it('shows a teacher the 志愿 tab and checks them in at a shift from the leader’s code, in the weapp build', async () => {
  const invoke = async (openid: string, action: string, input: unknown) => {
    const res = await fetch(`${app.url()}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'volunteer', event: { action, input }, openid }) })
    const body = (await res.json()) as { result: { ok: boolean; data: Record<string, unknown>; error?: unknown } }
    if (!body.result.ok) throw new Error(`${action}: ${JSON.stringify(body.result.error)}`)
    return body.result.data
  }
  const tab = await renderWeappPage('demo-member', 'pages/volunteer/index', {}, '礼让斑马线')
  expect(tab.calls).toEqual(expect.arrayContaining([{ name: 'volunteer', action: 'volunteer.board' }]))
  expect(tab.found).toBe(true)
  expect(tab.text).toContain('我的')

  // A shift starting in five minutes (ending by midnight, so it stays on its Beijing day).
  const start = new Date(Math.ceil((Date.now() + 5 * minuteMs) / minuteMs) * minuteMs)
  const end = new Date(Math.min(start.getTime() + 30 * minuteMs, endOf('day', start).getTime()))
  const activity = await invoke('demo-secretary', 'volunteer.createActivity', { type: 'community', title: '小程序志愿签到测试', description: '', place: '社区', organiser: '志愿服务队', publish: true })
  const shift = await invoke('demo-secretary', 'volunteer.addShift', {
    activityId: activity.id,
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    signupOpensAt: new Date(Date.now() - 60_000).toISOString(),
    signupClosesAt: start.toISOString(),
    cancelDeadline: start.toISOString(),
    capacity: 5,
    eligibility: 'partyMembers',
    leaderId: 'member-003',
    hours: 0.5,
    presenceShare: 0.6,
    place: '',
    geofence: null,
  })
  await invoke('demo-probationary', 'volunteer.signup', { shiftId: shift.id, waitlist: false })
  const code = await invoke('demo-publicity', 'volunteer.code', { shiftId: shift.id })
  const page = await renderWeappPage('demo-probationary', 'pages/checkin/index', { q: encodeURIComponent(code.link as string) }, '签到成功')
  expect(page.calls).toContainEqual({ name: 'volunteer', action: 'volunteer.scan' })
  expect(page.found).toBe(true)
  expect(page.text).toContain('小程序志愿签到测试')
})

it('shows a teacher the 学习 tab: tasks, tests and notes through wx.cloud.callFunction', async () => {
  const page = await renderWeappPage('demo-member', 'pages/study/index', {}, '学习党的二十届四中全会精神')
  expect(page.callsBeforeContent).toEqual([{ name: 'study', action: 'study.page' }])
  expect(page.found).toBe(true)
  expect(page.text).toContain('本季度党员理论素养测试')
})

it('asks one cloud function call for the first screen of each tab page', async () => {
  const firstScreens: Array<[string, string, string, { name: string; action: string }]> = [
    ['demo-member', 'pages/home/index', '明德实验学校第一党支部', { name: 'home', action: 'home.desk' }],
    ['demo-secretary', 'pages/meetings/index', '我组织的会议', { name: 'meeting', action: 'meeting.page' }],
    ['demo-member', 'pages/volunteer/index', '礼让斑马线', { name: 'volunteer', action: 'volunteer.board' }],
    ['demo-member', 'pages/study/index', '本季度党员理论素养测试', { name: 'study', action: 'study.page' }],
    ['demo-member', 'pages/mine/index', '孙伟', { name: 'member', action: 'member.me' }],
  ]
  for (const [openid, path, content, call] of firstScreens) {
    const page = await renderWeappPage(openid, path, {}, content)
    expect({ path, found: page.found, calls: page.callsBeforeContent }).toEqual({ path, found: true, calls: [call] })
  }
})

it('opens a draft note in the editor with its 字数, and a past test’s result from the study subpackage', async () => {
  const draft = await renderWeappPage('demo-probationary', 'packageStudy/note/index', { taskId: 'task-demo-plenum' }, '要求不少于 300 字')
  expect(draft.found).toBe(true)
  // Text nodes arrive separated by " | ".
  expect(draft.text).toMatch(/已写\s*\|\s*\d+\s*\|\s*字/)
  // The result, with the questions and the correct answers, once the window has closed.
  const result = await renderWeappPage('demo-member', 'packageStudy/test/index', { id: 'test-demo-last' }, '中国共产党的根本宗旨是？')
  expect(result.found).toBe(true)
  expect(result.text).toContain('38')
  expect(result.calls).toContainEqual({ name: 'exam', action: 'exam.result' })
})
