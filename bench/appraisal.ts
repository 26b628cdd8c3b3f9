import type { LocalCloud } from '../localcloud/server'
import { appraisalBranch, ballotOf } from '../tests/support/appraisal'

/**
 * 民主测评: 50 members of a branch voting at once through the local cloud. `.ms` is the burst
 * from the first ballot sent to the last answer; `.dbOps` what one ballot costs the database
 * (the caller with the round in one read, the conditional update, the count read back).
 */
export async function appraisalBench(cloud: LocalCloud): Promise<Record<string, number>> {
  await cloud.runner.provision('appraisal', 20)
  const branch = await appraisalBranch(cloud, 'bench50', 50)
  const started = Date.now()
  const outcomes = await Promise.all(branch.voters.map((v, i) => cloud.invoke('appraisal', { action: 'appraisal.vote', input: { roundId: branch.roundId, grades: ballotOf(branch, i) } }, { openid: v.openid })))
  const ms = Date.now() - started
  const refused = outcomes.filter((o) => !(o.result as { ok?: boolean } | undefined)?.ok)
  if (refused.length) throw new Error(`appraisal.vote refused: ${JSON.stringify(refused[0].result ?? refused[0].error)}`)
  const ops = outcomes.map((o) => o.stats.dbOps)
  return { 'appraisal.vote50.ms': ms, 'appraisal.vote50.dbOps': Math.max(...ops) }
}
