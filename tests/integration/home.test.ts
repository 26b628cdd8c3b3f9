import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { ok } from '../support/api'
import { hoursAgo, inMinutes, meetingInput, meetingToken, moveMeeting } from '../support/meetings'
import { fireReminderTimer } from '../support/reminders'
import type { ReminderDoc } from '../../shared/domain/documents'
import { addCalendar, beijingDate, fromBeijing, minuteMs, startOf } from '../../shared/domain/time'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const meeting = (overrides: Parameters<typeof meetingInput>[0] = {}) => meetingInput({ title: '首页测试会议', ...overrides })

describe('首页 in one call', () => {
  it('shows a member and the secretary what the separate screens show, item for item', async () => {
    const upcoming = await ok(cloud, 'demo-secretary', 'meeting.create', meeting())
    await ok(cloud, 'demo-secretary', 'meeting.create', meeting({ title: '草稿', publish: false }))
    const committee = await ok(cloud, 'demo-secretary', 'meeting.create', meeting({ type: 'committeeMeeting', title: '支委会', audience: { kind: 'committee', groupId: null, memberIds: [], allowObservers: false } }))
    await ok(cloud, 'demo-member', 'leave.request', { meetingId: upcoming.id, reason: '外出培训' })
    await ok(cloud, 'demo-newcomer', 'join.submit', { inviteCode: 'MD1024', name: '新来的老师', phone: '13700009999' })

    const member = await ok(cloud, 'demo-member', 'home.desk', {})
    const mine = await ok(cloud, 'demo-member', 'meeting.listMine', {})
    expect(member.member).toEqual({ name: '孙伟', branchName: expect.any(String) })
    expect(member.upcoming.map((m) => m.id)).toEqual(mine.upcoming.filter((m) => m.status === 'published').map((m) => m.id))
    expect(member.upcoming.map((m) => m.id)).toContain(upcoming.id)
    expect(member.upcoming.map((m) => m.id)).not.toContain(committee.id)
    expect(member.upcoming.find((m) => m.id === upcoming.id)?.myLeave).toMatchObject({ status: 'pending' })
    expect(member.unread).toBe((await ok(cloud, 'demo-member', 'inbox.list', {})).unread)
    expect(member.openMakeups).toBe((await ok(cloud, 'demo-member', 'leave.makeups', { scope: 'mine' })).filter((m) => m.status === 'open').length)
    expect(member).toMatchObject({ pendingLeave: null, joinRequests: null, attention: null, seesBranchMakeups: false })

    const secretary = await ok(cloud, 'demo-secretary', 'home.desk', {})
    const inactive = await ok(cloud, 'demo-secretary', 'attendance.inactive', {})
    expect(secretary.upcoming.map((m) => m.id)).toContain(committee.id)
    expect(secretary.pendingLeave).toBe((await ok(cloud, 'demo-secretary', 'leave.listPending', {})).length)
    expect(secretary.pendingLeave).toBeGreaterThan(0)
    expect(secretary.joinRequests).toBe((await ok(cloud, 'demo-secretary', 'join.listRequests', {})).length)
    expect(secretary.joinRequests).toBeGreaterThan(0)
    expect(secretary.attention).toEqual({
      total: inactive.members.filter((m) => m.level !== null).length,
      sixMonths: inactive.members.filter((m) => m.level === 6).length,
      neverAttended: inactive.members.filter((m) => !m.lastAttendedAt).length,
      meetingsChecked: inactive.checked.meetings,
    })
    expect(secretary.seesBranchMakeups).toBe(true)
  })

  it('shows a group leader only the leave of their own group’s meetings', async () => {
    const group = await ok(cloud, 'demo-group-leader', 'meeting.create', meeting({ type: 'groupMeeting', title: '第一党小组会', audience: { kind: 'group', groupId: 'group-1-1', memberIds: [], allowObservers: false } }))
    await ok(cloud, 'demo-probationary', 'leave.request', { meetingId: group.id, reason: '家中有事' })
    const desk = await ok(cloud, 'demo-group-leader', 'home.desk', {})
    expect(desk.pendingLeave).toBe((await ok(cloud, 'demo-group-leader', 'leave.listPending', {})).length)
    expect(desk).toMatchObject({ joinRequests: null, attention: null })
  })

  it('counts as 待参加 only meetings the member has neither checked in to nor been excused from', async () => {
    const soon = { startAt: inMinutes(10), endAt: inMinutes(70) }
    const attended = await ok(cloud, 'demo-secretary', 'meeting.create', meeting({ title: '已签到的会', ...soon }))
    const excused = await ok(cloud, 'demo-secretary', 'meeting.create', meeting({ title: '已请假的会', ...soon }))
    const open = await ok(cloud, 'demo-secretary', 'meeting.create', meeting({ title: '还要参加的会', ...soon }))
    await ok(cloud, 'demo-member', 'checkin.scan', { token: meetingToken(cloud, attended.id) })
    await ok(cloud, 'demo-member', 'leave.request', { meetingId: excused.id, reason: '外出培训' })
    await ok(cloud, 'demo-secretary', 'leave.decide', { meetingId: excused.id, memberId: 'member-007', approve: true })
    const desk = await ok(cloud, 'demo-member', 'home.desk', {})
    const ids = desk.upcoming.map((m) => m.id)
    expect(ids).toEqual(expect.arrayContaining([attended.id, excused.id, open.id]))
    expect(desk.toAttend).toBe(desk.upcoming.filter((m) => m.id !== attended.id && m.id !== excused.id).length)
    expect(desk.upcoming.find((m) => m.id === attended.id)?.myStatus).toBe('present')
    expect(desk.upcoming.find((m) => m.id === excused.id)?.myStatus).toBe('leave')
  })

  it('shows someone who has not joined their waiting request', async () => {
    expect(await ok(cloud, 'demo-newcomer', 'home.desk', {})).toMatchObject({ member: null, pendingJoin: { branchName: expect.any(String) }, upcoming: [], org: null })
  })

  it('gives an organisation admin a home of their own: the branches, their meetings this month and attendance rate', async () => {
    // A branch-2 meeting held an hour ago that 蒋文 came to, of the three expected.
    const held = await ok(cloud, 'demo-branch2-secretary', 'meeting.create', meeting({ title: '第二支部主题党日', startAt: inMinutes(-10), endAt: inMinutes(50) }))
    await ok(cloud, 'demo-branch2-secretary', 'checkin.scan', { token: meetingToken(cloud, held.id) })
    // Held this month, however early in the month the test runs.
    const start = new Date(Math.max(hoursAgo(2).getTime(), startOf('month', Date.now()).getTime()))
    await moveMeeting(cloud, held.id, start, new Date(Math.min(start.getTime() + minuteMs, Date.now() - 1000)))

    const desk = await ok(cloud, 'demo-org-admin', 'home.desk', {})
    expect(desk).toMatchObject({ member: null, pendingJoin: null, upcoming: [] })
    expect(desk.org).toMatchObject({ name: '明德实验学校党总支', adminName: '党总支管理员' })
    const [first, second] = desk.org!.branches
    expect(first).toMatchObject({ name: '明德实验学校第一党支部', members: 26, heldThisMonth: 0, attendanceRate: null })
    expect(second).toMatchObject({ name: '明德实验学校第二党支部', members: 3, bound: 1, meetingsThisMonth: 1, heldThisMonth: 1 })
    expect(second.attendanceRate).toBeCloseTo(1 / 3, 3)
    // 我的 says who they are.
    expect((await ok(cloud, 'demo-org-admin', 'member.me', {})).orgAdmin).toEqual({ orgId: 'org-mingde', orgName: '明德实验学校党总支', name: '党总支管理员' })
  })
})

describe('what waits for the committee on 首页', () => {
  it('shows those who review notes how many wait for review, and a plain member nothing', async () => {
    const before = await ok(cloud, 'demo-publicity', 'home.desk', {})
    await ok(cloud, 'demo-member', 'study.submitNote', { taskId: null, title: '首页待审阅的心得', body: '结合班主任工作，认真学习全会精神，把立德树人落到每一节课上。', photos: [] })
    const reviewer = await ok(cloud, 'demo-publicity', 'home.desk', {})
    expect(reviewer.notesToReview).toBe(before.notesToReview! + 1)
    expect(reviewer.notesToReview).toBe((await ok(cloud, 'demo-publicity', 'study.reviewQueue', {})).waiting.length)
    expect((await ok(cloud, 'demo-secretary', 'home.desk', {})).notesToReview).toBe(reviewer.notesToReview)
    expect(await ok(cloud, 'demo-member', 'home.desk', {})).toMatchObject({ notesToReview: null, unreachedReminders: null })
  })

  it('alerts the secretary to reminders that reached nobody, until the member reads the copy in 消息', async () => {
    const day = beijingDate(addCalendar(new Date(), 3, 'day'))
    const held = await ok(cloud, 'demo-secretary', 'meeting.create', meeting({ type: 'generalMeeting', title: '提醒未送达的会', startAt: fromBeijing(day, '16:30').toISOString(), endAt: fromBeijing(day, '17:30').toISOString() }))
    const before = (await ok(cloud, 'demo-secretary', 'home.desk', {})).unreachedReminders!.count
    await fireReminderTimer(cloud, fromBeijing(beijingDate(addCalendar(fromBeijing(day), -1, 'day')), '17:00'))
    const about = cloud.store.docs('reminders').filter((r) => r.subjectId === held.id) as unknown as ReminderDoc[]
    // Nobody accepted a message: WeChat carried none of them, and none is read yet.
    const unread = (r: ReminderDoc) => !cloud.store.docs('inbox').find((m) => m._id === r._id)?.readAt
    const missed = about.filter((r) => r.status !== 'sent' && unread(r))
    expect(missed.length).toBeGreaterThan(0)
    // Counted here from the records: every reminder of the branch this week WeChat did not carry and nobody read.
    const since = addCalendar(new Date(), -7, 'day')
    const branchId = about[0].branchId
    const reachedNobody = (cloud.store.docs('reminders') as unknown as ReminderDoc[]).filter(
      (r) => r.branchId === branchId && new Date(r.createdAt) >= since && ['noQuota', 'refused', 'failed', 'unknown', 'unbound'].includes(r.status) && unread(r),
    )
    const after = await ok(cloud, 'demo-secretary', 'home.desk', {})
    // Still one call of two database operations: who is calling, then the desk's one aggregation.
    expect((await cloud.invoke('home', { action: 'home.desk', input: {} }, { openid: 'demo-secretary' })).stats.dbOps).toBe(2)
    expect(after.unreachedReminders).toEqual({ count: reachedNobody.length, days: 7 })
    expect(after.unreachedReminders!.count).toBeGreaterThanOrEqual(before + missed.length)

    // A bound member with no message accepted reads hers in 消息: it reached them after all.
    const memberId = cloud.store.docs('bindings').find((b) => b._id === 'demo-probationary')?.memberId
    const hers = missed.find((r) => r.memberId === memberId)!
    expect(hers).toBeDefined()
    await ok(cloud, 'demo-probationary', 'inbox.markRead', { ids: [hers._id] })
    expect((await ok(cloud, 'demo-secretary', 'home.desk', {})).unreachedReminders!.count).toBe(reachedNobody.length - 1)
  })
})
