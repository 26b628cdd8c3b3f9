import { attentionLevel, effectiveStatus, recordedStatus, tallyAttendance, type TallyRow } from '../../shared/domain/attendance'

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
