import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { ActionInput } from '../../shared/api/contract'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { inMinutes as minutes, meetingToken } from '../support/meetings'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'

type MeetingInput = ActionInput<'meeting.create'>
const meetingInput = (overrides: Partial<MeetingInput> = {}): MeetingInput => ({
  type: 'themedPartyDay',
  title: '十一月主题党日',
  startAt: minutes(10),
  endAt: minutes(70),
  venue: '学校三楼会议室',
  audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: true },
  hostId: 'member-001',
  recorderId: 'member-003',
  agenda: ['学习党的二十届四中全会精神'],
  checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
  publish: true,
  ...overrides,
})

const createMeeting = (overrides: Partial<MeetingInput> = {}) => ok(cloud, secretary, 'meeting.create', meetingInput(overrides))
const attendanceOf = (meetingId: string) => cloud.store.docs('attendance').filter((a) => a.meetingId === meetingId)
const tokenFor = (meetingId: string, slotOffset = 0) => meetingToken(cloud, meetingId, slotOffset)

describe('rotating check-in code', () => {
  it('shows the host a QR code that carries a link to the check-in page, and a live count', async () => {
    const meeting = await createMeeting()
    const code = await ok(cloud, secretary, 'checkin.code', { meetingId: meeting.id })
    expect(code.link).toBe(`${cloud.url}/pages/checkin/index?t=${code.token}`)
    const png = PNG.sync.read(Buffer.from(code.qr.split(',')[1], 'base64'))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(code.link)
    expect(code.expiresInMs).toBeGreaterThan(0)
    expect(code.expiresInMs).toBeLessThanOrEqual(15_000)
    // 20 正式 + 3 预备 in branch 1 are expected at a whole-branch meeting; the host showing the
    // code during the window is one of those present.
    expect(code.counts).toEqual({ expected: 23, checkedIn: 1, late: 0, observers: 0, leave: 0, absent: 22 })
    expect(code.me).toMatchObject({ role: 'expected', status: 'present', method: 'host' })

    const scanned = await ok(cloud, 'demo-member', 'checkin.scan', { token: code.token })
    expect(scanned).toMatchObject({ meetingId: meeting.id, status: 'present', already: false })
    const after = await ok(cloud, secretary, 'checkin.code', { meetingId: meeting.id })
    expect(after.counts.checkedIn).toBe(2)
  })

  it('counts the host present once, logged as such, however many screens poll at once; others running the screen check in with its code', async () => {
    const meeting = await createMeeting({ title: '主持人签到测试' })
    await Promise.all(Array.from({ length: 5 }, () => ok(cloud, secretary, 'checkin.code', { meetingId: meeting.id })))
    expect(attendanceOf(meeting.id)).toEqual([expect.objectContaining({ memberId: 'member-001', status: 'present', method: 'host' })])
    const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    expect(review.corrections).toEqual([expect.objectContaining({ memberName: '李红梅', before: null, after: 'present', reason: '主持人打开签到码，记为到会' })])
    expect(review.rows.find((r) => r.name === '李红梅')).toMatchObject({ status: 'present', method: 'host' })

    // The 组织委员 runs the screen without hosting: not counted until they check in with one tap.
    const screen = await ok(cloud, 'demo-org-committee', 'checkin.code', { meetingId: meeting.id })
    expect(screen.me).toEqual({ role: 'expected', status: null, checkedInAt: null, method: null })
    await ok(cloud, 'demo-org-committee', 'checkin.scan', { token: screen.token })
    expect((await ok(cloud, 'demo-org-committee', 'checkin.code', { meetingId: meeting.id })).me).toMatchObject({ status: 'present', method: 'rotating' })
  })

  it('does not count a host who opens the code before check-in opens', async () => {
    const meeting = await createMeeting({ title: '提前打开签到码', startAt: minutes(120), endAt: minutes(180) })
    expect((await ok(cloud, secretary, 'checkin.code', { meetingId: meeting.id })).me.status).toBeNull()
    expect(attendanceOf(meeting.id)).toHaveLength(0)
  })

  it('answers a second scan with the time of the first', async () => {
    const meeting = await createMeeting()
    const first = await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })
    const again = await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })
    expect(again).toMatchObject({ already: true, checkedInAt: first.checkedInAt, status: 'present' })
  })

  it('keeps one record when the same person scans ten times at once', async () => {
    const meeting = await createMeeting()
    const token = tokenFor(meeting.id)
    const results = await Promise.all(Array.from({ length: 10 }, () => ok(cloud, 'demo-probationary', 'checkin.scan', { token })))
    expect(results.filter((r) => !r.already)).toHaveLength(1)
    expect(new Set(results.map((r) => r.checkedInAt)).size).toBe(1)
    expect(attendanceOf(meeting.id)).toHaveLength(1)
  })

  it('accepts the previous slot and refuses an older one', async () => {
    const meeting = await createMeeting()
    expect((await callAs(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id, -2) })).ok).toBe(false)
    expect(await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id, -1) })).toMatchObject({ already: false })
  })

  it('counts a late arrival as 迟到', async () => {
    const meeting = await createMeeting({ startAt: minutes(-20), endAt: minutes(40) })
    expect(await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })).toMatchObject({ status: 'late' })
  })

  it('records an activist at a branch meeting as 列席', async () => {
    const meeting = await createMeeting()
    expect(await ok(cloud, 'demo-activist', 'checkin.scan', { token: tokenFor(meeting.id) })).toMatchObject({ status: 'observer' })
  })
})

describe('every refusal has its own code and writes no attendance', () => {
  let meeting: { id: string }
  let other: { id: string }
  beforeAll(async () => {
    meeting = await createMeeting()
    other = await createMeeting({ title: '另一场会议' })
  })

  const refusals: Array<[string, () => Promise<{ who: string; input: ActionInput<'checkin.scan'> }>, string]> = [
    ['a forged token', async () => ({ who: 'demo-member', input: { token: tokenFor(meeting.id).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) } }), 'CHECKIN.TOKEN_FORGED'],
    ['garbage', async () => ({ who: 'demo-member', input: { token: 'not-a-token' } }), 'CHECKIN.TOKEN_FORGED'],
    ['an expired token', async () => ({ who: 'demo-member', input: { token: tokenFor(meeting.id, -4) } }), 'CHECKIN.TOKEN_EXPIRED'],
    ['a token from another meeting', async () => ({ who: 'demo-member', input: { token: tokenFor(other.id), meetingId: meeting.id } }), 'CHECKIN.TOKEN_OTHER_MEETING'],
    ['a member of another branch', async () => ({ who: 'demo-branch2-secretary', input: { token: tokenFor(meeting.id) } }), 'AUTH.FORBIDDEN'],
    ['an unbound WeChat user', async () => ({ who: 'demo-newcomer', input: { token: tokenFor(meeting.id) } }), 'AUTH.NOT_BOUND'],
    ['a static code where the meeting does not allow one', async () => ({ who: 'demo-member', input: { scene: `c=${(cloud.store.getDoc('meetings', meeting.id) as unknown as { code: string }).code}` } }), 'CHECKIN.STATIC_NOT_ALLOWED'],
    ['another branch’s printed code, whatever its policy', async () => ({ who: 'demo-branch2-secretary', input: { scene: `c=${(cloud.store.getDoc('meetings', meeting.id) as unknown as { code: string }).code}` } }), 'AUTH.FORBIDDEN'],
    ['another branch’s expired code', async () => ({ who: 'demo-branch2-secretary', input: { token: tokenFor(meeting.id, -4) } }), 'AUTH.FORBIDDEN'],
    ['a broken printed-code scene', async () => ({ who: 'demo-member', input: { scene: 'c%3DAB%' } }), 'CHECKIN.TOKEN_FORGED'],
    ['malformed input', async () => ({ who: 'demo-member', input: { token: tokenFor(meeting.id), scene: 'c=X' } }), 'INPUT.INVALID'],
  ]

  it.each(refusals)('%s', async (_label, make, code) => {
    const { who, input } = await make()
    const result = await callAs(cloud, who, 'checkin.scan', input)
    expect(result).toMatchObject({ ok: false, error: { code } })
    expect(attendanceOf(meeting.id)).toHaveLength(0)
  })

  it('tells someone scanning another branch’s code that the code is another branch’s meeting', async () => {
    const result = await callAs(cloud, 'demo-branch2-secretary', 'checkin.scan', { token: tokenFor(meeting.id) })
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('其他支部') } })
  })

  it('a cancelled meeting', async () => {
    const cancelled = await createMeeting()
    await ok(cloud, secretary, 'meeting.cancel', { meetingId: cancelled.id, reason: '因故改期' })
    const token = tokenFor(cancelled.id)
    expect(await callAs(cloud, 'demo-member', 'checkin.scan', { token })).toMatchObject({ ok: false, error: { code: 'MEETING.CANCELLED' } })
    expect(attendanceOf(cancelled.id)).toHaveLength(0)
  })

  it('a meeting cancelled just after someone checked in, on the instance that served them', async () => {
    const cancelled = await createMeeting()
    await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(cancelled.id) })
    await ok(cloud, secretary, 'meeting.cancel', { meetingId: cancelled.id, reason: '因故改期' })
    expect(await callAs(cloud, 'demo-probationary', 'checkin.scan', { token: tokenFor(cancelled.id) })).toMatchObject({ ok: false, error: { code: 'MEETING.CANCELLED' } })
    expect(attendanceOf(cancelled.id).map((a) => a.memberId)).toEqual(['member-007'])
  })

  it('a meeting moved later just after someone checked in', async () => {
    const moved = await createMeeting()
    await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(moved.id) })
    await ok(cloud, secretary, 'meeting.update', { meetingId: moved.id, startAt: minutes(120), endAt: minutes(180) })
    expect(await callAs(cloud, 'demo-probationary', 'checkin.scan', { token: tokenFor(moved.id) })).toMatchObject({ ok: false, error: { code: 'CHECKIN.NOT_OPEN' } })
    expect(attendanceOf(moved.id).map((a) => a.memberId)).toEqual(['member-007'])
  })

  it('outside the window', async () => {
    const later = await createMeeting({ startAt: minutes(120), endAt: minutes(180) })
    expect(await callAs(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(later.id) })).toMatchObject({ ok: false, error: { code: 'CHECKIN.NOT_OPEN' } })
    const over = await createMeeting({ startAt: minutes(-120), endAt: minutes(-60) })
    expect(await callAs(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(over.id) })).toMatchObject({ ok: false, error: { code: 'CHECKIN.CLOSED' } })
    expect([...attendanceOf(later.id), ...attendanceOf(over.id)]).toHaveLength(0)
  })

  it('not in the audience', async () => {
    const committee = await createMeeting({ type: 'committeeMeeting', audience: { kind: 'committee', groupId: null, memberIds: [], allowObservers: false } })
    expect(await callAs(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(committee.id) })).toMatchObject({ ok: false, error: { code: 'CHECKIN.NOT_IN_AUDIENCE' } })
    expect(attendanceOf(committee.id)).toHaveLength(0)
  })

  it('away from the venue when the meeting has a geofence', async () => {
    const fenced = await createMeeting({ checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: { latitude: 31.2304, longitude: 121.4737, radiusMeters: 200 } } })
    expect(await callAs(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(fenced.id) })).toMatchObject({ ok: false, error: { code: 'CHECKIN.LOCATION_REQUIRED' } })
    expect(await callAs(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(fenced.id), location: { latitude: 31.25, longitude: 121.5 } })).toMatchObject({ ok: false, error: { code: 'CHECKIN.OUT_OF_RANGE' } })
    expect(attendanceOf(fenced.id)).toHaveLength(0)
    expect(await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(fenced.id), location: { latitude: 31.2305, longitude: 121.4738 } })).toMatchObject({ status: 'present' })
    expect(attendanceOf(fenced.id)[0].distanceMeters).toBeLessThan(20)
  })

  it('slows down someone trying codes', async () => {
    for (let i = 0; i < 10; i++) await callAs(cloud, 'demo-group-leader', 'checkin.scan', { token: 'x'.repeat(10) })
    expect(await callAs(cloud, 'demo-group-leader', 'checkin.scan', { token: 'x'.repeat(10) })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  })
})

describe('static code, corrections and the attendance review', () => {
  it('accepts a printed code where the meeting allows one', async () => {
    const meeting = await createMeeting({ checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: true, geofence: null } })
    const link = await ok(cloud, secretary, 'checkin.staticCode', { meetingId: meeting.id })
    const png = PNG.sync.read(Buffer.from(await (await fetch(link.url)).arrayBuffer()))
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
    const scene = new URL(scanned).searchParams.get('scene') as string
    expect(await ok(cloud, 'demo-member', 'checkin.scan', { scene })).toMatchObject({ status: 'present' })
    expect(attendanceOf(meeting.id)[0]).toMatchObject({ method: 'static' })
  })

  it('lets the host correct a record, keeping who, when, before and after', async () => {
    const meeting = await createMeeting({ type: 'generalMeeting', title: '支部党员大会' })
    await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })
    const fixed = await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-008', status: 'present', reason: '手机没电，现场确认' })
    expect(fixed).toMatchObject({ name: '周静', status: 'present', method: 'manual' })
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-008', status: 'late', reason: '核对后为迟到' })
    const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    expect(review.corrections.map((c) => [c.memberName, c.before, c.after, c.byName])).toEqual([
      ['周静', null, 'present', '李红梅'],
      ['周静', 'present', 'late', '李红梅'],
    ])
    expect(review).toMatchObject({ expected: 23, present: 1, late: 1, absent: 21 })
    expect(review.rate).toBeCloseTo(2 / 23, 3)
    // 20 正式党员 vote: 11 needed.
    expect(review.quorum).toEqual({ required: 11, present: 2, base: 20, met: false })
    expect(review.byGroup.map((g) => g.groupName)).toEqual(['第一党小组（语文组）', '第二党小组（数学组）', '第三党小组（综合组）'])
    expect(review.rows.find((r) => r.name === '孙伟')).toMatchObject({ status: 'present', method: 'rotating' })
  })

  it('gives the host’s screen and the attendance review the same numbers, a leave entered by hand included', async () => {
    const meeting = await createMeeting({ title: '数字一致测试' })
    await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })
    await ok(cloud, 'demo-probationary', 'leave.request', { meetingId: meeting.id, reason: '外出培训' })
    await ok(cloud, secretary, 'leave.decide', { meetingId: meeting.id, memberId: 'member-021', approve: true })
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-008', status: 'leave', reason: '家中有事，电话请假' })
    const code = await ok(cloud, secretary, 'checkin.code', { meetingId: meeting.id })
    const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    expect(code.counts).toEqual({ expected: review.expected, checkedIn: review.attended, late: review.late, observers: review.observers, leave: review.leave, absent: review.absent })
    expect(code.counts.leave).toBe(2)
    expect(review.rows.find((r) => r.name === '周静')).toMatchObject({ status: 'leave', leaveReason: '家中有事，电话请假' })
  })

  it('lists the people of the review by 党小组, then by name, as the roster does', async () => {
    const meeting = await createMeeting({ title: '排序测试' })
    const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    const roster = await ok(cloud, secretary, 'roster.list', {})
    expect(review.rows.map((r) => r.name)).toEqual(roster.members.filter((m) => review.rows.some((r) => r.memberId === m.id)).map((m) => m.name))
    expect(review.rows.slice(0, 4).map((r) => r.name)).toEqual(['陈志强', '李红梅', '梁晨', '孙伟'])
  })

  it('logs it when someone marked absent by hand then scans in', async () => {
    const meeting = await createMeeting()
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-007', status: 'absent', reason: '未到' })
    expect(await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })).toMatchObject({ status: 'present', already: false })
    const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    expect(review.corrections.map((c) => [c.byName, c.before, c.after, c.reason])).toEqual([
      ['李红梅', null, 'absent', '未到'],
      ['孙伟', 'absent', 'present', '本人扫码签到'],
    ])
  })

  it('logs one arrival when someone marked absent scans twenty times at once, and keeps the first time', async () => {
    const meeting = await createMeeting()
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-007', status: 'absent', reason: '未到' })
    // Twenty instances up first (the cloud's provisioned concurrency), so the code is still current
    // when the last scan runs on a busy machine.
    await cloud.runner.provision('checkin', 20)
    const token = tokenFor(meeting.id)
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ok(cloud, 'demo-member', 'checkin.scan', { token })))
    expect(results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))).toEqual([])
    const answers = results.map((r) => (r.status === 'fulfilled' ? r.value : null))
    const arrived = answers.filter((a) => a && !a.already)
    expect(arrived).toHaveLength(1)
    expect(new Set(answers.map((a) => a?.checkedInAt))).toEqual(new Set([arrived[0]?.checkedInAt]))
    const log = cloud.store.docs('attendanceLog').filter((l) => l.meetingId === meeting.id)
    expect(log.map((l) => [l.before, l.after])).toEqual([
      [null, 'absent'],
      ['absent', 'present'],
    ])
    const [record] = attendanceOf(meeting.id)
    expect(new Date(record.checkedInAt as string).toISOString()).toBe(arrived[0]?.checkedInAt)
  })

  it('refuses corrections and reviews to an ordinary member', async () => {
    const meeting = await createMeeting()
    expect(await callAs(cloud, 'demo-member', 'checkin.manual', { meetingId: meeting.id, memberId: 'member-007', status: 'present', reason: '我来了' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-member', 'attendance.meeting', { meetingId: meeting.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-member', 'checkin.code', { meetingId: meeting.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})
