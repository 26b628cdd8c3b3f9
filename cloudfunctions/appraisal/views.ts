import type { AppraisalRoundSummary, AppraisalRoundView } from '../../shared/api/contract'
import { candidatesFor, excellentCap, participationOf } from '../../shared/domain/appraisal'
import type { AppraisalParticipantDoc, AppraisalRoundDoc, AppraisalTallyDoc } from '../../shared/domain/documents'
import { fail } from '../../shared/errors'
import type { MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { iso, isoOf } from '../_lib/common'
import { decides, participantId, runsRounds } from './access'

export function summaryOf(round: AppraisalRoundDoc, tally: AppraisalTallyDoc | null): AppraisalRoundSummary {
  return {
    id: round._id,
    title: round.title,
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    status: round.status,
    participation: participationOf(round.participants.length, tally?.ballots ?? 0),
  }
}

/** Every round of the caller's branch, newest first: two reads. */
export async function listRounds(db: Db, actor: MemberActor): Promise<{ rounds: AppraisalRoundSummary[]; canManage: boolean }> {
  const rounds = await db.all('appraisalRounds', { branchId: actor.member.branchId }, ['openedAt', 'desc'])
  const tallies = rounds.length ? await db.all('appraisalTallies', { _id: { $in: rounds.map((r) => r._id) } }) : []
  const byId = new Map(tallies.map((t) => [t._id, t]))
  return { rounds: rounds.map((r) => summaryOf(r, byId.get(r._id) ?? null)), canManage: runsRounds(actor) }
}

/**
 * A round as the caller may see it. While it is open nobody sees who voted or any count: a
 * count watched between two ballots would show one ballot. Once closed, the committee sees who
 * voted and the tallies; a member sees their own part and, once published, their own verdict.
 */
export async function roundView(db: Db, actor: MemberActor, round: AppraisalRoundDoc): Promise<AppraisalRoundView> {
  const committee = decides(actor)
  const [tally, docs] = await Promise.all([
    db.get('appraisalTallies', round._id),
    committee ? db.all('appraisalParticipants', { roundId: round._id }) : db.all('appraisalParticipants', { _id: participantId(round._id, actor.member._id) }),
  ])
  if (!tally) fail('APPRAISAL.NOT_FOUND')
  const own = docs.find((d) => d.memberId === actor.member._id) ?? null
  const open = round.status === 'open'
  const mine = own ? mineOf(round, own, tally.voted[own.memberId] === true) : null
  const participants = committee
    ? round.participants.map((p) => {
        const d = docs.find((x) => x.memberId === p.memberId) as AppraisalParticipantDoc
        return {
          memberId: p.memberId,
          name: p.name,
          category: p.category,
          selfSubmitted: d.selfSubmitted,
          voted: open ? null : tally.voted[p.memberId] === true,
          counts: open || p.category !== 'full' ? null : tally.counts[p.memberId] ?? [0, 0, 0, 0],
          verdict: d.verdict ? { grade: d.verdict.grade, reason: d.verdict.reason, by: d.verdict.by.name, at: isoOf(d.verdict.at) } : null,
          correction: d.correction ? { due: isoOf(d.correction.due), outcome: d.correction.outcome, note: d.correction.note } : null,
        }
      })
    : null
  return {
    ...summaryOf(round, tally),
    fullMembers: round.fullMembers,
    excellentCap: excellentCap(round.fullMembers),
    excellentCount: round.excellentCount,
    mine,
    participants,
    canManage: runsRounds(actor),
    canDecide: committee,
  }

  function mineOf(r: AppraisalRoundDoc, d: AppraisalParticipantDoc, voted: boolean): AppraisalRoundView['mine'] {
    const published = r.status === 'concluded'
    return {
      category: d.category,
      selfText: d.selfText,
      selfSubmitted: d.selfSubmitted,
      voted,
      candidates: open && !voted ? candidatesFor(r.participants, d.memberId).map((c) => ({ memberId: c.memberId, name: c.name })) : [],
      verdict: published && d.verdict ? { grade: d.verdict.grade, reason: d.verdict.reason } : null,
      correction: published && d.correction ? { due: iso(d.correction.due) as string, outcome: d.correction.outcome } : null,
    }
  }
}
