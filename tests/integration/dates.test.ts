import type { ActionInput, ActionName } from '../../shared/api/contract'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { meetingInput } from '../support/meetings'

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
