import { appraisalGrades, applyRoundEvent, ballotProblem, participationOf, type AppraisalGrade, type Participation } from '../../shared/domain/appraisal'
import type { AppraisalRoundDoc, AppraisalTallyDoc } from '../../shared/domain/documents'
import { fail } from '../../shared/errors'
import type { MemberActor } from '../_lib/actor'
import type { Db, Update } from '../_lib/db'
import { participantId, roundOfBranch } from './access'

/**
 * The secret ballot (民主测评).
 *
 * Nobody — the secretary, the committee, anyone reading the database or an export of it — may
 * link a ballot to its voter. So no ballot is ever stored: a ballot is added into the round's one
 * tally document (per candidate a count for each grade, the number of ballots, and per
 * participant whether they voted) by one conditional update: "where this voter has not voted and
 * the round is open: voted[voter] = true, ballots + 1, and + 1 on each candidate's grade".
 *
 * Why not ballot documents beside a "voted" record? Anything stored per ballot can be put in
 * order, and an order joins:
 * - an `_id` from `add()` in WeChat's cloud is made by the service and may carry its time
 *   (ObjectId-like ids begin with a timestamp); even random ids of our own leave the natural
 *   order, which in the cloud's MongoDB and in the local cloud's store is the order of insertion;
 * - records change in the order people voted: the local cloud's Postgres rows are rewritten on
 *   each update, so after a restart documents come back roughly in the order last written;
 * - one ballot among few is readable by itself, and any time (`votedAt`, a ballot's `createdAt`)
 *   joins the two directly.
 * A sum has no order: every key of the tally (each participant's `voted`, each candidate's counts)
 * is written when the round opens, in the frozen list's order, so a ballot changes values only,
 * never which keys exist or their order; no time is stored. After the round the document is the
 * same whatever order the ballots came in (tests/integration/appraisal.test.ts casts the same
 * ballots in two orders and compares). What any secret ballot keeps remains: someone watching the
 * tally live between two ballots sees the second one; so the tally is shown to nobody until the
 * round is closed, and participation only as a count. Functions never log a ballot.
 *
 * One ballot per voter, provably: the voter's mark and the sums change in one single-document
 * update (atomic in the cloud), conditioned on the mark being false, so the number of marks set
 * always equals `ballots`, each candidate's counts add up to the ballots less their own
 * (`tallyMismatch`), and of two ballots from one voter at once exactly one matches. A crowd needs
 * no transaction retries: the writes queue on the one document. Closing sets `open: false` on the
 * same document, so a ballot after the close matches nothing.
 */
export async function vote(db: Db, actor: MemberActor, round: AppraisalRoundDoc | null, grades: Array<{ memberId: string; grade: AppraisalGrade }>): Promise<{ voted: true; participation: Participation }> {
  const r = roundOfBranch(actor, round)
  const voterId = actor.member._id
  const problem = ballotProblem(r.participants, voterId, grades)
  if (problem) fail(problem)
  const step = applyRoundEvent(r.status, { type: 'vote' })
  if (!step.ok) fail(step.code)
  const mark = `voted.${voterId}` as const
  const change: Record<string, unknown> = { ballots: { $inc: 1 }, [mark]: true }
  for (const g of grades) change[`counts.${g.memberId}.${appraisalGrades.indexOf(g.grade)}`] = { $inc: 1 }
  const matched = await db.updateWhere('appraisalTallies', { _id: r._id, open: true, [mark]: false }, change as Update<AppraisalTallyDoc>)
  const tally = await db.get('appraisalTallies', r._id)
  if (!matched) {
    if (!tally || !(voterId in tally.voted)) fail('APPRAISAL.NOT_A_VOTER')
    if (tally.voted[voterId]) fail('APPRAISAL.ALREADY_VOTED')
    fail('APPRAISAL.NOT_OPEN')
  }
  return { voted: true, participation: participationOf(r.participants.length, tally?.ballots ?? 0) }
}

/** Participation while the round runs: a count, never names. */
export async function participation(db: Db, actor: MemberActor, round: AppraisalRoundDoc | null): Promise<Participation> {
  const r = roundOfBranch(actor, round)
  const tally = await db.get('appraisalTallies', r._id)
  return participationOf(r.participants.length, tally?.ballots ?? 0)
}

/** 个人自评: a draft the member keeps editing, then submitted; editable until the round closes. */
export async function saveSelf(db: Db, actor: MemberActor, round: AppraisalRoundDoc | null, text: string, submit: boolean, now: Date): Promise<void> {
  const r = roundOfBranch(actor, round)
  const step = applyRoundEvent(r.status, { type: 'saveSelf' })
  if (!step.ok) fail(step.code)
  if (submit && !text.trim()) fail('INPUT.INVALID', '请先写好自评再提交')
  const pid = participantId(r._id, actor.member._id)
  const changed = await db.updateWhere('appraisalParticipants', { _id: pid }, { selfText: text, selfSubmitted: submit, selfSavedAt: now })
  if (!changed) {
    if (!(await db.get('appraisalParticipants', pid))) fail('APPRAISAL.NOT_A_VOTER')
  }
}
