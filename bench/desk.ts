import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { beijingParts } from '../shared/domain/time'
import { generateYear, yearDocuments } from '../tests/support/year-records'
import { summarize, timeEach } from './harness'

export async function call(cloud: LocalCloud, openid: string, action: string, input: object) {
  const outcome = await cloud.invoke(action.slice(0, action.indexOf('.')), { action, input }, { openid })
  const result = outcome.result as { ok: boolean; error?: unknown } | undefined
  if (!result?.ok) throw new Error(`${action}: ${JSON.stringify(result?.error ?? outcome.error)}`)
  return outcome
}

/**
 * The desk over a generated year: a branch of 50 with a year of meetings and attendance
 * (figures, compliance, the 台账), and an organisation of 50 branches whose side-by-side view must
 * cost about what one branch costs, not 50 times it.
 */
export async function deskCosts(cloud: LocalCloud): Promise<Record<string, number>> {
  const results: Record<string, number> = {}
  const year = beijingParts(new Date()).year - 1
  const gen = generateYear({ seed: 3, year, members: 50, branch: 'bench50' })
  await cloud.store.commit(yearDocuments(gen, { id: 'bench50-branch', orgId: 'org-mingde', name: '基准支部', secretaryOpenid: 'bench50-secretary', study: true }))
  const secretary = 'bench50-secretary'

  // 首页 of this branch's secretary: every figure and alert of the desk in one call.
  await call(cloud, secretary, 'home.desk', {})
  results['desk.dbOps'] = (await call(cloud, secretary, 'home.desk', {})).stats.dbOps
  await call(cloud, secretary, 'desk.compliance', {})
  results['desk.compliance.dbOps'] = (await call(cloud, secretary, 'desk.compliance', {})).stats.dbOps

  await call(cloud, secretary, 'desk.figures', { year })
  results['desk.yearFigures.dbOps'] = (await call(cloud, secretary, 'desk.figures', { year })).stats.dbOps
  results['desk.yearFigures.ms'] = summarize(await timeEach(5, () => call(cloud, secretary, 'desk.figures', { year }))).p50ms

  await call(cloud, secretary, 'desk.ledger', { year })
  results['ledger.year.ms'] = summarize(await timeEach(3, () => call(cloud, secretary, 'desk.ledger', { year }))).p50ms
  // The 党员年度情况 table on screen: the same reads as the figures, and the year's 补学.
  await call(cloud, secretary, 'desk.table', { year, table: 'members' })
  results['desk.memberYearTable.dbOps'] = (await call(cloud, secretary, 'desk.table', { year, table: 'members' })).stats.dbOps

  // 50 branches of 20 with a year each, under one organisation.
  const changes: Change[] = [{ coll: 'orgs', id: 'org-bench', doc: { _id: 'org-bench', name: '基准党委' } }, { coll: 'orgAdmins', id: 'bench-org-admin', doc: { _id: 'bench-org-admin', orgId: 'org-bench', name: '党委管理员' } }]
  for (let b = 0; b < 50; b++) {
    const branch = generateYear({ seed: 100 + b, year, members: 20, groups: 2, branch: `org${b}` })
    changes.push(...yearDocuments(branch, { id: `org${b}-branch`, orgId: 'org-bench', name: `第${b + 1}支部` }))
  }
  await cloud.store.commit(changes)
  const one = await call(cloud, 'bench-org-admin', 'desk.compliance', { branchId: 'org0-branch', year })
  await call(cloud, 'bench-org-admin', 'desk.org', { year })
  const started = Date.now()
  const org = await call(cloud, 'bench-org-admin', 'desk.org', { year })
  results['org.figures.branches50.ms'] = Date.now() - started
  results['org.figures.branches50.dbOps'] = org.stats.dbOps
  results['org.figures.oneBranchCompliance.dbOps'] = one.stats.dbOps
  return results
}
