import { AppError, errorMessages, type ApiError, type Result } from '../../shared/errors'
import {
  actions,
  isActionName,
  maxRequestChars,
  type ActionOutput,
  type ActionsOf,
  type FunctionName,
  type ParsedInput,
} from '../../shared/api/contract'
import { describeZodError } from '../../shared/api/validation'
import { functionOf } from '../../shared/api/routing'
import { currentCaller, type Caller } from './cloud'
import { cloudDb } from './cloud-db'
import type { Db } from './db'
import type { MsgSecCheck } from './content-check'
import type { SubscribeMessage } from './reminders'

/** What every handler receives besides its validated input. */
export interface HandlerContext {
  caller: Caller
  /** The moment of the request: rules take it as an argument, never read the clock themselves. */
  now: Date
  /** The database: the cloud's in production, any implementation of the handle in a unit test. */
  db: Db
  /** Stand-ins for WeChat's open APIs in a unit test; the cloud's own when absent. */
  wechat?: WeChatStandIns
}

export interface WeChatStandIns {
  msgSecCheck?: MsgSecCheck
  send?: (message: SubscribeMessage) => Promise<unknown>
}

export type Handlers<F extends FunctionName> = {
  [A in ActionsOf<F>]: (input: ParsedInput<A>, ctx: HandlerContext) => Promise<ActionOutput<A>>
}

const failure = (error: ApiError): Result<never> => ({ ok: false, error })

/**
 * The edge of a cloud function: routes `{action, input}` to its handler, validates the input
 * against the shared contract, takes identity from the cloud context, and turns every outcome
 * into `{ok:true,data}` or `{ok:false,error:{code,message}}` — never a stack trace.
 * `main.run(event, ctx)` does the same with a context of the caller's choosing (a fixed `now`,
 * another database), for tests.
 */
export function defineFunction<F extends FunctionName>(fn: F, handlers: Handlers<F>) {
  async function run(event: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
    let size: number
    try {
      size = JSON.stringify(event ?? null).length
    } catch {
      return failure({ code: 'REQUEST.MALFORMED', message: errorMessages['REQUEST.MALFORMED'] })
    }
    if (size > maxRequestChars) return failure({ code: 'INPUT.TOO_LARGE', message: errorMessages['INPUT.TOO_LARGE'] })
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      return failure({ code: 'REQUEST.MALFORMED', message: errorMessages['REQUEST.MALFORMED'] })
    }
    const { action, input } = event as { action?: unknown; input?: unknown }
    if (!isActionName(action) || functionOf(action) !== fn || !(action in handlers)) {
      return failure({ code: 'REQUEST.UNKNOWN_ACTION', message: errorMessages['REQUEST.UNKNOWN_ACTION'] })
    }
    const parsed = actions[action].input.safeParse(input ?? {})
    if (!parsed.success) {
      const { message, fields } = describeZodError(parsed.error)
      return failure({ code: 'INPUT.INVALID', message, fields })
    }
    const handler = handlers[action as ActionsOf<F>] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
    try {
      const data = await handler(parsed.data, ctx)
      return { ok: true, data }
    } catch (error) {
      if (error instanceof AppError) return failure(error.toApiError())
      console.error(`[${fn}] ${action} failed`, error)
      return failure({ code: 'INTERNAL', message: errorMessages.INTERNAL })
    }
  }
  const main = (event: unknown) => run(event, { caller: currentCaller(), now: new Date(), db: cloudDb })
  return Object.assign(main, { run })
}
