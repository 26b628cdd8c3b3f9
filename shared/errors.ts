/**
 * Every error a function or the client can report, as a stable string code.
 * Codes cross process boundaries (cloud function → phone), where `instanceof` does not.
 */
export const errorMessages = {
  'INPUT.INVALID': '填写的内容有误，请检查后重试',
  'INPUT.TOO_LARGE': '提交的内容过大',
  'REQUEST.UNKNOWN_ACTION': '不支持的操作，请更新小程序后重试',
  'REQUEST.MALFORMED': '请求格式不正确',
  'AUTH.UNAUTHENTICATED': '未能识别你的微信身份，请重新打开小程序',
  'AUTH.NOT_BOUND': '你还没有加入支部，请先完成绑定',
  'AUTH.FORBIDDEN': '你没有权限进行此操作',
  'NOT_FOUND': '内容不存在或已被删除',
  'CONFLICT': '操作冲突，请稍后重试',
  'RATE_LIMITED': '操作过于频繁，请稍后再试',
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
