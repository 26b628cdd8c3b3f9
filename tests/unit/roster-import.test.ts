import { mapHeader, normalizePhone, parseDate, planRosterImport, type ExistingMember } from '../../shared/domain/roster-import'
import { capabilitiesOf } from '../../shared/domain/permissions'

const header = ['姓名', '党员类别', '党小组', '职务', '手机号', '入党时间']
const row = (n: number, ...cells: Array<string | number | Date | null>) => ({ row: n, cells })
const existing: { members: ExistingMember[]; groups: Array<{ id: string; name: string }> } = {
  groups: [{ id: 'g1', name: '一组' }],
  members: [{ id: 'm1', name: '张三', phone: '13800000001', category: 'full', groupId: 'g1', positions: [], joinedPartyAt: '2010-07-01', dates: {}, status: 'active' }],
}

describe('planning a roster import', () => {
  it('finds columns by heading, in any order, with common alternative headings', () => {
    expect(mapHeader(['手机', '名字', '类别']).missing).toEqual([])
    expect(mapHeader(['姓名*', '党员类别']).missing).toEqual(['手机号'])
  })

  it('skips blank rows and tells new, changed and unchanged members apart', () => {
    const plan = planRosterImport(header, [row(2, '张三', '正式党员', '一组', '', '13800000001', '2010-07-01'), row(3, null, '', '', '', '', ''), row(4, '李四', '预备党员', '二组', '', '13800000002', '')], existing, '2026-12-08')
    if ('headerMissing' in plan) throw new Error('header')
    expect(plan).toMatchObject({ rows: 2, unchanged: 1, updates: [], groupsToCreate: ['二组'], errors: [] })
    expect(plan.creates).toEqual([{ row: 4, name: '李四', category: 'probationary', groupName: '二组', positions: [], phone: '13800000002', joinedPartyAt: null, dates: {} }])
  })

  it('plans an update when a known member changes group or position', () => {
    const plan = planRosterImport(header, [row(2, '张三', '正式党员', '一组', '党小组长', '13800000001', '')], existing, '2026-12-08')
    if ('headerMissing' in plan) throw new Error('header')
    expect(plan.updates).toHaveLength(1)
    expect(plan.updates[0].after.positions).toEqual(['groupLeader'])
  })

  it('refuses "党员" as a category: 正式 or 预备 must be said', () => {
    const plan = planRosterImport(header, [row(2, '王五', '党员', '', '', '13800000003', '')], existing, '2026-12-08')
    if ('headerMissing' in plan) throw new Error('header')
    expect(plan.errors[0].message).toMatch(/党员类别“党员”无法识别/)
  })

  it('reads dates as people write them and as Excel stores them', () => {
    expect(parseDate('2020/7/1')).toBe('2020-07-01')
    expect(parseDate('2020年7月1日')).toBe('2020-07-01')
    expect(parseDate(new Date(Date.UTC(2020, 6, 1)))).toBe('2020-07-01')
    expect(parseDate(44013)).toBe('2020-07-01')
    expect(parseDate('2021-02-29')).toBe('invalid')
    expect(parseDate('')).toBeNull()
  })

  it('accepts phones with spaces, dashes or +86', () => {
    expect(normalizePhone('+86 138-0000-0001')).toBe('13800000001')
  })
})

describe('capabilities', () => {
  it('come from positions, grants and revokes', () => {
    expect(capabilitiesOf({ positions: ['organizationCommittee'] })).toEqual(['manageRoster', 'manageMeetings', 'approveLeave', 'reviewAttendance', 'manageVolunteer', 'manageDevelopment'])
    expect(capabilitiesOf({ positions: [], grants: ['reviewNotes'] })).toEqual(['reviewNotes'])
    expect(capabilitiesOf({ positions: ['publicityCommittee'], revokes: ['manageVolunteer'] })).toEqual(['manageMeetings', 'reviewNotes', 'manageStudy'])
  })

  it('never take the roster away from the secretary', () => {
    expect(capabilitiesOf({ positions: ['secretary'], revokes: ['manageRoster'] })).toContain('manageRoster')
  })

  it('are none for a member who transferred out', () => {
    expect(capabilitiesOf({ positions: ['secretary'], status: 'transferredOut' })).toEqual([])
  })
})

describe('the dates of roster facts', () => {
  const dated = [...header, '加入支部日期', '确定积极分子日期', '确定发展对象日期', '转正日期']
  it('reads the optional date columns in any of the ways people write a date', () => {
    const plan = planRosterImport(dated, [row(2, '赵六', '预备党员', '一组', '', '13800000004', '2025年6月30日', '2024/9/1', '2023.3.1', '2024-09-01', '')], existing, '2026-12-08')
    if ('headerMissing' in plan) throw new Error('header')
    expect(plan.errors).toEqual([])
    expect(plan.creates[0]).toMatchObject({ joinedPartyAt: '2025-06-30', dates: { joinedBranchOn: '2024-09-01', activistOn: '2023-03-01', candidateOn: '2024-09-01' } })
  })

  it('reports every bad date with its row, and plans nothing', () => {
    const plan = planRosterImport(
      dated,
      [
        row(2, '赵六', '正式党员', '一组', '', '13800000004', '2020-07-01', '明年', '', '', '2019-07-01'),
        row(3, '钱七', '预备党员', '一组', '', '13800000005', '2026-01-01', '2026-12-09', '', '', ''),
        row(4, '孙八', '入党积极分子', '一组', '', '13800000006', '', '', '', '', '2026-01-01'),
      ],
      existing,
      '2026-12-08',
    )
    if ('headerMissing' in plan) throw new Error('header')
    expect(plan.errors).toEqual([
      { row: 2, message: '加入支部日期“明年”无法识别（例：2020-07-01）' },
      { row: 3, message: '加入支部日期不能晚于今天' },
      { row: 4, message: '入党积极分子没有转正日期' },
    ])
    const order = planRosterImport(dated, [row(2, '赵六', '正式党员', '一组', '', '13800000004', '2020-07-01', '', '', '', '2019-07-01')], existing, '2026-12-08')
    expect('errors' in order && order.errors).toEqual([{ row: 2, message: '转正日期不能早于入党时间' }])
  })

  it('updates a member whose dates the sheet changes, and leaves one whose cells are blank as they are', () => {
    const plan = planRosterImport(dated, [row(2, '张三', '正式党员', '一组', '', '13800000001', '', '2015-09-01', '', '', '')], existing, '2026-12-08')
    if ('headerMissing' in plan) throw new Error('header')
    expect(plan.updates.map((u) => u.after.dates)).toEqual([{ joinedBranchOn: '2015-09-01' }])
    const blank = planRosterImport(dated, [row(2, '张三', '正式党员', '一组', '', '13800000001', '', '', '', '', '')], existing, '2026-12-08')
    expect('unchanged' in blank && blank.unchanged).toBe(1)
  })
})
