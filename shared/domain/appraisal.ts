import { reminderPages, type ReminderContent } from './reminders/content'
import { beijingDate, calendarDaysBetween, type Instant } from './time'

/**
 * 民主评议党员: a yearly round of 个人自评, 党员互评 and 民主测评 (secret ballots in four grades),
 * after which the 支委会 records each 正式党员's 评定意见 with a reason — weighing the whole year,
 * never by votes alone — and tells every member. 预备党员 take part and vote but are not graded.
 * 不合格 leads to 限期改正 (at most a year), tracked to its outcome. Pure rules; no clock is read here.
 */

export const appraisalGrades = ['excellent', 'pass', 'basic', 'fail'] as const
export type AppraisalGrade = (typeof appraisalGrades)[number]
export const appraisalGradeLabels: Record<AppraisalGrade, string> = { excellent: '优秀', pass: '合格', basic: '基本合格', fail: '不合格' }

/** Who takes part: Party members only (积极分子 and 群众 are not appraised). */
export type ParticipantCategory = 'full' | 'probationary'
export const participantCategoryLabels: Record<ParticipantCategory, string> = { full: '正式党员', probationary: '预备党员' }

export interface Participant {
  memberId: string
  name: string
  category: ParticipantCategory
}

/** Only 正式党员 are graded. */
export const isGraded = (p: Pick<Participant, 'category'>) => p.category === 'full'

/** The members a voter grades: every graded participant but themselves. */
export function candidatesFor<P extends Participant>(participants: readonly P[], voterId: string): P[] {
  return participants.filter((p) => isGraded(p) && p.memberId !== voterId)
}

// --- The round: one state machine ----------------------------------------------------------

/**
 * open (自评 and 测评) → closed (ballots closed, tallies shown, 评定意见 recorded) → concluded
 * (each member told; only 限期改正 outcomes change after).
 */
export const roundStatuses = ['open', 'closed', 'concluded'] as const
export type RoundStatus = (typeof roundStatuses)[number]
export const roundStatusLabels: Record<RoundStatus, string> = { open: '自评与测评中', closed: '测评已结束，评定中', concluded: '已完成' }

export type RoundEvent =
  | { type: 'saveSelf' }
  | { type: 'vote' }
  | { type: 'close' }
  | { type: 'recordVerdict' }
  | { type: 'conclude'; missingVerdicts: number }
  | { type: 'recordCorrection' }

export type RoundRefusal = 'APPRAISAL.NOT_OPEN' | 'APPRAISAL.NOT_CLOSED' | 'APPRAISAL.NOT_CONCLUDED' | 'APPRAISAL.VERDICTS_MISSING'

export type RoundTransition = { ok: true; next: RoundStatus } | { ok: false; code: RoundRefusal }

/** The one place a round's status is consulted and changed. */
export function applyRoundEvent(status: RoundStatus, event: RoundEvent): RoundTransition {
  const refuse = (code: RoundRefusal): RoundTransition => ({ ok: false, code })
  switch (event.type) {
    case 'saveSelf':
    case 'vote':
      return status === 'open' ? { ok: true, next: status } : refuse('APPRAISAL.NOT_OPEN')
    case 'close':
      return status === 'open' ? { ok: true, next: 'closed' } : refuse('APPRAISAL.NOT_OPEN')
    case 'recordVerdict':
      return status === 'closed' ? { ok: true, next: status } : refuse('APPRAISAL.NOT_CLOSED')
    case 'conclude':
      if (status !== 'closed') return refuse('APPRAISAL.NOT_CLOSED')
      return event.missingVerdicts > 0 ? refuse('APPRAISAL.VERDICTS_MISSING') : { ok: true, next: 'concluded' }
    case 'recordCorrection':
      return status === 'concluded' ? { ok: true, next: status } : refuse('APPRAISAL.NOT_CONCLUDED')
  }
}

// --- Ballots and tallies -------------------------------------------------------------------

/** Per candidate, the number of ballots for each grade, in `appraisalGrades` order. */
export type GradeCounts = [number, number, number, number]
export type Tally = Record<string, GradeCounts>

export type BallotRefusal = 'APPRAISAL.NOT_A_VOTER' | 'APPRAISAL.BALLOT_INCOMPLETE' | 'APPRAISAL.BALLOT_FOREIGN'

/**
 * Whether a ballot grades each of the voter's candidates exactly once and nobody else (not the
 * voter, not a 预备党员, nobody outside the round).
 */
export function ballotProblem(participants: readonly Participant[], voterId: string, grades: ReadonlyArray<{ memberId: string; grade: AppraisalGrade }>): BallotRefusal | null {
  if (!participants.some((p) => p.memberId === voterId)) return 'APPRAISAL.NOT_A_VOTER'
  const candidates = new Set(candidatesFor(participants, voterId).map((p) => p.memberId))
  const seen = new Set<string>()
  for (const g of grades) {
    if (!candidates.has(g.memberId)) return 'APPRAISAL.BALLOT_FOREIGN'
    if (seen.has(g.memberId)) return 'APPRAISAL.BALLOT_FOREIGN'
    seen.add(g.memberId)
  }
  return seen.size === candidates.size ? null : 'APPRAISAL.BALLOT_INCOMPLETE'
}

/** The tally with one more ballot added: a sum, so the order ballots came in leaves no trace. */
export function addBallot(tally: Readonly<Tally>, grades: ReadonlyArray<{ memberId: string; grade: AppraisalGrade }>): Tally {
  const next: Tally = { ...tally }
  for (const { memberId, grade } of grades) {
    const counts = [...(next[memberId] ?? [0, 0, 0, 0])] as GradeCounts
    counts[appraisalGrades.indexOf(grade)] += 1
    next[memberId] = counts
  }
  return next
}

export const emptyTally = (participants: readonly Participant[]): Tally => Object.fromEntries(participants.filter(isGraded).map((p) => [p.memberId, [0, 0, 0, 0] as GradeCounts]))

/**
 * One ballot per voter, provably: each candidate was graded by every voter but themselves, so
 * their counts add up to the ballots cast less one if they voted. Null when the tally is whole,
 * else the first candidate whose counts do not add up.
 */
export function tallyMismatch(participants: readonly Participant[], tally: Readonly<Tally>, ballots: number, votedIds: ReadonlySet<string>): string | null {
  for (const p of participants.filter(isGraded)) {
    const sum = (tally[p.memberId] ?? [0, 0, 0, 0]).reduce((a, b) => a + b, 0)
    if (sum !== ballots - (votedIds.has(p.memberId) ? 1 : 0)) return p.memberId
  }
  return votedIds.size === ballots ? null : '(ballots)'
}

// --- Participation ------------------------------------------------------------------------

/** Schools usually ask that at least this share of the members take part in the 测评. */
export const participationTarget = 0.95

export interface Participation {
  expected: number
  voted: number
  /** Rounded down to a whole percent, so 94.9 % never shows as 95 %. */
  percent: number
  meetsTarget: boolean
}

export function participationOf(expected: number, voted: number): Participation {
  return { expected, voted, percent: expected ? Math.floor((voted * 100) / expected) : 0, meetsTarget: expected > 0 && voted >= Math.ceil(expected * participationTarget) }
}

// --- 评定意见 ------------------------------------------------------------------------------

/** 优秀 at most a third of the 正式党员 (rounded down). */
export const excellentCap = (fullMembers: number) => Math.floor(fullMembers / 3)

/** 限期改正 lasts at most a year. */
export const maxCorrectionDays = 366

export type VerdictRefusal = 'APPRAISAL.NOT_GRADED' | 'APPRAISAL.EXCELLENT_CAP' | 'APPRAISAL.REASON_REQUIRED' | 'APPRAISAL.CORRECTION_DUE'

/**
 * Whether the committee may record this 评定意见: only for a 正式党员, with a reason, within the
 * 优秀 cap (counting the others already 优秀), and for 不合格 with a correction date in the coming year.
 */
export function verdictProblem(
  input: { category: ParticipantCategory; grade: AppraisalGrade; reason: string; correctionDue: Instant | null },
  context: { fullMembers: number; otherExcellent: number; now: Instant },
): VerdictRefusal | null {
  if (!isGraded(input)) return 'APPRAISAL.NOT_GRADED'
  if (!input.reason.trim()) return 'APPRAISAL.REASON_REQUIRED'
  if (input.grade === 'excellent' && context.otherExcellent + 1 > excellentCap(context.fullMembers)) return 'APPRAISAL.EXCELLENT_CAP'
  if (input.grade === 'fail') {
    if (!input.correctionDue) return 'APPRAISAL.CORRECTION_DUE'
    const days = calendarDaysBetween(context.now, input.correctionDue)
    if (days < 1 || days > maxCorrectionDays) return 'APPRAISAL.CORRECTION_DUE'
  }
  return null
}

export const correctionOutcomes = ['corrected', 'notCorrected'] as const
export type CorrectionOutcome = (typeof correctionOutcomes)[number]
export const correctionOutcomeLabels: Record<CorrectionOutcome, string> = { corrected: '已改正', notCorrected: '期满仍未改正' }

/** The 测评表 totals of one candidate, as the 汇总表 prints them. */
export function gradeShares(counts: GradeCounts): Array<{ grade: AppraisalGrade; count: number; percent: number }> {
  const total = counts.reduce((a, b) => a + b, 0)
  return appraisalGrades.map((grade, i) => ({ grade, count: counts[i], percent: total ? Math.round((counts[i] * 1000) / total) / 10 : 0 }))
}

/** What each member is told when the result is published (消息, and WeChat where accepted). */
export function appraisalResultContent(
  round: { id: string; title: string },
  member: { category: ParticipantCategory; verdict: { grade: AppraisalGrade; reason: string } | null; correctionDue: Date | null },
  by: string,
  at: Date,
): ReminderContent {
  const grade = member.verdict ? appraisalGradeLabels[member.verdict.grade] : null
  const body = grade
    ? `你在“${round.title}”中的评定意见：${grade}。${member.verdict?.reason ?? ''}${member.correctionDue ? `。请在 ${beijingDate(member.correctionDue)} 前完成限期改正。` : ''}`
    : `“${round.title}”已结束。你是预备党员，参加评议但不评定等次。`
  return {
    title: '民主评议结果',
    body,
    link: reminderPages.appraisal(round.id),
    slots: { subject: round.title, result: grade ?? '已参加评议', comment: member.verdict?.reason ?? '预备党员不评定等次', person: by, when: at },
  }
}
