import { z } from 'zod'
import type { CellStatus, ComplianceRules, Frequency, MonthCompliance, RequiredKind } from '../../domain/compliance'
import { frequencies, requiredKinds } from '../../domain/compliance'
import type { Figures, PeriodKind, RecordKind } from '../../domain/figures'
import type { MeetingType } from '../../domain/meeting'
import type { MemberCategory } from '../../domain/member'
import { isCalendarDate } from '../../domain/time'
import type { FileLink } from '../fields'

/**
 * The secretary's desk (书记工作台): the 三会一课 compliance calendar, figures for any period with
 * the drafted summary paragraph, charts, the 台账 workbook, each meeting's record as the official
 * platforms ask for it, and the organisation's view of its branches.
 */

const output = <T>() => undefined as unknown as T

const id = z.string().trim().min(1, '不能为空').max(64)
const calendarDate = z.string().refine(isCalendarDate, '日期格式应为 2025-01-01')
const year = z.number().int().min(2000, '年份不正确').max(2100, '年份不正确')

/** A period: a calendar year (the default: this year) or from one date to another, both included. */
const periodFields = { year: year.optional(), from: calendarDate.optional(), to: calendarDate.optional() }
type PeriodFields = { year?: number; from?: string; to?: string }
function period<S extends z.ZodRawShape>(extra: S) {
  return z
    .object({ ...periodFields, ...extra })
    .strict()
    .refine((v: PeriodFields) => (v.from === undefined) === (v.to === undefined), { message: '请同时选择开始和结束日期', path: ['to'] })
    .refine((v: PeriodFields) => !(v.year !== undefined && v.from !== undefined), { message: '请选择年份或起止日期之一', path: ['year'] })
    .refine((v: PeriodFields) => v.from === undefined || v.to === undefined || v.from <= v.to, { message: '结束日期不能早于开始日期', path: ['to'] })
    .refine((v: PeriodFields) => v.from === undefined || v.to === undefined || Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4)) < 5, { message: '一次最多统计 5 年', path: ['to'] })
}
const branchPeriod = period({ branchId: id.optional() })
const orgPeriod = period({})

export interface MeetingRef {
  id: string
  title: string
  type: MeetingType
  startAt: string
}

export interface ComplianceCellView {
  key: string
  label: string
  status: CellStatus
  start: string
  end: string
  held: MeetingRef[]
  planned: MeetingRef[]
  noQuorum: MeetingRef[]
  beforeRecords: boolean
}

export interface ComplianceRowView {
  kind: RequiredKind
  groupId: string | null
  label: string
  frequency: Frequency
  cells: ComplianceCellView[]
}

export interface ComplianceAlertView {
  kind: RequiredKind
  groupId: string | null
  status: 'amber' | 'red'
  text: string
  end: string
}

export interface ComplianceView {
  branch: { id: string; name: string }
  year: number
  rules: ComplianceRules
  rows: ComplianceRowView[]
  byMonth: MonthCompliance[]
  byQuarter: Array<Omit<MonthCompliance, 'month'> & { quarter: number }>
  alerts: ComplianceAlertView[]
  /** Whether the caller may change the branch's rules (else read-only, e.g. an organisation admin). */
  canEditRules: boolean
}

export interface PeriodView {
  /** First and last calendar day, both included. */
  from: string
  to: string
  kind: PeriodKind
  /** "2025年", "2025年第一季度", "2025年3月", "2025年3月1日至6月30日". */
  label: string
}

/** The figures (shared/domain/figures.ts) with their dates as text. */
export type FiguresData = Omit<Figures, 'from' | 'to' | 'asOf'> & { asOf: string }

/** What a figure's ids name, so a screen can list and open them. */
export interface RecordRefs {
  meeting: Record<string, MeetingRef>
  member: Record<string, { name: string; category: MemberCategory; groupName: string | null }>
  volunteerShift: Record<string, { title: string; date: string }>
  studyTask: Record<string, { title: string; date: string }>
  /** A note counted: its author, the day first submitted, whether approved as 优秀, and whether the study rules let the caller read it. */
  note: Record<string, { title: string; date: string; name: string; excellent: boolean; open: boolean }>
  /** A theory test counted: the day it closed, and how many of the Party members asked took it. */
  test: Record<string, { title: string; date: string; taken: number; expected: number }>
}

export interface FiguresView {
  /** null for an organisation's figures. */
  branch: { id: string; name: string } | null
  period: PeriodView
  figures: FiguresData
  /** The drafted paragraph of the work summary. */
  paragraph: string
  refs: RecordRefs
  /** Which kinds of record the caller can open from a figure (read-only); a note says so itself. */
  opens: { meeting: boolean; studyTask: boolean; test: boolean }
  /** Sources not counted yet, named for the reader ("志愿服务", "学习心得"…). */
  missingSources: string[]
}

export interface DeskChartsView {
  branch: { id: string; name: string }
  year: number
  attendanceByMonth: Array<{ month: number; meetings: number; expected: number; attended: number; rate: number | null }>
  volunteerByMonth: Array<{ month: number; shifts: number; personTimes: number; hours: number }>
  complianceByMonth: MonthCompliance[]
}

/** One meeting's record in the fields the official 三会一课 platforms ask for. */
export interface PlatformRecordView {
  meetingId: string
  fields: Array<{ label: string; value: string }>
  /** All fields as one text, "会议名称：…\n类型：…", to paste in one go. */
  text: string
}

export interface OrgBranchFigures {
  id: string
  name: string
  members: number
  partyMembers: number
  compliance: { due: number; green: number; amber: number; red: number }
  /** What is amber or red now. */
  alerts: ComplianceAlertView[]
  meetingsHeld: number
  attendanceRate: number | null
  partyLectures: number
  volunteerHours: number
  notesSubmitted: number
}

export interface OrgDeskView {
  org: { id: string; name: string }
  period: PeriodView
  year: number
  branches: OrgBranchFigures[]
  /** The organisation's own figures and paragraph, over all its branches. */
  figures: FiguresData
  paragraph: string
  missingSources: string[]
}

/** The per-person tables of the 台账, on screen as in the workbook. */
export const ledgerTables = ['notes', 'tests', 'members'] as const
export type LedgerTable = (typeof ledgerTables)[number]

/** One 台账 sheet as a table: the same rows the workbook prints. */
export interface LedgerTableView {
  branch: { id: string; name: string }
  period: PeriodView
  table: LedgerTable
  title: string
  subtitle: string
  columns: string[]
  /** Headers over several columns, 1-based inclusive, as the sheet prints them. */
  groups: Array<{ label: string; from: number; to: number }>
  rows: Array<Array<string | number | null>>
  notes: string[]
}

export type { RecordKind }

export const deskActions = {
  'desk.compliance': {
    input: z.object({ branchId: id.optional(), year: year.optional() }).strict(),
    output: output<ComplianceView>(),
  },
  'desk.setRules': {
    input: z
      .object({
        frequency: z.record(z.enum(requiredKinds), z.enum(frequencies).nullable()).optional(),
        dueSoonDays: z.number().int().min(1, '提醒天数至少 1 天').max(31, '提醒天数最多 31 天').optional(),
      })
      .strict(),
    output: output<ComplianceView>(),
  },
  'desk.figures': {
    input: branchPeriod,
    output: output<FiguresView>(),
  },
  'desk.charts': {
    input: z.object({ branchId: id.optional(), year: year.optional() }).strict(),
    output: output<DeskChartsView>(),
  },
  'desk.ledger': {
    input: branchPeriod,
    output: output<FileLink>(),
  },
  'desk.table': {
    input: period({ branchId: id.optional(), table: z.enum(ledgerTables) }),
    output: output<LedgerTableView>(),
  },
  'desk.meetingRecord': {
    input: z.object({ meetingId: id }).strict(),
    output: output<PlatformRecordView>(),
  },
  'desk.org': {
    input: orgPeriod,
    output: output<OrgDeskView>(),
  },
  'desk.orgLedger': {
    input: orgPeriod,
    output: output<FileLink>(),
  },
} as const
