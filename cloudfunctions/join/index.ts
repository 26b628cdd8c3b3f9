import type { JoinRequestView, JoinResult } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { accountChangeProblem, maskPhone } from '../../shared/domain/member'
import { newMember, type JoinRequestDoc, type MemberDoc } from '../../shared/domain/documents'
import { inviteScene, joinPage } from '../../shared/domain/invite-code'
import { generatedPaths } from '../../shared/domain/storage'
import { requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { cloud } from '../_lib/cloud'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
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
async function bind(db: Db, openid: string, member: MemberDoc, now: Date): Promise<'bound' | 'identityTaken' | 'memberTaken'> {
  try {
    await db.add('bindings', { _id: openid, memberId: member._id, branchId: member.branchId, boundAt: now })
    return 'bound'
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    return (await db.get('bindings', openid)) ? 'identityTaken' : 'memberTaken'
  }
}

async function branchOfRequest(db: Db, actor: MemberActor, requestId: string): Promise<JoinRequestDoc> {
  const request = await db.get('joinRequests', requestId)
  if (!request) fail('NOT_FOUND')
  if (request.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  if (request.status !== 'pending') fail('JOIN.REQUEST_CLOSED')
  return request
}

export const main = defineFunction('join', {
  'join.submit': async ({ inviteCode, name, phone }, { caller, now, db }): Promise<JoinResult> => {
    const openid = requireOpenid(caller)
    if (await db.get('bindings', openid)) fail('JOIN.ALREADY_BOUND')
    const limitKey = `join:${openid}`
    if (await wrongCodes.isBlocked(db, limitKey, now)) fail('RATE_LIMITED', '加入码输错次数过多，请 10 分钟后再试')
    const [branch] = await db.some('branches', { inviteCode }, 1)
    if (!branch) {
      await wrongCodes.recordFailure(db, limitKey, now)
      fail('JOIN.INVITE_CODE_INVALID')
    }
    const existing = await db.get('joinRequests', openid)
    if (existing?.status === 'pending' && existing.branchId === branch._id) fail('JOIN.REQUEST_PENDING')

    const matches = await db.some('members', { branchId: branch._id, phone, status: 'active' }, 2)
    const exact = matches.find((m) => m.name === name)
    if (exact) {
      const outcome = await bind(db, openid, exact, now)
      if (outcome === 'identityTaken') fail('JOIN.ALREADY_BOUND')
      if (outcome === 'bound') {
        await recordHistory(db, null, now, [{ memberId: exact._id, branchId: branch._id, action: 'bound', note: '本人通过加入码绑定微信' }])
        if (existing) await db.remove('joinRequests', openid)
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
    await db.set('joinRequests', openid, request)
    return { status: 'pending', branchName: branch.name, requestId: openid }
  },

  'join.listRequests': async (_input, ctx): Promise<JoinRequestView[]> => {
    const { db } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const branchId = actor.member.branchId
    const [requests, members, bindings, groups] = await Promise.all([
      db.all('joinRequests', { branchId, status: 'pending' }, ['submittedAt', 'asc']),
      db.all('members', { branchId, status: 'active' }),
      db.all('bindings', { branchId }),
      db.all('groups', { branchId }),
    ])
    const bound = new Set(bindings.map((b) => b.memberId))
    const groupName = new Map(groups.map((g) => [g._id, g.name]))
    return requests.map((r) => ({
      id: r._id,
      name: r.name,
      phoneMasked: maskPhone(r.phone),
      submittedAt: r.submittedAt.toISOString(),
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

  'join.decide': async (input, ctx) => {
    const { db, now } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const request = await branchOfRequest(db, actor, input.requestId)
    const close = async (status: 'bound' | 'rejected', memberId: string | null) => {
      // Only one decision lands, even if two secretaries press at once.
      const updated = await db.updateWhere(
        'joinRequests',
        { _id: request._id, branchId: request.branchId, status: 'pending' },
        { status, decidedAt: now, decidedBy: actor.member._id, comment: input.comment ?? null, memberId },
      )
      if (updated !== 1) fail('JOIN.REQUEST_CLOSED')
    }
    if (input.decision === 'reject') {
      await close('rejected', null)
      return { status: 'rejected' as const }
    }
    let member: MemberDoc
    if (input.decision === 'bindExisting') {
      if (!input.memberId) fail('INPUT.INVALID', '请选择要绑定的成员', { memberId: '请选择要绑定的成员' })
      const found = await db.get('members', input.memberId)
      if (!found || found.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
      if (found.status !== 'active') fail('ROSTER.TRANSFERRED')
      // Binding a waiting WeChat to a 支委 hands it their capabilities: the 书记's or 副书记's call.
      const problem = accountChangeProblem({ id: actor.member._id, positions: actor.member.positions }, { id: found._id, positions: found.positions, grants: found.grants }, 'bind')
      if (problem) fail('AUTH.FORBIDDEN', problem)
      member = found
    } else {
      if (!input.category) fail('INPUT.INVALID', '请选择党员类别', { category: '请选择党员类别' })
      if (input.groupId) {
        const group = await db.get('groups', input.groupId)
        if (!group || group.branchId !== actor.member.branchId) fail('ROSTER.GROUP_NOT_FOUND')
      }
      member = newMember(
        {
          _id: newId(),
          branchId: actor.member.branchId,
          groupId: input.groupId ?? null,
          name: request.name,
          category: input.category,
          positions: [],
          phone: request.phone,
          joinedPartyAt: null,
        },
        now,
      )
      try {
        await db.add('members', member)
      } catch (error) {
        if (isDuplicateKey(error)) fail('ROSTER.PHONE_TAKEN')
        throw error
      }
      await recordHistory(db, actor, now, [{ memberId: member._id, branchId: member.branchId, action: 'created', note: `通过加入申请添加（${request.name}）` }])
    }
    await close('bound', member._id)
    const reopen = () => db.update('joinRequests', request._id, { status: 'pending', decidedAt: null, decidedBy: null, memberId: null })
    let outcome: Awaited<ReturnType<typeof bind>>
    try {
      outcome = await bind(db, request._id, member, now)
    } catch (error) {
      // Not bound after all: the request goes back to waiting rather than stay closed.
      await reopen()
      throw error
    }
    if (outcome !== 'bound') {
      await reopen()
      fail(outcome === 'identityTaken' ? 'JOIN.ALREADY_BOUND' : 'JOIN.MEMBER_TAKEN')
    }
    await recordHistory(db, actor, now, [{ memberId: member._id, branchId: member.branchId, action: 'bound', note: `审核通过加入申请，绑定微信（申请人：${request.name}）` }])
    return { status: 'bound' as const }
  },

  'join.inviteCode': async (_input, ctx) => {
    const { now } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const branch = await ctx.db.get('branches', actor.member.branchId)
    if (!branch) fail('NOT_FOUND')
    const code = (await cloud.openapi.wxacode.getUnlimited({
      scene: inviteScene(branch.inviteCode),
      page: joinPage,
      checkPath: false,
      width: 430,
    })) as { buffer: Buffer }
    const qr = await storeGenerated(generatedPaths.inviteCode(branch._id, now.getTime()), Buffer.from(code.buffer), `${branch.name}加入码.png`)
    return { inviteCode: branch.inviteCode, branchName: branch.name, qr }
  },
})
