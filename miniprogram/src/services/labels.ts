import type { MemberHistoryEntry } from '../../../shared/api/contract'

/** 变更记录: what happened to a roster entry, in words. */
export const historyActionLabels: Record<MemberHistoryEntry['action'], string> = {
  created: '加入花名册',
  updated: '修改信息',
  imported: 'Excel 导入',
  transferredOut: '转出',
  reactivated: '恢复在册',
  unbound: '解除微信绑定',
  bound: '绑定微信',
  capabilitiesChanged: '调整权限',
}

/** Status words of a join request as the server may send them. */
export const joinStatusLabels: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  bound: '已绑定',
  rejected: '未通过',
}
