import {
  branchCompliance,
  complianceAlerts,
  complianceByMonth,
  complianceByQuarter,
  complianceCalendar,
  defaultComplianceRules,
  rulesForBranch,
  type ComplianceMeeting,
  type ComplianceRow,
} from '../../shared/domain/compliance'
import { tallyMeetings, type FigureMember } from '../../shared/domain/figures'
import type { MeetingType } from '../../shared/domain/meeting'
import { fromBeijing, hourMs } from '../../shared/domain/time'

/** A meeting starting at a Beijing date and clock, an hour long. */
function meeting(type: MeetingType, date: string, clock: string, extra: Partial<ComplianceMeeting> = {}): ComplianceMeeting {
  const startAt = fromBeijing(date, clock)
  return { id: `${type}@${date}T${clock}`, type, startAt, endAt: new Date(startAt.getTime() + hourMs), status: 'published', groupId: null, quorumMet: null, ...extra }
}

const groups = [
  { id: 'g1', name: '第一党小组' },
  { id: 'g2', name: '第二党小组' },
]
const rules = rulesForBranch(null, true)

function cell(rows: ComplianceRow[], label: string, key: string) {
  const row = rows.find((r) => r.label === label)
  if (!row) throw new Error(`no row ${label}`)
  const c = row.cells.find((x) => x.key === key)
  if (!c) throw new Error(`no cell ${key}`)
  return c
}

const calendar = (meetings: ComplianceMeeting[], now: Date, extra: Partial<Parameters<typeof complianceCalendar>[0]> = {}) => complianceCalendar({ year: 2025, meetings, rules, groups, now, ...extra })

describe('month boundaries in Beijing time', () => {
  // 23:30 on 31 March in Beijing is 15:30 UTC the same day; 00:10 on 1 April is still 31 March in UTC.
  const lateMarch = meeting('committeeMeeting', '2025-03-31', '23:30')
  const earlyApril = meeting('committeeMeeting', '2025-04-01', '00:10')
  const now = fromBeijing('2025-04-10', '12:00')

  it('counts a 支委会 at 23:30 on the last evening of March for March', () => {
    const rows = calendar([lateMarch], now)
    expect(cell(rows, '支委会', '2025-03').status).toBe('green')
    expect(cell(rows, '支委会', '2025-04').status).toBe('grey')
  })

  it('counts one ten minutes after midnight on 1 April for April, leaving March red', () => {
    const rows = calendar([earlyApril], now)
    expect(cell(rows, '支委会', '2025-03').status).toBe('red')
    expect(cell(rows, '支委会', '2025-04').status).toBe('green')
    expect(cell(rows, '支委会', '2025-04').heldIds).toEqual([earlyApril.id])
  })

  it('turns amber the given number of days before the month ends, red the moment it ends', () => {
    // March ends at 00:00 on 1 April Beijing time; seven days before is 00:00 on 25 March.
    expect(cell(calendar([], fromBeijing('2025-03-24', '23:59')), '支委会', '2025-03').status).toBe('grey')
    expect(cell(calendar([], fromBeijing('2025-03-25', '00:00')), '支委会', '2025-03').status).toBe('amber')
    expect(cell(calendar([], new Date(fromBeijing('2025-04-01').getTime() - 1)), '支委会', '2025-03').status).toBe('amber')
    expect(cell(calendar([], fromBeijing('2025-04-01')), '支委会', '2025-03').status).toBe('red')
    expect(cell(calendar([], fromBeijing('2025-04-01')), '支委会', '2025-04').status).toBe('grey')
  })

  it('uses the branch’s own number of days for amber', () => {
    const own = rulesForBranch({ dueSoonDays: 3 }, true)
    expect(cell(calendar([], fromBeijing('2025-03-28', '23:59'), { rules: own }), '支委会', '2025-03').status).toBe('grey')
    expect(cell(calendar([], fromBeijing('2025-03-29'), { rules: own }), '支委会', '2025-03').status).toBe('amber')
  })

  it('stays amber, with the meeting shown as planned, until a planned meeting is over', () => {
    const planned = meeting('committeeMeeting', '2025-03-28', '16:30')
    const before = cell(calendar([planned], fromBeijing('2025-03-27')), '支委会', '2025-03')
    expect(before.status).toBe('amber')
    expect(before.plannedIds).toEqual([planned.id])
    expect(cell(calendar([planned], fromBeijing('2025-03-28', '17:30')), '支委会', '2025-03').status).toBe('green')
  })

  it('ignores cancelled meetings and drafts', () => {
    const rows = calendar([meeting('committeeMeeting', '2025-03-10', '16:30', { status: 'cancelled' }), meeting('committeeMeeting', '2025-03-11', '16:30', { status: 'draft' })], fromBeijing('2025-04-02'))
    expect(cell(rows, '支委会', '2025-03').status).toBe('red')
  })
})

describe('quarter boundaries', () => {
  it('counts a 支部党员大会 late on 30 June for the second quarter, and one just after midnight for the third', () => {
    const q2 = meeting('generalMeeting', '2025-06-30', '22:30')
    const q3 = meeting('generalMeeting', '2025-07-01', '00:00')
    const rows = calendar([q2, q3], fromBeijing('2025-07-02'))
    expect(cell(rows, '支部党员大会', '2025-Q2').heldIds).toEqual([q2.id])
    expect(cell(rows, '支部党员大会', '2025-Q3').heldIds).toEqual([q3.id])
    expect(cell(rows, '支部党员大会', '2025-Q1').status).toBe('red')
  })

  it('holds 党课 quarterly by default and monthly where the branch says so', () => {
    const lecture = meeting('partyLecture', '2025-02-12', '15:00')
    const quarterly = calendar([lecture], fromBeijing('2025-04-01'))
    expect(cell(quarterly, '党课', '2025-Q1').status).toBe('green')
    expect(quarterly.find((r) => r.kind === 'partyLecture')!.cells).toHaveLength(4)
    const monthly = calendar([lecture], fromBeijing('2025-04-01'), { rules: rulesForBranch({ frequency: { partyLecture: 'month' } }, true) })
    expect(monthly.find((r) => r.kind === 'partyLecture')!.cells).toHaveLength(12)
    expect(cell(monthly, '党课', '2025-01').status).toBe('red')
    expect(cell(monthly, '党课', '2025-02').status).toBe('green')
    expect(cell(monthly, '党课', '2025-03').status).toBe('red')
  })

  it('turns a quarter amber only in its last days', () => {
    expect(cell(calendar([], fromBeijing('2025-06-23', '23:59')), '支部党员大会', '2025-Q2').status).toBe('grey')
    expect(cell(calendar([], fromBeijing('2025-06-24')), '支部党员大会', '2025-Q2').status).toBe('amber')
  })
})

describe('year boundaries', () => {
  it('counts a 组织生活会 on the evening of 31 December for that year, not the next', () => {
    const dec = meeting('orgLifeMeeting', '2025-12-31', '22:00')
    const jan = meeting('orgLifeMeeting', '2026-01-01', '00:00')
    const rows = calendar([dec, jan], fromBeijing('2026-01-02'))
    expect(cell(rows, '组织生活会', '2025').heldIds).toEqual([dec.id])
    expect(cell(rows, '民主评议党员', '2025').status).toBe('red')
    const next = complianceCalendar({ year: 2026, meetings: [dec, jan], rules, groups, now: fromBeijing('2026-01-02') })
    expect(cell(next, '组织生活会', '2026').heldIds).toEqual([jan.id])
  })

  it('warns on the desk in January about December, the fourth quarter and the year just missed', () => {
    const alerts = complianceAlerts({ meetings: [meeting('committeeMeeting', '2025-12-05', '16:30'), meeting('orgLifeMeeting', '2025-12-20', '16:30')], rules, groups, now: fromBeijing('2026-01-03') })
    const texts = alerts.map((a) => a.text)
    expect(texts).toContain('支部党员大会2025年第四季度未召开')
    expect(texts).toContain('主题党日2025年12月未召开')
    expect(texts).toContain('民主评议党员2025年未召开')
    expect(texts).toContain('党小组会（第一党小组）2025年12月未召开')
    expect(texts.some((t) => t.startsWith('支委会'))).toBe(false)
    expect(texts.some((t) => t.startsWith('组织生活会'))).toBe(false)
    expect(alerts.every((a) => a.status === 'red')).toBe(true)
  })

  it('warns about the month that is about to end, with its last day', () => {
    const alerts = complianceAlerts({ meetings: [meeting('committeeMeeting', '2025-03-05', '16:30')], rules, groups, now: fromBeijing('2025-04-27') })
    expect(alerts.filter((a) => a.status === 'amber').map((a) => a.text)).toContain('支委会4月还未召开，4月30日前需召开')
    expect(alerts.filter((a) => a.status === 'red').map((a) => a.text)).toContain('主题党日3月未召开')
    expect(alerts.map((a) => a.text)).not.toContain('支委会3月未召开')
  })

  it('does not warn about a month whose meeting is already scheduled in it', () => {
    const now = fromBeijing('2025-12-08')
    const scheduled = complianceAlerts({ meetings: [meeting('themedPartyDay', '2025-12-20', '14:00'), meeting('themedPartyDay', '2025-11-20', '14:00')], rules: { ...rules, dueSoonDays: 31 }, groups, now })
    expect(scheduled.filter((a) => a.kind === 'themedPartyDay')).toEqual([])
    const none = complianceAlerts({ meetings: [meeting('themedPartyDay', '2025-11-20', '14:00')], rules: { ...rules, dueSoonDays: 31 }, groups, now })
    expect(none.filter((a) => a.kind === 'themedPartyDay').map((a) => a.text)).toEqual(['主题党日12月还未召开，12月31日前需召开'])
  })
})

describe('groups and quorum', () => {
  it('keeps one 党小组会 row per group: one group’s meeting does not cover another', () => {
    const rows = calendar([meeting('groupMeeting', '2025-05-08', '16:30', { groupId: 'g1' })], fromBeijing('2025-06-02'))
    expect(cell(rows, '党小组会（第一党小组）', '2025-05').status).toBe('green')
    expect(cell(rows, '党小组会（第二党小组）', '2025-05').status).toBe('red')
  })

  it('has no 党小组会 for a branch without groups', () => {
    const rows = complianceCalendar({ year: 2025, meetings: [], rules: rulesForBranch(null, false), groups: [], now: fromBeijing('2025-06-02') })
    expect(rows.some((r) => r.kind === 'groupMeeting')).toBe(false)
    expect(rows.map((r) => r.label)).toEqual(['支部党员大会', '支委会', '党课', '主题党日', '组织生活会', '民主评议党员'])
  })

  it('does not count a 支部党员大会 that missed its quorum', () => {
    // 8 正式党员; 4 came: more than half is 5.
    const members: FigureMember[] = Array.from({ length: 8 }, (_, i) => ({ id: `m${i}`, name: `m${i}`, category: 'full', positions: [], groupId: null, since: fromBeijing('2024-01-01'), leftAt: null, joinedPartyAt: null, categoryChanges: [] }))
    const held = meeting('generalMeeting', '2025-03-20', '16:30')
    const full = { ...held, title: '大会', audience: { kind: 'branch' as const, groupId: null, memberIds: [], allowObservers: false }, hostId: null }
    const attendance = (n: number) => members.slice(0, n).map((m) => ({ meetingId: held.id, memberId: m.id, status: 'present' as const }))
    const withQuorum = (n: number) => ({ ...held, quorumMet: tallyMeetings({ meetings: [full], members, attendance: attendance(n), leaves: [] }).get(held.id)!.quorum!.met })
    const short = cell(calendar([withQuorum(4)], fromBeijing('2025-04-02')), '支部党员大会', '2025-Q1')
    expect(short.status).toBe('red')
    expect(short.noQuorumIds).toEqual([held.id])
    expect(cell(calendar([withQuorum(5)], fromBeijing('2025-04-02')), '支部党员大会', '2025-Q1').status).toBe('green')
  })

  it('judges a branch’s 支委会 by the committee of its day: one who joined the committee later is not counted against it', () => {
    const person = (id: string, positions: FigureMember['positions'], since = '2024-01-01'): FigureMember => ({ id, name: id, category: 'full', positions, groupId: null, since: fromBeijing(since), leftAt: null, joinedPartyAt: null, categoryChanges: [] })
    // Three on the committee on 10 March (two came: a quorum); two more joined the roster in April.
    const members = [person('c1', ['secretary']), person('c2', ['organizationCommittee']), person('c3', ['publicityCommittee']), person('c4', ['deputySecretary'], '2025-04-01'), person('c5', ['disciplineCommittee'], '2025-04-01')]
    const held = { id: 'cm', type: 'committeeMeeting' as const, title: '支委会', startAt: fromBeijing('2025-03-10', '16:30'), endAt: fromBeijing('2025-03-10', '17:30'), status: 'published' as const, audience: { kind: 'committee' as const, groupId: null, memberIds: [], allowObservers: false }, hostId: 'c1' }
    const attendance = ['c1', 'c2'].map((memberId) => ({ meetingId: 'cm', memberId, status: 'present' as const }))
    const input = branchCompliance({ records: { meetings: [held], members, attendance }, groups: [], setting: { dueSoonDays: 3 }, since: fromBeijing('2024-01-01'), now: fromBeijing('2025-04-27', '23:59') })
    expect(input.meetings[0].quorumMet).toBe(true)
    // No groups: no 党小组会; the branch's own days of warning.
    expect(input.rules.frequency.groupMeeting).toBeNull()
    expect(input.rules.dueSoonDays).toBe(3)
    expect(cell(complianceCalendar({ year: 2025, ...input }), '支委会', '2025-03').status).toBe('green')
    // Three days of warning: April turns amber at midnight on 28 April (Beijing); March was held, so nothing is said of it.
    expect(complianceAlerts(input).filter((a) => a.kind === 'committeeMeeting')).toEqual([])
    expect(complianceAlerts({ ...input, now: fromBeijing('2025-04-28', '00:00') }).flatMap((a) => (a.kind === 'committeeMeeting' ? [a.text] : []))).toEqual(['支委会4月还未召开，4月30日前需召开'])
  })

  it('requires nothing for periods that ended before the branch’s records begin', () => {
    const rows = calendar([], fromBeijing('2025-06-10'), { since: fromBeijing('2025-03-15') })
    expect(cell(rows, '支委会', '2025-02').status).toBe('grey')
    expect(cell(rows, '支委会', '2025-02').beforeRecords).toBe(true)
    expect(cell(rows, '支委会', '2025-03').status).toBe('red')
    expect(cell(rows, '支部党员大会', '2025-Q1').status).toBe('red')
  })
})

describe('compliance by month and quarter', () => {
  it('counts each requirement in the month its period ends', () => {
    const rows = calendar([meeting('committeeMeeting', '2025-01-10', '16:30'), meeting('themedPartyDay', '2025-03-01', '09:00'), meeting('generalMeeting', '2025-02-20', '16:30')], fromBeijing('2025-04-02'))
    const months = complianceByMonth(rows, 2025)
    // January: 支委会, 主题党日, two 党小组会.
    expect(months[0]).toMatchObject({ key: '2025-01', due: 4, green: 1, red: 3 })
    // March: the monthly four plus the quarter's 支部党员大会 and 党课.
    expect(months[2]).toMatchObject({ key: '2025-03', due: 6, green: 2, red: 4 })
    expect(months[3]).toMatchObject({ due: 4, grey: 4 })
    // December also carries the yearly two.
    expect(months[11].due).toBe(8)
    const quarters = complianceByQuarter(rows, 2025)
    expect(quarters[0]).toMatchObject({ key: '2025-Q1', due: 14, green: 3, red: 11 })
  })

  it('has seven kinds by default', () => {
    expect(Object.values(defaultComplianceRules.frequency).filter(Boolean)).toHaveLength(7)
  })
})
