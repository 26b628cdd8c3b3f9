import { CALL_TIMEOUT_MS, describe, type Transport } from './transport-types'

/**
 * H5 (local development and browser tests): POST to the local gateway, same origin, cookie
 * session. 200 → {result}; 401 {error:'NO_SESSION'} → go to the local sign-in page and come back.
 */
export const send: Transport = async (name, data) => {
  const controller = typeof AbortController === 'function' ? new AbortController() : null
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller?.abort()
  }, CALL_TIMEOUT_MS)
  try {
    const response = await fetch('/gateway/call', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, data }),
      signal: controller?.signal,
    })
    if (response.status === 401) {
      const next = window.location.pathname + window.location.search
      window.location.assign('/localcloud/login?next=' + encodeURIComponent(next))
      return { ok: false, code: 'AUTH.UNAUTHENTICATED', detail: 'no session' }
    }
    if (!response.ok) return { ok: false, code: 'INTERNAL', detail: `gateway HTTP ${response.status}` }
    let body: unknown
    try {
      body = await response.json()
    } catch (error) {
      return { ok: false, code: 'INTERNAL', detail: `gateway sent no JSON: ${describe(error)}` }
    }
    if (!body || typeof body !== 'object' || !('result' in body)) {
      return { ok: false, code: 'INTERNAL', detail: 'gateway answer without result' }
    }
    return { ok: true, result: (body as { result: unknown }).result }
  } catch (error) {
    if (timedOut) return { ok: false, code: 'CLIENT.TIMEOUT', detail: `no answer after ${CALL_TIMEOUT_MS} ms` }
    return { ok: false, code: 'CLIENT.NETWORK', detail: describe(error) }
  } finally {
    clearTimeout(timer)
  }
}
