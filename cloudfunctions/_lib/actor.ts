import { fail } from '../../shared/errors'
import { capabilitiesOf, type Capability } from '../../shared/domain/permissions'
import type { BindingDoc, BranchDoc, MemberDoc, OrgAdminDoc } from '../../shared/domain/roster'
import type { Caller } from './cloud'
import { getById } from './db'
import { requireOpenid } from './identity'

/** Who is calling, as far as the branch is concerned. */
export type Actor =
  | { kind: 'member'; openid: string; member: MemberDoc; capabilities: Capability[] }
  | { kind: 'orgAdmin'; openid: string; admin: OrgAdminDoc }
  | { kind: 'unbound'; openid: string }

export type MemberActor = Extract<Actor, { kind: 'member' }>

/** Resolves the caller's identity (from the cloud context) to a member or an organisation admin. */
export async function resolveActor(caller: Caller): Promise<Actor> {
  const openid = requireOpenid(caller)
  const binding = await getById<BindingDoc>('bindings', openid)
  if (binding) {
    const member = await getById<MemberDoc>('members', binding.memberId)
    if (member && member.status === 'active') return { kind: 'member', openid, member, capabilities: capabilitiesOf(member) }
  }
  const admin = await getById<OrgAdminDoc>('orgAdmins', openid)
  if (admin) return { kind: 'orgAdmin', openid, admin }
  return { kind: 'unbound', openid }
}

export function requireMember(actor: Actor): MemberActor {
  if (actor.kind === 'member') return actor
  return fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
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
export async function readableBranch(actor: Actor, branchId: string | undefined, capability: Capability): Promise<{ branch: BranchDoc; canManage: boolean }> {
  if (actor.kind === 'orgAdmin') {
    if (!branchId) fail('INPUT.INVALID', '请选择支部')
    const branch = await getById<BranchDoc>('branches', branchId)
    if (!branch || branch.orgId !== actor.admin.orgId) fail('AUTH.FORBIDDEN')
    return { branch, canManage: false }
  }
  const member = requireCapability(actor, capability)
  if (branchId && branchId !== member.member.branchId) fail('AUTH.FORBIDDEN')
  const branch = await getById<BranchDoc>('branches', member.member.branchId)
  if (!branch) fail('NOT_FOUND')
  return { branch, canManage: true }
}
