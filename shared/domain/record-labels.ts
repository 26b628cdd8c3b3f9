import type { CheckinMethod, LeaveStatus, MemberHistoryAction } from './documents'

/**
 * The words for what the records hold, for every screen and sheet that shows them (我的数据 on
 * the page and in its Excel file, the roster's history, the attendance review).
 */

/** 变更记录: what happened to a roster entry. */
export const historyActionLabels: Record<MemberHistoryAction, string> = {
  created: '加入花名册',
  updated: '修改信息',
  imported: 'Excel 导入',
  transferredOut: '转出',
  reactivated: '恢复在册',
  unbound: '解除微信绑定',
  bound: '绑定微信',
  capabilitiesChanged: '调整权限',
}

/** A join request's state. */
export const joinStatusLabels: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  bound: '已绑定',
  rejected: '未通过',
}

export const leaveStatusLabels: Record<LeaveStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
}

export const makeupStatusLabels: Record<'open' | 'done', string> = {
  open: '待完成',
  done: '已完成',
}

/** How an attendance record came about. */
export const checkinMethodLabels: Record<CheckinMethod, string> = {
  rotating: '扫码签到',
  static: '固定签到码',
  manual: '手工登记',
  host: '主持人打开签到码',
}
