import type { ShiftLogKind } from '../../../shared/api/contract'

/** What a log entry of a shift says happened. */
export const logKindLabels: Record<ShiftLogKind, string> = {
  promoted: '候补递补',
  cancelled: '取消报名',
  leftWaitlist: '退出候补',
  removed: '移出班次',
  swapOffered: '发起换班',
  swapWithdrawn: '撤回换班',
  swapTaken: '接替换班',
  hoursCorrected: '修改时长',
  noShow: '标记未到岗',
}

/** "在岗 85%". */
export const shareText = (share: number | null) => (share === null ? '' : `在岗 ${Math.round(share * 100)}%`)
