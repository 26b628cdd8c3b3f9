import { fail } from '../../shared/errors'
import type { MeetingCaller } from '../../shared/domain/meeting-roles'
import { capabilitiesOf, type Capability } from '../../shared/domain/permissions'
import type { BindingDoc, BranchDoc, CollectionName, DocOf, GroupDoc, MemberDoc, OrgAdminDoc } from '../../shared/domain/documents'
import type { Caller } from './cloud'
import type { Db, Stage } from './db'
import { requireOpenid } from './identity'

/** Who is calling, as far as the branch is concerned. */
export type Actor =
  | { kind: 'member'; openid: string; member: MemberDoc; capabilities: Capability[] }
  | { kind: 'orgAdmin'; openid: string; admin: OrgAdminDoc }
  | { kind: 'unbound'; openid: string }

export type MemberActor = Extract<Actor, { kind: 'member' }>

/** The part of a handler's context that identifies the caller. */
export interface CallerContext {
  caller: Caller
  db: Db
}

/** An identity's member with their branch and group. */
export interface BoundMember {
  member: MemberDoc
  branch: BranchDoc | null
  group: GroupDoc | null
}

/**
 * The caller's binding with its member, branch and group looked up beside it: one database
 * operation. A lookup rather than a copy of the member's positions and grants on the binding,
 * because such a copy would have to be rewritten in the same transaction as every roster change
 * that alters it (positions, grants, transfer, unbinding) and would be wrong the day one forgot.
 * Null when the identity is not bound to an active member.
 */
export async function boundMember(db: Db, openid: string): Promise<BoundMember | null> {
  return (await boundMemberWith(db, openid, 'meetings', null)).bound
}

/**
 * The caller's member as `boundMember` finds it and, in the same database operation, one document
 * by id (the meeting a scanned code names): read together, the document is as current as the
 * caller's identity, with no round trip of its own and nothing kept between requests to go stale.
 */
export async function boundMemberWith<C extends CollectionName>(
  db: Db,
  openid: string,
  collection: C,
  id: string | null,
  beside: Stage[] = [],
): Promise<{ bound: BoundMember | null; doc: DocOf<C> | null; row: Record<string, unknown> | null }> {
  const stages: Stage[] = [
    { $match: { _id: openid } },
    { $lookup: { from: 'members', localField: 'memberId', foreignField: '_id', as: 'member' } },
    { $unwind: '$member' },
    { $lookup: { from: 'branches', localField: 'member.branchId', foreignField: '_id', as: 'branch' } },
    { $lookup: { from: 'groups', localField: 'member.groupId', foreignField: '_id', as: 'group' } },
  ]
  if (id) stages.push({ $lookup: { from: collection, pipeline: [{ $match: { _id: id } }], as: 'doc' } })
  stages.push(...beside)
  const [binding] = await db.aggregate<BindingDoc & { member: MemberDoc; branch: BranchDoc[]; group: GroupDoc[]; doc?: Array<DocOf<C>> }>('bindings', stages)
  if (!binding || binding.member.status !== 'active') return { bound: null, doc: null, row: null }
  return { bound: { member: binding.member, branch: binding.branch[0] ?? null, group: binding.group[0] ?? null }, doc: binding.doc?.[0] ?? null, row: binding as unknown as Record<string, unknown> }
}

/** Resolves the caller's identity (from the cloud context) to a member or an organisation admin. */
export async function resolveActor({ caller, db }: CallerContext): Promise<Actor> {
  const openid = requireOpenid(caller)
  const member = (await boundMember(db, openid))?.member
  if (member) return { kind: 'member', openid, member, capabilities: capabilitiesOf(member) }
  const admin = await db.get('orgAdmins', openid)
  if (admin) return { kind: 'orgAdmin', openid, admin }
  return { kind: 'unbound', openid }
}

export function requireMember(actor: Actor): MemberActor {
  if (actor.kind === 'member') return actor
  return fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
}

/** The calling member, or the refusal an unbound identity or an organisation admin gets. */
export async function memberActor(ctx: CallerContext): Promise<MemberActor> {
  return requireMember(await resolveActor(ctx))
}

/**
 * The calling member and a document read in the same operation (see boundMemberWith); `beside`
 * adds lookups to that operation (the binding's `memberId` is in scope), their results in `row`.
 */
export async function memberActorWith<C extends CollectionName>(
  ctx: CallerContext,
  collection: C,
  id: string | null,
  beside: Stage[] = [],
): Promise<{ actor: MemberActor; doc: DocOf<C> | null; row: Record<string, unknown> }> {
  const openid = requireOpenid(ctx.caller)
  const { bound, doc, row } = await boundMemberWith(ctx.db, openid, collection, id, beside)
  // Not a bound member: the refusal is worked out the usual way.
  if (!bound || !row) return { actor: requireMember(await resolveActor(ctx)), doc: null, row: {} }
  return { actor: { kind: 'member', openid, member: bound.member, capabilities: capabilitiesOf(bound.member) }, doc, row }
}

/** The caller as the shared meeting rules see them. */
export function callerOf(actor: MemberActor): MeetingCaller {
  const { member } = actor
  return { id: member._id, groupId: member.groupId, category: member.category, positions: member.positions, capabilities: actor.capabilities }
}

/** Refuses unless a rule allows the caller. */
export function requireAllowed(allowed: boolean): void {
  if (!allowed) fail('AUTH.FORBIDDEN')
}

export function requireCapability(actor: Actor, capability: Capability): MemberActor {
  const member = requireMember(actor)
  if (!member.capabilities.includes(capability)) fail('AUTH.FORBIDDEN')
  return member
}

/**
 * A branch the caller may read: their own (with the capability) or, for an organisation admin,
 * any branch of their organisation.
 */
export async function readableBranch(db: Db, actor: Actor, branchId: string | undefined, capability: Capability | ((capabilities: readonly Capability[]) => boolean)): Promise<{ branch: BranchDoc; canManage: boolean }> {
  if (actor.kind === 'orgAdmin') {
    if (!branchId) fail('INPUT.INVALID', '请选择支部')
    const branch = await db.get('branches', branchId)
    if (!branch || branch.orgId !== actor.admin.orgId) fail('AUTH.FORBIDDEN')
    return { branch, canManage: false }
  }
  const member = typeof capability === 'string' ? requireCapability(actor, capability) : requireMember(actor)
  if (typeof capability === 'function' && !capability(member.capabilities)) fail('AUTH.FORBIDDEN')
  if (branchId && branchId !== member.member.branchId) fail('AUTH.FORBIDDEN')
  const branch = await db.get('branches', member.member.branchId)
  if (!branch) fail('NOT_FOUND')
  return { branch, canManage: true }
}
