import { appraisalResultContent, applyRoundEvent, emptyTally, isGraded, type ParticipantCategory } from '../../shared/domain/appraisal'
import type { AppraisalParticipantDoc, AppraisalParticipantRef, AppraisalRoundDoc } from '../../shared/domain/documents'
import { fromBeijing } from '../../shared/domain/time'
import { fail } from '../../shared/errors'
import { requireAllowed, type MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { remindNow, type NewReminder } from '../_lib/reminders'
import { participantId, roundOfBranch, runsRounds } from './access'

const takesPart = (category: string): category is ParticipantCategory => category === 'full' || category === 'probationary'

/**
 * Opens a round with the branch's 正式 and 预备 党员 as they are now, less those left out: the
 * list is frozen in the round, so a member who joins or leaves later changes nothing in it. The
 * round, its tally and every participant's record are written in one transaction.
 */
export async function openRound(
  db: Db,
  actor: MemberActor,
  input: { title: string; periodStart: string; periodEnd: string; excludeMemberIds: string[] },
  now: Date,
): Promise<string> {
  requireAllowed(runsRounds(actor))
  const branchId = actor.member.branchId
  const [members, unfinished] = await Promise.all([
    db.all('members', { branchId, status: 'active' }),
    db.count('appraisalRounds', { branchId, status: { $in: ['open', 'closed'] } }),
  ])
  if (unfinished) fail('APPRAISAL.ROUND_OPEN')
  const excluded = new Set(input.excludeMemberIds)
  const participants: AppraisalParticipantRef[] = members
    .filter((m) => takesPart(m.category) && !excluded.has(m._id))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    .map((m) => ({ memberId: m._id, name: m.name, category: m.category as ParticipantCategory, groupId: m.groupId }))
  if (!participants.some(isGraded)) fail('APPRAISAL.NO_MEMBERS')
  // One round per branch and period: two presses of 开始 make one round.
  const roundId = `${branchId}_${input.periodStart}_${input.periodEnd}`
  await db.transaction(async (tx) => {
    if (await tx.get('appraisalRounds', roundId)) fail('APPRAISAL.ROUND_OPEN')
    const round: AppraisalRoundDoc = {
      _id: roundId,
      branchId,
      title: input.title,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      status: 'open',
      participants,
      fullMembers: participants.filter(isGraded).length,
      excellentCount: 0,
      openedBy: { id: actor.member._id, name: actor.member.name },
      openedAt: now,
      closedAt: null,
      concludedAt: null,
    }
    await tx.add('appraisalRounds', round)
    await tx.add('appraisalTallies', { _id: roundId, branchId, open: true, ballots: 0, voted: Object.fromEntries(participants.map((p) => [p.memberId, false])), counts: emptyTally(participants) })
    for (const p of participants) {
      const doc: AppraisalParticipantDoc = {
        _id: participantId(roundId, p.memberId),
        roundId,
        branchId,
        memberId: p.memberId,
        name: p.name,
        category: p.category,
        selfText: '',
        selfSubmitted: false,
        selfSavedAt: null,
        verdict: null,
        correction: null,
      }
      await tx.add('appraisalParticipants', doc)
    }
  })
  return roundId
}

/** Ends the 测评: the round and the tally change together; a ballot after it finds the tally closed. */
export async function closeRound(db: Db, actor: MemberActor, round: AppraisalRoundDoc | null, now: Date): Promise<void> {
  requireAllowed(runsRounds(actor))
  const r = roundOfBranch(actor, round)
  await db.transaction(async (tx) => {
    const current = (await tx.get('appraisalRounds', r._id)) as AppraisalRoundDoc
    const step = applyRoundEvent(current.status, { type: 'close' })
    if (!step.ok) fail(step.code)
    await tx.update('appraisalRounds', r._id, { status: step.next, closedAt: now })
    await tx.update('appraisalTallies', r._id, { open: false })
  })
}

/**
 * Publishes the result once every 正式党员 has a 评定意见, then tells each member their own. A
 * second press (or a retry after a failure in between) tells again only those not yet told: each
 * message's id follows from the round and the member.
 */
export async function concludeRound(db: Db, actor: MemberActor, round: AppraisalRoundDoc | null, now: Date): Promise<void> {
  requireAllowed(runsRounds(actor))
  const r = roundOfBranch(actor, round)
  const docs = await db.all('appraisalParticipants', { roundId: r._id })
  let concludedAt = r.concludedAt
  if (r.status !== 'concluded') {
    const missing = docs.filter((d) => isGraded(d) && !d.verdict).length
    const step = applyRoundEvent(r.status, { type: 'conclude', missingVerdicts: missing })
    if (!step.ok) fail(step.code)
    concludedAt = now
    const changed = await db.updateWhere('appraisalRounds', { _id: r._id, status: 'closed' }, { status: 'concluded', concludedAt: now })
    if (!changed) fail('CONFLICT')
  }
  const at = concludedAt ?? now
  const reminders: NewReminder[] = docs.map((d) => ({
    kind: 'appraisalResult',
    subject: { type: 'appraisal', id: r._id },
    memberId: d.memberId,
    branchId: r.branchId,
    content: appraisalResultContent({ id: r._id, title: r.title }, { category: d.category, verdict: d.verdict, correctionDue: d.correction?.due ?? null }, '支部委员会', at),
    at,
  }))
  await remindNow(db, reminders, now)
}

export const periodStartOf = (round: AppraisalRoundDoc) => fromBeijing(round.periodStart)
