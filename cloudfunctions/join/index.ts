import { randomBytes } from 'node:crypto'
import type { JoinRequestView, JoinResult } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { maskPhone } from '../../shared/domain/member'
import type { BindingDoc, BranchDoc, GroupDoc, JoinRequestDoc, MemberDoc } from '../../shared/domain/roster'
import { requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { cloud, db } from '../_lib/cloud'
import { findSome, getAll, getById, isDuplicateKey } from '../_lib/db'
import { storeGenerated } from '../_lib/files'
import { defineFunction } from '../_lib/handler'
import { recordHistory } from '../_lib/history'
import { requireOpenid } from '../_lib/identity'
import { FailureLimit } from '../_lib/rate-limit'

/** Five wrong invite codes in ten minutes, then a pause: a code cannot be guessed. */
const wrongCodes = new FailureLimit(5, 10 * 60_000)

/**
 * Binds a WeChat identity to a roster entry. The binding's _id is the OPENID (one identity, one
 * member) and its memberId is a unique index (one member, one identity), so of two people
 * pressing at once exactly one binds, whatever the timing.
 */
async function bind(openid: string, member: MemberDoc, now: Date): Promise<'bound' | 'identityTaken' | 'memberTaken'> {
  try {
    await db.collection('bindings').add({ data: { _id: openid, memberId: member._id, branchId: member.branchId, boundAt: now } })
    return 'bound'
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    return (await getById<BindingDoc>('bindings', openid)) ? 'identityTaken' : 'memberTaken'
  }
}

async function branchOfRequest(actor: MemberActor, requestId: string): Promise<JoinRequestDoc> {
  const request = await getById<JoinRequestDoc>('joinRequests', requestId)
  if (!request) fail('NOT_FOUND')
  if (request.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  if (request.status !== 'pending') fail('JOIN.REQUEST_CLOSED')
  return request
}

export const main = defineFunction('join', {
  'join.submit': async ({ inviteCode, name, phone }, { caller, now }): Promise<JoinResult> => {
    const openid = requireOpenid(caller)
    if (await getById<BindingDoc>('bindings', openid)) fail('JOIN.ALREADY_BOUND')
    const limitKey = `join:${openid}`
    if (await wrongCodes.isBlocked(limitKey, now)) fail('RATE_LIMITED', '加入码输错次数过多，请 10 分钟后再试')
    const [branch] = await findSome<BranchDoc>('branches', { inviteCode }, 1)
    if (!branch) {
      await wrongCodes.recordFailure(limitKey, now)
      fail('JOIN.INVITE_CODE_INVALID')
    }
    const existing = await getById<JoinRequestDoc>('joinRequests', openid)
    if (existing?.status === 'pending' && existing.branchId === branch._id) fail('JOIN.REQUEST_PENDING')

    const matches = await findSome<MemberDoc>('members', { branchId: branch._id, phone, status: 'active' }, 2)
    const exact = matches.find((m) => m.name === name)
    if (exact) {
      const outcome = await bind(openid, exact, now)
      if (outcome === 'identityTaken') fail('JOIN.ALREADY_BOUND')
      if (outcome === 'bound') {
        await recordHistory(null, now, [{ memberId: exact._id, branchId: branch._id, action: 'bound', note: '本人通过加入码绑定微信' }])
        if (existing) await db.collection('joinRequests').doc(openid).remove()
        return { status: 'bound', branchName: branch.name, memberName: exact.name }
      }
      // The entry is bound to another WeChat: the secretary decides (a new phone, a mistake…).
    }
    const request: Omit<JoinRequestDoc, '_id'> = {
      branchId: branch._id,
      name,
      phone,
      status: 'pending',
      submittedAt: now,
      decidedAt: null,
      decidedBy: null,
      comment: null,
      memberId: null,
    }
    await db.collection('joinRequests').doc(openid).set({ data: request })
    return { status: 'pending', branchName: branch.name, requestId: openid }
  },

  'join.listRequests': async (_input, { caller }): Promise<JoinRequestView[]> => {
    const actor = requireCapability(await resolveActor(caller), 'manageRoster')
    const branchId = actor.member.branchId
    const [requests, members, bindings, groups] = await Promise.all([
      getAll<JoinRequestDoc>('joinRequests', { branchId, status: 'pending' }, ['submittedAt', 'asc']),
      getAll<MemberDoc>('members', { branchId, status: 'active' }),
      getAll<BindingDoc>('bindings', { branchId }),
      getAll<GroupDoc>('groups', { branchId }),
    ])
    const bound = new Set(bindings.map((b) => b.memberId))
    const groupName = new Map(groups.map((g) => [g._id, g.name]))
    return requests.map((r) => ({
      id: r._id,
      name: r.name,
      phoneMasked: maskPhone(r.phone),
      submittedAt: new Date(r.submittedAt).toISOString(),
      candidates: members
        .filter((m) => m.name === r.name || m.phone === r.phone)
        .map((m) => ({
          memberId: m._id,
          name: m.name,
          groupName: m.groupId ? (groupName.get(m.groupId) ?? null) : null,
          phoneMasked: maskPhone(m.phone),
          bound: bound.has(m._id),
        })),
    }))
  },

  'join.decide': async (input, { caller, now }) => {
    const actor = requireCapability(await resolveActor(caller), 'manageRoster')
    const request = await branchOfRequest(actor, input.requestId)
    const close = async (status: 'bound' | 'rejected', memberId: string | null) => {
      // Only one decision lands, even if two secretaries press at once.
      const res = (await db
        .collection('joinRequests')
        .where({ _id: request._id, branchId: request.branchId, status: 'pending' })
        .update({ data: { status, decidedAt: now, decidedBy: actor.member._id, comment: input.comment ?? null, memberId } })) as { stats: { updated: number } }
      if (res.stats.updated !== 1) fail('JOIN.REQUEST_CLOSED')
    }
    if (input.decision === 'reject') {
      await close('rejected', null)
      return { status: 'rejected' as const }
    }
    let member: MemberDoc
    if (input.decision === 'bindExisting') {
      if (!input.memberId) fail('INPUT.INVALID', '请选择要绑定的成员', { memberId: '请选择要绑定的成员' })
      const found = await getById<MemberDoc>('members', input.memberId)
      if (!found || found.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
      if (found.status !== 'active') fail('ROSTER.TRANSFERRED')
      member = found
    } else {
      if (!input.category) fail('INPUT.INVALID', '请选择党员类别', { category: '请选择党员类别' })
      if (input.groupId) {
        const group = await getById<GroupDoc>('groups', input.groupId)
        if (!group || group.branchId !== actor.member.branchId) fail('ROSTER.GROUP_NOT_FOUND')
      }
      member = {
        _id: randomBytes(16).toString('hex'),
        branchId: actor.member.branchId,
        groupId: input.groupId ?? null,
        name: request.name,
        category: input.category,
        positions: [],
        phone: request.phone,
        joinedPartyAt: null,
        status: 'active',
        grants: [],
        revokes: [],
        createdAt: now,
        updatedAt: now,
      }
      try {
        await db.collection('members').add({ data: member as unknown as Record<string, unknown> })
      } catch (error) {
        if (isDuplicateKey(error)) fail('ROSTER.PHONE_TAKEN')
        throw error
      }
      await recordHistory(actor, now, [{ memberId: member._id, branchId: member.branchId, action: 'created', note: `通过加入申请添加（${request.name}）` }])
    }
    await close('bound', member._id)
    const reopen = () => db.collection('joinRequests').doc(request._id).update({ data: { status: 'pending', decidedAt: null, decidedBy: null, memberId: null } })
    let outcome: Awaited<ReturnType<typeof bind>>
    try {
      outcome = await bind(request._id, member, now)
    } catch (error) {
      // Not bound after all: the request goes back to waiting rather than stay closed.
      await reopen()
      throw error
    }
    if (outcome !== 'bound') {
      await reopen()
      fail(outcome === 'identityTaken' ? 'JOIN.ALREADY_BOUND' : 'JOIN.MEMBER_TAKEN')
    }
    await recordHistory(actor, now, [{ memberId: member._id, branchId: member.branchId, action: 'bound', note: `审核通过加入申请，绑定微信（申请人：${request.name}）` }])
    return { status: 'bound' as const }
  },

  'join.inviteCode': async (_input, { caller, now }) => {
    const actor = requireCapability(await resolveActor(caller), 'manageRoster')
    const branch = await getById<BranchDoc>('branches', actor.member.branchId)
    if (!branch) fail('NOT_FOUND')
    const code = (await cloud.openapi.wxacode.getUnlimited({
      scene: `j=${branch.inviteCode}`,
      page: 'pages/join/index',
      checkPath: false,
      width: 430,
    })) as { buffer: Buffer }
    const qr = await storeGenerated(`invites/${branch._id}-${now.getTime()}.png`, Buffer.from(code.buffer), `${branch.name}加入码.png`)
    return { inviteCode: branch.inviteCode, branchName: branch.name, qr }
  },
})
