import type { PeriodView } from '../../shared/api/areas/desk'
import { attendanceStatusLabels, meetingTypeLabels } from '../../shared/domain/meeting'
import { maskPhone, memberCategoryLabels, positionLabels } from '../../shared/domain/member'
import type { FigureService, Figures, MeetingTally } from '../../shared/domain/figures'
import { figureSections } from '../../shared/domain/figure-lines'
import { hoursSheetColumns, hoursSheetRows } from '../../shared/domain/volunteer'
import { categoryAt, onRoll } from '../../shared/domain/figures'
import { beijingClock, formatFullDate, formatSortable } from '../../shared/domain/time'
import type { SheetSpec } from '../_lib/excel'
import type { LeaveDoc, MakeupDoc, MeetingDoc, MemberDoc, MinutesDoc } from '../../shared/domain/documents'
import type { LoadedRecords } from './records'
import { personSheets } from './person-sheets'

/** A meeting with what its record needs. */
export interface MeetingRecordInput {
  meeting: MeetingDoc
  tally: MeetingTally | undefined
  minutes: MinutesDoc | null
  leaves: readonly LeaveDoc[]
  nameOf: (memberId: string | null) => string
  /** The reason given when a leave was entered by hand, by member (as the 签到表 prints it). */
  handReasons?: ReadonlyMap<string, string>
}

/** "2025年3月8日 16:30–17:30". */
export function meetingTime(meeting: Pick<MeetingDoc, 'startAt' | 'endAt'>): string {
  return `${formatFullDate(meeting.startAt)} ${beijingClock(meeting.startAt)}–${beijingClock(meeting.endAt)}`
}

/**
 * One meeting's record in the fields the official 三会一课 platforms ask for, in their order:
 * 会议类型, 时间, 地点, 主持人, 记录人, 应到, 实到 (with who, late arrivals marked), 缺席及原因,
 * 列席, 议题, 内容摘要, 决议.
 */
export function platformFields(input: MeetingRecordInput): Array<{ label: string; value: string }> {
  const { meeting, tally, minutes, nameOf } = input
  const reasonOf = new Map([...(input.handReasons ?? new Map<string, string>())])
  for (const l of input.leaves) if (l.reason.trim()) reasonOf.set(l.memberId, l.reason.trim())
  const late = new Set(tally?.lateIds ?? [])
  const present = (tally?.attendedIds ?? []).map((id) => `${nameOf(id)}${late.has(id) ? '（迟到）' : ''}`)
  const missing = (tally?.missing ?? []).map((m) => `${nameOf(m.memberId)}（${m.status === 'leave' ? `请假：${reasonOf.get(m.memberId) || '未填写事由'}` : '缺席'}）`)
  const observers = (tally?.observerIds ?? []).map(nameOf)
  const topics = minutes?.topics.length ? minutes.topics : meeting.agenda
  return [
    { label: '会议类型', value: meetingTypeLabels[meeting.type] },
    { label: '时间', value: meetingTime(meeting) },
    { label: '地点', value: meeting.venue },
    { label: '主持人', value: nameOf(meeting.hostId) },
    { label: '记录人', value: nameOf(meeting.recorderId) },
    { label: '应到', value: tally ? `${tally.expected}人` : '' },
    { label: '实到', value: tally ? `${tally.attended}人${late.size ? `（其中迟到${late.size}人）` : ''}${present.length ? `：${present.join('、')}` : ''}` : '' },
    { label: '缺席及原因', value: missing.join('；') || '无' },
    { label: '列席', value: observers.length ? `${observers.length}人：${observers.join('、')}` : '无' },
    { label: '议题', value: topics.map((t, i) => `${i + 1}. ${t}`).join('；') || '无' },
    { label: '内容摘要', value: minutes?.content || '' },
    { label: '决议', value: minutes?.decisions || '' },
  ]
}

/** The 会议记录 sheet's columns: the meeting's name, then the platform's fields, sized for their content. */
const platformColumns = [
  { header: '会议名称', width: 22 },
  { header: '会议类型', width: 11 },
  { header: '时间', width: 20 },
  { header: '地点', width: 12 },
  { header: '主持人', width: 8 },
  { header: '记录人', width: 8 },
  { header: '应到', width: 6 },
  { header: '实到', width: 30 },
  { header: '缺席及原因', width: 24 },
  { header: '列席', width: 14 },
  { header: '议题', width: 26 },
  { header: '内容摘要', width: 40 },
  { header: '决议', width: 26 },
]

export function platformText(fields: Array<{ label: string; value: string }>): string {
  return fields.map((f) => `${f.label}：${f.value}`).join('\n')
}

export interface LedgerInput {
  /** "城关小学第一党支部", or the organisation's name. */
  owner: string
  period: PeriodView
  loaded: LoadedRecords
  tallies: Map<string, MeetingTally>
  minutes: Map<string, MinutesDoc>
  makeups: readonly MakeupDoc[]
  figures: Figures
  /** The period's credited volunteer services, one row each in the hours sheet. */
  services: readonly FigureService[]
  paragraph: string
  /** Whether several branches are in it (adds a 支部 column). */
  manyBranches: boolean
}


/** The 台账 of a period: a sheet per kind, in the layout an inspector reads. */
export function ledgerSheets(input: LedgerInput): SheetSpec[] {
  const { loaded, tallies, period, owner } = input
  const memberById = new Map(loaded.members.map((m) => [m._id, m]))
  const groupName = new Map(loaded.groups.map((g) => [g._id, g.name]))
  const branchName = new Map(loaded.branches.map((b) => [b._id, b.name]))
  const nameOf = (id: string | null) => (id ? (memberById.get(id)?.name ?? '') : '')
  const subtitle = `${owner}　${period.label}`
  const branchCol = input.manyBranches ? [{ header: '支部', width: 18 }] : []
  const branchCell = (branchId: string) => (input.manyBranches ? [branchName.get(branchId) ?? ''] : [])
  const held = loaded.meetings.filter((m) => m.status === 'published' && tallies.has(m._id)).sort((a, b) => a.startAt.getTime() - b.startAt.getTime())
  const leavesOf = (meetingId: string) => loaded.leaves.filter((l) => l.meetingId === meetingId)
  const offset = branchCol.length

  const summary: SheetSpec = {
    name: '概况',
    title: `${owner}组织生活台账`,
    subtitle: period.label,
    columns: [
      { header: '项目', width: 26 },
      { header: '数量', width: 14 },
      { header: '说明', width: 60 },
    ],
    rows: [
      ...figureSections(input.figures).flatMap((section) => [[`【${section.title}】`, '', section.empty ?? ''], ...section.lines.map((l) => [l.label, l.value, l.note])]),
      ['情况综述', '', input.paragraph],
    ],
    wrap: true,
    landscape: true,
  }

  const meetingsSheet: SheetSpec = {
    name: '会议台账',
    title: `${owner}三会一课及组织生活会议台账`,
    subtitle,
    columns: [
      { header: '序号', width: 6 },
      ...branchCol,
      { header: '日期', width: 16 },
      { header: '会议类型', width: 13 },
      { header: '会议名称', width: 26 },
      { header: '主持人', width: 9 },
      { header: '记录人', width: 9 },
      { header: '应到', width: 7 },
      { header: '实到', width: 7 },
      { header: '请假', width: 7 },
      { header: '缺席', width: 7 },
      { header: '议题', width: 40 },
    ],
    groups: [{ label: '出勤情况（人）', from: 7 + offset, to: 10 + offset }],
    rows: held.map((m, i) => {
      const t = tallies.get(m._id)!
      const topics = input.minutes.get(m._id)?.topics ?? m.agenda
      return [i + 1, ...branchCell(m.branchId), formatSortable(m.startAt), meetingTypeLabels[m.type], m.title, nameOf(m.hostId), nameOf(m.recorderId), t.expected, t.attended, t.leave, t.absent, topics.map((x, k) => `${k + 1}. ${x}`).join('\n')]
    }),
    wrap: true,
    landscape: true,
    notes: [`共 ${held.length} 次会议。应到、实到按会议当时在册的参会范围统计。`],
  }

  const signIn: SheetSpec = {
    name: '签到表',
    title: `${owner}会议签到表`,
    subtitle,
    columns: [
      ...branchCol,
      { header: '会议', width: 34 },
      { header: '序号', width: 6 },
      { header: '姓名', width: 10 },
      { header: '党小组', width: 14 },
      { header: '类别', width: 12 },
      { header: '签到时间', width: 10 },
      { header: '状态', width: 8 },
      { header: '备注', width: 24 },
    ],
    rows: held.flatMap((m) => {
      const entries = loaded.attendance.get(m._id) ?? []
      const byMember = new Map(entries.map((e) => [e.memberId, e]))
      const tally = tallies.get(m._id)!
      const missing = new Map(tally.missing.map((x) => [x.memberId, x.status]))
      const reasons = new Map(leavesOf(m._id).map((l) => [l.memberId, l.reason]))
      const people = [...new Set([...entries.map((e) => e.memberId), ...tally.missing.map((x) => x.memberId)])]
        .map((id) => memberById.get(id))
        .filter((p): p is MemberDoc => Boolean(p))
        .sort((a, b) => (groupName.get(a.groupId ?? '') ?? '').localeCompare(groupName.get(b.groupId ?? '') ?? '') || a.name.localeCompare(b.name, 'zh'))
      const label = `${formatSortable(m.startAt).slice(0, 10)} ${m.title}`
      return people.map((p, i) => {
        const e = byMember.get(p._id)
        const status = e?.status ?? missing.get(p._id) ?? 'absent'
        const remark = status === 'leave' ? `请假：${reasons.get(p._id) ?? ''}` : e?.method === 'manual' ? '补签' : ''
        return [...branchCell(m.branchId), label, i + 1, p.name, groupName.get(p.groupId ?? '') ?? '', memberCategoryLabels[p.category], e?.checkedInAt ? beijingClock(e.checkedInAt) : '', attendanceStatusLabels[status], remark]
      })
    }),
    mergeRuns: [offset],
    landscape: true,
  }

  const records: SheetSpec = {
    name: '会议记录',
    title: `${owner}会议记录`,
    subtitle,
    columns: [...branchCol, ...platformColumns],
    rows: held.map((m) => [...branchCell(m.branchId), m.title, ...platformFields({ meeting: m, tally: tallies.get(m._id), minutes: input.minutes.get(m._id) ?? null, leaves: leavesOf(m._id), nameOf }).map((f) => f.value)]),
    wrap: true,
    landscape: true,
  }

  const meetingById = new Map(loaded.meetings.map((m) => [m._id, m]))
  const makeupOf = new Map(input.makeups.map((m) => [`${m.meetingId}_${m.memberId}`, m]))
  const leaveRows = loaded.leaves
    .filter((l) => meetingById.get(l.meetingId)?.status === 'published')
    .sort((a, b) => meetingById.get(a.meetingId)!.startAt.getTime() - meetingById.get(b.meetingId)!.startAt.getTime())
  const leaveSheet: SheetSpec = {
    name: '请假与补学',
    title: `${owner}请假及补学登记表`,
    subtitle,
    columns: [
      { header: '序号', width: 6 },
      ...branchCol,
      { header: '会议日期', width: 12 },
      { header: '会议名称', width: 26 },
      { header: '姓名', width: 10 },
      { header: '请假事由', width: 26 },
      { header: '审批结果', width: 9 },
      { header: '审批意见', width: 20 },
      { header: '补学情况', width: 9 },
      { header: '补学完成时间', width: 16 },
      { header: '补学体会', width: 36 },
    ],
    groups: [
      { label: '请假', from: 5 + offset, to: 7 + offset },
      { label: '补学', from: 8 + offset, to: 10 + offset },
    ],
    rows: leaveRows.map((l, i) => {
      const meeting = meetingById.get(l.meetingId)!
      const makeup = makeupOf.get(`${l.meetingId}_${l.memberId}`)
      const decision = l.status === 'approved' ? '准假' : l.status === 'rejected' ? '不准假' : '待审批'
      return [i + 1, ...branchCell(l.branchId), formatSortable(meeting.startAt).slice(0, 10), meeting.title, nameOf(l.memberId), l.reason, decision, l.comment ?? '', makeup ? (makeup.status === 'done' ? '已完成' : '未完成') : '', makeup?.completedAt ? formatSortable(makeup.completedAt) : '', makeup?.note ?? '']
    }),
    wrap: true,
    landscape: true,
  }

  const v = input.figures.volunteer
  // The organisation's sheet runs branch by branch, each in the 志愿 pages' own order.
  const hours = loaded.branches.flatMap((b) => hoursSheetRows(input.services.filter((x) => (x.branchId ?? b._id) === b._id)).map((r) => [...branchCell(b._id), ...r]))
  const volunteerSheet: SheetSpec = {
    name: '志愿服务',
    title: `${owner}“七彩阳光”党员志愿服务时长记录`,
    subtitle: `${subtitle}　共 ${v.total.shifts} 班次，${v.total.personTimes} 人次，${v.total.hours} 小时，服务群众 ${v.total.peopleServed} 人次`,
    columns: [{ header: '序号', width: 6 }, ...branchCol, ...hoursSheetColumns.map((header, i) => ({ header, width: [10, 24, 12, 8, 8, 10, 24, 10][i] }))],
    rows: hours.map((r, i) => [i + 1, ...r]),
    landscape: true,
    notes: hours.length ? ['仅含带队人已确认的服务时长。'] : ['本期没有志愿服务记录。'],
  }

  const person = personSheets({ owner, subtitle, loaded, tallies, makeups: input.makeups, figures: input.figures, services: input.services, manyBranches: input.manyBranches })

  const end = new Date(input.figures.asOf.getTime() - 1)
  const figureMemberOf = new Map(loaded.records.members.map((m) => [m.id, m]))
  const roster = loaded.members
    .filter((m) => onRoll(figureMemberOf.get(m._id)!, end))
    .sort((a, b) => a.branchId.localeCompare(b.branchId) || (groupName.get(a.groupId ?? '') ?? '').localeCompare(groupName.get(b.groupId ?? '') ?? '') || a.name.localeCompare(b.name, 'zh'))
  const rosterSheet: SheetSpec = {
    name: '花名册',
    title: `${owner}党员花名册`,
    subtitle: `截至${formatFullDate(end)}`,
    columns: [
      { header: '序号', width: 6 },
      ...branchCol,
      { header: '姓名', width: 10 },
      { header: '党小组', width: 14 },
      { header: '类别', width: 12 },
      { header: '职务', width: 20 },
      { header: '入党时间', width: 12 },
      { header: '手机号', width: 14 },
    ],
    rows: roster.map((m, i) => [i + 1, ...branchCell(m.branchId), m.name, groupName.get(m.groupId ?? '') ?? '', memberCategoryLabels[categoryAt(figureMemberOf.get(m._id)!, end)], m.positions.map((p) => positionLabels[p]).join('、'), m.joinedPartyAt ?? '', maskPhone(m.phone)]),
    landscape: true,
  }

  return [summary, meetingsSheet, signIn, records, leaveSheet, volunteerSheet, person.notes, person.tests, person.members, rosterSheet]
}
