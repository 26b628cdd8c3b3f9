import { fail } from '../../shared/errors'
import { committeePositions, leadsBranch } from '../../shared/domain/member'
import type { AppraisalRoundDoc } from '../../shared/domain/documents'
import type { MemberActor } from '../_lib/actor'

/** 书记 and 副书记 open, close and publish a round. */
export const runsRounds = (actor: MemberActor) => leadsBranch(actor.member.positions)

/** The 支委会 records 评定意见 and sees the tallies. */
export const decides = (actor: MemberActor) => actor.member.positions.some((p) => committeePositions.includes(p))

/** The round, if it is the caller's branch's; otherwise "not found", whatever exists elsewhere. */
export function roundOfBranch(actor: MemberActor, round: AppraisalRoundDoc | null): AppraisalRoundDoc {
  if (!round || round.branchId !== actor.member.branchId) fail('APPRAISAL.NOT_FOUND')
  return round
}

export const participantId = (roundId: string, memberId: string) => `${roundId}_${memberId}`
