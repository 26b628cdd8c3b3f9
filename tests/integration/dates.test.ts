import type { ActionInput, ActionName } from '../../shared/api/contract'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { meetingInput } from '../support/meetings'
import { hourMs as hour } from '../../shared/domain/time'

/**
 * A date that does not exist (an offset of +99:99, the 30th of February, month 13) is refused at
 * the boundary with INPUT.INVALID naming the field, and nothing reaches the database: before,
 * such an instant became `Invalid Date` and the insert failed as INTERNAL, and such a calendar
 * date was stored.
 */
let cloud: LocalCloud
let meetingId: string
beforeAll(async () => {
  cloud = await startSeededCloud()
  meetingId = (await ok(cloud, 'demo-secretary', 'meeting.create', meetingInput({ title: '日期校验会议' }))).id
})
afterAll(() => cloud.close())

const good = '2026-06-01T10:00:00+08:00'
const later = '2026-06-01T11:00:00+08:00'
const newMeeting = (changes: Partial<ActionInput<'meeting.create'>>) => meetingInput({ startAt: good, endAt: later, publish: false, ...changes })

const cases: Array<[string, ActionName, () => unknown, string, string]> = [
  ['an offset of +99:99 in a new meeting’s start', 'meeting.create', () => newMeeting({ startAt: '2026-06-01T10:00:00+99:99' }), 'startAt', '时间格式不正确'],
  ['an offset of +99:99 in a new meeting’s end', 'meeting.create', () => newMeeting({ endAt: '2026-06-01T11:00:00+99:99' }), 'endAt', '时间格式不正确'],
  ['the 30th of February as a meeting’s start', 'meeting.create', () => newMeeting({ startAt: '2026-02-30T10:00:00+08:00' }), 'startAt', '时间格式不正确'],
  ['a malformed start when moving a meeting', 'meeting.update', () => ({ meetingId, startAt: '2026-06-01T10:00:00+99:99' }), 'startAt', '时间格式不正确'],
  ['a malformed end when moving a meeting', 'meeting.update', () => ({ meetingId, endAt: '2026-06-01T25:00:00+08:00' }), 'endAt', '时间格式不正确'],
  ['a malformed start of an attendance period', 'attendance.member', () => ({ from: '2026-01-01T00:00:00+99:99', to: good }), 'from', '时间格式不正确'],
  ['a malformed end of an attendance period', 'attendance.member', () => ({ from: good, to: '2026-13-01T00:00:00+08:00' }), 'to', '时间格式不正确'],
  ['month 13 as the date of joining the Party', 'roster.updateMember', () => ({ memberId: 'member-007', joinedPartyAt: '2025-13-45' }), 'joinedPartyAt', '日期不存在，请检查年月日'],
  ['0000-00-00 as the date of joining the Party', 'roster.updateMember', () => ({ memberId: 'member-007', joinedPartyAt: '0000-00-00' }), 'joinedPartyAt', '日期不存在，请检查年月日'],
  ['the 30th of February as the date of joining the Party', 'roster.updateMember', () => ({ memberId: 'member-007', joinedPartyAt: '2025-02-30' }), 'joinedPartyAt', '日期不存在，请检查年月日'],
  ['a date of joining in another format', 'roster.addMember', () => ({ name: '新成员', category: 'full', groupId: null, positions: [], phone: '13911112222', joinedPartyAt: '2025/02/01' }), 'joinedPartyAt', '日期格式应为 2020-07-01'],
]

describe('dates that do not exist', () => {
  it.each(cases)('refuses %s, naming the field and writing nothing', async (_name, action, input, field, message) => {
    const seq = cloud.store.commitSeq
    const result = await callAs(cloud, 'demo-secretary', action, input() as never)
    expect(result).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { [field]: message } } })
    expect(cloud.store.commitSeq).toBe(seq)
  })

  it('accepts a leap day and an instant in another offset', async () => {
    expect((await callAs(cloud, 'demo-secretary', 'roster.updateMember', { memberId: 'member-007', joinedPartyAt: '2024-02-29' })).ok).toBe(true)
    const meeting = await ok(cloud, 'demo-secretary', 'meeting.create', newMeeting({ startAt: '2026-06-01T02:00:00Z', endAt: '2026-06-01T11:00:00+08:00' }))
    expect(meeting.startAt).toBe('2026-06-01T02:00:00.000Z')
  })
})

/**
 * Dates that exist but make no sense for what they are for — a theory test closing in 9999, a
 * study task due in 9999 — are refused with INPUT.DATE_OUT_OF_RANGE and the field's message
 * (shared/domain/date-ranges.ts), and nothing is stored; those near the edge of the range pass.
 */
describe('dates out of range for their purpose', () => {
  const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString()
  const day = (daysFromNow: number) => new Date(Date.now() + 8 * hour + daysFromNow * 24 * hour).toISOString().slice(0, 10)
  const testInput = (opensAt: string, closesAt: string): ActionInput<'exam.create'> => ({
    title: '日期范围测试',
    description: '',
    questions: [{ type: 'trueFalse', stem: '判断题', correct: true, points: 1 }],
    timeLimitMinutes: 30,
    opensAt,
    closesAt,
  })
  const taskInput = (dueDate: string): ActionInput<'study.createTask'> => ({
    title: '日期范围任务',
    materials: { text: '材料', links: [], files: [] },
    audience: { kind: 'branch', groupId: null, memberIds: [] },
    dueDate,
    noteRequired: false,
    minChars: 0,
  })
  const refused: Array<[string, ActionName, () => unknown, string, string, string]> = [
    ['a test closing at the end of year 9999', 'exam.create', () => testInput(iso(hour), '9999-12-31T23:59:59Z'), 'demo-secretary', 'closesAt', '结束时间应在一年以内'],
    ['a test closing two years from now', 'exam.create', () => testInput(iso(hour), iso(2 * 365 * 24 * hour)), 'demo-secretary', 'closesAt', '结束时间应在一年以内'],
    ['a test of the organisation closing in 9999', 'exam.create', () => testInput(iso(hour), '9999-12-31T23:59:59Z'), 'demo-org-admin', 'closesAt', '结束时间应在一年以内'],
    ['a test backdated to last month', 'exam.create', () => testInput(iso(-30 * 24 * hour), iso(hour)), 'demo-secretary', 'opensAt', '开始时间不能早于昨天'],
    ['a task due on the last day of 9999', 'study.createTask', () => taskInput('9999-12-31'), 'demo-secretary', 'dueDate', '截止日期应在两年以内'],
    ['a task of the organisation due in 9999', 'study.createTask', () => taskInput('9999-12-31'), 'demo-org-admin', 'dueDate', '截止日期应在两年以内'],
    ['a task due three years from now', 'study.createTask', () => taskInput(day(3 * 366)), 'demo-secretary', 'dueDate', '截止日期应在两年以内'],
  ]
  it.each(refused)('refuses %s with its own code, naming the field and writing nothing', async (_name, action, input, caller, field, message) => {
    const seq = cloud.store.commitSeq
    const result = await callAs(cloud, caller, action, input() as never)
    expect(result).toMatchObject({ ok: false, error: { code: 'INPUT.DATE_OUT_OF_RANGE', message, fields: { [field]: message } } })
    expect(cloud.store.commitSeq).toBe(seq)
  })

  it('accepts a test opened an hour ago closing in eleven months, and a task due in twenty months', async () => {
    await ok(cloud, 'demo-secretary', 'exam.create', testInput(iso(-hour), iso(330 * 24 * hour)))
    await ok(cloud, 'demo-secretary', 'study.createTask', taskInput(day(600)))
  })
})
