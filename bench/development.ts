import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { addMonths } from '../shared/domain/development'
import type { DevelopmentDoc } from '../shared/domain/documents'
import { beijingDate } from '../shared/domain/time'
import { call } from './desk'

const branchId = 'bench-dev-branch'
const secretary = 'bench-dev-secretary'

/** People at every stage of the pipeline, each with a few years of dates and documents. */
function people(from: number, to: number, today: string): Change[] {
  const changes: Change[] = []
  const at = new Date()
  for (let i = from; i < to; i++) {
    const id = `bench-dev-${i}`
    const months = 6 + (i % 30)
    const ago = (m: number) => addMonths(today, -m)
    const doc: DevelopmentDoc = {
      _id: id, branchId, memberId: id, name: `申请人${i}`,
      dates: { application: ago(months + 4), applicantTalk: ago(months + 4), activist: ago(months), mentors: ago(months), activistFiled: ago(months), ...(months > 13 ? { candidateOpinions: ago(months - 12), candidate: ago(months - 12) } : {}) },
      activistCarriedFrom: null, mentorIds: ['bench-dev-member'], sponsorIds: [], politicalReview: null, training: null, leavingOn: null, extensionMonths: null, transferredInProbationary: false,
      records: Array.from({ length: Math.floor(months / 3) }, (_, k) => ({ id: `${id}-${k}`, kind: k % 2 ? 'assessment' : 'thoughtReport', date: ago(months - 3 * k), summary: '思想汇报', by: { memberId: 'bench-dev-member', name: '联系人', at } })),
      votes: [], log: [], createdAt: at, updatedAt: at,
    }
    changes.push(
      { coll: 'members', id, doc: { _id: id, branchId, groupId: null, name: doc.name, category: 'activist', positions: [], phone: `1381${String(i).padStart(7, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: at, updatedAt: at } },
      { coll: 'developments', id, doc: doc as unknown as Change['doc'] },
    )
  }
  return changes
}

/**
 * 发展党员 on the desk: 首页 of a secretary whose branch has 30 people in the pipeline, then 300 —
 * the same number of database operations (one aggregation beside the caller's identity), and the
 * pipeline list (`development.list`) the same.
 */
export async function developmentCosts(cloud: LocalCloud): Promise<Record<string, number>> {
  const results: Record<string, number> = {}
  const at = new Date()
  const today = beijingDate(at)
  await cloud.store.commit([
    { coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: '发展党员基准支部', inviteCode: 'BENCHDEV' } },
    { coll: 'members', id: 'bench-dev-secretary-member', doc: { _id: 'bench-dev-secretary-member', branchId, groupId: null, name: '书记', category: 'full', positions: ['secretary'], phone: '13900000001', joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: at, updatedAt: at } },
    { coll: 'members', id: 'bench-dev-member', doc: { _id: 'bench-dev-member', branchId, groupId: null, name: '联系人', category: 'full', positions: [], phone: '13900000002', joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: at, updatedAt: at } },
    { coll: 'bindings', id: secretary, doc: { _id: secretary, memberId: 'bench-dev-secretary-member', branchId, boundAt: at } },
    ...people(0, 30, today),
  ])
  const measure = async (n: number) => {
    await call(cloud, secretary, 'home.desk', {})
    const desk = await call(cloud, secretary, 'home.desk', {})
    const pipeline = (desk.result as { data: { development: { people: number } } }).data.development
    if (pipeline.people !== n) throw new Error(`the desk counted ${pipeline.people} people, not ${n}`)
    results[`development.pipeline${n}.dbOps`] = desk.stats.dbOps
    results[`development.list${n}.dbOps`] = (await call(cloud, secretary, 'development.list', {})).stats.dbOps
  }
  await measure(30)
  await cloud.store.commit(people(30, 300, today))
  await measure(300)
  return results
}
