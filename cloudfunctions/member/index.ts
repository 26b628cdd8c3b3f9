import type { MeView, MyDataExport } from '../../shared/api/contract'
import { maskPhone } from '../../shared/domain/member'
import { capabilitiesOf } from '../../shared/domain/permissions'
import type { BindingDoc, BranchDoc, GroupDoc, JoinRequestDoc, MemberDoc, MemberHistoryDoc, OrgAdminDoc, OrgDoc } from '../../shared/domain/roster'
import { getAll, getById } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { requireOpenid } from '../_lib/identity'

async function me(openid: string): Promise<MeView> {
  const [binding, admin, request] = await Promise.all([
    getById<BindingDoc>('bindings', openid),
    getById<OrgAdminDoc>('orgAdmins', openid),
    getById<JoinRequestDoc>('joinRequests', openid),
  ])
  const orgAdmin = admin ? { orgId: admin.orgId, orgName: (await getById<OrgDoc>('orgs', admin.orgId))?.name ?? '' } : null
  let pendingJoin: MeView['pendingJoin'] = null
  let joinRejected: MeView['joinRejected'] = null
  if (request && request.status !== 'bound') {
    const branchName = (await getById<BranchDoc>('branches', request.branchId))?.name ?? ''
    if (request.status === 'pending') pendingJoin = { requestId: request._id, branchName, submittedAt: new Date(request.submittedAt).toISOString() }
    else joinRejected = { branchName, comment: request.comment, decidedAt: new Date(request.decidedAt ?? request.submittedAt).toISOString() }
  }
  const member = binding ? await getById<MemberDoc>('members', binding.memberId) : null
  if (!member || member.status !== 'active') return { openidBound: false, member: null, orgAdmin, pendingJoin, joinRejected }
  const [branch, group] = await Promise.all([
    getById<BranchDoc>('branches', member.branchId),
    member.groupId ? getById<GroupDoc>('groups', member.groupId) : Promise.resolve(null),
  ])
  return {
    openidBound: true,
    member: {
      id: member._id,
      name: member.name,
      category: member.category,
      positions: member.positions,
      phoneMasked: maskPhone(member.phone),
      joinedPartyAt: member.joinedPartyAt ?? null,
      branch: { id: member.branchId, name: branch?.name ?? '' },
      group: group ? { id: group._id, name: group.name } : null,
      capabilities: capabilitiesOf(member),
    },
    orgAdmin,
    pendingJoin,
    joinRejected,
  }
}

export const main = defineFunction('member', {
  /** Who the caller is: the member their WeChat identity is bound to, if any. */
  'member.me': async (_input, { caller }) => me(requireOpenid(caller)),

  /** Everything the app holds about the caller (个人信息保护法: a person may see and copy it). */
  'member.exportMine': async (_input, { caller, now }): Promise<MyDataExport> => {
    const openid = requireOpenid(caller)
    const view = await me(openid)
    const [history, request] = await Promise.all([
      view.member ? getAll<MemberHistoryDoc>('memberHistory', { memberId: view.member.id }, ['at', 'asc']) : Promise.resolve([]),
      getById<JoinRequestDoc>('joinRequests', openid),
    ])
    const requestBranch = request ? await getById<BranchDoc>('branches', request.branchId) : null
    return {
      exportedAt: now.toISOString(),
      identity: { note: '你的微信身份以 OPENID 形式保存，仅用于识别你是哪位成员，不含微信昵称、头像或聊天信息。' },
      member: view.member,
      history: history.map((h) => ({ at: new Date(h.at).toISOString(), byName: h.byName, action: h.action, note: h.note })),
      joinRequests: request
        ? [{ branchName: requestBranch?.name ?? '', name: request.name, phoneMasked: maskPhone(request.phone), status: request.status, submittedAt: new Date(request.submittedAt).toISOString() }]
        : [],
    }
  },
})
