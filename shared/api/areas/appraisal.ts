import { z } from 'zod'
import { appraisalGrades, correctionOutcomes, type AppraisalGrade, type CorrectionOutcome, type GradeCounts, type ParticipantCategory, type Participation, type RoundStatus } from '../../domain/appraisal'
import { calendarDate, id, noInput, output } from '../fields'

/** A round as its list shows it. */
export interface AppraisalRoundSummary {
  id: string
  title: string
  periodStart: string
  periodEnd: string
  status: RoundStatus
  participation: Participation
}

export interface AppraisalCandidateView {
  memberId: string
  name: string
}

/** A participant as the committee sees them (names only once the round is closed, for who voted). */
export interface AppraisalParticipantView {
  memberId: string
  name: string
  category: ParticipantCategory
  selfSubmitted: boolean
  /** Who voted: null while the round is open (participation is shown as a count only). */
  voted: boolean | null
  /** The 测评 counts in `appraisalGrades` order: null while the round is open, and for 预备党员. */
  counts: GradeCounts | null
  verdict: { grade: AppraisalGrade; reason: string; by: string; at: string } | null
  correction: { due: string; outcome: CorrectionOutcome | null; note: string | null } | null
}

export interface AppraisalRoundView extends AppraisalRoundSummary {
  fullMembers: number
  excellentCap: number
  excellentCount: number
  /** The caller's own part, when they are in the list. */
  mine: {
    category: ParticipantCategory
    selfText: string
    selfSubmitted: boolean
    voted: boolean
    /** Whom the caller grades (正式党员 but themselves). */
    candidates: AppraisalCandidateView[]
    verdict: { grade: AppraisalGrade; reason: string } | null
    correction: { due: string; outcome: CorrectionOutcome | null } | null
  } | null
  /** For those who run the round (书记, 副书记, 支委): every participant. */
  participants: AppraisalParticipantView[] | null
  canManage: boolean
  canDecide: boolean
}

const roundId = z.object({ roundId: id }).strict()
const grade = z.enum(appraisalGrades, { errorMap: () => ({ message: '请选择评价等次' }) })

export const appraisalActions = {
  'appraisal.list': { input: noInput, output: output<{ rounds: AppraisalRoundSummary[]; canManage: boolean }>() },
  'appraisal.round': { input: roundId, output: output<AppraisalRoundView>() },
  /** Opens a round for a period with the branch's Party members as they are now (a frozen list). */
  'appraisal.open': {
    input: z
      .object({
        title: z.string().trim().min(1, '请填写名称').max(40, '名称不能超过 40 个字'),
        periodStart: calendarDate,
        periodEnd: calendarDate,
        /** Leave some out (e.g. a member abroad): the rest of the branch's Party members take part. */
        excludeMemberIds: z.array(id).max(1000).default([]),
      })
      .strict()
      .refine((v) => v.periodStart <= v.periodEnd, { message: '结束日期应不早于开始日期', path: ['periodEnd'] }),
    output: output<AppraisalRoundView>(),
  },
  /** 个人自评: saved as a draft, or submitted. */
  'appraisal.saveSelf': {
    input: z.object({ roundId: id, text: z.string().max(5000, '自评不能超过 5000 字'), submit: z.boolean().default(false) }).strict(),
    output: output<AppraisalRoundView>(),
  },
  /** A secret ballot: a grade for every 正式党员 but oneself. */
  'appraisal.vote': {
    input: z.object({ roundId: id, grades: z.array(z.object({ memberId: id, grade }).strict()).max(1000) }).strict(),
    output: output<{ voted: true; participation: AppraisalRoundSummary['participation'] }>(),
  },
  'appraisal.participation': { input: roundId, output: output<AppraisalRoundSummary['participation']>() },
  'appraisal.close': { input: roundId, output: output<AppraisalRoundView>() },
  /** The 支委会's 评定意见 for one 正式党员. */
  'appraisal.verdict': {
    input: z
      .object({ roundId: id, memberId: id, grade, reason: z.string().trim().max(500, '理由不能超过 500 字'), correctionDue: calendarDate.nullable().default(null) })
      .strict(),
    output: output<AppraisalRoundView>(),
  },
  /** Publishes the result: each member is told in 消息 (and by WeChat where they accepted). */
  'appraisal.conclude': { input: roundId, output: output<AppraisalRoundView>() },
  'appraisal.correctionOutcome': {
    input: z.object({ roundId: id, memberId: id, outcome: z.enum(correctionOutcomes), note: z.string().trim().min(1, '请填写改正情况').max(500) }).strict(),
    output: output<AppraisalRoundView>(),
  },
} as const
