import { applyRoundEvent, verdictProblem, type AppraisalGrade, type CorrectionOutcome } from '../../shared/domain/appraisal'
import type { AppraisalRoundDoc } from '../../shared/domain/documents'
import { fromBeijing } from '../../shared/domain/time'
import { fail } from '../../shared/errors'
import { requireAllowed, type MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { decides, participantId, roundOfBranch } from './access'

/**
 * The 支委会 records one 评定意见. The round's count of 优秀 and the member's verdict change in one
 * transaction, so two committee members recording 优秀 at once cannot pass the third between them.
 */
export async function recordVerdict(
  db: Db,
  actor: MemberActor,
  round: AppraisalRoundDoc | null,
  input: { memberId: string; grade: AppraisalGrade; reason: string; correctionDue: string | null },
  now: Date,
): Promise<void> {
  requireAllowed(decides(actor))
  const r = roundOfBranch(actor, round)
  const pid = participantId(r._id, input.memberId)
  const by = { id: actor.member._id, name: actor.member.name }
  await db.transaction(async (tx) => {
    const [current, doc] = await Promise.all([tx.get('appraisalRounds', r._id), tx.get('appraisalParticipants', pid)])
    if (!current || !doc) fail('APPRAISAL.NOT_FOUND')
    const step = applyRoundEvent(current.status, { type: 'recordVerdict' })
    if (!step.ok) fail(step.code)
    const wasExcellent = doc.verdict?.grade === 'excellent'
    const due = input.grade === 'fail' && input.correctionDue ? fromBeijing(input.correctionDue, '23:59') : null
    const problem = verdictProblem(
      { category: doc.category, grade: input.grade, reason: input.reason, correctionDue: due },
      { fullMembers: current.fullMembers, otherExcellent: current.excellentCount - (wasExcellent ? 1 : 0), now },
    )
    if (problem) fail(problem)
    const excellentCount = current.excellentCount - (wasExcellent ? 1 : 0) + (input.grade === 'excellent' ? 1 : 0)
    await tx.update('appraisalRounds', r._id, { excellentCount })
    await tx.update('appraisalParticipants', pid, {
      verdict: { grade: input.grade, reason: input.reason, by, at: now },
      correction: due ? { due, outcome: null, note: null, recordedAt: null, by: null } : null,
    })
  })
}

/** How a 限期改正 ended, recorded once the result is out (and again to correct it). */
export async function recordCorrectionOutcome(
  db: Db,
  actor: MemberActor,
  round: AppraisalRoundDoc | null,
  input: { memberId: string; outcome: CorrectionOutcome; note: string },
  now: Date,
): Promise<void> {
  requireAllowed(decides(actor))
  const r = roundOfBranch(actor, round)
  const step = applyRoundEvent(r.status, { type: 'recordCorrection' })
  if (!step.ok) fail(step.code)
  const pid = participantId(r._id, input.memberId)
  const doc = await db.get('appraisalParticipants', pid)
  if (!doc) fail('APPRAISAL.NOT_FOUND')
  if (!doc.correction) fail('APPRAISAL.NOT_FAILED')
  await db.update('appraisalParticipants', pid, { correction: { ...doc.correction, outcome: input.outcome, note: input.note, recordedAt: now, by: { id: actor.member._id, name: actor.member.name } } })
}
