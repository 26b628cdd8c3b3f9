import type { MemberDetailView, RosterView } from '../../shared/api/contract'
import { AppError, fail } from '../../shared/errors'
import { newMember, type GroupDoc, type MemberDoc } from '../../shared/domain/documents'
import { accountChangeProblem, accountLockedReason, lastSecretaryProblem, leadsBranch, positionChangeProblem, rosterOrder, type AccountChange, type Position } from '../../shared/domain/member'
import { capabilitiesOf } from '../../shared/domain/permissions'
import { applyDates, describeDateChanges, memberDateLabels, newMemberDates } from '../../shared/domain/membership'
import { beijingDate } from '../../shared/domain/time'
import { readableBranch, requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, newId, type Db, type TxDb } from '../_lib/db'
import type { Handlers } from '../_lib/handler'
import { categoryChange, recordHistory } from '../_lib/history'
import { branchGroups, datedEntry, describeChanges, toView } from './entries'

/** The roster itself: its list, one member's detail and every change to an entry, each recorded. */

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

/** Refuses dates that cannot be saved, naming each field (INPUT.INVALID with its fields). */
export function requireDates(problems: Partial<Record<string, string>>): void {
  const entries = Object.entries(problems).filter((e): e is [string, string] => Boolean(e[1]))
  if (entries.length) fail('INPUT.INVALID', entries.map(([, m]) => m).join('；'), Object.fromEntries(entries))
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
    const today = beijingDate(now)
    const dates = newMemberDates(input, today)
    requireDates(applyDates({ category: input.category, joinedPartyAt: null, dates: {} }, { category: input.category, ...dates, joinedPartyAt: input.joinedPartyAt }, today).problems)
    const member: MemberDoc = {
      ...newMember(
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
      ),
      dates,
    }
    await guardPhoneWrite(() => db.add('members', member))
    // The history names the dates given; joining today goes without saying.
    const given = applyDates({ category: input.category, joinedPartyAt: null, dates: {} }, { ...dates, joinedPartyAt: input.joinedPartyAt }, today).changed.filter((c) => !(c.field === 'joinedBranchOn' && c.after === today))
    await recordHistory(db, actor, now, [{ memberId: member._id, branchId, action: 'created', note: given.length ? `添加成员（${describeDateChanges(given)}）` : '添加成员', ...(given.length ? { dates: given } : {}) }])
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
    const { joinedBranchOn, activistOn, candidateOn, fullOn, ...plain } = changes
    // The category and the dates it took: a change dates itself (today unless a date is given).
    const dated = applyDates(datedEntry(before), { category: changes.category, joinedBranchOn, activistOn, candidateOn, fullOn, joinedPartyAt: changes.joinedPartyAt }, beijingDate(now))
    requireDates(dated.problems)
    const defined = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)) as Partial<MemberDoc>
    if (defined.positions) defined.positions = [...new Set(defined.positions)]
    if (dated.changed.length) Object.assign(defined, { joinedPartyAt: dated.entry.joinedPartyAt, dates: dated.entry.dates })
    const after: MemberDoc = { ...before, ...defined, updatedAt: now }
    const note = describeChanges(before, after, await branchGroups(db, before.branchId))
    if (!note) return detail(db, before, actor)
    const data = { ...defined, updatedAt: now }
    await guardPhoneWrite(() => (defined.positions ? keepingASecretary(db, before, defined.positions, (tx) => tx.update('members', memberId, data)) : db.update('members', memberId, data)))
    await recordHistory(db, actor, now, [{ memberId, branchId: before.branchId, action: 'updated', note, ...categoryChange(before, after), ...(dated.changed.length ? { dates: dated.changed } : {}) }])
    return detail(db, after, actor)
  },
  'roster.transferOut': async ({ memberId, note, leftOn: given }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const member = await memberOfBranch(db, actor, memberId)
    if (member.status === 'transferredOut') fail('ROSTER.TRANSFERRED')
    requireAccountChange(actor, member, 'transferOut')
    // The day the transfer took effect: today unless the secretary gives the day it happened.
    const leftOn = given ?? beijingDate(now)
    const joinedOn = member.dates?.joinedBranchOn || beijingDate(member.createdAt)
    if (leftOn > beijingDate(now)) fail('INPUT.INVALID', `${memberDateLabels.leftOn}不能晚于今天`, { leftOn: `${memberDateLabels.leftOn}不能晚于今天` })
    if (leftOn < joinedOn) fail('INPUT.INVALID', `${memberDateLabels.leftOn}不能早于${memberDateLabels.joinedBranchOn}（${joinedOn}）`, { leftOn: `${memberDateLabels.leftOn}不能早于${memberDateLabels.joinedBranchOn}` })
    const dates = { ...member.dates, leftOn }
    await requireAnotherSecretary(db, member, [])
    await keepingASecretary(db, member, [], async (tx) => {
      // Only while still on the roster: of two at once, one transfers and records it.
      if ((await tx.get('members', memberId))?.status !== 'active') throw new AppError('ROSTER.TRANSFERRED')
      await tx.update('members', memberId, { status: 'transferredOut', transferredAt: now, dates, updatedAt: now })
    })
    // A member who left the branch no longer acts in it.
    await db.removeWhere('bindings', { memberId })
    await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'transferredOut', note: `${note}（${memberDateLabels.leftOn}：${leftOn}）`, dates: [{ field: 'leftOn', before: member.dates?.leftOn ?? null, after: leftOn }] }])
    return detail(db, { ...member, status: 'transferredOut', transferredAt: now, dates, updatedAt: now }, actor)
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
    // Back on the roster as if never gone: the transfer's date goes with it (the history keeps it).
    const dates = { ...member.dates, leftOn: null }
    if ((await db.updateWhere('members', { _id: memberId, status: 'transferredOut' }, { status: 'active', dates, updatedAt: now })) !== 1) fail('ROSTER.ACTIVE')
    await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'reactivated', note }])
    return detail(db, { ...member, status: 'active', dates, updatedAt: now }, actor)
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
