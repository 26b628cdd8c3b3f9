import { main } from '../../cloudfunctions/meeting/index'
import type { MeetingView } from '../../shared/api/contract'
import type { MemberDoc } from '../../shared/domain/documents'
import { historyColumns, parseClock, planHistoryImport, type HistoryPlan } from '../../shared/domain/history-import'
import type { SheetRow } from '../../shared/domain/roster-import'
import type { Result } from '../../shared/errors'
import { MemoryDb } from '../support/memory-db'

const now = new Date('2026-03-10T10:00:00+08:00')
const members = [
  { id: 'm1', name: '李红梅', category: 'full' },
  { id: 'm2', name: '张伟', category: 'full' },
  { id: 'm3', name: '王芳', category: 'probationary' },
  { id: 'm4', name: '刘洋', category: 'activist' },
  { id: 'm5', name: '陈静', category: 'full' },
  { id: 'm6', name: '陈静', category: 'full' },
]
const groups = [{ id: 'g1', name: '第一党小组' }]
const header = historyColumns.map((c) => c.title)
const row = (n: number, values: Partial<Record<(typeof historyColumns)[number]['key'], string | number | Date>>): SheetRow => ({ row: n, cells: historyColumns.map((c) => values[c.key] ?? null) })
const plan = (rows: SheetRow[]) => planHistoryImport(header, rows, { members, groups, now }) as HistoryPlan

const good = { date: '2025-03-05', start: '15:30', end: '16:30', type: '支部党员大会', title: '学习全会精神', venue: '三楼会议室', host: '李红梅', recorder: '张伟', present: '李红梅、张伟', late: '王芳', agenda: '1. 传达精神；2. 讨论' }

describe('a 补录 sheet', () => {
  it('plans each row as a held meeting with who came, came late, was on leave or sat in', () => {
    const p = plan([row(2, good), row(3, {}), row(4, { ...good, date: '2025/4/9', type: '党小组会', audience: '第一党小组', subject: '师德师风建设专题', present: '张伟', late: '', leave: '王芳', observer: '刘洋', host: '', recorder: '', agenda: '' })])
    expect(p.errors).toEqual([])
    expect(p.rows).toBe(2)
    expect(p.meetings[0]).toMatchObject({
      row: 2,
      type: 'generalMeeting',
      subject: null,
      startAt: new Date('2025-03-05T15:30:00+08:00'),
      endAt: new Date('2025-03-05T16:30:00+08:00'),
      audience: { kind: 'branch', groupId: null },
      hostId: 'm1',
      recorderId: 'm2',
      agenda: ['传达精神', '讨论'],
      attendance: [
        { memberId: 'm1', status: 'present' },
        { memberId: 'm2', status: 'present' },
        { memberId: 'm3', status: 'late' },
      ],
    })
    expect(p.meetings[1]).toMatchObject({ type: 'groupMeeting', subject: '师德师风建设', audience: { kind: 'group', groupId: 'g1' }, attendance: [{ memberId: 'm2', status: 'present' }, { memberId: 'm3', status: 'leave' }, { memberId: 'm4', status: 'observer' }] })
  })

  it('reports every bad row as 第N行 with each reason, and plans nothing from it', () => {
    const p = plan([
      row(2, { ...good, date: '2025-02-30' }),
      row(3, { ...good, type: '座谈会', present: '赵六' }),
      row(4, { ...good, start: '17:00' }),
      row(5, { ...good, date: '2026-03-11' }),
      row(6, { ...good, present: '陈静' }),
      row(7, { ...good, late: '张伟' }),
      row(8, { ...good, type: '党小组会' }),
      row(9, { ...good, type: '党总支委员会' }),
      row(10, good),
      row(11, good),
    ])
    expect(p.meetings.map((m) => m.row)).toEqual([10])
    expect(p.errors).toEqual([
      { row: 2, message: '日期“2025-02-30”无法识别（例：2025-03-05）' },
      { row: 3, message: expect.stringMatching(/^会议类型“座谈会”无法识别（可填：支部党员大会、.*）；出席人员“赵六”不在花名册中$/) },
      { row: 4, message: '结束时间应晚于开始时间' },
      { row: 5, message: '补录只能录入已经结束的会议' },
      { row: 6, message: '出席人员“陈静”在花名册中有同名的人，请在花名册中区分后再导入' },
      { row: 7, message: '“张伟”同时出现在“出席”和“迟到”中' },
      { row: 8, message: '党小组会请在“参会范围”填写党小组名称' },
      { row: 9, message: expect.stringMatching(/^会议类型“党总支委员会”无法识别/) },
      { row: 11, message: '与第10行是同一次会议（同一时间、同一类型）' },
    ])
  })

  it('says which columns a sheet lacks', () => {
    expect(planHistoryImport(['日期', '会议名称'], [], { members, groups, now })).toEqual({ headerMissing: ['开始时间', '结束时间', '会议类型', '地点', '出席'] })
  })

  it('reads times as people and Excel write them', () => {
    expect([parseClock('15:30'), parseClock('15：30'), parseClock('8点'), parseClock('1530'), parseClock(0.6875), parseClock(new Date(Date.UTC(1899, 11, 30, 16, 5))), parseClock('25:00')]).toEqual(['15:30', '15:30', '08:00', '15:30', '16:30', '16:05', null])
  })
})

describe('meeting.backfill', () => {
  const t0 = new Date('2025-01-01T00:00:00+08:00')
  const doc = (id: string, name: string, positions: MemberDoc['positions'] = []): MemberDoc => ({ _id: id, branchId: 'b1', groupId: null, name, category: 'full', positions, phone: `1380000000${id.slice(1)}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: t0, updatedAt: t0 })
  const world = () =>
    new MemoryDb({
      branches: [{ _id: 'b1', orgId: 'o1', name: '第一党支部', inviteCode: 'ABCD' }],
      members: [doc('m1', '李红梅', ['secretary']), doc('m2', '张伟'), doc('m3', '王芳')],
      bindings: [
        { _id: 'secretary', memberId: 'm1', branchId: 'b1', boundAt: t0 },
        { _id: 'member', memberId: 'm2', branchId: 'b1', boundAt: t0 },
      ],
    })
  const input = {
    type: 'orgLifeMeeting' as const,
    subject: '警示教育专题',
    title: '专题组织生活会',
    startAt: '2025-06-10T07:00:00.000Z',
    endAt: '2025-06-10T09:00:00.000Z',
    venue: '会议室',
    audience: { kind: 'branch' as const, groupId: null, memberIds: [], allowObservers: false },
    hostId: 'm1',
    recorderId: null,
    agenda: ['对照检查'],
    attendance: [
      { memberId: 'm1', status: 'present' as const },
      { memberId: 'm2', status: 'leave' as const },
    ],
  }
  const run = (db: MemoryDb, who: string, action: string, body: unknown) => main.run({ action, input: body }, { caller: { openid: who, appid: 'wx', source: 'wx_client' }, now, db }) as Promise<Result<MeetingView>>

  it('enters a past meeting as held and 补录, with its records, and tells nobody', async () => {
    const db = world()
    const result = await run(db, 'secretary', 'meeting.backfill', input)
    expect(result).toMatchObject({ ok: true, data: { status: 'published', subject: '警示教育', backfilled: { byName: '李红梅', at: now.toISOString() } } })
    const meetingId = (result as { data: MeetingView }).data.id
    expect([...db.collections.get('attendance')!.values()].map((a) => [a.memberId, a.status, a.method])).toEqual([
      ['m1', 'present', 'manual'],
      ['m2', 'leave', 'manual'],
    ])
    expect([...db.collections.get('attendance')!.values()].every((a) => a.meetingId === meetingId)).toBe(true)
    // No 会议通知 in anyone's 消息, and no reminder queued.
    expect(db.collections.get('inbox')?.size ?? 0).toBe(0)
    expect(db.collections.get('reminders')?.size ?? 0).toBe(0)
  })

  it('refuses a meeting not yet over, the same meeting twice, someone not on the roster, and a member without 管理会议, writing nothing', async () => {
    const db = world()
    expect(await run(db, 'secretary', 'meeting.backfill', { ...input, startAt: '2026-03-10T01:00:00.000Z', endAt: '2026-03-10T03:00:00.000Z' })).toMatchObject({ ok: false, error: { code: 'MEETING.TIME_INVALID', message: '补录只能录入已经结束的会议' } })
    expect(await run(db, 'secretary', 'meeting.backfill', { ...input, attendance: [{ memberId: 'x9', status: 'present' }] })).toMatchObject({ ok: false, error: { code: 'ROSTER.MEMBER_NOT_FOUND' } })
    expect(await run(db, 'member', 'meeting.backfill', input)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(db.collections.get('meetings')?.size ?? 0).toBe(0)
    expect((await run(db, 'secretary', 'meeting.backfill', input)).ok).toBe(true)
    expect(await run(db, 'secretary', 'meeting.backfill', input)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(db.collections.get('meetings')!.size).toBe(1)
  })
})
