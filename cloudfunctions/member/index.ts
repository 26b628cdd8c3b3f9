import type { MeView } from '../../shared/api/contract'
import { maskPhone } from '../../shared/domain/member'
import type { BindingDoc, BranchDoc, GroupDoc, MemberDoc } from '../../shared/domain/roster'
import { getById } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { requireOpenid } from '../_lib/identity'

export const main = defineFunction('member', {
  /** Who the caller is: the member their WeChat identity is bound to, if any. */
  'member.me': async (_input, { caller }): Promise<MeView> => {
    const openid = requireOpenid(caller)
    const binding = await getById<BindingDoc>('bindings', openid)
    if (!binding) return { openidBound: false, member: null }
    const member = await getById<MemberDoc>('members', binding.memberId)
    if (!member) return { openidBound: false, member: null }
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
        branch: { id: member.branchId, name: branch?.name ?? '' },
        group: group ? { id: group._id, name: group.name } : null,
      },
    }
  },
})
