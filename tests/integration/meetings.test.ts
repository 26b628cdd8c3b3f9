import type { ActionInput } from '../../shared/api/contract'
import { tokenSlot } from '../../shared/domain/checkin-code'
import { signToken } from '../../cloudfunctions/_lib/checkin-token'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok, readXlsx, upload } from '../support/api'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString()
const meetingInput = (overrides: Partial<ActionInput<'meeting.create'>> = {}): ActionInput<'meeting.create'> => ({
  type: 'partyLecture',
  title: '专题党课：新时代教育家精神',
  startAt: minutes(60),
  endAt: minutes(120),
  venue: '报告厅',
  audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: true },
  hostId: 'member-001',
  recorderId: 'member-003',
  agenda: ['专题党课', '交流研讨'],
  checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
  publish: true,
  ...overrides,
})
const tokenFor = (meetingId: string) => signToken(cloud.store.getDoc('meetings', meetingId) as unknown as { _id: string; secret: string }, tokenSlot(new Date()))

describe('meetings', () => {
  it('shows members their upcoming meetings, and drafts only to those who manage them', async () => {
    const published = await ok(cloud, secretary, 'meeting.create', meetingInput())
    const draft = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '草稿会议', publish: false }))
    const mine = await ok(cloud, 'demo-member', 'meeting.listMine', {})
    expect(mine.upcoming.map((m) => m.id)).toContain(published.id)
    expect(mine.upcoming.map((m) => m.id)).not.toContain(draft.id)
    expect(await callAs(cloud, 'demo-member', 'meeting.get', { meetingId: draft.id })).toMatchObject({ ok: false, error: { code: 'MEETING.NOT_FOUND' } })
    await ok(cloud, secretary, 'meeting.publish', { meetingId: draft.id })
    expect((await ok(cloud, 'demo-member', 'meeting.listMine', {})).upcoming.map((m) => m.id)).toContain(draft.id)
    // Another branch sees none of it.
    expect((await ok(cloud, 'demo-branch2-secretary', 'meeting.listMine', {})).upcoming).toEqual([])
  })

  it('lets a group leader run their own group meeting and nothing else', async () => {
    const group = { kind: 'group' as const, groupId: 'group-1-1', memberIds: [], allowObservers: false }
    const own = await ok(cloud, 'demo-group-leader', 'meeting.create', meetingInput({ type: 'groupMeeting', title: '第一党小组会', audience: group, hostId: 'member-004', recorderId: null }))
    expect(own.canManage).toBe(true)
    expect(await callAs(cloud, 'demo-group-leader', 'meeting.create', meetingInput({ type: 'groupMeeting', audience: { ...group, groupId: 'group-1-2' } }))).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-group-leader', 'meeting.create', meetingInput())).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-member', 'meeting.create', meetingInput())).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('does not let a group leader widen their group meeting to the branch', async () => {
    const group = { kind: 'group' as const, groupId: 'group-1-1', memberIds: [], allowObservers: false }
    const own = await ok(cloud, 'demo-group-leader', 'meeting.create', meetingInput({ type: 'groupMeeting', title: '第一党小组会', audience: group, hostId: 'member-004', recorderId: null }))
    expect(await callAs(cloud, 'demo-group-leader', 'meeting.update', { meetingId: own.id, audience: { ...group, kind: 'branch' } })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await ok(cloud, secretary, 'meeting.get', { meetingId: own.id })).audience.kind).toBe('group')
  })

  it('keeps the minutes of a 支委会 to the committee', async () => {
    const committee = await ok(cloud, secretary, 'meeting.create', meetingInput({ type: 'committeeMeeting', title: '十一月支委会', audience: { kind: 'committee', groupId: null, memberIds: [], allowObservers: false } }))
    expect(await callAs(cloud, 'demo-member', 'attendance.minutes', { meetingId: committee.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await callAs(cloud, 'demo-publicity', 'attendance.minutes', { meetingId: committee.id })).ok).toBe(true)
  })

  it('validates times and people', async () => {
    expect(await callAs(cloud, secretary, 'meeting.create', meetingInput({ endAt: minutes(30) }))).toMatchObject({ ok: false, error: { code: 'MEETING.TIME_INVALID' } })
    expect(await callAs(cloud, secretary, 'meeting.create', meetingInput({ hostId: 'member-027' }))).toMatchObject({ ok: false, error: { code: 'ROSTER.MEMBER_NOT_FOUND' } })
    expect(await callAs(cloud, secretary, 'meeting.create', meetingInput({ title: 'x', startAt: 'tomorrow' }))).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { title: '会议名称至少 2 个字', startAt: '时间格式不正确' } },
    })
  })
})

describe('leave and make-up', () => {
  it('runs request → approval → inbox → make-up, and counts the absence as leave', async () => {
    const meeting = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '请假测试会议' }))
    const asked = await ok(cloud, 'demo-member', 'leave.request', { meetingId: meeting.id, reason: '带学生参加区运动会' })
    expect(asked.status).toBe('pending')
    expect(await callAs(cloud, 'demo-member', 'leave.request', { meetingId: meeting.id, reason: '再请一次' })).toMatchObject({ ok: false, error: { code: 'LEAVE.EXISTS' } })
    expect(await callAs(cloud, 'demo-member', 'leave.decide', { meetingId: meeting.id, memberId: 'member-007', approve: true })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })

    const pending = await ok(cloud, 'demo-org-committee', 'leave.listPending', {})
    expect(pending).toEqual([expect.objectContaining({ meetingId: meeting.id, memberName: '孙伟', reason: '带学生参加区运动会' })])
    await ok(cloud, 'demo-org-committee', 'leave.decide', { meetingId: meeting.id, memberId: 'member-007', approve: true, comment: '同意，会后补学' })
    expect(await callAs(cloud, secretary, 'leave.decide', { meetingId: meeting.id, memberId: 'member-007', approve: false })).toMatchObject({ ok: false, error: { code: 'LEAVE.NOT_PENDING' } })

    const inbox = await ok(cloud, 'demo-member', 'inbox.list', {})
    expect(inbox.unread).toBe(1)
    expect(inbox.messages[0]).toMatchObject({ kind: 'leaveDecided', title: '请假已批准' })
    expect(inbox.messages[0].body).toContain('同意，会后补学')
    expect(await ok(cloud, 'demo-member', 'inbox.markRead', { ids: [inbox.messages[0].id] })).toEqual({ unread: 0 })

    const [makeup] = await ok(cloud, 'demo-member', 'leave.makeups', { scope: 'mine' })
    expect(makeup).toMatchObject({ meetingId: meeting.id, status: 'open' })
    expect(await callAs(cloud, 'demo-member', 'leave.completeMakeup', { makeupId: makeup.id, note: '太短' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    await ok(cloud, 'demo-member', 'leave.completeMakeup', { makeupId: makeup.id, note: '已阅读党课讲稿，重点学习了教育家精神的六个方面。' })
    const branchView = await ok(cloud, secretary, 'leave.makeups', { scope: 'branch' })
    expect(branchView.find((m) => m.id === makeup.id)).toMatchObject({ status: 'done', memberName: '孙伟' })

    const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    expect(review.rows.find((r) => r.name === '孙伟')).toMatchObject({ status: 'leave', leaveReason: '带学生参加区运动会' })
    expect(review.leave).toBe(1)

    // All of it is in what the app holds about him.
    const mine = await ok(cloud, 'demo-member', 'member.exportMine', {})
    expect(mine.leaveRequests).toContainEqual(expect.objectContaining({ meetingTitle: '请假测试会议', reason: '带学生参加区运动会', status: 'approved' }))
    expect(mine.makeups).toContainEqual(expect.objectContaining({ meetingTitle: '请假测试会议', status: 'done' }))
    expect(mine.inbox).toContainEqual(expect.objectContaining({ title: '请假已批准', read: true }))
  })

  it('lets a group leader decide leave for their own group meeting', async () => {
    const meeting = await ok(cloud, 'demo-group-leader', 'meeting.create', meetingInput({ type: 'groupMeeting', title: '第一党小组学习会', audience: { kind: 'group', groupId: 'group-1-1', memberIds: [], allowObservers: false }, hostId: 'member-004', recorderId: null }))
    await ok(cloud, 'demo-probationary', 'leave.request', { meetingId: meeting.id, reason: '家中有事' })
    expect((await ok(cloud, 'demo-group-leader', 'leave.decide', { meetingId: meeting.id, memberId: 'member-021', approve: false, comment: '请尽量参加' })).status).toBe('rejected')
  })

  it('completes a 补学 once when it is sent five times at once, keeping the note that won', async () => {
    const makeupId = 'makeup-race'
    await cloud.store.commit([
      { coll: 'makeups', id: makeupId, doc: { _id: makeupId, meetingId: 'none', memberId: 'member-007', branchId: 'branch-mingde-1', status: 'open', note: null, createdAt: new Date(), completedAt: null } },
    ])
    const notes = Array.from({ length: 5 }, (_x, i) => `第${i + 1}份补学心得：已阅读会议材料并写下体会。`)
    const results = await Promise.all(notes.map((note) => callAs(cloud, 'demo-member', 'leave.completeMakeup', { makeupId, note })))
    const won = results.flatMap((r) => (r.ok ? [r.data] : []))
    expect(won).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(4).fill('MAKEUP.DONE'))
    expect(cloud.store.getDoc('makeups', makeupId)).toMatchObject({ status: 'done', note: won[0].note })
    expect(await callAs(cloud, 'demo-member', 'leave.completeMakeup', { makeupId, note: notes[0] })).toMatchObject({ ok: false, error: { code: 'MAKEUP.DONE' } })
  })

  it('refuses leave after the start', async () => {
    const started = await ok(cloud, secretary, 'meeting.create', meetingInput({ startAt: minutes(-5), endAt: minutes(55) }))
    expect(await callAs(cloud, 'demo-member', 'leave.request', { meetingId: started.id, reason: '临时有事' })).toMatchObject({ ok: false, error: { code: 'LEAVE.TOO_LATE' } })
  })
})

describe('minutes and the exported sheet', () => {
  it('keeps the record entered by the 记录人 and exports both 台账 pages', async () => {
    const meeting = await ok(cloud, secretary, 'meeting.create', meetingInput({ type: 'generalMeeting', title: '十一月支部党员大会', startAt: minutes(-10), endAt: minutes(50) }))
    await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(meeting.id) })
    await ok(cloud, 'demo-probationary', 'checkin.scan', { token: tokenFor(meeting.id) })
    expect(await callAs(cloud, 'demo-member', 'attendance.saveMinutes', { meetingId: meeting.id, topics: [], content: 'x', decisions: '', photos: [] })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const elsewhere = await cloud.storage.store('exports/other.xlsx', Buffer.from('x'))
    expect(await callAs(cloud, 'demo-publicity', 'attendance.saveMinutes', { meetingId: meeting.id, topics: [], content: '', decisions: '', photos: [elsewhere as string] })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const photo = await upload(cloud, 'demo-publicity', Buffer.from('jpeg'), meeting.id)
    const saved = await ok(cloud, 'demo-publicity', 'attendance.saveMinutes', {
      meetingId: meeting.id,
      topics: ['传达学习上级会议精神', '讨论发展对象'],
      content: '李红梅同志传达了会议精神。',
      decisions: '同意将许诺同志列为发展对象。',
      photos: [photo],
    })
    expect(saved).toMatchObject({ recordedBy: '王丽', canEdit: true })
    expect(saved.photos[0].url).toMatch(/^http/)

    const link = await ok(cloud, secretary, 'attendance.exportSheet', { meetingId: meeting.id })
    expect(link.fileName).toMatch(/十一月支部党员大会签到表\.xlsx$/)
    const content = Buffer.from(await (await fetch(link.url)).arrayBuffer())
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(content as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('签到表')!
    expect(String(sheet.getCell('A1').value)).toContain('十一月支部党员大会签到表（支部党员大会')
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '姓名', '党小组', '类别', '签到时间', '状态', '备注'])
    const rows = (await readXlsx(content)).slice(2)
    const sun = rows.find((r) => r[1] === '孙伟')!
    expect(sun.slice(2, 4)).toEqual(['第一党小组（语文组）', '正式党员'])
    expect(sun[4]).toMatch(/^\d{2}:\d{2}$/)
    expect(sun[5]).toBe('迟到')
    expect(rows.find((r) => r[1] === '李红梅')?.[5]).toBe('缺席')
    const record = book.getWorksheet('会议记录')!
    const value = (label: string) => record.getRows(2, 20)?.find((r) => r.getCell(1).value === label)?.getCell(2).value
    expect(value('主持人')).toBe('李红梅')
    expect(value('记录人')).toBe('王丽')
    expect(value('应到')).toBe(23)
    expect(value('实到')).toBe(2)
    expect(String(value('议题'))).toBe('1. 传达学习上级会议精神\n2. 讨论发展对象')
    expect(String(value('内容与决议'))).toContain('决议：同意将许诺同志列为发展对象。')
    expect(String(value('法定人数'))).toBe('未达到（应到有表决权 20 人，实到 1 人，需 11 人）')
  })
})

describe('review over time', () => {
  it('shows one member their attendance over a period', async () => {
    const view = await ok(cloud, 'demo-member', 'attendance.member', { from: minutes(-24 * 60), to: minutes(24 * 60) })
    expect(view.member.name).toBe('孙伟')
    expect(view.expected).toBeGreaterThan(0)
    expect(view.attended + view.leave + view.absent).toBe(view.expected)
    expect(await callAs(cloud, 'demo-member', 'attendance.member', { memberId: 'member-001', from: minutes(-60), to: minutes(60) })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('flags members with no organisational life for 3 and 6 months', async () => {
    const longAgo = new Date(Date.now() - 300 * 24 * 3600_000)
    await cloud.store.commit([
      { coll: 'members', id: 'member-019', doc: { ...(cloud.store.getDoc('members', 'member-019') as object), createdAt: longAgo } as never },
    ])
    const flagged = await ok(cloud, secretary, 'attendance.inactive', {})
    const liang = flagged.find((m) => m.name === '梁晨')
    expect(liang).toMatchObject({ level: 6, lastAttendedAt: null })
    expect(liang!.months).toBeGreaterThanOrEqual(6)
    // Someone who checked in this month is not flagged.
    expect(flagged.some((m) => m.name === '孙伟')).toBe(false)
  })
})
