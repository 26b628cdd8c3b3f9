import type { RawCell } from '../../shared/domain/roster-import'
import type { AttemptDoc, MakeupDoc, MemberDoc, NoteDoc } from '../../shared/domain/documents'
import { categoryAt, type FigureService, type Figures, type MeetingTally } from '../../shared/domain/figures'
import { memberCategoryLabels } from '../../shared/domain/member'
import { noteGradeLabels, noteStatusLabels } from '../../shared/domain/study'
import { formatSortable } from '../../shared/domain/time'
import type { SheetSpec } from '../_lib/excel'
import type { LoadedRecords } from './records'

/**
 * The per-person sheets of the 台账: a row per note (学习心得登记), a row per person asked to take
 * each test (测试成绩), a row per member of the period (党员年度情况, where a 民主评议 starts). Every
 * row is one of the records the figures count, so each sheet's totals are the figures' own.
 */
export interface PersonSheetsInput {
  owner: string
  subtitle: string
  loaded: LoadedRecords
  /** The held meetings' tallies, as the figures count them. */
  tallies: Map<string, MeetingTally>
  makeups: readonly MakeupDoc[]
  figures: Figures
  services: readonly FigureService[]
  manyBranches: boolean
}

export type PersonSheetKey = 'notes' | 'tests' | 'members'

export const personSheetNames: Record<PersonSheetKey, string> = { notes: '学习心得', tests: '测试成绩', members: '党员年度情况' }

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—')
const round1 = (n: number) => Math.round(n * 10) / 10

/** "已通过（优秀）", "待审阅"… */
export function noteGradeText(note: Pick<NoteDoc, 'status' | 'grade'>): string {
  return note.status === 'approved' && note.grade ? noteGradeLabels[note.grade] : noteStatusLabels[note.status]
}

/** An attempt's score as the reviewer will read it. */
export function attemptScore(a: Pick<AttemptDoc, 'score' | 'objective'>): RawCell {
  if (a.score !== null) return a.score
  return a.objective !== null ? `${a.objective}（主观题待评分）` : '待评分'
}

/** Whole minutes from start to hand-in; an attempt out of time ran to its deadline. */
function minutesTaken(a: Pick<AttemptDoc, 'startedAt' | 'submittedAt' | 'deadline'>): number {
  const end = a.submittedAt ?? a.deadline
  return Math.max(1, Math.round((end.getTime() - a.startedAt.getTime()) / 60_000))
}

export function personSheets(input: PersonSheetsInput): Record<PersonSheetKey, SheetSpec> {
  const { loaded, figures, owner, subtitle } = input
  const memberById = new Map(loaded.members.map((m) => [m._id, m]))
  const groupName = new Map(loaded.groups.map((g) => [g._id, g.name]))
  const groupOrder = new Map(loaded.groups.map((g, i) => [g._id, i]))
  const branchName = new Map(loaded.branches.map((b) => [b._id, b.name]))
  const branchOrder = new Map(loaded.branches.map((b, i) => [b._id, i]))
  const branchCol = input.manyBranches ? [{ header: '支部', width: 18 }] : []
  const branchCell = (branchId: string) => (input.manyBranches ? [branchName.get(branchId) ?? ''] : [])
  const offset = branchCol.length
  const nameOf = (id: string | null) => (id ? (memberById.get(id)?.name ?? '') : '')
  const byRoster = (a: Pick<MemberDoc, 'branchId' | 'groupId' | 'name'>, b: Pick<MemberDoc, 'branchId' | 'groupId' | 'name'>) =>
    (branchOrder.get(a.branchId) ?? 0) - (branchOrder.get(b.branchId) ?? 0) ||
    (groupOrder.get(a.groupId ?? '') ?? 99) - (groupOrder.get(b.groupId ?? '') ?? 99) ||
    a.name.localeCompare(b.name, 'zh-Hans-CN')
  const s = figures.study

  const counted = new Set(s.notesSubmitted.ids)
  const notes = loaded.study.notes.filter((n) => counted.has(n._id)).sort((a, b) => a.firstSubmittedAt!.getTime() - b.firstSubmittedAt!.getTime())
  const notesSheet: SheetSpec = {
    name: personSheetNames.notes,
    title: `${owner}学习心得登记表`,
    subtitle: `${subtitle}　共 ${s.notesSubmitted.value} 篇，其中优秀 ${s.notesExcellent.value} 篇`,
    columns: [
      { header: '序号', width: 6 },
      ...branchCol,
      { header: '姓名', width: 10 },
      { header: '党小组', width: 12 },
      { header: '学习任务', width: 24 },
      { header: '心得标题', width: 28 },
      { header: '提交时间', width: 17 },
      { header: '字数', width: 7 },
      { header: '评阅结果', width: 12 },
      { header: '评阅人', width: 9 },
      { header: '优秀展示', width: 9 },
    ],
    rows: notes.map((n, i) => [
      i + 1,
      ...branchCell(n.branchId),
      n.authorName,
      groupName.get(n.groupId ?? memberById.get(n.memberId)?.groupId ?? '') ?? '',
      n.taskId ? (loaded.study.taskTitles.get(n.taskId) ?? '') : '自主学习',
      n.title,
      formatSortable(n.firstSubmittedAt!),
      n.characters,
      noteGradeText(n),
      nameOf(n.reviewedBy),
      n.shared ? '已展示' : '',
    ]),
    wrap: true,
    landscape: true,
    notes: notes.length ? [] : ['本期没有学习心得记录。'],
  }

  const testIds = new Set(s.tests.ids)
  const tests = loaded.study.tests.filter((t) => testIds.has(t.test._id)).sort((a, b) => a.test.closesAt.getTime() - b.test.closesAt.getTime())
  const testRows: RawCell[][] = []
  for (const { test, expectedIds, taken, unfinished } of tests) {
    const takenBy = new Map(taken.map((a) => [a.memberId, a]))
    const unfinishedBy = new Map(unfinished.map((a) => [a.memberId, a]))
    const people = [...new Set([...expectedIds, ...taken.map((a) => a.memberId)])].map((id) => memberById.get(id)).filter((m): m is MemberDoc => Boolean(m)).sort(byRoster)
    for (const m of people) {
      const a = takenBy.get(m._id)
      const asked = expectedIds.includes(m._id)
      const note = !asked ? '非应参测人员' : a ? (a.submittedAt ? '' : '到时自动收卷') : unfinishedBy.has(m._id) ? '已开始作答，未交卷' : ''
      testRows.push([testRows.length + 1, ...branchCell(test.branchId), test.title, m.name, groupName.get(m.groupId ?? '') ?? '', a ? '已参加' : '未参加', a ? attemptScore(a) : '', a ? minutesTaken(a) : '', a ? formatSortable(a.submittedAt ?? a.deadline) : '', note])
    }
  }
  const testSheet: SheetSpec = {
    name: personSheetNames.tests,
    title: `${owner}党员理论素养测试成绩登记表`,
    subtitle: `${subtitle}　共 ${s.tests.value} 次测试，应参测 ${s.testExpected} 人次，实参测 ${s.testTaken} 人次，参测率 ${percent(s.testTaken, s.testExpected)}`,
    columns: [
      { header: '序号', width: 6 },
      ...branchCol,
      { header: '测试名称', width: 24 },
      { header: '姓名', width: 10 },
      { header: '党小组', width: 12 },
      { header: '参测情况', width: 9 },
      { header: '成绩（分）', width: 12 },
      { header: '用时（分钟）', width: 11 },
      { header: '交卷时间', width: 17 },
      { header: '备注', width: 20 },
    ],
    rows: testRows,
    mergeRuns: [1 + offset],
    landscape: true,
    notes: tests.length ? [] : ['本期没有理论测试记录。'],
  }

  // Each person's year, from the same tallies, notes, tests and services the figures count.
  const blank = () => ({ expected: 0, attended: 0, leave: 0, makeups: 0, notes: 0, excellent: 0, testsAsked: 0, testsTaken: 0, scores: [] as string[], services: 0, hours: 0 })
  const year = new Map<string, ReturnType<typeof blank>>()
  const of = (id: string) => year.get(id) ?? (year.set(id, blank()), year.get(id)!)
  for (const t of input.tallies.values()) {
    for (const id of t.expectedIds) of(id).expected++
    for (const id of t.attendedIds) of(id).attended++
    for (const x of t.missing) if (x.status === 'leave') of(x.memberId).leave++
  }
  for (const mk of input.makeups) if (mk.status === 'done' && input.tallies.get(mk.meetingId)?.missing.some((x) => x.memberId === mk.memberId)) of(mk.memberId).makeups++
  for (const n of notes) {
    of(n.memberId).notes++
    if (s.notesExcellent.ids.includes(n._id)) of(n.memberId).excellent++
  }
  for (const { expectedIds, taken } of tests) {
    for (const id of expectedIds) of(id).testsAsked++
    for (const a of taken) {
      of(a.memberId).testsTaken++
      of(a.memberId).scores.push(String(attemptScore(a)))
    }
  }
  // A service names its member by name within the branch.
  const idByName = new Map(loaded.members.map((m) => [`${m.branchId}|${m.name}`, m._id]))
  const unmatched = { services: 0, hours: 0 }
  for (const x of input.services) {
    const id = idByName.get(`${x.branchId ?? loaded.branches[0]?._id}|${x.memberName}`)
    const into = id ? of(id) : unmatched
    into.services++
    into.hours += x.hours
  }
  const end = new Date(figures.asOf.getTime() - 1)
  const figureMemberOf = new Map(loaded.records.members.map((m) => [m.id, m]))
  const inPeriod = (m: MemberDoc) => {
    const f = figureMemberOf.get(m._id)
    if (!f) return false
    const last = f.leftAt && f.leftAt <= end ? new Date(f.leftAt.getTime() - 1) : end
    return f.since <= end && (!f.leftAt || f.leftAt > figures.from) && (year.has(m._id) || ['full', 'probationary'].includes(categoryAt(f, last)))
  }
  const people = loaded.members.filter((m) => year.has(m._id) || inPeriod(m)).sort(byRoster)
  const v = figures.volunteer.total
  const totals = { expected: figures.meetings.expected, attended: figures.meetings.attended }
  const leaveTotal = [...input.tallies.values()].reduce((n, t) => n + t.leave, 0)
  const sum = (key: 'makeups') => people.reduce((n, m) => n + of(m._id)[key], 0)
  const membersSheet: SheetSpec = {
    name: personSheetNames.members,
    title: `${owner}党员年度情况统计表`,
    subtitle,
    columns: [
      { header: '序号', width: 6 },
      ...branchCol,
      { header: '姓名', width: 10 },
      { header: '党小组', width: 12 },
      { header: '类别', width: 10 },
      { header: '应参加', width: 8 },
      { header: '实参加', width: 8 },
      { header: '请假', width: 7 },
      { header: '补学完成', width: 9 },
      { header: '提交', width: 7 },
      { header: '优秀', width: 7 },
      { header: '应参测', width: 8 },
      { header: '实参测', width: 8 },
      { header: '成绩', width: 16 },
      { header: '次数', width: 7 },
      { header: '时长（小时）', width: 11 },
    ],
    groups: [
      { label: '组织生活（次）', from: 5 + offset, to: 8 + offset },
      { label: '学习心得（篇）', from: 9 + offset, to: 10 + offset },
      { label: '理论测试', from: 11 + offset, to: 13 + offset },
      { label: '志愿服务', from: 14 + offset, to: 15 + offset },
    ],
    rows: [
      ...people.map((m, i) => {
        const y = of(m._id)
        const f = figureMemberOf.get(m._id)
        const at = f?.leftAt && f.leftAt <= end ? new Date(f.leftAt.getTime() - 1) : end
        const category = f ? memberCategoryLabels[categoryAt(f, at)] + (f.leftAt && f.leftAt <= end ? '（已转出）' : '') : ''
        return [i + 1, ...branchCell(m.branchId), m.name, groupName.get(m.groupId ?? '') ?? '', category, y.expected, y.attended, y.leave, y.makeups, y.notes, y.excellent, y.testsAsked, y.testsTaken, y.scores.join('、'), y.services, round1(y.hours)]
      }),
      ['合计', ...branchCell(''), '', '', '', totals.expected, totals.attended, leaveTotal, sum('makeups'), s.notesSubmitted.value, s.notesExcellent.value, s.testExpected, s.testTaken, '', v.personTimes, v.hours],
    ],
    landscape: true,
    notes: [
      `出勤率 ${percent(totals.attended, totals.expected)}；“应参加”为本人在册且应出席的已召开会议。`,
      ...(unmatched.services ? [`另有 ${unmatched.services} 人次、${round1(unmatched.hours)} 小时志愿服务未能按姓名对应到名册。`] : []),
    ],
  }
  return { notes: notesSheet, tests: testSheet, members: membersSheet }
}
