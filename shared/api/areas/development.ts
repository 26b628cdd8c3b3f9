import { z } from 'zod'
import { developmentSteps, type DateKey, type DevelopmentStage, type PeriodicView, type StepKey, type StepView, type Timeline, type Violation } from '../../domain/development'
import type { DevelopmentRule, DevelopmentSettings, RuleId } from '../../domain/development-rules'
import { developmentSettingBounds } from '../../domain/development-rules'
import type { DevelopmentRecordKind, VoteKind } from '../../domain/documents'
import type { CalendarEntry } from '../../domain/workdays'
import type { VoteCount } from '../../domain/development-vote'
import { calendarDate, id, noInput, output } from '../fields'

/**
 * 发展党员: the people in the branch's pipeline, each person's timeline with the documents
 * received, the 党员大会's votes, and the branch's own rules. Served by the cloud function
 * `development`.
 */

export type { DateKey, DevelopmentStage, PeriodicView, StepKey, StepView, Violation, DevelopmentRule, DevelopmentSettings, RuleId, CalendarEntry, DevelopmentRecordKind, VoteKind }

/** How the caller is linked to a person. */
export type DevelopmentLink = 'self' | 'mentor' | 'sponsor'

/** A person as the list shows them. */
export interface DevelopmentRow {
  memberId: string
  name: string
  branchId: string
  branchName: string
  stage: DevelopmentStage
  /** The first step not done, with its deadline where it has one. */
  next: { key: StepKey; label: string; status: StepView['status']; by: string | null } | null
  overdue: number
  /** Steps and periodic duties due within the next 30 days. */
  dueSoon: number
  violations: number
  links: DevelopmentLink[]
}

export interface DevelopmentListView {
  people: DevelopmentRow[]
  canDecide: boolean
  /** Roster entries not yet in the pipeline (not 正式/预备党员), for the committee to add. */
  addable: Array<{ memberId: string; name: string }>
}

export interface EnteredByView {
  name: string
  at: string
}

export interface DevelopmentRecordView {
  id: string
  kind: DevelopmentRecordKind
  date: string
  summary: string
  by: EnteredByView
}

export interface DevelopmentVoteView extends VoteCount {
  kind: VoteKind
  meetingId: string
  date: string
  passed: boolean
  by: EnteredByView
}

export interface DevelopmentPersonView {
  memberId: string
  name: string
  branchId: string
  stage: DevelopmentStage
  steps: StepView[]
  periodic: PeriodicView[]
  violations: Violation[]
  /** The rules the steps and violations name. */
  rules: Partial<Record<RuleId, DevelopmentRule>>
  dates: Timeline['dates']
  mentors: Array<{ memberId: string; name: string }>
  sponsors: Array<{ memberId: string; name: string }>
  politicalReview: { conclusion: string; by: EnteredByView } | null
  training: { days: number; hours: number; by: EnteredByView } | null
  activistCarriedFrom: string | null
  leavingOn: string | null
  extensionMonths: number | null
  transferredInProbationary: boolean
  records: DevelopmentRecordView[]
  votes: DevelopmentVoteView[]
  /** Changes to the dates and facts, for the committee. */
  log: Array<{ at: string; byName: string; what: string; before: string | null; after: string | null }>
  may: { decide: boolean; addThoughtReport: boolean; addAssessment: boolean; addSponsorOpinion: boolean }
  links: DevelopmentLink[]
  /** The branch's 正式党员, for the committee to link as 培养联系人 or 介绍人. */
  fullMembers: Array<{ memberId: string; name: string }>
  /** General meetings of the branch that have ended, for recording a vote. */
  voteMeetings: Array<{ meetingId: string; title: string; date: string }>
}

export interface DevelopmentSettingsView {
  settings: DevelopmentSettings
  defaults: DevelopmentSettings
  bounds: Record<keyof DevelopmentSettings, [number, number]>
  calendar: CalendarEntry[]
  /** Years the national calendar covers. */
  nationalYears: number[]
}

const memberInput = { memberId: id }
const dateKeys = [...developmentSteps, 'candidateNoticeEnd', 'confirmationNoticeEnd'] as const
const datesShape = Object.fromEntries(dateKeys.map((k) => [k, calendarDate.nullable().optional()])) as Record<DateKey, z.ZodOptional<z.ZodNullable<typeof calendarDate>>>
const summary = z.string().trim().min(1, '请填写内容摘要').max(500, '摘要不能超过 500 字')
const count = z.number().int('应为整数').min(0, '不能小于0').max(10000)

const settingsShape = Object.fromEntries(
  (Object.keys(developmentSettingBounds) as Array<keyof DevelopmentSettings>).map((k) => {
    const [min, max] = developmentSettingBounds[k]
    return [k, z.number().int('应为整数').min(min, `不能小于${min}`).max(max, `不能大于${max}`).optional()]
  }),
) as Record<keyof DevelopmentSettings, z.ZodOptional<z.ZodNumber>>

export const developmentActions = {
  'development.list': {
    input: z.object({ branchId: id.optional() }).strict(),
    output: output<DevelopmentListView>(),
  },
  'development.person': {
    input: z.object(memberInput).strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.start': {
    input: z.object({ ...memberInput, application: calendarDate }).strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.setDates': {
    input: z.object({ ...memberInput, dates: z.object(datesShape).strict() }).strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.setFacts': {
    input: z
      .object({
        ...memberInput,
        activistCarriedFrom: calendarDate.nullable().optional(),
        politicalReviewConclusion: z.string().trim().max(500, '结论不能超过 500 字').nullable().optional(),
        training: z.object({ days: z.number().min(0).max(60), hours: z.number().min(0).max(500) }).strict().nullable().optional(),
        leavingOn: calendarDate.nullable().optional(),
        extensionMonths: z.number().int('应为整数').min(6, '延长预备期不能少于半年').max(12, '延长预备期最长不超过一年').nullable().optional(),
        transferredInProbationary: z.boolean().optional(),
      })
      .strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.setPeople': {
    input: z
      .object({
        ...memberInput,
        mentorIds: z.array(id).max(2, '培养联系人为一至两名正式党员'),
        sponsorIds: z.array(id).max(2, '入党介绍人为两名正式党员'),
      })
      .strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.addRecord': {
    input: z.object({ ...memberInput, kind: z.enum(['thoughtReport', 'assessment', 'sponsorOpinion']), date: calendarDate, summary }).strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.recordVote': {
    input: z
      .object({
        ...memberInput,
        kind: z.enum(['admission', 'confirmation']),
        meetingId: id,
        yes: count,
        no: count,
        abstain: count,
        writtenYes: count,
        writtenNo: count,
        writtenAbstain: count,
      })
      .strict(),
    output: output<DevelopmentPersonView>(),
  },
  'development.settings': {
    input: noInput,
    output: output<DevelopmentSettingsView>(),
  },
  'development.saveSettings': {
    input: z
      .object({
        settings: z.object(settingsShape).strict(),
        calendar: z.array(z.object({ date: calendarDate, workday: z.boolean(), note: z.string().trim().max(20).optional() }).strict()).max(200, '最多 200 条'),
      })
      .strict(),
    output: output<DevelopmentSettingsView>(),
  },
} as const
