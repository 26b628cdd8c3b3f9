import { commonErrorMessages } from '../../../shared/error-messages/common'
import type { ErrorCode } from '../../../shared/errors'

/**
 * The phone's sentence for each error code. The codes any page may meet travel in the main
 * package; an area whose pages all live in a subpackage brings its own when one of its pages
 * loads (packageStudy/messages.ts, packageAdmin/messages.ts, packageJoin/messages.ts), so the
 * main package every teacher downloads carries no study or roster sentences.
 */
const known: Partial<Record<ErrorCode, string>> = { ...commonErrorMessages }

/** An area's sentences, typed on its own codes (shared/error-messages/<area>.ts). */
export function addAreaMessages(messages: Partial<Record<ErrorCode, string>>): void {
  Object.assign(known, messages)
}

/** Whether this phone has a sentence for the code. */
export function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(known, code)
}

/** A code of an area (`NOTE.TOO_SHORT`): what a function may answer with a sentence of its own. */
export const isAreaCode = (code: unknown): code is ErrorCode => typeof code === 'string' && /^[A-Z]+(?:_[A-Z]+)*\.[A-Z]+(?:_[A-Z]+)*$/.test(code)

/** The code's own sentence; for a code whose area has not loaded, a plain one. */
export function messageFor(code: ErrorCode): string {
  return known[code] ?? '操作没有完成，请稍后重试'
}
