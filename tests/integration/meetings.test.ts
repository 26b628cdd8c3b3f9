import type { ActionInput } from '../../shared/api/contract'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok, readXlsx, upload } from '../support/api'
import { hoursAgo, inMinutes as minutes, meetingToken, moveMeeting } from '../support/meetings'
import { addCalendar, hourMs } from '../../shared/domain/time'
import { myDataSheets } from '../support/my-data'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
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
const tokenFor = (meetingId: string) => meetingToken(cloud, meetingId)

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
    expect(await callAs(cloud, 'demo-member', 'minutes.get', { meetingId: committee.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await callAs(cloud, 'demo-publicity', 'minutes.get', { meetingId: committee.id })).ok).toBe(true)
  })

  it('shows a meeting as saved the moment the save returns', async () => {
    const meeting = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '改期测试会议' }))
    await ok(cloud, secretary, 'meeting.get', { meetingId: meeting.id })
    const startAt = minutes(180)
    await ok(cloud, secretary, 'meeting.update', { meetingId: meeting.id, venue: '三楼阶梯教室', startAt, endAt: minutes(240) })
    for (const who of [secretary, 'demo-member', secretary]) {
      expect(await ok(cloud, who, 'meeting.get', { meetingId: meeting.id })).toMatchObject({ venue: '三楼阶梯教室', startAt: new Date(startAt).toISOString() })
    }
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

describe('what the members expected are told', () => {
  const noticesOf = async (openid: string, meetingId: string) =>
    (await ok(cloud, openid, 'inbox.list', {})).messages.filter((m) => m.link === `pages/meeting/index?id=${meetingId}`).map((m) => ({ kind: m.kind, title: m.title, body: m.body }))

  it('puts publishing, a new time or place, and cancelling in the inbox of everyone expected', async () => {
    const meeting = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '通知测试党课', audience: { kind: 'group', groupId: 'group-1-1', memberIds: [], allowObservers: true } }))
    const published = await noticesOf('demo-member', meeting.id)
    expect(published).toEqual([{ kind: 'meetingPublished', title: '会议通知：通知测试党课', body: expect.stringContaining('在报告厅召开') }])
    // Not the secretary who published it, nor an activist who may only observe, nor another group.
    expect(await noticesOf(secretary, meeting.id)).toEqual([])
    expect(await noticesOf('demo-activist', meeting.id)).toEqual([])
    expect(await noticesOf('demo-org-committee', meeting.id)).toEqual([])

    // A new title alone is no news; a new place is.
    await ok(cloud, secretary, 'meeting.update', { meetingId: meeting.id, title: '通知测试党课（第二讲）' })
    expect(await noticesOf('demo-member', meeting.id)).toHaveLength(1)
    await ok(cloud, secretary, 'meeting.update', { meetingId: meeting.id, venue: '图书馆二楼' })
    const moved = (await noticesOf('demo-member', meeting.id))[0]
    expect(moved).toMatchObject({ kind: 'meetingChanged', title: '会议变更：通知测试党课（第二讲）' })
    expect(moved.body).toContain('地点改为图书馆二楼（原定报告厅）')
    await ok(cloud, secretary, 'meeting.update', { meetingId: meeting.id, startAt: minutes(90), endAt: minutes(150) })
    expect((await noticesOf('demo-probationary', meeting.id))[0]).toMatchObject({ kind: 'meetingChanged', body: expect.stringMatching(/时间改为 .*（原定 /) })

    await ok(cloud, secretary, 'meeting.cancel', { meetingId: meeting.id, reason: '与区教研活动冲突' })
    const all = await noticesOf('demo-member', meeting.id)
    expect(all.map((n) => n.kind)).toEqual(['meetingCancelled', 'meetingChanged', 'meetingChanged', 'meetingPublished'])
    expect(all[0].body).toContain('原因：与区教研活动冲突')
    // A meeting that did not take place has no sheet for the 台账.
    expect(await callAs(cloud, secretary, 'attendance.exportSheet', { meetingId: meeting.id })).toMatchObject({ ok: false, error: { code: 'MEETING.CANCELLED' } })
  })

  it('announces a draft once, when it is published, and says nothing of a cancelled draft', async () => {
    const draft = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '草稿通知测试', publish: false }))
    expect(await noticesOf('demo-member', draft.id)).toEqual([])
    await Promise.all([ok(cloud, secretary, 'meeting.publish', { meetingId: draft.id }), ok(cloud, secretary, 'meeting.publish', { meetingId: draft.id })])
    expect((await noticesOf('demo-member', draft.id)).map((n) => n.kind)).toEqual(['meetingPublished'])
    const never = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '未发布即取消', publish: false }))
    await ok(cloud, secretary, 'meeting.cancel', { meetingId: never.id, reason: '不开了' })
    expect(await noticesOf('demo-member', never.id)).toEqual([])
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
    // Besides the publish notices of the meetings they are expected at, one leave decision.
    const decided = inbox.messages.filter((m) => m.kind === 'leaveDecided')
    expect(decided).toHaveLength(1)
    expect(decided[0]).toMatchObject({ title: '请假已批准', read: false })
    expect(decided[0].body).toContain('同意，会后补学')
    expect(await ok(cloud, 'demo-member', 'inbox.markRead', { ids: [decided[0].id] })).toEqual({ unread: inbox.unread - 1 })
    expect(await ok(cloud, 'demo-member', 'inbox.unread', {})).toEqual({ unread: inbox.unread - 1 })
    // 全部标为已读 clears the badge of the one who taps it, and no one else's.
    const othersUnread = (await ok(cloud, 'demo-probationary', 'inbox.unread', {})).unread
    expect(othersUnread).toBeGreaterThan(0)
    expect(await ok(cloud, 'demo-member', 'inbox.markAllRead', {})).toEqual({ unread: 0 })
    expect(await ok(cloud, 'demo-member', 'inbox.unread', {})).toEqual({ unread: 0 })
    expect((await ok(cloud, 'demo-member', 'inbox.list', {})).messages.every((m) => m.read)).toBe(true)
    expect(await ok(cloud, 'demo-probationary', 'inbox.unread', {})).toEqual({ unread: othersUnread })

    const [makeup] = await ok(cloud, 'demo-member', 'leave.makeups', { scope: 'mine' })
    expect(makeup).toMatchObject({ meetingId: meeting.id, status: 'open', meetingEndAt: meeting.endAt, minutes: { topics: ['专题党课', '交流研讨'], content: '', recorded: false } })
    expect(await callAs(cloud, 'demo-member', 'leave.completeMakeup', { makeupId: makeup.id, note: '太短' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    // Nothing to study before the meeting took place.
    const early = await callAs(cloud, 'demo-member', 'leave.completeMakeup', { makeupId: makeup.id, note: '已阅读党课讲稿，重点学习了教育家精神。' })
    expect(early).toMatchObject({ ok: false, error: { code: 'MAKEUP.NOT_YET', message: expect.stringMatching(/^会议结束后才能补学（.+以后）$/) } })
    // The meeting took place (an hour ago) and its 记录人 saved the record: the member reads it.
    await moveMeeting(cloud, meeting.id, hoursAgo(2), hoursAgo(1))
    await ok(cloud, 'demo-publicity', 'minutes.save', { meetingId: meeting.id, topics: ['专题党课'], content: '李红梅讲授专题党课。', decisions: '各党小组开展交流。', photos: [] })
    expect((await ok(cloud, 'demo-member', 'leave.makeups', { scope: 'mine' }))[0].minutes).toEqual({ topics: ['专题党课'], content: '李红梅讲授专题党课。', decisions: '各党小组开展交流。', recorded: true })
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

    // And as a file anyone can open: a sheet per section, all in Chinese.
    const file = await ok(cloud, 'demo-member', 'member.exportMineFile', {})
    expect(file.fileName).toMatch(/^我的数据（\d{4}年\d{1,2}月\d{1,2}日）\.xlsx$/)
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await (await fetch(file.url)).arrayBuffer()) as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual(myDataSheets)
    const text = (name: string) => {
      const lines: string[] = []
      book.getWorksheet(name)!.eachRow((row) => lines.push((row.values as unknown[]).slice(1).join(' | ')))
      return lines
    }
    expect(text('个人信息')).toContain('姓名 | 孙伟')
    expect(text('请假')[0]).toBe('会议 | 事由 | 状态 | 审批意见 | 申请时间')
    expect(text('请假').some((l) => l.startsWith('请假测试会议 | 带学生参加区运动会 | 已批准 | 同意，会后补学 | '))).toBe(true)
    expect(text('补学').some((l) => l.startsWith('请假测试会议 | 已完成 | 已阅读党课讲稿'))).toBe(true)
    const everything = book.worksheets.flatMap((w) => text(w.name)).join('\n')
    expect(everything).not.toMatch(/OPENID|JSON|approved|present|rotating/)
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
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: 'member-008', status: 'leave', reason: '外出培训，已向书记报备' })
    expect(await callAs(cloud, 'demo-member', 'minutes.save', { meetingId: meeting.id, topics: [], content: 'x', decisions: '', photos: [] })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const elsewhere = await cloud.storage.store('exports/other.xlsx', Buffer.from('x'))
    expect(await callAs(cloud, 'demo-publicity', 'minutes.save', { meetingId: meeting.id, topics: [], content: '', decisions: '', photos: [elsewhere as string] })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    const photo = await upload(cloud, 'demo-publicity', Buffer.from('jpeg'), meeting.id)
    const saved = await ok(cloud, 'demo-publicity', 'minutes.save', {
      meetingId: meeting.id,
      topics: ['传达学习上级会议精神', '讨论发展对象'],
      content: '李红梅同志传达了会议精神。',
      decisions: '同意将许诺同志列为发展对象。',
      photos: [photo],
    })
    expect(saved).toMatchObject({ recordedBy: '王丽', canEdit: true })
    expect(saved.photos[0].url).toMatch(/^http/)

    const exported = async () => {
      const link = await ok(cloud, secretary, 'attendance.exportSheet', { meetingId: meeting.id })
      expect(link.fileName).toMatch(/十一月支部党员大会签到表\.xlsx$/)
      const content = Buffer.from(await (await fetch(link.url)).arrayBuffer())
      const ExcelJS = (await import('exceljs')).default
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(content as unknown as ArrayBuffer)
      const record = book.getWorksheet('会议记录')!
      const value = (label: string) => record.getRows(2, 20)?.find((r) => r.getCell(1).value === label)?.getCell(2).value
      return { book, rows: (await readXlsx(content)).slice(2).filter((r) => typeof r[0] === 'number'), value }
    }

    // Exported while the meeting runs: the app's words, and no verdict on the quorum yet.
    const running = await exported()
    const sheet = running.book.getWorksheet('签到表')!
    expect(String(sheet.getCell('A1').value)).toContain('十一月支部党员大会签到表（支部党员大会')
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '姓名', '党小组', '类别', '签到时间', '状态', '备注', '签名'])
    const sun = running.rows.find((r) => r[1] === '孙伟')!
    expect(sun.slice(2, 4)).toEqual(['第一党小组（语文组）', '正式党员'])
    expect(sun[4]).toMatch(/^\d{2}:\d{2}$/)
    expect(sun[5]).toBe('迟到')
    expect(running.rows.find((r) => r[1] === '李红梅')?.[5]).toBe('未签到')
    // A leave entered by hand keeps its reason.
    expect(running.rows.find((r) => r[1] === '周静')?.slice(5, 7)).toEqual(['请假', '请假：外出培训，已向书记报备'])
    // By 党小组 in the branch's order, then by name as the roster lists them.
    const roster = await ok(cloud, secretary, 'roster.list', {})
    const expectedOrder = roster.members.filter((m) => running.rows.some((r) => r[1] === m.name)).map((m) => m.name)
    expect(running.rows.map((r) => r[1])).toEqual(expectedOrder)
    expect(running.rows.slice(0, 3).map((r) => r[1])).toEqual(['陈志强', '李红梅', '梁晨'])
    expect(running.value('主持人')).toBe('李红梅')
    expect(running.value('记录人')).toBe('王丽')
    expect(running.value('应到')).toBe(23)
    expect(running.value('实到')).toBe(2)
    expect(String(running.value('议题'))).toBe('1. 传达学习上级会议精神\n2. 讨论发展对象')
    expect(String(running.value('内容与决议'))).toContain('决议：同意将许诺同志列为发展对象。')
    expect(String(running.value('法定人数'))).toBe('法定人数尚未确定（会议结束时确定）：有表决权的正式党员共 20 人，需超过半数（至少 11 人）到会，已到 1 人')

    // Once it is over, whoever did not come is 缺席 and the quorum is decided.
    await moveMeeting(cloud, meeting.id, hoursAgo(2), hoursAgo(1))
    const over = await exported()
    expect(over.rows.find((r) => r[1] === '李红梅')?.[5]).toBe('缺席')
    expect(String(over.value('法定人数'))).toBe('未达到法定人数：有表决权的正式党员共 20 人，需超过半数（至少 11 人）到会，已到 1 人')
    expect(String(over.value('缺席人员及原因'))).toContain('周静（请假：外出培训，已向书记报备）')
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

  it('flags members with no organisational life for 3 and 6 months, counting from what the records show', async () => {
    // A branch meeting held 200 days ago; 梁晨 was on the roster then, the others joined since.
    const old = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '半年前的党员大会' }))
    const heldAt = addCalendar(Date.now(), -200, 'day')
    await moveMeeting(cloud, old.id, heldAt, new Date(heldAt.getTime() + hourMs))
    await cloud.store.commit([
      { coll: 'members', id: 'member-019', doc: { ...(cloud.store.getDoc('members', 'member-019') as object), createdAt: addCalendar(Date.now(), -300, 'day') } as never },
      { coll: 'members', id: 'member-010', doc: { ...(cloud.store.getDoc('members', 'member-010') as object), createdAt: addCalendar(Date.now(), -30, 'day') } as never },
    ])
    // And one held an hour ago, which 孙伟 came to.
    const recent = await ok(cloud, secretary, 'meeting.create', meetingInput({ title: '刚开过的党员大会', startAt: minutes(-20), endAt: minutes(40) }))
    await ok(cloud, 'demo-member', 'checkin.scan', { token: tokenFor(recent.id) })
    await moveMeeting(cloud, recent.id, hoursAgo(2), hoursAgo(1))
    const { members, checked } = await ok(cloud, secretary, 'attendance.inactive', {})
    const liang = members.find((m) => m.name === '梁晨')
    expect(liang).toMatchObject({ level: 6, lastAttendedAt: null, since: heldAt.toISOString() })
    expect(liang!.months).toBeGreaterThanOrEqual(6)
    expect(liang!.missed).toBeGreaterThanOrEqual(1)
    // Someone who came to a meeting this month is not listed.
    expect(members.some((m) => m.name === '孙伟')).toBe(false)
    // 郑雪 joined a month ago and has missed only meetings since: listed as never having
    // attended, not as 3 or 6 months away; the old meeting is not held against her.
    const zheng = members.find((m) => m.name === '郑雪')!
    expect(zheng).toMatchObject({ level: null, lastAttendedAt: null })
    expect(zheng.missed).toBeGreaterThanOrEqual(1)
    expect(Date.parse(zheng.since)).toBeGreaterThan(addCalendar(Date.now(), -31, 'day').getTime())
    // The page can say what the judgement rests on.
    expect(checked.from).toBe(heldAt.toISOString())
    expect(checked.meetings).toBeGreaterThanOrEqual(2)
  })
})
