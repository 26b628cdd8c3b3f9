import { fail } from '../../shared/errors'
import { resolveActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'

export const main = defineFunction('org', {
  /** An organisation admin's overview: every branch with its head count. */
  'org.branches': async (_input, ctx) => {
    const { db } = ctx
    const actor = await resolveActor(ctx)
    if (actor.kind !== 'orgAdmin') fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
    const branches = await db.all('branches', { orgId: actor.admin.orgId }, ['name', 'asc'])
    return Promise.all(
      branches.map(async (b) => ({
        id: b._id,
        name: b.name,
        members: await db.count('members', { branchId: b._id, status: 'active' }),
        bound: await db.count('bindings', { branchId: b._id }),
      })),
    )
  },
})
