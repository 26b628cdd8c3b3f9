import type { ActionInput } from '../../shared/api/contract'
import { addCalendar, beijingDate, fromBeijing, minuteMs } from '../../shared/domain/time'
import { templateBinding, type TemplateKey } from '../../shared/domain/reminders'
import type { TimerReport } from '../../cloudfunctions/_lib/reminders'
import type { ReminderDoc } from '../../shared/domain/documents'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { meetingInput } from '../support/meetings'
import { createActivity, createShift } from '../support/volunteer'
import { acceptReminder, fireReminderTimer, fireReminderTimerWithin, seedBranchWithAcceptances } from '../support/reminders'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

// Each test starts with no acceptances anywhere: WeChat's side and the app's record.
beforeEach(async () => {
  const changes = ['subscriptions', '_localcloud_subscriptions'].flatMap((coll) => cloud.store.docs(coll).map((d) => ({ coll, id: d._id as string, doc: null })))
  if (changes.length) await cloud.store.commit(changes)
})

const secretary = 'demo-secretary'
const meetingTemplate = templateBinding('meetingReminder').id
/** Branch one expects 23 party members (20 正式, 3 预备); 6 of them have WeChat bound in the demo. */
const expectedInBranch = 23
const boundExpected = ['demo-secretary', 'demo-org-committee', 'demo-publicity', 'demo-group-leader', 'demo-member', 'demo-probationary']

let dayOffset = 2
/** A Beijing day in the future (each test its own), and a meeting on it at 16:30. */
function nextDay(): string {
  return beijingDate(addCalendar(new Date(), dayOffset++, 'day'))
}

async function meetingOn(day: string, title: string, overrides: Partial<ActionInput<'meeting.create'>> = {}) {
  return ok(cloud, secretary, 'meeting.create', meetingInput({ type: 'generalMeeting', title, startAt: fromBeijing(day, '16:30').toISOString(), endAt: fromBeijing(day, '17:30').toISOString(), venue: '三楼会议室', ...overrides }))
}

const dayBefore = (day: string) => beijingDate(addCalendar(fromBeijing(day), -1, 'day'))

const fire = (at: Date): Promise<TimerReport> => fireReminderTimer(cloud, at)

/** What the member accepted in the dialog, `times` over. */
async function accept(openid: string, times = 1, template: TemplateKey = 'meetingReminder') {
  for (let i = 0; i < times; i++) await acceptReminder(cloud, openid, template, 'meeting')
}

const remindersAbout = (meetingId: string) => cloud.store.docs('reminders').filter((r) => r.subjectId === meetingId) as unknown as ReminderDoc[]
const outboxAbout = (meetingId: string, touser?: string) =>
  cloud.openapi.outbox({ touser }).filter((m) => typeof m.page === 'string' && m.page.endsWith(`id=${meetingId}`))
const remaining = async (openid: string) => (await ok(cloud, openid, 'reminder.mine', {})).templates.find((t) => t.key === 'meetingReminder')?.remaining

describe('meeting reminders from the timer', () => {
  it('reach every expected member once: WeChat for those with an acceptance, the inbox for everyone', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '三月支部党员大会')
    await accept('demo-member')
    await fire(fromBeijing(dayBefore(day), '17:00'))
    const statuses = remindersAbout(meeting.id).map((r) => r.status)
    expect(statuses).toHaveLength(expectedInBranch)
    const count = (status: string) => statuses.filter((x) => x === status).length
    expect({ sent: count('sent'), noQuota: count('noQuota'), unbound: count('unbound') }).toEqual({ sent: 1, noQuota: boundExpected.length - 1, unbound: expectedInBranch - boundExpected.length })

    const delivered = outboxAbout(meeting.id)
    expect(delivered).toHaveLength(1)
    expect(delivered[0]).toMatchObject({ touser: 'demo-member', templateId: meetingTemplate, delivered: true })
    expect((delivered[0].data as Record<string, { value: string }>).thing1.value).toBe('三月支部党员大会')
    const inbox = await ok(cloud, 'demo-publicity', 'inbox.list', {})
    expect(inbox.messages.find((m) => m.link === `pages/meeting/index?id=${meeting.id}`)).toMatchObject({ kind: 'meetingTomorrow', title: '明天有会议' })
    // An activist (列席, not expected) gets nothing.
    expect((await ok(cloud, 'demo-activist', 'inbox.list', {})).messages.some((m) => m.link?.endsWith(meeting.id))).toBe(false)

    // The next run five minutes later finds them all made already.
    const again = await fire(fromBeijing(dayBefore(day), '17:05'))
    expect(again.claimed).toBe(0)
    expect(again.queued).toBe(0)
    expect(again.due).toBeGreaterThanOrEqual(expectedInBranch)
    expect(outboxAbout(meeting.id)).toHaveLength(1)
    expect(await remaining('demo-member')).toBe(0)
  })

  it('leave out those who asked for leave, and an hour before, those already checked in', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '请假的人不提醒')
    await ok(cloud, 'demo-member', 'leave.request', { meetingId: meeting.id, reason: '带学生外出比赛' })
    await fire(fromBeijing(dayBefore(day), '18:00'))
    const members = remindersAbout(meeting.id).map((r) => r.memberId)
    expect(members).toHaveLength(expectedInBranch - 1)
    expect(members).not.toContain('member-007')

    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-008', status: 'present', reason: '提前到场' })
    await fire(fromBeijing(day, '15:35'))
    const soon = remindersAbout(meeting.id).filter((r) => r.kind === 'meetingSoon').map((r) => r.memberId)
    expect(soon).toHaveLength(expectedInBranch - 2)
    expect(soon).not.toContain('member-008')
  })

  it('send each reminder once when two or more timer runs overlap', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '重叠的两次定时运行')
    for (const openid of boundExpected) await accept(openid, 2)
    const at = fromBeijing(dayBefore(day), '17:00')
    const runs = await Promise.allSettled([fire(at), fire(at), fire(at), fire(at)])
    expect(runs.every((r) => r.status === 'fulfilled')).toBe(true)
    const reports = runs.map((r) => (r as PromiseFulfilledResult<TimerReport>).value)
    // Every run found the same reminders due; between them each new one was claimed once (the
    // demo branch's open theory test was reminded of by an earlier run).
    expect(new Set(reports.map((r) => r.due)).size).toBe(1)
    const madeNow = cloud.store.docs('reminders').filter((r) => new Date(r.createdAt as string).getTime() === at.getTime())
    expect(madeNow.length).toBeGreaterThanOrEqual(expectedInBranch)
    expect(reports.reduce((n, r) => n + r.claimed, 0)).toBe(madeNow.length)
    for (const openid of boundExpected) expect(outboxAbout(meeting.id, openid)).toHaveLength(1)
    expect(remindersAbout(meeting.id)).toHaveLength(expectedInBranch)
    const inboxCopies = cloud.store.docs('inbox').filter((m) => m.link === `pages/meeting/index?id=${meeting.id}` && m.kind === 'meetingTomorrow')
    expect(inboxCopies).toHaveLength(expectedInBranch)
    // Each acceptance spent once: 2 accepted, 1 left.
    expect(await remaining('demo-publicity')).toBe(1)
  })

  it('never send twice after the sender is killed between claiming and hearing back', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '发送途中函数崩溃')
    await accept('demo-group-leader')
    const held = cloud.openapi.holdSends()
    const run = cloud.runner.fireTimer('remind', 'remind', fromBeijing(dayBefore(day), '17:00'))
    await held.arrived
    expect(cloud.runner.kill('remind')).toBeGreaterThan(0)
    // WeChat still gets the request the dead sender made.
    held.release()
    expect((await run).ok).toBe(false)
    const claimed = remindersAbout(meeting.id).find((r) => r.memberId === 'member-004')
    expect(claimed?.status).toBe('claimed')
    await held.answered
    expect(outboxAbout(meeting.id, 'demo-group-leader')).toHaveLength(1)

    // The next runs: within the lease nothing is touched. After it, the one send whose request
    // left is marked, not resent; the dead run's claims whose sends never started go back to
    // the queue and are sent (here: told they have no acceptance) like any other.
    expect((await fire(fromBeijing(dayBefore(day), '17:01'))).abandoned).toBe(0)
    const stranded = cloud.store.docs('reminders').filter((r) => r.status === 'claimed').length
    expect(stranded).toBeGreaterThan(1)
    const later = await fire(fromBeijing(dayBefore(day), '17:05'))
    expect(later.abandoned).toBe(1)
    expect(later.returned).toBe(stranded - 1)
    expect(later.claimed).toBe(stranded - 1)
    expect(later.sent).toBe(0)
    const member004 = remindersAbout(meeting.id).find((r) => r.memberId === 'member-004')
    expect(member004).toMatchObject({ status: 'unknown', reason: '发送途中中断，可能已送达，为免重复不再重发' })
    expect(remindersAbout(meeting.id).filter((r) => r.status === 'claimed' || r.status === 'queued')).toEqual([])
    expect(outboxAbout(meeting.id, 'demo-group-leader')).toHaveLength(1)
    // The acceptance its request used is counted spent, as WeChat counted it.
    expect(await remaining('demo-group-leader')).toBe(0)
    // The inbox copy was written before the claim, so the member still has it.
    expect((await ok(cloud, 'demo-group-leader', 'inbox.list', {})).messages.some((m) => m.link?.endsWith(meeting.id))).toBe(true)
  })
})

describe('acceptances', () => {
  it('are recorded, spent one per message, and when none is left the reminder goes to the inbox only', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '次数用完')
    await accept('demo-probationary')
    expect(await remaining('demo-probationary')).toBe(1)
    await fire(fromBeijing(dayBefore(day), '17:00'))
    expect(await remaining('demo-probationary')).toBe(0)
    const sendsBefore = cloud.openapi.outbox({ touser: 'demo-probationary' }).length

    // An hour before the start: nothing left, so no call to WeChat is made at all.
    await fire(fromBeijing(day, '15:30'))
    expect(cloud.openapi.outbox({ touser: 'demo-probationary' })).toHaveLength(sendsBefore)
    const soon = remindersAbout(meeting.id).find((r) => r.memberId === 'member-021' && r.kind === 'meetingSoon')
    expect(soon).toMatchObject({ status: 'noQuota', codes: [] })
    const inbox = await ok(cloud, 'demo-probationary', 'inbox.list', {})
    expect(inbox.messages.filter((m) => m.link?.endsWith(meeting.id)).map((m) => m.kind).sort()).toEqual(['meetingPublished', 'meetingSoon', 'meetingTomorrow'])
  })

  it('take 43101 from WeChat as "none left": recorded once, not retried, the count set to zero', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '在设置里关掉了')
    // The app recorded an acceptance, but the member later switched the template off in WeChat.
    await ok(cloud, 'demo-org-committee', 'reminder.subscribe', { moment: 'meeting', answers: { meetingReminder: 'accept' } })
    const before = cloud.openapi.outbox({ touser: 'demo-org-committee' }).length
    await fire(fromBeijing(dayBefore(day), '17:00'))
    const attempts = cloud.openapi.outbox({ touser: 'demo-org-committee' }).slice(before)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ errcode: 43101, delivered: false })
    const reminder = remindersAbout(meeting.id).find((r) => r.memberId === 'member-002')
    expect(reminder).toMatchObject({ status: 'noQuota', errcode: 43101, codes: [43101] })
    expect(await remaining('demo-org-committee')).toBe(0)
  })

  it('retry a busy WeChat with backoff a few times, recording every attempt with its code', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '微信繁忙')
    await accept('demo-secretary', 2)
    cloud.openapi.failSends(-1, 1)
    await fire(fromBeijing(dayBefore(day), '17:00'))
    const reminder = remindersAbout(meeting.id).find((r) => r.memberId === 'member-001')
    expect(reminder).toMatchObject({ status: 'sent', errcode: 0, codes: [-1, 0] })

    cloud.openapi.failSends(-1, 10)
    await fire(fromBeijing(day, '15:30'))
    const soon = remindersAbout(meeting.id).find((r) => r.memberId === 'member-001' && r.kind === 'meetingSoon')
    expect(soon).toMatchObject({ status: 'failed', errcode: -1, codes: [-1, -1, -1] })
    cloud.openapi.failSends(-1, 0)
    // A failed send spent nothing.
    expect(await remaining('demo-secretary')).toBe(1)
  })

  it('note "always keep" as such', async () => {
    await ok(cloud, 'demo-publicity', 'reminder.subscribe', { moment: 'afterLeaveRequest', answers: { leaveResult: 'accept' }, kept: { leaveResult: 'accept' } })
    const mine = await ok(cloud, 'demo-publicity', 'reminder.mine', {})
    expect(mine.templates.find((t) => t.key === 'leaveResult')).toMatchObject({ remaining: 1, always: 'accept' })
  })
})

describe('reminders about events', () => {
  it('tell the member of a leave decision at once, by WeChat and in the inbox', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '请假审批通知')
    await accept('demo-member', 1, 'leaveResult')
    await ok(cloud, 'demo-member', 'leave.request', { meetingId: meeting.id, reason: '外出培训' })
    await ok(cloud, 'demo-org-committee', 'leave.decide', { meetingId: meeting.id, memberId: 'member-007', approve: false, comment: '本次会议很重要' })
    const sent = cloud.openapi.outbox({ touser: 'demo-member' }).filter((m) => m.templateId === templateBinding('leaveResult').id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ delivered: true, page: `pages/meeting/index?id=${meeting.id}` })
    expect((sent[0].data as Record<string, { value: string }>).phrase2.value).toBe('未批准')
    const inbox = await ok(cloud, 'demo-member', 'inbox.list', {})
    expect(inbox.messages.filter((m) => m.kind === 'leaveDecided' && m.link?.endsWith(meeting.id))).toEqual([expect.objectContaining({ title: '请假未批准', read: false })])
  })

  it('are sent by the timer when the function that queued them stopped after its commit', async () => {
    const id = 'queued-and-forgotten'
    const createdAt = new Date(Date.now() - 5 * minuteMs)
    await accept('demo-member', 1, 'leaveResult')
    await cloud.store.commit([
      {
        coll: 'reminders',
        id,
        doc: { _id: id, key: id, kind: 'leaveDecided', subjectType: 'meeting', subjectId: 'm-forgotten', subjectVersion: null, subjectTitle: '被遗忘的通知', branchId: 'branch-mingde-1', memberId: 'member-007', template: 'leaveResult', link: 'packageMine/makeup/index', data: { thing1: { value: '被遗忘的通知' }, phrase2: { value: '已批准' }, thing3: { value: '无' }, name4: { value: '张建国' }, time5: { value: '2026年3月1日 16:30' } }, at: createdAt, status: 'queued', createdAt, claimedBy: null, leaseUntil: null, codes: [], errcode: null, errmsg: null, reason: null, finishedAt: null },
      },
    ])
    const report = await fire(new Date())
    expect(report.claimed).toBeGreaterThanOrEqual(1)
    expect(cloud.store.getDoc('reminders', id)).toMatchObject({ status: 'sent' })
  })

  it('refuse a timer run started by anyone but the timer', async () => {
    const outcome = await cloud.invoke('remind', { Type: 'Timer', Time: new Date().toISOString() }, { openid: 'demo-member' })
    expect(outcome.result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('volunteer shift reminders', () => {
  it('remind those holding a seat the evening before, and not those on the waitlist', async () => {
    const day = nextDay()
    const activityId = await createActivity(cloud, secretary, { title: '礼让斑马线文明劝导' })
    const shiftId = await createShift(cloud, secretary, activityId, {
      capacity: 1,
      startAt: fromBeijing(day, '07:30').toISOString(),
      endAt: fromBeijing(day, '08:00').toISOString(),
      signupClosesAt: fromBeijing(dayBefore(day), '20:00').toISOString(),
      cancelDeadline: fromBeijing(dayBefore(day), '12:00').toISOString(),
    })
    await ok(cloud, 'demo-member', 'volunteer.signup', { shiftId, waitlist: false })
    await ok(cloud, 'demo-probationary', 'volunteer.signup', { shiftId, waitlist: true })
    await accept('demo-member', 1, 'shiftReminder')
    const report = await fire(fromBeijing(dayBefore(day), '17:00'))
    expect(report.sent).toBeGreaterThanOrEqual(1)
    const about = cloud.store.docs('reminders').filter((r) => r.subjectId === shiftId) as unknown as ReminderDoc[]
    expect(about.map((r) => [r.kind, r.memberId, r.status])).toEqual([['shiftTomorrow', 'member-007', 'sent']])
    const sent = cloud.openapi.outbox({ touser: 'demo-member' }).filter((m) => m.page === `packageVolunteer/shift/index?id=${shiftId}`)
    expect(sent).toHaveLength(1)
    expect((sent[0].data as Record<string, { value: string }>).thing1.value).toBe('礼让斑马线文明劝导')
  })

  it('tell a teacher promoted from the waitlist at once, by WeChat and in 消息', async () => {
    const activityId = await createActivity(cloud, secretary, { title: '敬老院探访' })
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1 })
    await ok(cloud, 'demo-member', 'volunteer.signup', { shiftId, waitlist: false })
    await ok(cloud, 'demo-group-leader', 'volunteer.signup', { shiftId, waitlist: true })
    await accept('demo-group-leader', 1, 'waitlistResult')
    await ok(cloud, 'demo-member', 'volunteer.cancel', { shiftId })
    const sent = cloud.openapi.outbox({ touser: 'demo-group-leader' }).filter((m) => m.templateId === templateBinding('waitlistResult').id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ delivered: true, page: `packageVolunteer/shift/index?id=${shiftId}` })
    expect((sent[0].data as Record<string, { value: string }>).phrase4.value).toBe('候补成功')
    const inbox = await ok(cloud, 'demo-group-leader', 'inbox.list', {})
    expect(inbox.messages.filter((m) => m.kind === 'shiftPromoted' && m.link?.endsWith(shiftId))).toHaveLength(1)
    // The volunteer manager sees it per shift.
    const view = await ok(cloud, secretary, 'reminder.deliveries', { subjectType: 'shift', subjectId: shiftId })
    expect(view.rows).toEqual([expect.objectContaining({ memberName: '陈志强', kind: 'shiftPromoted', status: 'sent' })])
  })
})

describe("the secretary's view", () => {
  it('shows per meeting who was reached and who was not, and why', async () => {
    const day = nextDay()
    const meeting = await meetingOn(day, '书记查看提醒情况')
    await accept('demo-member')
    await fire(fromBeijing(dayBefore(day), '17:00'))
    const subjects = await ok(cloud, secretary, 'reminder.subjects', {})
    const summary = subjects.find((s) => s.subjectId === meeting.id)
    expect(summary).toMatchObject({ subjectType: 'meeting', title: '书记查看提醒情况', total: expectedInBranch, notReached: expectedInBranch - 1 })
    expect(summary?.counts).toMatchObject({ sent: 1, noQuota: boundExpected.length - 1, unbound: expectedInBranch - boundExpected.length })
    const view = await ok(cloud, secretary, 'reminder.deliveries', { subjectType: 'meeting', subjectId: meeting.id })
    expect(view.rows.find((r) => r.memberName === '孙伟')).toMatchObject({ status: 'sent', statusLabel: '已发送', errcode: 0, kindLabel: '会议前一天提醒' })
    expect(view.rows.find((r) => r.memberName === '王丽')).toMatchObject({ status: 'noQuota', statusLabel: '无订阅次数' })
    expect(view.rows.find((r) => r.memberName === '周静')).toMatchObject({ status: 'unbound' })
    // Members and another branch see none of it.
    expect(await callAs(cloud, 'demo-member', 'reminder.deliveries', { subjectType: 'meeting', subjectId: meeting.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-branch2-secretary', 'reminder.deliveries', { subjectType: 'meeting', subjectId: meeting.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('a backlog larger than one run can send', () => {
  it('is drained over successive runs, concurrent and killed ones included: soonest first, none lost, none twice', async () => {
    const prefix = 'backlog'
    const size = 160
    const meetings = 5
    const { openids } = await seedBranchWithAcceptances(cloud, prefix, size, 'meetingReminder', meetings)
    const day = nextDay()
    const meetingIds: string[] = []
    for (let k = 0; k < meetings; k++) {
      const input = meetingInput({ type: 'generalMeeting', title: `积压的第${k + 1}次会议`, startAt: fromBeijing(day, `1${4 + k}:00`).toISOString(), endAt: fromBeijing(day, `1${4 + k}:50`).toISOString(), venue: '报告厅' })
      meetingIds.push((await ok(cloud, openids[0], 'meeting.create', input)).id)
    }
    // In the demo branch, a teacher with one shift acceptance holds seats on two shifts tomorrow morning.
    const activityId = await createActivity(cloud, secretary, { title: '校门口护学岗' })
    const shiftAt = (from: string, to: string) => ({ capacity: 3, startAt: fromBeijing(day, from).toISOString(), endAt: fromBeijing(day, to).toISOString(), signupClosesAt: fromBeijing(dayBefore(day), '12:00').toISOString(), cancelDeadline: fromBeijing(dayBefore(day), '12:00').toISOString() })
    const early = await createShift(cloud, secretary, activityId, shiftAt('06:00', '06:30'))
    const later = await createShift(cloud, secretary, activityId, shiftAt('06:40', '07:10'))
    for (const shiftId of [early, later]) await ok(cloud, 'demo-member', 'volunteer.signup', { shiftId, waitlist: false })
    await accept('demo-member', 1, 'shiftReminder')

    // WeChat answers slowly (200 ms a message), so a run of 5 s (sending for 3.75 s, 16 at a
    // time) sends at most 300 of the 800.
    cloud.openapi.setFault('subscribeMessage.send', { delayMs: 200 })
    const budgetMs = 5_000
    const start = fromBeijing(dayBefore(day), '17:00')
    const at = (runs: number) => new Date(start.getTime() + runs * 5 * minuteMs)
    const pages = new Set(meetingIds.map((id) => `pages/meeting/index?id=${id}`))
    const backlogReminders = () => cloud.store.docs('reminders').filter((r) => meetingIds.includes(r.subjectId as string)) as unknown as ReminderDoc[]
    const runs: TimerReport[] = []
    try {
      // Fired twice at once, as a slow platform may: they split the queue, and cannot drain it.
      const wave = await Promise.all([fireReminderTimerWithin(cloud, at(0), budgetMs), fireReminderTimerWithin(cloud, at(0), budgetMs)])
      runs.push(...wave)
      expect(wave.every((r) => r.claimed > 0)).toBe(true)
      expect(Math.max(...wave.map((r) => r.left))).toBeGreaterThan(0)
      // The soonest first: tomorrow morning's shifts went before the afternoon's meetings.
      const shiftReminders = cloud.store.docs('reminders').filter((r) => r.subjectId === early || r.subjectId === later)
      expect(shiftReminders.map((r) => [r.subjectId, r.status]).sort()).toEqual([[early, 'sent'], [later, 'noQuota']].sort())
      // The secretary sees the backlog and since when it waits.
      const queue = await ok(cloud, openids[0], 'reminder.queue', {})
      expect(queue.waiting).toBe(backlogReminders().filter((r) => r.status === 'queued' || r.status === 'claimed').length)
      expect(queue.waiting).toBeGreaterThan(0)
      expect(queue.since).toBe(at(0).toISOString())

      // A run killed while its sends are at WeChat's door.
      const held = cloud.openapi.holdSends()
      const killed = cloud.runner.invoke('remind', { Type: 'Timer', Time: at(1).toISOString(), budgetMs }, { source: 'wx_trigger' })
      await held.arrived
      expect(cloud.runner.kill('remind')).toBeGreaterThan(0)
      held.release()
      expect((await killed).ok).toBe(false)

      // Then one run every five minutes until nothing is left.
      const reports: TimerReport[] = []
      for (let run = 2; run < 20; run++) {
        const report = await fireReminderTimerWithin(cloud, at(run), budgetMs)
        reports.push(report)
        if (report.left === 0 && report.notLoaded === 0 && report.returned === 0) break
      }
      expect(reports[reports.length - 1]).toMatchObject({ left: 0, notLoaded: 0 })
      runs.push(...reports)
    } finally {
      cloud.openapi.setFault('subscribeMessage.send', null)
    }

    // Every member has one reminder per meeting, each settled; `unknown` only for those in flight at
    // the kill (one round of 16 at most), and for any a live run heard no answer to by its budget's
    // end (a slow day): each run reports those itself.
    const all = backlogReminders()
    expect(all).toHaveLength(size * meetings)
    const statuses = all.map((r) => r.status)
    expect(statuses.filter((s) => s !== 'sent' && s !== 'unknown')).toEqual([])
    const abandoned = runs.reduce((n, r) => n + r.abandoned, 0)
    expect(abandoned).toBeGreaterThan(0)
    expect(abandoned).toBeLessThanOrEqual(16)
    expect(all.filter((r) => r.status === 'unknown')).toHaveLength(abandoned + runs.reduce((n, r) => n + r.unknown, 0))
    // WeChat delivered each exactly once, the in-flight ones included: none lost, none twice.
    const delivered = cloud.openapi.outbox().filter((m) => m.delivered && pages.has(m.page as string))
    expect(delivered).toHaveLength(size * meetings)
    expect(new Set(delivered.map((m) => `${m.touser}|${m.page}`)).size).toBe(size * meetings)
    // Every acceptance was spent, and the app's record says so.
    const records = cloud.store.docs('subscriptions').filter((s) => (s.openid as string).startsWith(`${prefix}-o`))
    expect(records.map((s) => s.remaining)).toEqual(openids.map(() => 0))
    expect(cloud.openapi.remainingSubscriptions(openids[7], templateBinding('meetingReminder').id)).toBe(0)
    expect((await ok(cloud, openids[0], 'reminder.queue', {})).waiting).toBe(0)
  })
})
