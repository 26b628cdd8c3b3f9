import type { AttendanceStatus, AudienceKind, MeetingType } from './meeting'
import { branchMeetingTypes, meetingTypeLabels, normalizedSubject, subjectMax } from './meeting'
import { meetingLimits, meetingTimeProblem } from './meeting-form'
import { cellText, parseDate, type RawCell, type SheetRow } from './roster-import'
import { fromBeijing } from './time'

/**
 * 历史补录 from a sheet: one row per past meeting, copied from the paper sign-in sheet — its day,
 * times, type (and 专题), title, place, audience, host, recorder, who came, came late, was on
 * leave or sat in (列席), and its 议题. Every row is checked against itself and the roster and
 * reported as "第N行：原因"; the caller writes nothing unless every row is good. Pure.
 */

export const historyColumns = [
  { key: 'date', title: '日期', aliases: ['日期', '会议日期'], required: true },
  { key: 'start', title: '开始时间', aliases: ['开始时间', '开始'], required: true },
  { key: 'end', title: '结束时间', aliases: ['结束时间', '结束'], required: true },
  { key: 'type', title: '会议类型', aliases: ['会议类型', '类型'], required: true },
  { key: 'subject', title: '专题', aliases: ['专题', '主题'], required: false },
  { key: 'title', title: '会议名称', aliases: ['会议名称', '名称', '标题'], required: true },
  { key: 'venue', title: '地点', aliases: ['地点', '会议地点'], required: true },
  { key: 'audience', title: '参会范围', aliases: ['参会范围', '范围', '参会对象'], required: false },
  { key: 'host', title: '主持人', aliases: ['主持人', '主讲人'], required: false },
  { key: 'recorder', title: '记录人', aliases: ['记录人'], required: false },
  { key: 'present', title: '出席', aliases: ['出席', '实到', '到会人员', '签到'], required: true },
  { key: 'late', title: '迟到', aliases: ['迟到'], required: false },
  { key: 'leave', title: '请假', aliases: ['请假'], required: false },
  { key: 'observer', title: '列席', aliases: ['列席'], required: false },
  { key: 'agenda', title: '议题', aliases: ['议题', '会议议题'], required: false },
] as const
type HistoryKey = (typeof historyColumns)[number]['key']

export const maxHistoryRows = 2000

export interface HistoryMember {
  id: string
  name: string
  category: string
}

export interface PlannedMeeting {
  row: number
  type: MeetingType
  subject: string | null
  title: string
  startAt: Date
  endAt: Date
  venue: string
  audience: { kind: AudienceKind; groupId: string | null; memberIds: string[]; allowObservers: boolean }
  hostId: string | null
  recorderId: string | null
  agenda: string[]
  /** Everyone with a record: present, late, leave or observer. Who is expected and not here is 缺席. */
  attendance: Array<{ memberId: string; status: Exclude<AttendanceStatus, 'absent'> }>
}

export interface HistoryPlan {
  meetings: PlannedMeeting[]
  errors: Array<{ row: number; message: string }>
  rows: number
}

const typeByLabel = new Map<string, MeetingType>([
  ...branchMeetingTypes.map((t) => [meetingTypeLabels[t], t] as const),
  ['党员大会', 'generalMeeting'],
  ['支部委员会', 'committeeMeeting'],
  ['支委会议', 'committeeMeeting'],
  ['中心组学习', 'theoryStudyGroup'],
  ['理论学习中心组', 'theoryStudyGroup'],
  ['研讨', 'seminar'],
  ['主题党日活动', 'themedPartyDay'],
  ['民主评议', 'memberAppraisal'],
  ['慰问', 'visit'],
  ['走访', 'visit'],
])

/** 15:30, 15：30, 1530, an Excel time (a fraction of a day, or a Date on 1899-12-30). */
export function parseClock(cell: RawCell): string | null {
  if (cell instanceof Date) return `${String(cell.getUTCHours()).padStart(2, '0')}:${String(cell.getUTCMinutes()).padStart(2, '0')}`
  if (typeof cell === 'number' && cell >= 0 && cell < 1) {
    const minutes = Math.round(cell * 24 * 60)
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  }
  const m = cellText(cell).match(/^(\d{1,2})\s*[:：点]\s*(\d{2})?\s*分?$/) ?? cellText(cell).match(/^(\d{2})(\d{2})$/)
  if (!m) return null
  const [h, min] = [Number(m[1]), Number(m[2] ?? 0)]
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null
}

const names = (cell: RawCell) =>
  cellText(cell)
    .split(/[、,，;；\s]+/)
    .map((n) => n.trim())
    .filter(Boolean)

function mapHeader(header: RawCell[]): { columns: Partial<Record<HistoryKey, number>>; missing: string[] } {
  const columns: Partial<Record<HistoryKey, number>> = {}
  header.forEach((cell, index) => {
    const title = cellText(cell).replace(/[*＊\s]/g, '')
    const column = historyColumns.find((c) => (c.aliases as readonly string[]).includes(title))
    if (column && columns[column.key] === undefined) columns[column.key] = index
  })
  return { columns, missing: historyColumns.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.title) }
}

/** The audience a type has unless the sheet says otherwise: 支委 for a 支委会, the branch for the rest. */
const defaultAudience = (type: MeetingType): AudienceKind => (type === 'committeeMeeting' ? 'committee' : 'branch')

export function planHistoryImport(
  header: RawCell[],
  rows: SheetRow[],
  context: { members: HistoryMember[]; groups: Array<{ id: string; name: string }>; now: Date },
): HistoryPlan | { headerMissing: string[] } {
  const { columns, missing } = mapHeader(header)
  if (missing.length) return { headerMissing: missing }
  const cell = (r: SheetRow, key: HistoryKey) => (columns[key] === undefined ? undefined : r.cells[columns[key] as number])
  const byName = new Map<string, HistoryMember[]>()
  for (const m of context.members) byName.set(m.name, [...(byName.get(m.name) ?? []), m])
  const groupByName = new Map(context.groups.map((g) => [g.name, g.id]))
  const plan: HistoryPlan = { meetings: [], errors: [], rows: 0 }
  const seen = new Map<string, number>()

  for (const r of rows) {
    if (r.cells.every((c) => cellText(c) === '')) continue
    plan.rows++
    const problems: string[] = []

    const date = parseDate(cell(r, 'date') ?? null)
    if (date === null) problems.push('日期为空')
    else if (date === 'invalid') problems.push(`日期“${cellText(cell(r, 'date'))}”无法识别（例：2025-03-05）`)
    const start = parseClock(cell(r, 'start') ?? null)
    const end = parseClock(cell(r, 'end') ?? null)
    if (!start) problems.push(`开始时间“${cellText(cell(r, 'start'))}”无法识别（例：15:30）`)
    if (!end) problems.push(`结束时间“${cellText(cell(r, 'end'))}”无法识别（例：16:30）`)
    let startAt: Date | null = null
    let endAt: Date | null = null
    if (date && date !== 'invalid' && start && end) {
      startAt = fromBeijing(date, start)
      endAt = fromBeijing(date, end)
      const timeProblem = meetingTimeProblem(startAt, endAt)
      if (timeProblem) problems.push(timeProblem)
      else if (endAt.getTime() > context.now.getTime()) problems.push('补录只能录入已经结束的会议')
    }

    const typeText = cellText(cell(r, 'type')).replace(/\s+/g, '')
    const type = typeByLabel.get(typeText)
    if (!typeText) problems.push('会议类型为空')
    else if (!type) problems.push(`会议类型“${typeText}”无法识别（可填：${branchMeetingTypes.map((t) => meetingTypeLabels[t]).join('、')}）`)

    const subject = normalizedSubject(cellText(cell(r, 'subject')))
    if (subject && subject.length > subjectMax) problems.push(`专题不能超过 ${subjectMax} 个字`)

    const title = cellText(cell(r, 'title'))
    if (title.length < meetingLimits.titleMin) problems.push(`会议名称至少 ${meetingLimits.titleMin} 个字`)
    else if (title.length > meetingLimits.titleMax) problems.push(`会议名称不能超过 ${meetingLimits.titleMax} 个字`)
    const venue = cellText(cell(r, 'venue'))
    if (!venue) problems.push('地点为空')
    else if (venue.length > meetingLimits.venueMax) problems.push(`地点不能超过 ${meetingLimits.venueMax} 个字`)

    const person = (name: string, what: string): string | null => {
      const found = byName.get(name) ?? []
      if (found.length === 1) return found[0].id
      problems.push(found.length ? `${what}“${name}”在花名册中有同名的人，请在花名册中区分后再导入` : `${what}“${name}”不在花名册中`)
      return null
    }

    const audienceText = cellText(cell(r, 'audience')).replace(/\s+/g, '')
    let audience: PlannedMeeting['audience'] = { kind: type ? defaultAudience(type) : 'branch', groupId: null, memberIds: [], allowObservers: true }
    if (['全体党员', '全体', '支部', '全支部'].includes(audienceText)) audience = { ...audience, kind: 'branch' }
    else if (['支委', '支委委员', '支部委员'].includes(audienceText)) audience = { ...audience, kind: 'committee' }
    else if (audienceText) {
      const groupId = groupByName.get(audienceText)
      if (groupId) audience = { ...audience, kind: 'group', groupId }
      else problems.push(`参会范围“${audienceText}”无法识别（可填：全体党员、支委或党小组名称）`)
    } else if (type === 'groupMeeting') problems.push('党小组会请在“参会范围”填写党小组名称')

    const host = cellText(cell(r, 'host'))
    const recorder = cellText(cell(r, 'recorder'))
    const hostId = host ? person(host, '主持人') : null
    const recorderId = recorder ? person(recorder, '记录人') : null

    const attendance: PlannedMeeting['attendance'] = []
    const listed = new Map<string, string>()
    for (const [key, status, word] of [
      ['present', 'present', '出席'],
      ['late', 'late', '迟到'],
      ['leave', 'leave', '请假'],
      ['observer', 'observer', '列席'],
    ] as const) {
      for (const name of names(cell(r, key))) {
        const id = person(name, `${word}人员`)
        if (!id) continue
        if (listed.has(id)) {
          problems.push(`“${name}”同时出现在“${listed.get(id)}”和“${word}”中`)
          continue
        }
        listed.set(id, word)
        attendance.push({ memberId: id, status })
      }
    }

    const agenda = cellText(cell(r, 'agenda'))
      .split(/[；;\n]+/)
      .map((a) => a.replace(/^\s*\d+[.、．)）]\s*/, '').trim())
      .filter(Boolean)
    if (agenda.length > meetingLimits.agendaItems) problems.push(`议题最多 ${meetingLimits.agendaItems} 条`)
    if (agenda.some((a) => a.length > meetingLimits.agendaItemMax)) problems.push(`每条议题不能超过 ${meetingLimits.agendaItemMax} 个字`)

    // Only a good row can be the first of a pair: a bad one is fixed and checked again.
    if (startAt && type && !problems.length) {
      const key = `${startAt.getTime()}_${type}_${audience.groupId ?? ''}`
      if (seen.has(key)) problems.push(`与第${seen.get(key)}行是同一次会议（同一时间、同一类型）`)
      else seen.set(key, r.row)
    }

    if (problems.length) {
      plan.errors.push({ row: r.row, message: problems.join('；') })
      continue
    }
    plan.meetings.push({ row: r.row, type: type as MeetingType, subject, title, startAt: startAt as Date, endAt: endAt as Date, venue, audience, hostId, recorderId, agenda, attendance })
  }
  return plan
}
