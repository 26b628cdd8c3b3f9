import { functionOf } from '../../../shared/api/routing'
import type { ActionInput, ActionName, ActionOutput, CallEnvelope } from '../../../shared/api/contract'
import { messageFor } from './messages'
import type { ApiError, Result } from '../../../shared/errors'
import { failure, interpret } from './envelope'
// Taro resolves this to transport.weapp.ts / transport.h5.ts (platform file convention).
import { send } from './transport'

/**
 * The one way pages talk to the backend: `call('member.me', {})`.
 * Never throws: every failure comes back as `{ ok: false, error }` whose `message` is the
 * Chinese sentence to show: the one the server wrote for the case, else the code's own.
 */
export async function call<A extends ActionName>(action: A, input: ActionInput<A>): Promise<Result<ActionOutput<A>>> {
  const envelope: CallEnvelope<A> = { action, input }
  try {
    const outcome = await send(functionOf(action), envelope as CallEnvelope)
    if (!outcome.ok) {
      console.warn(`[api] ${action}: ${outcome.code} ${outcome.detail}`)
      return failure(outcome.code)
    }
    const result = interpret<ActionOutput<A>>(outcome.result)
    if (!result.ok && result.error.code === 'INTERNAL') console.warn(`[api] ${action}: failed or malformed result`, outcome.result)
    return result
  } catch (error) {
    // Transports do not throw; this is a last line of defence.
    console.warn(`[api] ${action}: unexpected`, error)
    return failure('CLIENT.NETWORK')
  }
}

/** Chinese message for a failed result, for pages that only need the text. */
export function messageOf(error: ApiError): string {
  return error.message || messageFor(error.code)
}
