import { attentionLevel, effectiveStatus, meetingEnded, timeWithoutLife, quorumWords, recordedStatus, statusLabel, stillToAttend, tallyAttendance, type TallyRow } from '../../shared/domain/attendance'
import { rosterOrder } from '../../shared/domain/member'

describe('a member’s status at a meeting', () => {
  it('is the record’s, else 请假 when leave was approved, else 缺席', () => {
    expect(effectiveStatus({ status: 'late' }, { status: 'approved' })).toBe('late')
    expect(effectiveStatus(null, { status: 'approved' })).toBe('leave')
    expect(effectiveStatus(null, { status: 'pending' })).toBe('absent')
    expect(effectiveStatus(null, null)).toBe('absent')
    expect(recordedStatus(null, { status: 'rejected' })).toBeNull()
  })
})

describe('the attendance tally', () => {
  const row = (memberId: string, groupId: string | null, status: TallyRow['status'], role: TallyRow['role'] = 'expected'): TallyRow => ({ memberId, groupId, role, status })
  const rows = [
    row('a', 'g1', 'present'),
    row('b', 'g1', 'late'),
    row('c', 'g1', 'leave'),
    row('d', 'g2', 'absent'),
    row('e', null, 'present'),
    row('f', 'g2', 'observer', 'observer'),
  ]

  it('counts 应到, 实到 (on time or late), 迟到, 请假, 缺席 and 列席, with the rate of 实到 over 应到', () => {
    expect(tallyAttendance(rows, [{ id: 'g1', name: '一组' }, { id: 'g2', name: '二组' }])).toEqual({
      expected: 5,
      present: 2,
      late: 1,
      attended: 3,
      leave: 1,
      absent: 1,
      observers: 1,
      rate: 0.6,
      byGroup: [
        { groupId: 'g1', groupName: '一组', expected: 3, attended: 2, leave: 1, absent: 0 },
        { groupId: 'g2', groupName: '二组', expected: 1, attended: 0, leave: 0, absent: 1 },
        { groupId: null, groupName: '未分组', expected: 1, attended: 1, leave: 0, absent: 0 },
      ],
    })
  })

  it('rates a meeting nobody was expected at 0', () => {
    expect(tallyAttendance([]).rate).toBe(0)
  })

  it('puts someone whose group no longer exists under 未分组', () => {
    expect(tallyAttendance([row('a', 'gone', 'present')], [{ id: 'g1', name: '一组' }]).byGroup).toEqual([{ groupId: null, groupName: '未分组', expected: 1, attended: 1, leave: 0, absent: 0 }])
  })
})

describe('members needing attention', () => {
  it('starts at 3 months without organisational life and turns serious at 6', () => {
    expect([2, 3, 5, 6, 9].map(attentionLevel)).toEqual([null, 3, 3, 6, 6])
  })
})

describe('the words every screen and the sheet use', () => {
  const end = new Date('2025-11-20T17:30:00+08:00')
  const during = new Date('2025-11-20T17:00:00+08:00')
  const after = new Date('2025-11-20T17:31:00+08:00')

  it('calls whoever has not come 未签到 while the meeting may still happen, 缺席 once it is over', () => {
    expect(meetingEnded({ endAt: end }, during)).toBe(false)
    expect(meetingEnded({ endAt: end.toISOString() }, after)).toBe(true)
    expect(statusLabel('absent', false)).toBe('未签到')
    expect(statusLabel('absent', true)).toBe('缺席')
    expect(statusLabel('leave', false)).toBe('请假')
  })

  it('decides the quorum only at the end, and says whom it counts', () => {
    const short = { required: 11, present: 4, base: 20, met: false }
    expect(quorumWords('generalMeeting', short, false)).toEqual({
      state: 'pending',
      title: '法定人数尚未确定（会议结束时确定）',
      detail: '有表决权的正式党员共 20 人，需超过半数（至少 11 人）到会，已到 4 人',
    })
    expect(quorumWords('generalMeeting', short, true)).toMatchObject({ state: 'notMet', title: '未达到法定人数' })
    expect(quorumWords('committeeMeeting', { required: 3, present: 3, base: 5, met: true }, false)).toMatchObject({ state: 'met', title: '已达到法定人数', detail: expect.stringMatching(/^支委委员共 5 人/) })
  })

  it('counts a meeting as still to attend only while nothing is on record', () => {
    expect(stillToAttend(null)).toBe(true)
    expect(stillToAttend('present')).toBe(false)
    expect(stillToAttend('leave')).toBe(false)
  })
})

describe('the roster order', () => {
  it('lists people by 党小组 in the branch’s order, those in none last, then by name', () => {
    const people = [
      { name: '周静', groupId: 'g2' },
      { name: '王五', groupId: null },
      { name: '李红梅', groupId: 'g1' },
      { name: '陈志强', groupId: 'g1' },
      { name: '安然', groupId: 'g2' },
      { name: '孙伟', groupId: 'gone' },
    ]
    expect([...people].sort(rosterOrder(['g1', 'g2'])).map((p) => p.name)).toEqual(['陈志强', '李红梅', '安然', '周静', '孙伟', '王五'])
  })
})

describe('time without organisational life (Beijing months, judged from the meetings on record)', () => {
  const now = new Date('2026-11-22T10:00:00+08:00')
  const joinedAt = new Date('2020-01-01T00:00:00+08:00')
  const at = (iso: string) => new Date(iso)

  it('counts whole months since the last attended one, not the current month', () => {
    expect(timeWithoutLife({ joinedAt, lastAttendedAt: at('2026-08-15T10:00:00+08:00'), expectedAt: [] }, now)).toMatchObject({ months: 2, missed: 0 })
    expect(timeWithoutLife({ joinedAt, lastAttendedAt: at('2026-05-31T23:30:00+08:00'), expectedAt: [at('2026-07-01T16:00:00+08:00')] }, now)).toMatchObject({ months: 5, missed: 1 })
    expect(timeWithoutLife({ joinedAt, lastAttendedAt: at('2026-11-01T09:00:00+08:00'), expectedAt: [] }, now)).toMatchObject({ months: 0 })
  })

  it('uses Beijing time at the month boundary', () => {
    // 1 August 00:30 in Beijing is still 31 July in UTC.
    expect(timeWithoutLife({ joinedAt, lastAttendedAt: at('2026-07-31T16:30:00Z'), expectedAt: [] }, now)?.months).toBe(2)
  })

  it('counts a member who never came from the first meeting they were expected at, that month included', () => {
    const expectedAt = [at('2026-05-20T16:00:00+08:00'), at('2026-03-10T16:00:00+08:00'), at('2026-09-01T16:00:00+08:00')]
    expect(timeWithoutLife({ joinedAt, lastAttendedAt: null, expectedAt }, now)).toEqual({ months: 8, missed: 3, since: at('2026-03-10T16:00:00+08:00') })
    expect(attentionLevel(8)).toBe(6)
  })

  it('holds nothing against a member for meetings before they joined the branch', () => {
    const expectedAt = [at('2026-03-10T16:00:00+08:00'), at('2026-10-15T16:00:00+08:00')]
    expect(timeWithoutLife({ joinedAt: at('2026-09-01T00:00:00+08:00'), lastAttendedAt: null, expectedAt }, now)).toMatchObject({ months: 1, missed: 1 })
  })

  it('claims nothing of a member no meeting has yet expected', () => {
    expect(timeWithoutLife({ joinedAt: at('2025-01-01T00:00:00+08:00'), lastAttendedAt: null, expectedAt: [] }, now)).toBeNull()
  })
})
