import type { ComplianceView, DeskChartsView, FiguresData, FiguresView, LedgerTableView, MeetingRef, OrgDeskView, PeriodView, RecordRefs } from '../../shared/api/areas/desk'
import { fail } from '../../shared/errors'
import { branchCompliance, complianceAlerts, complianceByMonth, complianceByQuarter, complianceCalendar, quorumTypes } from '../../shared/domain/compliance'
import { computeFigures, tallyMeetings, yearPeriod, type Figures, type Period } from '../../shared/domain/figures'
import { periodBounds, periodDays, periodKey, periodLabel, periodProblem, periodStartYear, recordsNoticeOfMany, requestedReportPeriod, type Period as ReportPeriod } from '../../shared/domain/period'
import { duringWord, summaryFacts, summaryParagraph } from '../../shared/domain/summary-paragraph'
import { mayReviewMeetingAttendance } from '../../shared/domain/meeting-roles'
import { mayReadDesk } from '../../shared/domain/permissions'
import { addCalendar, beijingDate, beijingParts, formatSortable, startOf } from '../../shared/domain/time'
import type { BranchDoc, MeetingDoc, MinutesDoc, OrgDoc } from '../../shared/domain/documents'
import { callerOf, readableBranch, requireAllowed, requireCapability, requireMember, resolveActor, type Actor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { noteAccess } from '../_lib/study'
import { writeWorkbook } from '../_lib/excel'
import { storeGenerated } from '../_lib/files'
import { defineFunction } from '../_lib/handler'
import { meetingOfBranch, settledExpected } from '../_lib/meetings'
import { ledgerSheets, platformFields, platformText } from './ledger'
import { developmentsOf } from './development-sheet'
import { personSheets } from './person-sheets'
import { alertView, figureMeeting, figureMembers } from '../_lib/branch-records'
import { attendanceOf, categoryChanges, loadRecords, recordsOfBranch, type LoadedRecords } from './records'

/** Figures the desk cannot count yet, because their records do not exist in the app: none now. */
const missingSources: string[] = []

const isQuorumType = (m: Pick<MeetingDoc, 'type'>) => quorumTypes.includes(m.type)

/** The period a request names, refused when it has not begun or spans more than ten years. */
function reportPeriod(input: { period?: string; year?: number; from?: string; to?: string }, now: Date): { asked: ReportPeriod; period: Period } {
  const asked = requestedReportPeriod(input, now)
  const problem = periodProblem(asked, now)
  if (problem) fail('INPUT.INVALID', problem, { period: problem })
  return { asked, period: periodBounds(asked, now) }
}

/** The day each branch's records are complete from: what its secretary set, else its first roster entry. */
function recordsFromOf(branch: BranchDoc, loaded: Pick<LoadedRecords, 'since'>): string | null {
  if (branch.recordsFrom) return branch.recordsFrom
  const since = loaded.since.get(branch._id)
  return since ? beijingDate(since) : null
}

function periodView(asked: ReportPeriod, now: Date, notice: string | null): PeriodView {
  const days = periodDays(asked, now)
  return { key: periodKey(asked), from: days.from, to: days.to, kind: asked.kind, label: periodLabel(asked), notice }
}

/** The compliance span of a year: the year before it too, for the alerts of January. */
function complianceSpan(year: number): Period {
  return { from: yearPeriod(year - 1).from, to: yearPeriod(year).to }
}

function meetingRef(m: { id: string; title: string; type: MeetingDoc['type']; startAt: Date }): MeetingRef {
  return { id: m.id, title: m.title, type: m.type, startAt: m.startAt.toISOString() }
}

/** The calendar of one branch from its loaded records. */
function complianceOf(branch: BranchDoc, loaded: LoadedRecords, year: number, now: Date, canEditRules: boolean): ComplianceView {
  const groups = loaded.groups.filter((g) => g.branchId === branch._id).map((g) => ({ id: g._id, name: g.name }))
  const records = recordsOfBranch(loaded, branch._id)
  const input = branchCompliance({ records, groups, setting: branch.complianceRules, since: loaded.since.get(branch._id), now })
  const rows = complianceCalendar({ year, ...input })
  const byId = new Map(records.meetings.map((m) => [m.id, m]))
  const refs = (ids: string[]) => ids.map((id) => meetingRef(byId.get(id)!))
  const alerts = beijingParts(now).year === year ? complianceAlerts(input).map(alertView) : []
  const rules = input.rules
  return {
    branch: { id: branch._id, name: branch.name },
    year,
    rules,
    rows: rows.map((r) => ({
      ...r,
      cells: r.cells.map((c) => ({ key: c.key, label: c.label, status: c.status, start: c.start.toISOString(), end: c.end.toISOString(), held: refs(c.heldIds), planned: refs(c.plannedIds), noQuorum: refs(c.noQuorumIds), beforeRecords: c.beforeRecords })),
    })),
    byMonth: complianceByMonth(rows, year),
    byQuarter: complianceByQuarter(rows, year),
    alerts,
    canEditRules,
  }
}

function figuresData(f: Figures): FiguresData {
  const { from: _from, to: _to, asOf, ...rest } = f
  return { ...rest, asOf: asOf.toISOString() }
}

/** What the figures' ids name. */
function recordRefs(loaded: LoadedRecords, f: Figures, actor: Actor): RecordRefs {
  const groupName = new Map(loaded.groups.map((g) => [g._id, g.name]))
  const meetingIds = new Set(f.meetings.total.ids)
  const memberIds = new Set([...f.members.byCategory.flatMap((c) => c.count.ids), ...f.members.joined.ids, ...f.members.confirmed.ids])
  const refs: RecordRefs = { meeting: {}, member: {}, volunteerShift: {}, studyTask: {}, note: {}, test: {} }
  for (const m of loaded.records.meetings) if (meetingIds.has(m.id)) refs.meeting[m.id] = meetingRef(m)
  for (const m of loaded.members) if (memberIds.has(m._id)) refs.member[m._id] = { name: m.name, category: m.category, groupName: m.groupId ? (groupName.get(m.groupId) ?? null) : null }
  const shiftIds = new Set(f.volunteer.held.ids)
  for (const s of loaded.shifts) if (shiftIds.has(s._id)) refs.volunteerShift[s._id] = { title: s.activityTitle, date: s.date }
  const { studyTasks, notes, tests } = loaded.records
  const taskIds = new Set(f.study.tasks.ids)
  for (const t of studyTasks) if (taskIds.has(t.id)) refs.studyTask[t.id] = { title: t.title, date: t.dueDate }
  const noteIds = new Set(f.study.notesSubmitted.ids)
  const noteDocs = new Map(loaded.study.notes.map((n) => [n._id, n]))
  for (const n of notes) {
    const label = loaded.noteLabels.get(n.id)
    const doc = noteDocs.get(n.id)
    const open = actor.kind === 'member' && doc !== undefined && noteAccess(actor, doc).reader
    if (noteIds.has(n.id)) refs.note[n.id] = { title: label?.title ?? '', name: label?.authorName ?? '', date: beijingDate(n.submittedAt), excellent: n.excellent, open }
  }
  const testIds = new Set(f.study.tests.ids)
  for (const t of tests) if (testIds.has(t.id)) refs.test[t.id] = { title: t.title, date: beijingDate(t.closesAt), taken: t.taken, expected: t.expected }
  return refs
}

/** A branch the caller may read the desk of: their own (mayReadDesk), or any of an organisation admin's. */
async function deskBranch(db: Db, actor: Actor, branchId: string | undefined): Promise<{ branch: BranchDoc; canManage: boolean }> {
  return readableBranch(db, actor, branchId, mayReadDesk)
}

type PeriodInput = { period?: string; year?: number; from?: string; to?: string }

/** The paragraph and the notice of some branches' figures: one branch's, or an organisation's (`org`). */
const noticeOf = (asked: ReportPeriod, loaded: LoadedRecords, now: Date, org: OrgDoc | null) =>
  recordsNoticeOfMany(asked, loaded.branches.map((b) => ({ name: org ? b.name : '本支部', recordsFrom: recordsFromOf(b, loaded) })), now)

function paragraphOf(asked: ReportPeriod, figures: Figures, loaded: LoadedRecords, now: Date, org: OrgDoc | null) {
  const notice = noticeOf(asked, loaded, now, org)
  const name = org ? org.name : loaded.branches[0].name
  const facts = summaryFacts(figures, { label: periodLabel(asked), during: duringWord(asked), name, branches: org ? loaded.branches.length : null, groups: loaded.groups.length, notice })
  return { notice, paragraph: summaryParagraph(facts) }
}

async function branchFigures(db: Db, branch: BranchDoc, input: PeriodInput, now: Date): Promise<{ loaded: LoadedRecords; period: Period; view: PeriodView; figures: Figures; paragraph: string }> {
  const { asked, period } = reportPeriod(input, now)
  const loaded = await loadRecords(db, [branch], period, { attendanceFor: () => true, volunteer: { now } })
  const figures = computeFigures(loaded.records, period, now)
  const { notice, paragraph } = paragraphOf(asked, figures, loaded, now, null)
  return { loaded, period, view: periodView(asked, now, notice), figures, paragraph }
}

/** Minutes of some meetings, a page of ids at a time. */
async function minutesOf(db: Db, meetingIds: string[]): Promise<Map<string, MinutesDoc>> {
  const pages: string[][] = []
  for (let i = 0; i < meetingIds.length; i += 500) pages.push(meetingIds.slice(i, i + 500))
  const docs = (await Promise.all(pages.map((ids) => db.all('minutes', { _id: { $in: ids } })))).flat()
  return new Map(docs.map((d) => [d._id, d]))
}

/** The held meetings' tallies, 补学 and services of a period: what the 台账's sheets are made of. */
async function ledgerParts(db: Db, branches: BranchDoc[], loaded: LoadedRecords, period: Period, now: Date) {
  const held = loaded.meetings.filter((m) => m.status === 'published' && m.endAt.getTime() <= now.getTime() && m.startAt >= period.from && m.startAt < period.to)
  const heldIds = new Set(held.map((m) => m._id))
  const tallies = tallyMeetings({ ...loaded.records, meetings: loaded.records.meetings.filter((m) => heldIds.has(m.id)) })
  const branchIds = branches.map((b) => b._id)
  const makeups = await db.all('makeups', { branchId: branchIds.length === 1 ? branchIds[0] : { $in: branchIds }, createdAt: { $gte: new Date(period.from.getTime() - 62 * 86400_000) } })
  const services = loaded.records.services.filter((x) => x.startAt >= period.from && x.startAt < period.to)
  return { heldIds, tallies, makeups, services }
}

async function ledgerFile(db: Db, owner: string, ownerId: string, branches: BranchDoc[], loaded: LoadedRecords, period: Period, view: PeriodView, figures: Figures, paragraph: string, now: Date) {
  const { heldIds, tallies, makeups, services } = await ledgerParts(db, branches, loaded, period, now)
  const [minutes, developments] = await Promise.all([minutesOf(db, [...heldIds]), developmentsOf(db, branches.map((b) => b._id))])
  const sheets = ledgerSheets({ owner, period: view, loaded, tallies, minutes, makeups, figures, services, paragraph, manyBranches: branches.length > 1, developments })
  const content = await writeWorkbook(sheets)
  return storeGenerated(`exports/${ownerId}/ledger-${view.from}-${view.to}-${now.getTime()}.xlsx`, content, `${owner}${view.label}台账.xlsx`)
}

async function orgOf(db: Db, actor: Actor): Promise<{ org: OrgDoc; branches: BranchDoc[] }> {
  if (actor.kind !== 'orgAdmin') fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
  const [org, branches] = await Promise.all([db.get('orgs', actor.admin.orgId), db.all('branches', { orgId: actor.admin.orgId }, ['name', 'asc'])])
  if (!org) fail('NOT_FOUND')
  return { org, branches }
}

export const main = defineFunction('desk', {
  /** 三会一课 compliance calendar of a branch for a year. */
  'desk.compliance': async ({ branchId, year }, { caller, now, db }) => {
    const actor = await resolveActor({ caller, db })
    const { branch, canManage } = await deskBranch(db, actor, branchId)
    const y = year ?? beijingParts(now).year
    const loaded = await loadRecords(db, [branch], complianceSpan(y), { attendanceFor: isQuorumType })
    return complianceOf(branch, loaded, y, now, canManage && actor.kind === 'member' && actor.capabilities.includes('manageMeetings'))
  },

  /** The branch's own rules: how often each kind is due, and how many days before it turns amber. */
  'desk.setRules': async ({ frequency, dueSoonDays }, { caller, now, db }) => {
    const actor = requireCapability(await resolveActor({ caller, db }), 'manageMeetings')
    const branch = await db.get('branches', actor.member.branchId)
    if (!branch) fail('NOT_FOUND')
    const setting = { frequency: { ...(branch.complianceRules?.frequency ?? {}), ...(frequency ?? {}) }, dueSoonDays: dueSoonDays ?? branch.complianceRules?.dueSoonDays }
    if (setting.dueSoonDays === undefined) delete setting.dueSoonDays
    await db.update('branches', branch._id, { complianceRules: setting })
    const updated = { ...branch, complianceRules: setting }
    const y = beijingParts(now).year
    const loaded = await loadRecords(db, [updated], complianceSpan(y), { attendanceFor: isQuorumType })
    return complianceOf(updated, loaded, y, now, true)
  },

  /** The figures of a period with the drafted paragraph; each figure names its records. */
  'desk.figures': async (input, { caller, now, db }): Promise<FiguresView> => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, input.branchId)
    const { loaded, view, figures, paragraph } = await branchFigures(db, branch, input, now)
    // A member opens the branch's meetings, tasks and tests read-only; the organisation its tests.
    const opens = { meeting: actor.kind === 'member', studyTask: actor.kind === 'member', test: true }
    return { branch: { id: branch._id, name: branch.name }, period: view, figures: figuresData(figures), paragraph, refs: recordRefs(loaded, figures, actor), opens, missingSources }
  },

  /** Month by month over the period: attendance rate, volunteer hours; compliance of the year it starts in. */
  'desk.charts': async ({ branchId, year, period: key }, { caller, now, db }): Promise<DeskChartsView> => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, branchId)
    const { asked, period } = reportPeriod({ year, period: key }, now)
    const y = periodStartYear(asked, now)
    const loaded = await loadRecords(db, [branch], { from: new Date(Math.min(period.from.getTime(), complianceSpan(y).from.getTime())), to: new Date(Math.max(period.to.getTime(), complianceSpan(y).to.getTime())) }, { attendanceFor: () => true, volunteer: { now } })
    const spansYears = beijingParts(period.from).year !== beijingParts(new Date(period.to.getTime() - 1)).year
    const months: Array<{ key: string; month: number; label: string; figures: Figures }> = []
    for (let from = startOf('month', period.from); from < period.to; from = addCalendar(from, 1, 'month')) {
      const { year: my, month } = beijingParts(from)
      const span = { from: new Date(Math.max(from.getTime(), period.from.getTime())), to: new Date(Math.min(addCalendar(from, 1, 'month').getTime(), period.to.getTime())) }
      months.push({ key: beijingDate(from).slice(0, 7), month, label: spansYears ? `${my}年${month}月` : `${month}月`, figures: computeFigures(loaded.records, span, now) })
    }
    const compliance = complianceOf(branch, loaded, y, now, false)
    return {
      branch: { id: branch._id, name: branch.name },
      year: y,
      period: periodView(asked, now, noticeOf(asked, loaded, now, null)),
      months: months.map((m) => m.key),
      attendanceByMonth: months.map(({ month, label, figures: f }) => ({ month, label, meetings: f.meetings.total.value, expected: f.meetings.expected, attended: f.meetings.attended, rate: f.meetings.rate })),
      volunteerByMonth: months.map(({ month, label, figures: f }) => ({ month, label, shifts: f.volunteer.total.shifts, personTimes: f.volunteer.total.personTimes, hours: f.volunteer.total.hours })),
      complianceByMonth: compliance.byMonth,
    }
  },

  /** One tap: the period's 台账 as one workbook. */
  'desk.ledger': async (input, { caller, now, db }) => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, input.branchId)
    const { loaded, period, view, figures, paragraph } = await branchFigures(db, branch, input, now)
    return ledgerFile(db, branch.name, branch._id, [branch], loaded, period, view, figures, paragraph, now)
  },

  /** One per-person table of the 台账 on screen: the rows the workbook prints. */
  'desk.table': async ({ table, ...input }, { caller, now, db }): Promise<LedgerTableView> => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, input.branchId)
    const { loaded, period, view, figures } = await branchFigures(db, branch, input, now)
    const { tallies, makeups, services } = await ledgerParts(db, [branch], loaded, period, now)
    const sheet = personSheets({ owner: branch.name, subtitle: `${branch.name}　${view.label}`, loaded, tallies, makeups, figures, services, manyBranches: false })[table]
    return {
      branch: { id: branch._id, name: branch.name },
      period: view,
      table,
      title: sheet.title ?? sheet.name,
      subtitle: sheet.subtitle ?? '',
      columns: sheet.columns.map((c) => c.header),
      groups: sheet.groups ?? [],
      rows: sheet.rows.map((r) => r.map((c) => (c instanceof Date ? formatSortable(c) : (c ?? null)))),
      notes: [...(view.notice ? [view.notice] : []), ...(sheet.notes ?? [])],
    }
  },

  /** A meeting's record in the official platforms' fields, to copy in one tap. */
  'desk.meetingRecord': async ({ meetingId }, { caller, db, now }) => {
    const actor = requireMember(await resolveActor({ caller, db }))
    const meeting = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayReviewMeetingAttendance(callerOf(actor), meeting))
    const branchId = meeting.branchId
    const [members, history, attendance, leaves, minutes, log] = await Promise.all([
      db.all('members', { branchId }),
      categoryChanges(db, branchId),
      attendanceOf(db, [meetingId], 1),
      db.all('leaveRequests', { meetingId }),
      db.get('minutes', meetingId),
      db.all('attendanceLog', { meetingId }, ['at', 'asc']),
    ])
    // A leave entered by hand has its reason in the log, as the 签到表 prints it.
    const handReasons = new Map<string, string>()
    for (const l of log) {
      if (l.after === 'leave') handReasons.set(l.memberId, l.reason)
      else handReasons.delete(l.memberId)
    }
    const people = figureMembers(members, history)
    // The copy of a closed meeting reads the expected list written into its record, as every screen does.
    await settledExpected(db, meeting, people, now)
    const tally = tallyMeetings({
      meetings: [figureMeeting(meeting)],
      members: people,
      attendance: (attendance.get(meetingId) ?? []).map((e) => ({ meetingId, memberId: e.memberId, status: e.status })),
      leaves: leaves.filter((l) => l.status === 'approved').map((l) => ({ meetingId, memberId: l.memberId })),
    }).get(meetingId)
    const nameOf = (id: string | null) => (id ? (members.find((m) => m._id === id)?.name ?? '') : '')
    const fields = platformFields({ meeting, tally, minutes, leaves, nameOf, handReasons })
    return { meetingId, fields, text: `会议名称：${meeting.title}\n${platformText(fields)}` }
  },

  /** An organisation admin's view: every branch's compliance and figures side by side, and the organisation's own. */
  'desk.org': async (input, { caller, now, db }): Promise<OrgDeskView> => {
    const { org, branches } = await orgOf(db, await resolveActor({ caller, db }))
    const { asked, period } = reportPeriod(input, now)
    const y = beijingParts(period.from).year
    const span = complianceSpan(y)
    const loaded = await loadRecords(db, branches, { from: new Date(Math.min(span.from.getTime(), period.from.getTime())), to: new Date(Math.max(span.to.getTime(), period.to.getTime())) }, {
      attendanceFor: (m) => isQuorumType(m) || (m.startAt >= period.from && m.startAt < period.to),
      volunteer: { now },
    })
    const figures = computeFigures(loaded.records, period, now)
    const { notice, paragraph } = paragraphOf(asked, figures, loaded, now, org)
    return {
      org: { id: org._id, name: org.name },
      period: periodView(asked, now, notice),
      year: y,
      branches: branches.map((b) => {
        const f = computeFigures(recordsOfBranch(loaded, b._id), period, now)
        const c = complianceOf(b, loaded, y, now, false)
        const cells = c.byMonth.reduce((s, m) => ({ due: s.due + m.due, green: s.green + m.green, amber: s.amber + m.amber, red: s.red + m.red }), { due: 0, green: 0, amber: 0, red: 0 })
        return {
          id: b._id,
          name: b.name,
          members: f.members.byCategory.reduce((n, x) => n + x.count.value, 0),
          partyMembers: f.members.partyMembers.value,
          compliance: cells,
          alerts: c.alerts,
          meetingsHeld: f.meetings.total.value,
          attendanceRate: f.meetings.rate,
          partyLectures: f.partyLectures.held.value,
          volunteerHours: f.volunteer.total.hours,
          notesSubmitted: f.study.notesSubmitted.value,
        }
      }),
      figures: figuresData(figures),
      paragraph,
      missingSources,
    }
  },

  /** The organisation's 台账: every branch's records in one workbook, with a 支部 column. */
  'desk.orgLedger': async (input, { caller, now, db }) => {
    const { org, branches } = await orgOf(db, await resolveActor({ caller, db }))
    const { asked, period } = reportPeriod(input, now)
    const loaded = await loadRecords(db, branches, period, { attendanceFor: () => true, volunteer: { now } })
    const figures = computeFigures(loaded.records, period, now)
    const { notice, paragraph } = paragraphOf(asked, figures, loaded, now, org)
    return ledgerFile(db, org.name, org._id, branches, loaded, period, periodView(asked, now, notice), figures, paragraph, now)
  },
})
