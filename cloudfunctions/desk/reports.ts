/** What the desk's actions share: the period asked, the records loaded, compliance, the paragraph and the workbook. */
import type { ComplianceView, FiguresData, MeetingRef, PeriodView, RecordRefs } from '../../shared/api/areas/desk'
import { fail } from '../../shared/errors'
import { branchCompliance, complianceAlerts, complianceByMonth, complianceByQuarter, complianceCalendar, quorumTypes } from '../../shared/domain/compliance'
import { computeFigures, tallyMeetings, yearPeriod, type Figures, type Period } from '../../shared/domain/figures'
import { periodBounds, periodDays, periodKey, periodLabel, periodProblem, recordsNoticeOfMany, requestedReportPeriod, type Period as ReportPeriod } from '../../shared/domain/period'
import { duringWord, summaryFacts, summaryParagraph } from '../../shared/domain/summary-paragraph'
import { mayReadDesk } from '../../shared/domain/permissions'
import { beijingDate, beijingParts } from '../../shared/domain/time'
import type { BranchDoc, MeetingDoc, MinutesDoc, OrgDoc } from '../../shared/domain/documents'
import { readableBranch, type Actor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { noteAccess } from '../_lib/study'
import { writeWorkbook } from '../_lib/excel'
import { storeGenerated } from '../_lib/files'
import { ledgerSheets } from './ledger'
import { developmentsOf } from './development-sheet'
import { alertView } from '../_lib/branch-records'
import { loadRecords, recordsOfBranch, type LoadedRecords } from './records'

/** Figures the desk cannot count yet, because their records do not exist in the app: none now. */
export const missingSources: string[] = []

export const isQuorumType = (m: Pick<MeetingDoc, 'type'>) => quorumTypes.includes(m.type)

/** The period a request names, refused when it has not begun or spans more than ten years. */
export function reportPeriod(input: { period?: string; year?: number; from?: string; to?: string }, now: Date): { asked: ReportPeriod; period: Period } {
  const asked = requestedReportPeriod(input, now)
  const problem = periodProblem(asked, now)
  if (problem) fail('INPUT.INVALID', problem, { period: problem })
  return { asked, period: periodBounds(asked, now) }
}

/** The day each branch's records are complete from: what its secretary set, else its first roster entry. */
export function recordsFromOf(branch: BranchDoc, loaded: Pick<LoadedRecords, 'since'>): string | null {
  if (branch.recordsFrom) return branch.recordsFrom
  const since = loaded.since.get(branch._id)
  return since ? beijingDate(since) : null
}

export function periodView(asked: ReportPeriod, now: Date, notice: string | null): PeriodView {
  const days = periodDays(asked, now)
  return { key: periodKey(asked), from: days.from, to: days.to, kind: asked.kind, label: periodLabel(asked), notice }
}

/** The compliance span of a year: the year before it too, for the alerts of January. */
export function complianceSpan(year: number): Period {
  return { from: yearPeriod(year - 1).from, to: yearPeriod(year).to }
}

export function meetingRef(m: { id: string; title: string; type: MeetingDoc['type']; startAt: Date }): MeetingRef {
  return { id: m.id, title: m.title, type: m.type, startAt: m.startAt.toISOString() }
}

/** The calendar of one branch from its loaded records. */
export function complianceOf(branch: BranchDoc, loaded: LoadedRecords, year: number, now: Date, canEditRules: boolean): ComplianceView {
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

export function figuresData(f: Figures): FiguresData {
  const { from: _from, to: _to, asOf, ...rest } = f
  return { ...rest, asOf: asOf.toISOString() }
}

/** What the figures' ids name. */
export function recordRefs(loaded: LoadedRecords, f: Figures, actor: Actor): RecordRefs {
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
export async function deskBranch(db: Db, actor: Actor, branchId: string | undefined): Promise<{ branch: BranchDoc; canManage: boolean }> {
  return readableBranch(db, actor, branchId, mayReadDesk)
}

type PeriodInput = { period?: string; year?: number; from?: string; to?: string }

/** The paragraph and the notice of some branches' figures: one branch's, or an organisation's (`org`). */
export const noticeOf = (asked: ReportPeriod, loaded: LoadedRecords, now: Date, org: OrgDoc | null) =>
  recordsNoticeOfMany(asked, loaded.branches.map((b) => ({ name: org ? b.name : '本支部', recordsFrom: recordsFromOf(b, loaded) })), now)

export function paragraphOf(asked: ReportPeriod, figures: Figures, loaded: LoadedRecords, now: Date, org: OrgDoc | null) {
  const notice = noticeOf(asked, loaded, now, org)
  const name = org ? org.name : loaded.branches[0].name
  const facts = summaryFacts(figures, { label: periodLabel(asked), during: duringWord(asked), name, branches: org ? loaded.branches.length : null, groups: loaded.groups.length, notice })
  return { notice, paragraph: summaryParagraph(facts) }
}

export async function branchFigures(db: Db, branch: BranchDoc, input: PeriodInput, now: Date): Promise<{ loaded: LoadedRecords; period: Period; view: PeriodView; figures: Figures; paragraph: string }> {
  const { asked, period } = reportPeriod(input, now)
  const loaded = await loadRecords(db, [branch], period, { attendanceFor: () => true, volunteer: { now } })
  const figures = computeFigures(loaded.records, period, now)
  const { notice, paragraph } = paragraphOf(asked, figures, loaded, now, null)
  return { loaded, period, view: periodView(asked, now, notice), figures, paragraph }
}

/** Minutes of some meetings, a page of ids at a time. */
export async function minutesOf(db: Db, meetingIds: string[]): Promise<Map<string, MinutesDoc>> {
  const pages: string[][] = []
  for (let i = 0; i < meetingIds.length; i += 500) pages.push(meetingIds.slice(i, i + 500))
  const docs = (await Promise.all(pages.map((ids) => db.all('minutes', { _id: { $in: ids } })))).flat()
  return new Map(docs.map((d) => [d._id, d]))
}

/** The held meetings' tallies, 补学 and services of a period: what the 台账's sheets are made of. */
export async function ledgerParts(db: Db, branches: BranchDoc[], loaded: LoadedRecords, period: Period, now: Date) {
  const held = loaded.meetings.filter((m) => m.status === 'published' && m.endAt.getTime() <= now.getTime() && m.startAt >= period.from && m.startAt < period.to)
  const heldIds = new Set(held.map((m) => m._id))
  const tallies = tallyMeetings({ ...loaded.records, meetings: loaded.records.meetings.filter((m) => heldIds.has(m.id)) })
  const branchIds = branches.map((b) => b._id)
  const makeups = await db.all('makeups', { branchId: branchIds.length === 1 ? branchIds[0] : { $in: branchIds }, createdAt: { $gte: new Date(period.from.getTime() - 62 * 86400_000) } })
  const services = loaded.records.services.filter((x) => x.startAt >= period.from && x.startAt < period.to)
  return { heldIds, tallies, makeups, services }
}

export async function ledgerFile(db: Db, owner: string, ownerId: string, branches: BranchDoc[], loaded: LoadedRecords, period: Period, view: PeriodView, figures: Figures, paragraph: string, now: Date) {
  const { heldIds, tallies, makeups, services } = await ledgerParts(db, branches, loaded, period, now)
  const [minutes, developments] = await Promise.all([minutesOf(db, [...heldIds]), developmentsOf(db, branches.map((b) => b._id))])
  const sheets = ledgerSheets({ owner, period: view, loaded, tallies, minutes, makeups, figures, services, paragraph, manyBranches: branches.length > 1, developments })
  const content = await writeWorkbook(sheets)
  return storeGenerated(`exports/${ownerId}/ledger-${view.from}-${view.to}-${now.getTime()}.xlsx`, content, `${owner}${view.label}台账.xlsx`)
}

export async function orgOf(db: Db, actor: Actor): Promise<{ org: OrgDoc; branches: BranchDoc[] }> {
  if (actor.kind !== 'orgAdmin') fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
  const [org, branches] = await Promise.all([db.get('orgs', actor.admin.orgId), db.all('branches', { orgId: actor.admin.orgId }, ['name', 'asc'])])
  if (!org) fail('NOT_FOUND')
  return { org, branches }
}
