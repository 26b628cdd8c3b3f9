import { isAreaCode, isKnownCode, messageFor } from './messages'
import type { ApiError, ErrorCode, Result } from '../../../shared/errors'

/**
 * How the client reads what a function answered: `{ok:true,data}`, or `{ok:false,error}` whose
 * Chinese message (and field messages) the server wrote for this very case ("签到将于 19:00
 * 开始", "支部至少要有一名书记…") are kept; only a code without a Chinese message falls back to
 * the code's own sentence. A code this phone has no sentence for is kept with the server's
 * sentence. Anything else is INTERNAL. Pure: no platform API.
 */

/** A failed Result: the code's own sentence, or a message for this very case. */
export function failure(code: ErrorCode, message: string = messageFor(code)): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } }
}

const hasChinese = (text: unknown): text is string => typeof text === 'string' && /[\u4e00-\u9fa5]/.test(text)

function cleanFields(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const fields: Record<string, string> = {}
  for (const [path, message] of Object.entries(value)) {
    if (hasChinese(message)) fields[path] = message
  }
  return Object.keys(fields).length ? fields : undefined
}

/** Turns whatever the function returned into a Result, trusting nothing. */
export function interpret<T>(raw: unknown): Result<T> {
  if (raw && typeof raw === 'object' && 'ok' in raw) {
    const r = raw as { ok: unknown; data?: unknown; error?: unknown }
    if (r.ok === true) return { ok: true, data: r.data as T }
    if (r.ok === false && r.error && typeof r.error === 'object') {
      const e = r.error as { code?: unknown; message?: unknown; fields?: unknown }
      if (isKnownCode(e.code) || (isAreaCode(e.code) && hasChinese(e.message))) {
        const error: ApiError = { code: e.code, message: hasChinese(e.message) ? e.message : messageFor(e.code) }
        const fields = cleanFields(e.fields)
        if (fields) error.fields = fields
        return { ok: false, error }
      }
    }
  }
  return failure('INTERNAL')
}
