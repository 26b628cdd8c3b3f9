/**
 * The codes any page may meet, the main package's included, with their sentences; the main
 * package carries these and nothing of the areas whose pages all live in subpackages.
 */
export const commonErrorMessages = {
  'INPUT.INVALID': '填写的内容有误，请检查后重试',
  'INPUT.TOO_LARGE': '提交的内容过大',
  'INPUT.DATE_OUT_OF_RANGE': '日期超出合理范围，请检查年份',
  'REQUEST.UNKNOWN_ACTION': '不支持的操作，请更新小程序后重试',
  'REQUEST.MALFORMED': '请求格式不正确',
  'AUTH.UNAUTHENTICATED': '未能识别你的微信身份，请重新打开小程序',
  'AUTH.NOT_BOUND': '你还没有加入支部，请先完成绑定',
  'AUTH.FORBIDDEN': '你没有权限进行此操作',
  'NOT_FOUND': '内容不存在或已被删除',
  'CONFLICT': '操作冲突，请稍后重试',
  'RATE_LIMITED': '操作过于频繁，请稍后再试',
  'FILE.NOT_FOUND': '文件不存在或已过期，请重新上传',
  'FILE.QUOTA': '今天上传的文件已达上限，请明天再试',
  'MEETING.NOT_FOUND': '会议不存在或已删除',
  'MEETING.CANCELLED': '会议已取消',
  'MEETING.NOT_PUBLISHED': '会议尚未发布',
  'MEETING.TIME_INVALID': '结束时间应晚于开始时间',
  'MEETING.STARTED': '会议已开始，不能再修改时间和参会范围',
  'MEETING.ROLL_OPEN': '会议结束后应到名单才会存档，结束前请调整参会范围',
  'CHECKIN.TOKEN_FORGED': '签到码无效，请扫描会场大屏上的签到码',
  'CHECKIN.TOKEN_EXPIRED': '签到码已过期，请重新扫描大屏上最新的签到码',
  'CHECKIN.TOKEN_OTHER_MEETING': '这是另一场会议的签到码',
  'CHECKIN.NOT_OPEN': '签到尚未开始',
  'CHECKIN.CLOSED': '签到已结束',
  'CHECKIN.NOT_IN_AUDIENCE': '你不在本次会议的参会范围内',
  'CHECKIN.STATIC_NOT_ALLOWED': '本次会议不接受固定签到码，请扫描会场大屏上的动态签到码',
  'CHECKIN.OUT_OF_RANGE': '你不在会场附近，无法签到',
  'CHECKIN.LOCATION_REQUIRED': '本次会议需要定位签到，请允许获取位置',
  'LEAVE.TOO_LATE': '会议已开始，不能再请假，请联系支部书记',
  'LEAVE.EXISTS': '你已提交过本次会议的请假',
  'LEAVE.ALREADY_CHECKED_IN': '你已签到，无需请假',
  'LEAVE.NOT_PENDING': '该请假已处理',
  'MAKEUP.NOT_FOUND': '没有这项补学任务',
  'MAKEUP.DONE': '这项补学已完成',
  'MAKEUP.NOT_YET': '会议结束后才能补学',
  'VOLUNTEER.ACTIVITY_NOT_FOUND': '志愿活动不存在或已删除',
  'VOLUNTEER.ACTIVITY_CANCELLED': '该志愿活动已取消',
  'VOLUNTEER.ROSTER_NOT_FOUND': '排班不存在或已删除',
  'SHIFT.NOT_FOUND': '班次不存在或已删除',
  'SHIFT.CANCELLED': '该班次已取消',
  'SHIFT.NOT_PUBLISHED': '该班次尚未发布',
  'SHIFT.SIGNUP_NOT_OPEN': '报名尚未开始',
  'SHIFT.SIGNUP_CLOSED': '报名已截止',
  'SHIFT.NOT_ELIGIBLE': '本班次仅限党员报名',
  'SHIFT.FULL': '名额已满，可以加入候补，有人取消时按顺序自动递补',
  'SHIFT.WAITLIST_FULL': '候补人数已满',
  'SHIFT.OVERLAP': '你已报名同一时间的其他班次',
  'SHIFT.NOT_SIGNED_UP': '你没有报名这个班次',
  'SHIFT.CANCEL_CLOSED': '已过取消截止时间，不能自行取消。如不能参加，请发起换班或联系带队人',
  'SHIFT.STARTED': '班次已开始，不能再修改',
  'SHIFT.NOT_STARTED': '班次尚未开始，暂不能确认服务时长',
  'SHIFT.NOT_ENDED': '班次结束后才能确认服务时长',
  'SHIFT.CAPACITY_BELOW_TAKEN': '名额不能少于已报名人数',
  'SHIFT.SWAP_UNAVAILABLE': '这个名额已被他人接替，或已撤回换班',
  'SHIFT.SWAP_SELF': '不能接替自己的名额',
  'SHIFT.ALREADY_ON_SHIFT': '你已在这个班次中',
  'SHIFT.CODE_NOT_SHIFT': '这是会议签到码，请扫描志愿服务带队人出示的签到码',
  'SHIFT.CODE_OTHER_SHIFT': '这是另一个班次的签到码',
  'SHIFT.NO_GEOFENCE': '本班次请扫描带队人出示的签到码',
  'SHIFT.BUSY': '报名的人较多，请稍后再试',
  'INTERNAL': '服务器开小差了，请稍后重试',
  'CLIENT.NETWORK': '网络连接失败，请检查网络后重试',
  'CLIENT.TIMEOUT': '服务器响应超时，请稍后重试',
} as const satisfies Record<string, string>

export type CommonErrorCode = keyof typeof commonErrorMessages

/**
 * Failures that trying again can mend: the network, a slow or busy server, a clash with someone
 * else's change. A refusal (no permission, not in the branch, bad input) stays a refusal, so no
 * page offers 重试 for it.
 */
const retryableCodes: ReadonlySet<string> = new Set<CommonErrorCode>(['CLIENT.NETWORK', 'CLIENT.TIMEOUT', 'INTERNAL', 'CONFLICT', 'RATE_LIMITED', 'SHIFT.BUSY'])

export function isRetryable(code: string): boolean {
  return retryableCodes.has(code)
}
