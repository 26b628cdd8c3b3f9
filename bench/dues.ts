import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { addMonths, monthOf } from '../shared/domain/dues'
import { seedBranch } from './checkin'

/**
 * The 党费 monthly list of a branch of 100 and of 1,000 members, each with a year of bases and
 * payments: the same reads whatever the size (the members and their records, a pair each).
 */
export async function duesBench(cloud: LocalCloud): Promise<Record<string, number>> {
  const results: Record<string, number> = {}
  const month = monthOf(new Date())
  for (const size of [100, 1000]) {
    const { branchId, openids } = await seedBranch(cloud, `dues${size}`, size)
    const changes: Change[] = Array.from({ length: size }, (_x, i) => {
      const memberId = `dues${size}-m${i}`
      return {
        coll: 'duesAccounts',
        id: memberId,
        doc: { _id: memberId, branchId, memberId, name: `成员${i}`, firstMonth: addMonths(month, -12), quarterly: false, bases: [{ fromMonth: addMonths(month, -12), kind: 'working', baseFen: 300_000 + i * 1000 }], paidMonths: Array.from({ length: i % 12 }, (_y, k) => addMonths(month, -12 + k)), warned: [], updatedAt: new Date(), updatedBy: { id: `dues${size}-m0`, name: '成员0' } },
      }
    })
    await cloud.store.commit(changes)
    const outcome = await cloud.invoke('dues', { action: 'dues.monthly', input: {} }, { openid: openids[0] })
    const result = outcome.result as { ok: boolean; data?: { rows: unknown[] } }
    if (!result?.ok || result.data?.rows.length !== size) throw new Error(`dues.monthly failed: ${JSON.stringify(outcome.result ?? outcome.error).slice(0, 300)}`)
    results[`dues.monthlyList.dbOps.members${size}`] = outcome.stats.dbOps
  }
  return results
}
