import { functionOf } from '../../../shared/api/routing'
import type { ActionInput, ActionName, ActionOutput, CallEnvelope } from '../../../shared/api/contract'
import { errorMessages, isErrorCode } from '../../../shared/errors'
import type { ApiError, ErrorCode, Result } from '../../../shared/errors'
// Taro resolves this to transport.weapp.ts / transport.h5.ts (platform file convention).
import { send } from './transport'

/**
 * The one way pages talk to the backend: `call('member.me', {})`.
 * Never throws: every failure comes back as `{ ok: false, error }` whose `message` is the
 * Chinese sentence to show (from errorMessages, except a server-written Chinese message and
 * `fields` for INPUT.INVALID and IMPORT.ROWS_INVALID).
 */
export async function call<A extends ActionName>(action: A, input: ActionInput<A>): Promise<Result<ActionOutput<A>>> {
  const envelope: CallEnvelope<A> = { action, input }
  try {
    const outcome = await send(functionOf(action), envelope as CallEnvelope)
    if (!outcome.ok) {
      console.warn(`[api] ${action}: ${outcome.code} ${outcome.detail}`)
      return failure(outcome.code)
    }
    return interpret<ActionOutput<A>>(action, outcome.result)
  } catch (error) {
    // Transports do not throw; this is a last line of defence.
    console.warn(`[api] ${action}: unexpected`, error)
    return failure('CLIENT.NETWORK')
  }
}

/** Chinese message for a failed result, for pages that only need the text. */
export function messageOf(error: ApiError): string {
  return error.message || errorMessages[error.code]
}

function failure(code: ErrorCode): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message: errorMessages[code] } }
}

const hasChinese = (text: unknown): text is string => typeof text === 'string' && /[\u4e00-\u9fa5]/.test(text)

/** Turns whatever the function returned into a Result, trusting nothing. */
function interpret<T>(action: string, raw: unknown): Result<T> {
  if (raw && typeof raw === 'object' && 'ok' in raw) {
    const r = raw as { ok: unknown; data?: unknown; error?: unknown }
    if (r.ok === true) return { ok: true, data: r.data as T }
    if (r.ok === false && r.error && typeof r.error === 'object') {
      const e = r.error as { code?: unknown; message?: unknown; fields?: unknown }
      if (isErrorCode(e.code)) {
        // These two carry server-written Chinese details worth showing: field → problem for
        // INPUT.INVALID, '第3行' → problems for IMPORT.ROWS_INVALID.
        if (e.code === 'INPUT.INVALID' || e.code === 'IMPORT.ROWS_INVALID') {
          const error: ApiError = {
            code: e.code,
            message: hasChinese(e.message) ? e.message : errorMessages[e.code],
          }
          const fields = cleanFields(e.fields)
          if (fields) error.fields = fields
          return { ok: false, error }
        }
        return failure(e.code)
      }
    }
  }
  console.warn(`[api] ${action}: malformed result`, raw)
  return failure('INTERNAL')
}

function cleanFields(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const fields: Record<string, string> = {}
  for (const [path, message] of Object.entries(value)) {
    if (hasChinese(message)) fields[path] = message
  }
  return Object.keys(fields).length ? fields : undefined
}
