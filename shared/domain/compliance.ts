/**
 * 三会一课 compliance: which required meetings each period of a year has held, as a calendar of
 * green (held), amber (due soon, not yet held), red (period over, not held) and grey (not yet
 * due) cells. Pure functions of (meetings, rules, now); periods are Beijing months, quarters and
 * years.
 */
import type { CellStatus, Frequency } from './compliance-labels'
import { tallyMeetings, type FigureRecords } from './figures'
import { meetingTypeLabels, scheduledMeetingTypes, type MeetingType } from './meeting'
import { addCalendar, beijingParts, dayMs, endOf, fromBeijing, startOf, type Instant } from './time'

/** The meeting types a branch must hold on a schedule. */
export const requiredKinds = scheduledMeetingTypes
export type RequiredKind = (typeof requiredKinds)[number]

export * from './compliance-labels'

/** How often each kind is required (null: not required), and how many days before a period's end it turns amber. */
export interface ComplianceRules {
  frequency: Record<RequiredKind, Frequency | null>
  dueSoonDays: number
}

/** 支委会 and 党小组会 monthly, 支部党员大会 quarterly, 党课 quarterly, 主题党日 monthly, 组织生活会 and 民主评议 yearly. */
export const defaultComplianceRules: ComplianceRules = {
  frequency: {
    generalMeeting: 'quarter',
    committeeMeeting: 'month',
    groupMeeting: 'month',
    partyLecture: 'quarter',
    themedPartyDay: 'month',
    orgLifeMeeting: 'year',
    memberAppraisal: 'year',
  },
  dueSoonDays: 7,
}

/** What a branch stores to change the defaults. */
export interface ComplianceRulesSetting {
  frequency?: Partial<Record<RequiredKind, Frequency | null>>
  dueSoonDays?: number
}

/** A branch's rules: the defaults, its own settings over them; a branch without groups has no 党小组会. */
export function rulesForBranch(setting: ComplianceRulesSetting | null | undefined, hasGroups: boolean): ComplianceRules {
  const frequency = { ...defaultComplianceRules.frequency, ...(setting?.frequency ?? {}) }
  if (!hasGroups) frequency.groupMeeting = null
  return { frequency, dueSoonDays: setting?.dueSoonDays ?? defaultComplianceRules.dueSoonDays }
}

/** The parts of a meeting compliance looks at. */
export interface ComplianceMeeting {
  id: string
  type: MeetingType
  startAt: Date
  endAt: Date
  status: 'draft' | 'published' | 'cancelled'
  /** The group of a 党小组会 (its audience's group). */
  groupId: string | null
  /** Whether it reached its quorum: null where none applies (see `quorum` in meeting.ts). */
  quorumMet: boolean | null
}


export interface ComplianceCell {
  /** "2025-03", "2025-Q1" or "2025". */
  key: string
  /** "3月", "第一季度", "2025年". */
  label: string
  start: Date
  /** Exclusive. */
  end: Date
  status: CellStatus
  /** Meetings that count for this cell. */
  heldIds: string[]
  /** Published meetings in the period still to come (or not yet ended). */
  plannedIds: string[]
  /** Held, but short of the quorum: they do not count. */
  noQuorumIds: string[]
  /** The period ended before the branch's records begin: nothing was required. */
  beforeRecords: boolean
}

export interface ComplianceRow {
  kind: RequiredKind
  /** Set for a 党小组会 row: one row per group. */
  groupId: string | null
  /** "支委会", "党小组会（第一党小组）". */
  label: string
  frequency: Frequency
  cells: ComplianceCell[]
}

const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度']

/** The periods of one Beijing calendar year at a frequency. */
export function periodsOfYear(year: number, frequency: Frequency): Array<{ key: string; label: string; start: Date; end: Date }> {
  const first = fromBeijing(`${year}-01-01`)
  if (frequency === 'year') return [{ key: `${year}`, label: `${year}年`, start: first, end: endOf('year', first) }]
  const count = frequency === 'month' ? 12 : 4
  return Array.from({ length: count }, (_, i) => {
    const start = addCalendar(first, i, frequency)
    const key = frequency === 'month' ? `${year}-${String(i + 1).padStart(2, '0')}` : `${year}-Q${i + 1}`
    const label = frequency === 'month' ? `${i + 1}月` : quarterNames[i]
    return { key, label, start, end: endOf(frequency, start) }
  })
}

/** The compliance view of meetings, with the quorum from their tallies (see figures.ts). */
export function complianceMeetings(
  meetings: ReadonlyArray<{ id: string; type: MeetingType; startAt: Date; endAt: Date; status: ComplianceMeeting['status']; audience: { kind: string; groupId: string | null } }>,
  quorumOf: (meetingId: string) => { met: boolean } | null | undefined,
): ComplianceMeeting[] {
  return meetings.map((m) => ({
    id: m.id,
    type: m.type,
    startAt: m.startAt,
    endAt: m.endAt,
    status: m.status,
    groupId: m.audience.kind === 'group' ? m.audience.groupId : null,
    quorumMet: quorumOf(m.id)?.met ?? null,
  }))
}

/** Meeting types whose quorum decides whether they count. */
export const quorumTypes: readonly MeetingType[] = ['generalMeeting', 'committeeMeeting']

/**
 * What the calendar and the alerts of a branch are judged from: its rules (its own settings over
 * the defaults), and each meeting with its quorum decided by the roll of its day (who was on the
 * roster, in its audience and of which category then). The desk's calendar and 首页's alerts
 * both start here, so they never disagree.
 */
export function branchCompliance(input: {
  records: Pick<FigureRecords, 'meetings' | 'members' | 'attendance'>
  groups: ReadonlyArray<{ id: string; name: string }>
  setting: ComplianceRulesSetting | null | undefined
  since: Date | undefined
  now: Date
}): Omit<CalendarInput, 'year'> {
  const { records, groups, now, since } = input
  const tallies = tallyMeetings({ ...records, leaves: [], meetings: records.meetings.filter((m) => m.status === 'published' && quorumTypes.includes(m.type)) })
  return { meetings: complianceMeetings(records.meetings, (id) => tallies.get(id)?.quorum), rules: rulesForBranch(input.setting, groups.length > 0), groups, now, since }
}

/** A meeting counts once it is over, was published and reached its quorum where one applies. */
export function countsAsHeld(meeting: ComplianceMeeting, now: Date): boolean {
  return meeting.status === 'published' && meeting.endAt.getTime() <= now.getTime() && meeting.quorumMet !== false
}

/** One cell: the status of a requirement over one period, at `now`. */
export function cellStatus(period: { start: Date; end: Date }, meetings: readonly ComplianceMeeting[], rules: Pick<ComplianceRules, 'dueSoonDays'>, now: Date, since?: Date): Omit<ComplianceCell, 'key' | 'label'> {
  const inPeriod = meetings.filter((m) => m.status === 'published' && m.startAt >= period.start && m.startAt < period.end)
  const heldIds = inPeriod.filter((m) => countsAsHeld(m, now)).map((m) => m.id)
  const noQuorumIds = inPeriod.filter((m) => m.endAt.getTime() <= now.getTime() && m.quorumMet === false).map((m) => m.id)
  const plannedIds = inPeriod.filter((m) => m.endAt.getTime() > now.getTime()).map((m) => m.id)
  const beforeRecords = since !== undefined && period.end.getTime() <= since.getTime()
  const t = now.getTime()
  let status: CellStatus
  if (heldIds.length > 0) status = 'green'
  else if (beforeRecords) status = 'grey'
  else if (t >= period.end.getTime()) status = 'red'
  else if (t >= period.end.getTime() - rules.dueSoonDays * dayMs) status = 'amber'
  else status = 'grey'
  return { start: period.start, end: period.end, status, heldIds, plannedIds, noQuorumIds, beforeRecords }
}

export interface CalendarInput {
  year: number
  meetings: readonly ComplianceMeeting[]
  rules: ComplianceRules
  groups: ReadonlyArray<{ id: string; name: string }>
  now: Date
  /** When the branch's records begin: periods that ended before it are not required. */
  since?: Date
}

/** Who a requirement binds: the branch, or for 党小组会 each group. */
function requirementTargets(kind: RequiredKind, groups: CalendarInput['groups']): Array<{ groupId: string | null; label: string }> {
  if (kind !== 'groupMeeting') return [{ groupId: null, label: meetingTypeLabels[kind] }]
  return groups.map((g) => ({ groupId: g.id, label: `${meetingTypeLabels[kind]}（${g.name}）` }))
}

/** The year's calendar: a row per required kind, and for 党小组会 a row per group. */
export function complianceCalendar(input: CalendarInput): ComplianceRow[] {
  const rows: ComplianceRow[] = []
  for (const kind of requiredKinds) {
    const frequency = input.rules.frequency[kind]
    if (!frequency) continue
    const ofKind = input.meetings.filter((m) => m.type === kind)
    const targets = requirementTargets(kind, input.groups)
    for (const target of targets) {
      const meetings = target.groupId === null ? ofKind : ofKind.filter((m) => m.groupId === target.groupId)
      const cells = periodsOfYear(input.year, frequency).map((p) => ({ key: p.key, label: p.label, ...cellStatus(p, meetings, input.rules, input.now, input.since) }))
      rows.push({ kind, groupId: target.groupId, label: target.label, frequency, cells })
    }
  }
  return rows
}

export interface MonthCompliance {
  /** "2025-03". */
  key: string
  month: number
  /** Requirements whose period ends with this month. */
  due: number
  green: number
  amber: number
  red: number
  grey: number
}

/**
 * Compliance month by month, for a chart: each requirement is counted in the month its period
 * ends (a quarterly one in March, June…), so a month's bar is what had to be done by its end.
 */
export function complianceByMonth(rows: readonly ComplianceRow[], year: number): MonthCompliance[] {
  return periodsOfYear(year, 'month').map((month, i) => {
    const cells = rows.flatMap((r) => r.cells).filter((c) => c.end.getTime() === month.end.getTime() && !c.beforeRecords)
    const count = (s: CellStatus) => cells.filter((c) => c.status === s).length
    return { key: month.key, month: i + 1, due: cells.length, green: count('green'), amber: count('amber'), red: count('red'), grey: count('grey') }
  })
}

/** Quarter by quarter: every cell of the rows whose period falls in the quarter. */
export function complianceByQuarter(rows: readonly ComplianceRow[], year: number): Array<Omit<MonthCompliance, 'month'> & { quarter: number }> {
  return periodsOfYear(year, 'quarter').map((q, i) => {
    const cells = rows.flatMap((r) => r.cells).filter((c) => c.start >= q.start && c.end <= q.end && !c.beforeRecords)
    const count = (s: CellStatus) => cells.filter((c) => c.status === s).length
    return { key: q.key, quarter: i + 1, due: cells.length, green: count('green'), amber: count('amber'), red: count('red'), grey: count('grey') }
  })
}

export interface ComplianceAlert {
  kind: RequiredKind
  groupId: string | null
  label: string
  /** "3月", "第一季度", "2025年"; with the year when it is not `now`'s ("2025年第四季度"). */
  period: string
  status: 'amber' | 'red'
  /** When the period ends (amber) or ended (red). */
  end: Date
  /** "支委会3月还未召开，3月31日前需召开" */
  text: string
}

/** The period of a frequency that contains an instant. */
export function periodContaining(frequency: Frequency, instant: Instant): { key: string; label: string; start: Date; end: Date } {
  const { year } = beijingParts(instant)
  const start = startOf(frequency, instant)
  return periodsOfYear(year, frequency).find((p) => p.start.getTime() === start.getTime())!
}

/**
 * What the desk warns about, for each requirement: the current period when it is amber, and the
 * period just before it when that ended unheld (older misses stay on the calendar). Works across
 * a year's end: in January the previous December, fourth quarter and year are checked.
 */
export function complianceAlerts(input: Omit<CalendarInput, 'year'>): ComplianceAlert[] {
  const { now } = input
  const nowYear = beijingParts(now).year
  const alerts: ComplianceAlert[] = []
  for (const kind of requiredKinds) {
    const frequency = input.rules.frequency[kind]
    if (!frequency) continue
    const ofKind = input.meetings.filter((m) => m.type === kind)
    const targets = requirementTargets(kind, input.groups)
    const current = periodContaining(frequency, now)
    const previous = periodContaining(frequency, new Date(current.start.getTime() - 1))
    for (const target of targets) {
      const meetings = target.groupId === null ? ofKind : ofKind.filter((m) => m.groupId === target.groupId)
      for (const period of [previous, current]) {
        const cell = cellStatus(period, meetings, input.rules, now, input.since)
        if (cell.status !== 'amber' && cell.status !== 'red') continue
        // Due soon but already on the calendar: nothing to do yet.
        if (cell.status === 'amber' && cell.plannedIds.length > 0) continue
        const year = beijingParts(period.start).year
        const label = year === nowYear || frequency === 'year' ? period.label : `${year}年${period.label}`
        const lastDay = beijingParts(new Date(period.end.getTime() - 1))
        const text = cell.status === 'amber' ? `${target.label}${label}还未召开，${lastDay.month}月${lastDay.day}日前需召开` : `${target.label}${label}未召开`
        alerts.push({ kind, groupId: target.groupId, label: target.label, period: label, status: cell.status, end: period.end, text })
      }
    }
  }
  // Missed first, then the nearest deadline.
  return alerts.sort((a, b) => (a.status === b.status ? a.end.getTime() - b.end.getTime() : a.status === 'red' ? -1 : 1))
}
