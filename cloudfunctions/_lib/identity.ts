import { fail } from '../../shared/errors'
import type { Caller } from './cloud'

/** The caller's OPENID, or UNAUTHENTICATED when the call carries none (e.g. a timer). */
export function requireOpenid(caller: Caller): string {
  if (!caller.openid) fail('AUTH.UNAUTHENTICATED')
  return caller.openid
}
