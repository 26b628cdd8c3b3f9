import type { CallEnvelope, FunctionName } from '../../../shared/api/contract'

/** How long the client waits for a function before reporting CLIENT.TIMEOUT. */
export const CALL_TIMEOUT_MS = 20_000

/** Failures a transport can report; everything else is decided by api.ts from the result. */
export type TransportErrorCode = 'CLIENT.NETWORK' | 'CLIENT.TIMEOUT' | 'AUTH.UNAUTHENTICATED' | 'INTERNAL'

export type TransportOutcome =
  | { ok: true; result: unknown }
  | { ok: false; code: TransportErrorCode; detail: string }

/**
 * Sends one call to a cloud function and returns what the function returned, untouched.
 * Must never throw or reject. Implemented per platform in transport.weapp.ts / transport.h5.ts.
 */
export type Transport = (name: FunctionName, data: CallEnvelope) => Promise<TransportOutcome>

/** Rejects-free timeout race shared by the transports. */
export function withTimeout(work: Promise<TransportOutcome>, ms = CALL_TIMEOUT_MS): Promise<TransportOutcome> {
  return new Promise<TransportOutcome>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, code: 'CLIENT.TIMEOUT', detail: `no answer after ${ms} ms` }), ms)
    work.then(
      (outcome) => {
        clearTimeout(timer)
        resolve(outcome)
      },
      (error: unknown) => {
        clearTimeout(timer)
        resolve({ ok: false, code: 'CLIENT.NETWORK', detail: describe(error) })
      },
    )
  })
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message
  if (error && typeof error === 'object') {
    const e = error as { errMsg?: unknown; message?: unknown; errCode?: unknown }
    const text = typeof e.errMsg === 'string' ? e.errMsg : typeof e.message === 'string' ? e.message : ''
    return e.errCode !== undefined ? `${String(e.errCode)} ${text}`.trim() : text
  }
  return String(error)
}
