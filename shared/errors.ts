import { commonErrorMessages } from './error-messages/common'
import { rosterErrorMessages } from './error-messages/roster'
import { studyErrorMessages } from './error-messages/study'
import { appraisalErrorMessages } from './error-messages/appraisal'
import { duesErrorMessages } from './error-messages/dues'
import { developmentErrorMessages } from './error-messages/development'

/**
 * Every error a function or the client can report, as a stable string code, with its Chinese
 * sentence. Codes cross process boundaries (cloud function → phone), where `instanceof` does not.
 *
 * The codes any page may meet, the main package's included, are in error-messages/common.ts. An
 * area whose pages all live in a subpackage keeps its codes in error-messages/<area>.ts: the app
 * ships those sentences with the area's pages (miniprogram/src/services/messages.ts).
 */
export { commonErrorMessages, isRetryable } from './error-messages/common'

/** Every code with its sentence: what the functions send when a case has no sentence of its own. */
export const errorMessages = { ...commonErrorMessages, ...rosterErrorMessages, ...studyErrorMessages, ...appraisalErrorMessages, ...duesErrorMessages, ...developmentErrorMessages } as const

export type ErrorCode = keyof typeof errorMessages
export type { CommonErrorCode } from './error-messages/common'

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
