import { fail } from '../../shared/errors'
import { developmentAccess, type DevelopmentAccess } from '../../shared/domain/development-access'
import type { DevelopmentDoc, EnteredBy } from '../../shared/domain/documents'
import { beijingDate } from '../../shared/domain/time'
import type { Actor, MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'

export const enteredBy = (actor: MemberActor, now: Date): EnteredBy => ({ memberId: actor.member._id, name: actor.member.name, at: now })

const readOnly: DevelopmentAccess = { see: true, decide: false, self: false, mentor: false, sponsor: false }

/** What the caller may do with a person's pipeline: by their links to the person, read-only for the organisation. */
export async function accessTo(db: Db, actor: Actor, doc: DevelopmentDoc): Promise<DevelopmentAccess> {
  if (actor.kind === 'orgAdmin') {
    const branch = await db.get('branches', doc.branchId)
    if (!branch || branch.orgId !== actor.admin.orgId) fail('AUTH.FORBIDDEN')
    return readOnly
  }
  if (actor.kind !== 'member') fail('AUTH.NOT_BOUND')
  if (actor.member.branchId !== doc.branchId) fail('AUTH.FORBIDDEN')
  const access = developmentAccess({ memberId: actor.member._id, positions: actor.member.positions, capabilities: actor.capabilities }, doc)
  if (!access.see) fail('AUTH.FORBIDDEN')
  return access
}

/** A person's pipeline the caller may see, or the refusal. A pipeline that is not there is refused alike to those who could not see it. */
export async function personFor(db: Db, actor: Actor, memberId: string): Promise<{ doc: DevelopmentDoc; access: DevelopmentAccess }> {
  const doc = await db.get('developments', memberId)
  if (!doc) {
    if (actor.kind === 'unbound') fail('AUTH.NOT_BOUND')
    fail(actor.kind === 'member' && actor.capabilities.includes('manageDevelopment') ? 'DEVELOPMENT.NOT_FOUND' : 'AUTH.FORBIDDEN')
  }
  return { doc, access: await accessTo(db, actor, doc) }
}

/** Refuses a date after today: decisions and documents are entered once they happened. */
export function requirePast(date: string | null | undefined, now: Date): void {
  if (date && date > beijingDate(now)) fail('DEVELOPMENT.DATE_IN_FUTURE')
}
