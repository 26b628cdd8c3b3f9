import type { MemberDetailView, RosterMemberView, RosterView } from '../../shared/api/contract'
import { AppError, fail } from '../../shared/errors'
import { newMember, type GroupDoc, type MemberDoc } from '../../shared/domain/documents'
import { accountChangeProblem, accountLockedReason, lastSecretaryProblem, leadsBranch, maskPhone, memberCategoryLabels, positionChangeProblem, positionLabels, rosterOrder, type AccountChange, type Position } from '../../shared/domain/member'
import { capabilitiesOf } from '../../shared/domain/permissions'
import { readableBranch, requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, newId, type Db, type TxDb } from '../_lib/db'
import type { Handlers } from '../_lib/handler'
import { categoryChange, recordHistory } from '../_lib/history'

/** The roster itself: its list, one member's detail and every change to an entry, each recorded. */

export function toView(member: MemberDoc, groups: Map<string, GroupDoc>, bound: boolean): RosterMemberView {
  return {
    id: member._id,
    name: member.name,
    category: member.category,
    positions: member.positions,
    groupId: member.groupId,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    phoneMasked: maskPhone(member.phone),
    joinedPartyAt: member.joinedPartyAt ?? null,
    status: member.status,
    bound,
  }
}

export async function branchGroups(db: Db, branchId: string): Promise<Map<string, GroupDoc>> {
  const groups = await db.all('groups', { branchId }, ['order', 'asc'])
  return new Map(groups.map((g) => [g._id, g]))
}

/** A member of the caller's own branch, or AUTH.FORBIDDEN. */
export async function memberOfBranch(db: Db, actor: MemberActor, memberId: string): Promise<MemberDoc> {
  const member = await db.get('members', memberId)
  if (!member) fail('ROSTER.MEMBER_NOT_FOUND')
  if (member.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  return member
}

/** The member as the secretary's page shows them to this caller. */
export async function detail(db: Db, member: MemberDoc, actor: MemberActor): Promise<MemberDetailView> {
  const [groups, binding, history] = await Promise.all([
    branchGroups(db, member.branchId),
    db.some('bindings', { memberId: member._id }, 1),
    db.some('memberHistory', { memberId: member._id }, 50, ['at', 'desc']),
  ])
  return {
    ...toView(member, groups, binding.length > 0),
    phone: member.phone,
    grants: member.grants ?? [],
    revokes: member.revokes ?? [],
    capabilities: capabilitiesOf(member),
    history: history.map((h) => ({ at: h.at.toISOString(), byName: h.byName, action: h.action, note: h.note })),
    accountLocked: accountLockedReason(self(actor), target(member)),
    canReactivate: member.status === 'transferredOut' && leadsBranch(actor.member.positions),
  }
}

/** The caller, and a member, as the roster rules see them. */
const self = (actor: MemberActor) => ({ id: actor.member._id, positions: actor.member.positions })
const target = (member: MemberDoc) => ({ id: member._id, positions: member.positions, grants: member.grants })

/** Refuses a change to someone's account that could hand it over (see accountChangeProblem). */
function requireAccountChange(actor: MemberActor, member: MemberDoc, change: AccountChange): void {
  const problem = accountChangeProblem(self(actor), target(member), change)
  if (problem) fail('AUTH.FORBIDDEN', problem)
}

export async function requireGroupOfBranch(db: Db, groupId: string | null | undefined, branchId: string): Promise<void> {
  if (!groupId) return
  const group = await db.get('groups', groupId)
  if (!group) fail('ROSTER.GROUP_NOT_FOUND')
  if (group.branchId !== branchId) fail('AUTH.FORBIDDEN')
}

const positionText = (list: Position[]) => (list.length ? list.map((p) => positionLabels[p]).join('、') : '无')

/** Describes what changed, in the words the secretary used: 党小组：一组 → 二组；… */
export function describeChanges(before: MemberDoc, after: MemberDoc, groups: Map<string, GroupDoc>): string {
  const groupName = (id: string | null) => (id ? (groups.get(id)?.name ?? '未知党小组') : '无')
  const parts: string[] = []
  if (before.name !== after.name) parts.push(`姓名：${before.name} → ${after.name}`)
  if (before.category !== after.category) parts.push(`类别：${memberCategoryLabels[before.category]} → ${memberCategoryLabels[after.category]}`)
  if (before.groupId !== after.groupId) parts.push(`党小组：${groupName(before.groupId)} → ${groupName(after.groupId)}`)
  if (before.positions.join() !== after.positions.join()) parts.push(`职务：${positionText(before.positions)} → ${positionText(after.positions)}`)
  if (before.phone !== after.phone) parts.push(`手机号：${maskPhone(before.phone)} → ${maskPhone(after.phone)}`)
  if ((before.joinedPartyAt ?? null) !== (after.joinedPartyAt ?? null)) parts.push(`入党时间：${before.joinedPartyAt ?? '未填'} → ${after.joinedPartyAt ?? '未填'}`)
  return parts.join('；')
}

/** A branch keeps a 书记: refuses a change that would take the position from the last one. */
export async function requireAnotherSecretary(db: Db, member: MemberDoc, positionsAfter: readonly Position[]): Promise<void> {
  if (!member.positions.includes('secretary') || positionsAfter.includes('secretary')) return
  const others = await db.some('members', { branchId: member.branchId, status: 'active', positions: 'secretary', _id: { $ne: member._id } }, 1)
  const problem = lastSecretaryProblem(member.positions, positionsAfter, others.length)
  if (problem) fail('AUTH.FORBIDDEN', problem)
}

/**
 * Runs `write` as one transaction that, when it takes the 书记 position from `member` (new
 * positions, or a transfer out), first takes the branch's turn (a write to the branch document)
 * and only then counts the other 书记. Two such changes at once cannot both count the other as
 * still in office: the second waits for the first, or conflicts with it and counts again.
 */
async function keepingASecretary<T>(db: Db, member: MemberDoc, positionsAfter: readonly Position[], write: (tx: TxDb) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (member.positions.includes('secretary') && !positionsAfter.includes('secretary')) {
      await tx.update('branches', member.branchId, { secretaryChanges: { $inc: 1 } })
      await requireAnotherSecretary(db, member, positionsAfter)
    }
    return write(tx)
  })
}

export async function guardPhoneWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isDuplicateKey(error)) fail('ROSTER.PHONE_TAKEN')
    throw error
  }
}

export const memberHandlers: Pick<Handlers<'roster'>, 'roster.list' | 'roster.get' | 'roster.addMember' | 'roster.updateMember' | 'roster.transferOut' | 'roster.reactivate' | 'roster.unbind' | 'roster.setCapabilities' | 'roster.createGroup'> = {
  'roster.list': async (input, ctx): Promise<RosterView> => {
    const { db } = ctx
    const actor = await resolveActor(ctx)
    const { branch, canManage } = await readableBranch(db, actor, input.branchId, 'manageRoster')
    const [groups, members, bindings] = await Promise.all([
      branchGroups(db, branch._id),
      db.all('members', input.includeTransferred ? { branchId: branch._id } : { branchId: branch._id, status: 'active' }),
      db.all('bindings', { branchId: branch._id }),
    ])
    const bound = new Set(bindings.map((b) => b.memberId))
    const views = members.map((m) => toView(m, groups, bound.has(m._id))).sort(rosterOrder([...groups.keys()]))
    return {
      branch: { id: branch._id, name: branch.name, inviteCode: canManage ? branch.inviteCode : '' },
      groups: [...groups.values()].map((g) => ({
        id: g._id,
        name: g.name,
        memberCount: members.filter((m) => m.groupId === g._id && m.status === 'active').length,
      })),
      members: views,
      canManage,
    }
  },
  'roster.get': async ({ memberId }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db } = ctx
    return detail(db, await memberOfBranch(db, actor, memberId), actor)
  },
  'roster.addMember': async (input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const branchId = actor.member.branchId
    await requireGroupOfBranch(db, input.groupId, branchId)
    const problem = positionChangeProblem({ id: actor.member._id, positions: actor.member.positions }, '', [], input.positions)
    if (problem) fail('AUTH.FORBIDDEN', problem)
    const member = newMember(
      {
        _id: newId(),
        branchId,
        groupId: input.groupId,
        name: input.name,
        category: input.category,
        positions: [...new Set(input.positions)],
        phone: input.phone,
        joinedPartyAt: input.joinedPartyAt,
      },
      now,
    )
    await guardPhoneWrite(() => db.add('members', member))
    await recordHistory(db, actor, now, [{ memberId: member._id, branchId, action: 'created', note: '添加成员' }])
    return detail(db, member, actor)
  },
  'roster.updateMember': async ({ memberId, ...changes }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const before = await memberOfBranch(db, actor, memberId)
    if (before.status === 'transferredOut') fail('ROSTER.TRANSFERRED')
    // The name and phone are what a WeChat identity binds by (join.submit).
    if ((changes.name !== undefined && changes.name !== before.name) || (changes.phone !== undefined && changes.phone !== before.phone)) requireAccountChange(actor, before, 'rename')
    if (changes.groupId !== undefined) await requireGroupOfBranch(db, changes.groupId, before.branchId)
    if (changes.positions) {
      const problem = positionChangeProblem({ id: actor.member._id, positions: actor.member.positions }, memberId, before.positions, changes.positions)
      if (problem) fail('AUTH.FORBIDDEN', problem)
      await requireAnotherSecretary(db, before, changes.positions)
    }
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<MemberDoc>
    if (defined.positions) defined.positions = [...new Set(defined.positions)]
    const after: MemberDoc = { ...before, ...defined, updatedAt: now }
    const note = describeChanges(before, after, await branchGroups(db, before.branchId))
    if (!note) return detail(db, before, actor)
    const data = { ...defined, updatedAt: now }
    await guardPhoneWrite(() => (defined.positions ? keepingASecretary(db, before, defined.positions, (tx) => tx.update('members', memberId, data)) : db.update('members', memberId, data)))
    await recordHistory(db, actor, now, [{ memberId, branchId: before.branchId, action: 'updated', note, ...categoryChange(before, after) }])
    return detail(db, after, actor)
  },
  'roster.transferOut': async ({ memberId, note }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const member = await memberOfBranch(db, actor, memberId)
    if (member.status === 'transferredOut') fail('ROSTER.TRANSFERRED')
    requireAccountChange(actor, member, 'transferOut')
    await requireAnotherSecretary(db, member, [])
    await keepingASecretary(db, member, [], async (tx) => {
      // Only while still on the roster: of two at once, one transfers and records it.
      if ((await tx.get('members', memberId))?.status !== 'active') throw new AppError('ROSTER.TRANSFERRED')
      await tx.update('members', memberId, { status: 'transferredOut', transferredAt: now, updatedAt: now })
    })
    // A member who left the branch no longer acts in it.
    await db.removeWhere('bindings', { memberId })
    await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'transferredOut', note }])
    return detail(db, { ...member, status: 'transferredOut', updatedAt: now }, actor)
  },
  /**
   * Brings a transferred-out member back, so a mistaken transfer is never permanent: their
   * record and history as they were, and they rejoin with the invite code. The 书记's or 副书记's
   * call, since the entry comes back with its positions.
   */
  'roster.reactivate': async ({ memberId, note }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    if (!leadsBranch(actor.member.positions)) fail('AUTH.FORBIDDEN', '只有书记或副书记可以恢复已转出的成员')
    const { db, now } = ctx
    const member = await memberOfBranch(db, actor, memberId)
    if (member.status === 'active') fail('ROSTER.ACTIVE')
    if ((await db.updateWhere('members', { _id: memberId, status: 'transferredOut' }, { status: 'active', updatedAt: now })) !== 1) fail('ROSTER.ACTIVE')
    await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'reactivated', note }])
    return detail(db, { ...member, status: 'active', updatedAt: now }, actor)
  },
  'roster.unbind': async ({ memberId }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const member = await memberOfBranch(db, actor, memberId)
    requireAccountChange(actor, member, 'unbind')
    if ((await db.removeWhere('bindings', { memberId })) > 0) {
      await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'unbound', note: '解除微信绑定' }])
    }
    return detail(db, member, actor)
  },
  'roster.setCapabilities': async ({ memberId, grants, revokes }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    // Adjusting permissions is the secretary's (or deputy's) call, not every roster manager's.
    if (!leadsBranch(actor.member.positions)) fail('AUTH.FORBIDDEN')
    const member = await memberOfBranch(db, actor, memberId)
    const next = { grants: [...new Set(grants)], revokes: [...new Set(revokes)].filter((c) => !grants.includes(c)) }
    await db.update('members', memberId, { ...next, updatedAt: now })
    const after = { ...member, ...next }
    await recordHistory(db, actor, now, [
      { memberId, branchId: member.branchId, action: 'capabilitiesChanged', note: `权限调整：增加 ${next.grants.length} 项，取消 ${next.revokes.length} 项` },
    ])
    return detail(db, after, actor)
  },
  'roster.createGroup': async ({ name }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db } = ctx
    const groups = await branchGroups(db, actor.member.branchId)
    if ([...groups.values()].some((g) => g.name === name)) fail('ROSTER.GROUP_EXISTS')
    const group: GroupDoc = { _id: newId(), branchId: actor.member.branchId, name, order: groups.size + 1 }
    try {
      await db.add('groups', group)
    } catch (error) {
      if (isDuplicateKey(error)) fail('ROSTER.GROUP_EXISTS')
      throw error
    }
    return { id: group._id, name }
  },
}
