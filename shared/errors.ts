/**
 * Every error a function or the client can report, as a stable string code.
 * Codes cross process boundaries (cloud function → phone), where `instanceof` does not.
 */
export const errorMessages = {
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
  'ROSTER.MEMBER_NOT_FOUND': '花名册中没有这位成员',
  'ROSTER.GROUP_NOT_FOUND': '党小组不存在',
  'ROSTER.PHONE_TAKEN': '这个手机号已登记在另一位成员名下',
  'ROSTER.GROUP_EXISTS': '已有同名的党小组',
  'ROSTER.TRANSFERRED': '该成员已转出，不能再修改',
  'ROSTER.ACTIVE': '该成员在册，无需恢复',
  'IMPORT.FILE_TYPE': '请上传 Excel 文件（.xlsx）',
  'IMPORT.EMPTY': '表格中没有成员数据',
  'IMPORT.TOO_LARGE': '表格过大，一次最多导入 3000 行',
  'IMPORT.HEADER': '表头不正确，请使用下载的模板',
  'IMPORT.ROWS_INVALID': '表格中有错误，未导入任何数据，请修改后重新上传',
  'FILE.NOT_FOUND': '文件不存在或已过期，请重新上传',
  'FILE.QUOTA': '今天上传的文件已达上限，请明天再试',
  'JOIN.INVITE_CODE_INVALID': '加入码不正确，请向支部书记确认',
  'JOIN.ALREADY_BOUND': '你的微信已绑定支部成员，无需重复加入',
  'JOIN.MEMBER_TAKEN': '该成员已绑定其他微信，请联系支部书记',
  'JOIN.REQUEST_PENDING': '你的加入申请正在等待支部书记审核',
  'JOIN.REQUEST_CLOSED': '该申请已处理',
  'MEETING.NOT_FOUND': '会议不存在或已删除',
  'MEETING.CANCELLED': '会议已取消',
  'MEETING.NOT_PUBLISHED': '会议尚未发布',
  'MEETING.TIME_INVALID': '结束时间应晚于开始时间',
  'MEETING.STARTED': '会议已开始，不能再修改时间和参会范围',
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
  'STUDY.TASK_NOT_FOUND': '学习任务不存在或已删除',
  'STUDY.NOT_IN_AUDIENCE': '这项学习任务不是布置给你的',
  'STUDY.NOTE_REQUIRED': '这项学习任务需要提交学习心得',
  'STUDY.REMINDED_RECENTLY': '刚刚已提醒过，请 6 小时后再提醒',
  'STUDY.NOTHING_PENDING': '所有人都已提交，无需提醒',
  'STUDY.FILE_FOREIGN': '附件需从本支部的学习任务页面上传',
  'NOTE.NOT_FOUND': '心得不存在或已删除',
  'NOTE.TOO_SHORT': '心得字数不足',
  'NOTE.TOO_LONG': '心得不能超过 10000 字',
  'NOTE.CONTENT_RISKY': '心得中有不适宜发布的内容，请修改后再提交',
  'NOTE.PHOTO_FOREIGN': '照片需从本人的心得页面上传',
  'NOTE.UNDER_REVIEW': '心得正在审阅中，暂不能修改',
  'NOTE.ALREADY_SUBMITTED': '心得已提交，正在等待审阅',
  'NOTE.ALREADY_APPROVED': '心得已审阅通过，不能再修改',
  'NOTE.NOT_SUBMITTED': '心得还是草稿，尚未提交',
  'NOTE.AWAITING_REVISION': '心得已退回，正在等待作者修改',
  'NOTE.ALREADY_REVIEWED': '心得已审阅过',
  'NOTE.OWN_NOTE': '不能审阅自己的心得，请由其他支委审阅',
  'NOTE.NOT_APPROVED': '心得审阅通过后才能在支部内交流',
  'NOTE.NOT_EXCELLENT': '只有评为优秀的心得可以在支部内交流',
  'NOTE.ALREADY_SHARED': '心得已在支部内交流',
  'NOTE.NOT_SHARED': '心得没有在支部内交流',
  'TEST.NOT_FOUND': '测试不存在或已删除',
  'TEST.NOT_IN_AUDIENCE': '这次测试面向党员，你无需参加',
  'TEST.NOT_OPEN': '测试尚未开始',
  'TEST.CLOSED': '测试已结束',
  'TEST.ALREADY_TAKEN': '你已完成这次测试，每人只能参加一次',
  'TEST.NOT_STARTED': '请先开始测试',
  'TEST.TIME_UP': '答题时间已到，答卷已自动提交',
  'TEST.ANSWER_INVALID': '答案与题目不符，请重新作答',
  'TEST.NOT_SHORT_ANSWER': '只有简答题需要评分',
  'TEST.SCORE_INVALID': '分数应在 0 到该题分值之间，可以是半分',
  'DEVELOPMENT.NOT_FOUND': '此人不在发展党员名单中',
  'DEVELOPMENT.EXISTS': '此人已在发展党员名单中',
  'DEVELOPMENT.NOT_ELIGIBLE': '只有花名册中尚未入党的在册成员可以列入发展党员名单',
  'DEVELOPMENT.DATE_IN_FUTURE': '决定和材料的日期不能晚于今天，请在事情发生后再录入',
  'DEVELOPMENT.PERSON_NOT_FULL': '培养联系人和入党介绍人应为本支部在册的正式党员，且不能是本人',
  'DEVELOPMENT.VOTE_MEETING': '表决应在本支部已召开的支部党员大会上进行',
  'DEVELOPMENT.VOTE_NO_QUORUM': '有表决权的到会人数未超过应到人数的半数，会议不能表决',
  'DEVELOPMENT.VOTE_INVALID': '票数与应到、到会人数不符，请核对后重新录入',
  'DEVELOPMENT.VOTE_EXISTS': '这次会议已录入对此人的表决',
  'INTERNAL': '服务器开小差了，请稍后重试',
  'CLIENT.NETWORK': '网络连接失败，请检查网络后重试',
  'CLIENT.TIMEOUT': '服务器响应超时，请稍后重试',
} as const satisfies Record<string, string>

export type ErrorCode = keyof typeof errorMessages

export interface ApiError {
  code: ErrorCode
  message: string
  /** Field-level details for INPUT.INVALID: path → Chinese message. */
  fields?: Record<string, string>
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorMessages, value)
}

/**
 * Failures that trying again can mend: the network, a slow or busy server, a clash with someone
 * else's change. A refusal (no permission, not in the branch, bad input) stays a refusal, so no
 * page offers 重试 for it.
 */
const retryableCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['CLIENT.NETWORK', 'CLIENT.TIMEOUT', 'INTERNAL', 'CONFLICT', 'RATE_LIMITED', 'SHIFT.BUSY'])

export function isRetryable(code: ErrorCode): boolean {
  return retryableCodes.has(code)
}

/** Thrown inside handlers; the function edge turns it into `{ok:false,error}`. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>
  constructor(code: ErrorCode, message?: string, fields?: Record<string, string>) {
    super(message ?? errorMessages[code])
    this.code = code
    this.fields = fields
  }
  toApiError(): ApiError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message }
  }
}

export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): never {
  throw new AppError(code, message, fields)
}
