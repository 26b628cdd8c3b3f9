import { fail } from '../../shared/errors'
import type { BranchDoc } from '../../shared/domain/roster'
import { resolveActor } from '../_lib/actor'
import { countWhere, getAll } from '../_lib/db'
import { defineFunction } from '../_lib/handler'

export const main = defineFunction('org', {
  /** An organisation admin's overview: every branch with its head count. */
  'org.branches': async (_input, { caller }) => {
    const actor = await resolveActor(caller)
    if (actor.kind !== 'orgAdmin') fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
    const branches = await getAll<BranchDoc>('branches', { orgId: actor.admin.orgId }, ['name', 'asc'])
    return Promise.all(
      branches.map(async (b) => ({
        id: b._id,
        name: b.name,
        members: await countWhere('members', { branchId: b._id, status: 'active' }),
        bound: await countWhere('bindings', { branchId: b._id }),
      })),
    )
  },
})
