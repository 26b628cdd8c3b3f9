/**
 * The words of the volunteer service: activity types, who may sign up, a place's status, the
 * leader's decision on hours, weekdays. Apart from the rules (./volunteer.ts) so the main package
 * of the mini-program carries the words without the rules only management pages use.
 */

export const activityTypes = ['community', 'homeTeaching', 'zebraCrossing', 'elderCare', 'other'] as const
export type ActivityType = (typeof activityTypes)[number]

export const activityTypeLabels: Record<ActivityType, string> = {
  community: '社区志愿服务',
  homeTeaching: '送教上门',
  zebraCrossing: '礼让斑马线',
  elderCare: '敬老助老',
  other: '其他',
}

/** Who may sign up for a shift: Party members (正式 and 预备) only, or every bound teacher. */
export const eligibilities = ['partyMembers', 'allTeachers'] as const
export type Eligibility = (typeof eligibilities)[number]

export const eligibilityLabels: Record<Eligibility, string> = {
  partyMembers: '仅限党员',
  allTeachers: '全体教师',
}

/**
 * A person's place on a shift. `confirmed` holds a seat, `waitlisted` waits in line; the rest are
 * history: cancelled by themselves, removed by the leader, or handed over in a swap.
 */
export const signupStatuses = ['confirmed', 'waitlisted', 'cancelled', 'removed', 'swappedOut'] as const
export type SignupStatus = (typeof signupStatuses)[number]

export const signupStatusLabels: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  removed: '已移出',
  swappedOut: '已转让',
}

/** What the leader decided about a confirmed person's hours. */
export type HoursStatus = 'pending' | 'credited' | 'noShow'

export const hoursStatusLabels: Record<HoursStatus, string> = {
  pending: '待确认',
  credited: '已确认',
  noShow: '未到岗',
}

/** What a log entry of a shift says happened to someone's place (also in 我的数据). */
export type ShiftLogKind = 'signedUp' | 'promoted' | 'cancelled' | 'leftWaitlist' | 'removed' | 'swapOffered' | 'swapWithdrawn' | 'swapTaken' | 'hoursCorrected' | 'noShow'

export const logKindLabels: Record<ShiftLogKind, string> = {
  signedUp: '报名',
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

/** Weekdays as people count them: 1 = 周一 … 7 = 周日. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const schoolDays: Weekday[] = [1, 2, 3, 4, 5]
export const weekdayLabels: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }
