import type { DateFields } from './date-fields'
import type { AppraisalGrade, CorrectionOutcome, ParticipantCategory, RoundStatus, Tally } from '../appraisal'

/**
 * 民主评议党员: a round, each participant's record in it, and the round's tally. Ballots are never
 * stored one by one: see cloudfunctions/appraisal/vote.ts for why and how.
 */

export interface AppraisalParticipantRef {
  memberId: string
  name: string
  category: ParticipantCategory
  groupId: string | null
}

/** A round (一次民主评议), for a period, with the list of members frozen when it opened. */
export interface AppraisalRoundDoc {
  _id: string
  branchId: string
  title: string
  /** The year (or period) appraised, YYYY-MM-DD, Beijing dates. */
  periodStart: string
  periodEnd: string
  status: RoundStatus
  participants: AppraisalParticipantRef[]
  /** 正式党员 in the list: the 优秀 cap is a third of them. */
  fullMembers: number
  /** 优秀 verdicts recorded: changed in the same transaction as each verdict, so the cap holds under races. */
  excellentCount: number
  openedBy: { id: string; name: string }
  openedAt: Date
  closedAt: Date | null
  concludedAt: Date | null
}
export const appraisalRoundDateFields: DateFields<AppraisalRoundDoc> = { openedAt: true, closedAt: true, concludedAt: true }

/**
 * One member in one round: `_id` is `${roundId}_${memberId}`. Nothing of the 测评 is here: whether
 * they voted is in the tally (see AppraisalTallyDoc).
 */
export interface AppraisalParticipantDoc {
  _id: string
  roundId: string
  branchId: string
  memberId: string
  name: string
  category: ParticipantCategory
  /** 个人自评: a draft until submitted. */
  selfText: string
  selfSubmitted: boolean
  selfSavedAt: Date | null
  /** 评定意见 of the 支委会 (正式党员 only). */
  verdict: { grade: AppraisalGrade; reason: string; by: { id: string; name: string }; at: Date } | null
  /** 限期改正 after 不合格. */
  correction: { due: Date; outcome: CorrectionOutcome | null; note: string | null; recordedAt: Date | null; by: { id: string; name: string } | null } | null
}
export const appraisalParticipantDateFields: DateFields<AppraisalParticipantDoc> = { selfSavedAt: true, 'verdict.at': true, 'correction.due': true, 'correction.recordedAt': true }

/**
 * The round's 测评: `_id` is the round id. Only sums, never a single ballot, and whether each
 * participant voted; every key is written when the round opens, so a ballot changes values only,
 * never the shape or order of the document (cloudfunctions/appraisal/vote.ts).
 */
export interface AppraisalTallyDoc {
  _id: string
  branchId: string
  /** Ballots are taken while true. */
  open: boolean
  ballots: number
  /** Participant id → voted, one key each in the frozen list's order. */
  voted: Record<string, boolean>
  counts: Tally
}
