import type { AttendanceStatus } from '../../shared/domain/meeting'
import type { BranchDoc, GroupDoc, MemberDoc, MemberHistoryDoc, ShiftDoc } from '../../shared/domain/documents'
import { emptyRecords, type FigureRecords, type Period } from '../../shared/domain/figures'
import { categoryChangesQuery, figureMeeting, figureMembers, recordsSince } from '../_lib/branch-records'
import type { Db } from '../_lib/db'
import { volunteerRecords } from '../_lib/volunteer-records'
import { isOverdueAttempt, takesTheoryTests } from '../../shared/domain/theory-test'
import type { AttemptDoc, LeaveDoc, MeetingDoc, NoteDoc, StudyTaskDoc, TheoryTestDoc } from '../../shared/domain/documents'

/**
 * Reading a period's records of one branch or of many (an organisation's) in a fixed number of
 * queries whatever the number of branches: every query names all the branches at once, and
 * every read is paged under the 1,000-document cap.
 */

/** One attendance record as the desk needs it. */
export interface AttendanceEntry {
  memberId: string
  status: AttendanceStatus
  checkedInAt: Date | null
  method: 'rotating' | 'static' | 'manual' | null
}

export interface LoadedRecords {
  branches: BranchDoc[]
  groups: GroupDoc[]
  members: MemberDoc[]
  /** Every meeting that starts in the period, drafts and cancelled ones included. */
  meetings: MeetingDoc[]
  /** Attendance by meeting (only for the meetings asked for). */
  attendance: Map<string, AttendanceEntry[]>
  leaves: LeaveDoc[]
  /** Volunteer shifts held in the span (when asked for). */
  shifts: ShiftDoc[]
  /** The plain records the figures and compliance rules take. */
  records: FigureRecords
  /** When each branch's records begin: the first roster entry. */
  since: Map<string, Date>
  /** The title and author of each note counted, to list them by name. */
  noteLabels: Map<string, NoteLabel>
  /** The study documents behind the study records, for the per-person sheets. */
  study: StudyDetail
}

/** A theory test with whom it expects and who took it: the figures count these same lists. */
export interface TestDetail {
  test: TheoryTestDoc
  expectedIds: string[]
  /** Attempts that count as taken (submitted, or out of time). */
  taken: AttemptDoc[]
  /** Attempts begun and neither submitted nor out of time when the test closed. */
  unfinished: AttemptDoc[]
}

export interface StudyDetail {
  tasks: StudyTaskDoc[]
  /** The title of every task a counted note answers, due in the period or not. */
  taskTitles: Map<string, string>
  notes: NoteDoc[]
  tests: TestDetail[]
}

const noStudy = (): StudyDetail => ({ tasks: [], taskTitles: new Map(), notes: [], tests: [] })

export interface NoteLabel {
  title: string
  authorName: string
}

// An aggregated row carries one entry per person at the meeting (~60 bytes each): keep a page
// of rows well under the 1 MB a read may return.
const rowBudgetBytes = 600_000
const bytesPerEntry = 80

/**
 * Each meeting's attendance as one row (the meeting, its records looked up beside it by the
 * attendance's meetingId index), a page of meetings at a time: a year of a branch's meetings is
 * one read instead of one per 1,000 records.
 */
export async function attendanceOf(db: Db, meetingIds: string[], peoplePerMeeting: number): Promise<Map<string, AttendanceEntry[]>> {
  const perPage = Math.max(1, Math.min(1000, Math.floor(rowBudgetBytes / (bytesPerEntry * Math.max(1, peoplePerMeeting)))))
  const pages: string[][] = []
  for (let i = 0; i < meetingIds.length; i += perPage) pages.push(meetingIds.slice(i, i + perPage))
  type Row = { _id: string; r: Array<{ memberId: string; status: AttendanceStatus; checkedInAt?: Date | null; method?: AttendanceEntry['method'] }> }
  const results = await Promise.all(
    pages.map((ids) =>
      db.aggregate<Row>('meetings', [
        { $match: { _id: { $in: ids } } },
        { $lookup: { from: 'attendance', localField: '_id', foreignField: 'meetingId', as: 'r' } },
        { $project: { 'r.memberId': 1, 'r.status': 1, 'r.checkedInAt': 1, 'r.method': 1 } },
        { $limit: perPage },
      ]),
    ),
  )
  const byMeeting = new Map<string, AttendanceEntry[]>()
  for (const row of results.flat()) {
    if (!row.r.length) continue
    byMeeting.set(
      row._id,
      row.r.map((e) => ({ memberId: e.memberId, status: e.status, checkedInAt: e.checkedInAt ?? null, method: e.method ?? null })),
    )
  }
  return byMeeting
}

/** The roster changes of category (转正…) of some branches: one aggregation, at most 1000. */
export function categoryChanges(db: Db, branchId: string | { $in: string[] }): Promise<MemberHistoryDoc[]> {
  return db.aggregate<MemberHistoryDoc>('memberHistory', [{ $match: categoryChangesQuery(branchId) }, { $limit: 1000 }])
}

/**
 * The records of some branches over [from, to). `attendanceFor` picks the meetings whose
 * attendance is read (all of them for figures; only those with a quorum for compliance).
 */
export async function loadRecords(
  db: Db,
  branches: BranchDoc[],
  span: Period,
  options: { attendanceFor: (m: MeetingDoc) => boolean; leaves?: boolean; volunteer?: { now: Date } },
): Promise<LoadedRecords> {
  const branchIds = branches.map((b) => b._id)
  const inBranches = branchIds.length === 1 ? branchIds[0] : { $in: branchIds }
  const [groups, members, history, meetings, volunteer, study] = await Promise.all([
    db.all('groups', { branchId: inBranches }, ['order', 'asc']),
    db.all('members', { branchId: inBranches }),
    categoryChanges(db, inBranches),
    db.all('meetings', { branchId: inBranches, startAt: { $gte: span.from, $lt: span.to } }, ['startAt', 'asc']),
    options.volunteer ? volunteerRecords(db, branchIds, span, options.volunteer.now) : { held: [], services: [] },
    options.volunteer ? studyRecords(db, inBranches, span, options.volunteer.now) : { studyTasks: [], notes: [], tests: [], noteLabels: new Map<string, NoteLabel>(), detail: noStudy() },
  ])
  const published = meetings.filter((m) => m.status === 'published')
  const counted = published.filter(options.attendanceFor)
  const largestBranch = Math.max(1, ...branchIds.map((b) => members.filter((m) => m.branchId === b).length))
  // Leave is asked for before a meeting: a month before the period covers what its meetings had.
  const leaveSince = new Date(span.from.getTime() - 62 * 86400_000)
  const [attendance, leaves] = await Promise.all([
    counted.length ? attendanceOf(db, counted.map((m) => m._id), largestBranch) : Promise.resolve(new Map<string, AttendanceEntry[]>()),
    options.leaves === false || !counted.length ? Promise.resolve([] as LeaveDoc[]) : db.all('leaveRequests', { branchId: inBranches, requestedAt: { $gte: leaveSince, $lt: span.to } }),
  ])
  const meetingIds = new Set(meetings.map((m) => m._id))
  const inPeriodLeaves = leaves.filter((l) => meetingIds.has(l.meetingId))
  const since = new Map<string, Date>()
  for (const branchId of branchIds) {
    const first = recordsSince(members.filter((m) => m.branchId === branchId))
    if (first) since.set(branchId, first)
  }
  const records: FigureRecords = {
    ...emptyRecords,
    meetings: meetings.map(figureMeeting),
    members: figureMembers(members, history),
    attendance: [...attendance].flatMap(([meetingId, entries]) => entries.map((e) => ({ meetingId, memberId: e.memberId, status: e.status }))),
    leaves: inPeriodLeaves.filter((l) => l.status === 'approved').map((l) => ({ meetingId: l.meetingId, memberId: l.memberId })),
    shifts: volunteer.held.map((x) => ({ id: x._id, branchId: x.branchId, activityId: x.activityId, activityType: x.activityType, startAt: x.startAt, peopleServed: x.peopleServed })),
    services: volunteer.services,
    studyTasks: study.studyTasks,
    notes: study.notes,
    tests: study.tests,
  }
  return { branches, groups, members, meetings, attendance, leaves: inPeriodLeaves, shifts: volunteer.held, records, since, noteLabels: study.noteLabels, study: study.detail }
}

/**
 * The study area's records of a span, as the figures count them: tasks due in it, notes first
 * submitted in it (approved as 优秀 or not), and the theory tests that closed in it with how
 * many of the Party members on the roster took them.
 */
async function studyRecords(db: Db, branchId: string | { $in: string[] }, span: Period, now: Date): Promise<Pick<FigureRecords, 'studyTasks' | 'notes' | 'tests'> & { noteLabels: Map<string, NoteLabel>; detail: StudyDetail }> {
  const within = { $gte: span.from, $lt: span.to }
  const [tasks, notes, tests, members] = await Promise.all([
    db.all('studyTasks', { branchId, dueAt: within }),
    db.all('notes', { branchId, firstSubmittedAt: within }),
    db.all('theoryTests', { branchId, closesAt: { $gte: span.from, $lt: new Date(Math.min(span.to.getTime(), now.getTime())) } }),
    db.all('members', { branchId, status: 'active' }),
  ])
  const dueElsewhere = [...new Set(notes.map((n) => n.taskId).filter((t): t is string => t !== null && !tasks.some((x) => x._id === t)))]
  const [attempts, otherTasks] = await Promise.all([
    tests.length ? db.all('testAttempts', { testId: { $in: tests.map((t) => t._id) } }) : Promise.resolve([] as AttemptDoc[]),
    dueElsewhere.length ? db.all('studyTasks', { _id: { $in: dueElsewhere } }) : Promise.resolve([] as StudyTaskDoc[]),
  ])
  const counts = (a: AttemptDoc) => a.status === 'submitted' || isOverdueAttempt({ status: a.status, deadline: a.deadline }, now)
  const details: TestDetail[] = tests.map((t) => {
    const own = attempts.filter((a) => a.testId === t._id)
    return { test: t, expectedIds: members.filter((m) => m.branchId === t.branchId && takesTheoryTests(m)).map((m) => m._id), taken: own.filter(counts), unfinished: own.filter((a) => !counts(a)) }
  })
  return {
    detail: { tasks, taskTitles: new Map([...tasks, ...otherTasks].map((t) => [t._id, t.title])), notes, tests: details },
    noteLabels: new Map(notes.map((n) => [n._id, { title: n.title, authorName: n.authorName }])),
    studyTasks: tasks.map((t) => ({ id: t._id, branchId: t.branchId, title: t.title, publishedAt: t.dueAt })),
    notes: notes.map((n) => ({ id: n._id, branchId: n.branchId, memberId: n.memberId, taskId: n.taskId, submittedAt: n.firstSubmittedAt as Date, excellent: n.status === 'approved' && n.grade === 'excellent' })),
    tests: details.map(({ test: t, expectedIds, taken }) => ({ id: t._id, branchId: t.branchId, title: t.title, closesAt: t.closesAt, expected: expectedIds.length, taken: taken.length })),
  }
}

/** The part of loaded records that belongs to one branch. */
export function recordsOfBranch(loaded: LoadedRecords, branchId: string): FigureRecords {
  const meetingIds = new Set(loaded.meetings.filter((m) => m.branchId === branchId).map((m) => m._id))
  const memberIds = new Set(loaded.members.filter((m) => m.branchId === branchId).map((m) => m._id))
  const r = loaded.records
  return {
    ...r,
    meetings: r.meetings.filter((m) => meetingIds.has(m.id)),
    members: r.members.filter((m) => memberIds.has(m.id)),
    attendance: r.attendance.filter((a) => meetingIds.has(a.meetingId)),
    leaves: r.leaves.filter((l) => meetingIds.has(l.meetingId)),
    shifts: r.shifts.filter((x) => x.branchId === branchId),
    services: r.services.filter((x) => x.branchId === branchId),
    studyTasks: r.studyTasks.filter((x) => x.branchId === branchId),
    notes: r.notes.filter((x) => x.branchId === branchId),
    tests: r.tests.filter((x) => x.branchId === branchId),
  }
}
