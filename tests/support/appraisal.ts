import type { AppraisalGrade } from '../../shared/domain/appraisal'
import { appraisalGrades } from '../../shared/domain/appraisal'
import type { LocalCloud } from '../../localcloud/server'
import type { Change } from '../../localcloud/db/store'
import { callAs, ok } from './api'

/** Scenario helpers for the 民主评议 tests and bench: a branch of its own, its round, ballots. */

export interface AppraisalBranch {
  branchId: string
  secretary: string
  /** Every voter (secretary first), by index: `${prefix}-member-${i}`. */
  voters: Array<{ openid: string; memberId: string; full: boolean }>
  roundId: string
}

/**
 * A branch of `count` Party members (the last `probationary` of them 预备党员), the first its
 * secretary, and a round opened over them.
 */
export async function appraisalBranch(cloud: LocalCloud, prefix: string, count: number, probationary = 2): Promise<AppraisalBranch> {
  const branchId = `branch-${prefix}`
  const now = new Date()
  const changes: Change[] = [{ coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: `${prefix}支部`, inviteCode: `AP${prefix.toUpperCase().slice(0, 6)}` } }]
  const voters = Array.from({ length: count }, (_x, i) => ({ openid: `${prefix}-openid-${i}`, memberId: `${prefix}-member-${String(i).padStart(3, '0')}`, full: i < count - probationary }))
  voters.forEach(({ openid, memberId, full }, i) => {
    changes.push({
      coll: 'members',
      id: memberId,
      doc: { _id: memberId, branchId, groupId: null, name: `党员${String(i).padStart(3, '0')}`, category: full ? 'full' : 'probationary', positions: i === 0 ? ['secretary'] : [], phone: `139${String(i).padStart(8, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: now, updatedAt: now },
    })
    changes.push({ coll: 'bindings', id: openid, doc: { _id: openid, memberId, branchId, boundAt: now } })
  })
  await cloud.store.commit(changes)
  const round = await ok(cloud, voters[0].openid, 'appraisal.open', { title: '2026年度民主评议党员', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  return { branchId, secretary: voters[0].openid, voters, roundId: round.id }
}

/** Voter i's grade for candidate j: a fixed pattern, so two runs can be compared. */
export const gradeOf = (i: number, j: number): AppraisalGrade => appraisalGrades[(i * 7 + j * 3) % 4]

/** The ballot voter `i` casts: every 正式党员 but themselves. */
export function ballotOf(branch: AppraisalBranch, i: number) {
  return branch.voters.flatMap((c, j) => (c.full && j !== i ? [{ memberId: c.memberId, grade: gradeOf(i, j) }] : []))
}

export const castBallot = (cloud: LocalCloud, branch: AppraisalBranch, i: number) => callAs(cloud, branch.voters[i].openid, 'appraisal.vote', { roundId: branch.roundId, grades: ballotOf(branch, i) })

/** What the tally must be once voters `who` have voted: candidate index → counts by grade. */
export function expectedTally(branch: AppraisalBranch, who: number[]): Array<[number, number, number, number] | null> {
  return branch.voters.map((c, j) => {
    if (!c.full) return null
    const counts: [number, number, number, number] = [0, 0, 0, 0]
    for (const i of who) if (i !== j) counts[appraisalGrades.indexOf(gradeOf(i, j))]++
    return counts
  })
}
