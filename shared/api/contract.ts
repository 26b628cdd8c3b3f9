import { z } from 'zod'
import type { MemberCategory, Position } from '../domain/member'
import { functionOf, type FunctionOf } from './routing'

/**
 * The typed API contract: every action the mini-program may call, the zod schema of its input
 * and the type of its output. An action `area.verb` is served by the cloud function `area`.
 * Both the client and the functions import this file, so a renamed field breaks the build on
 * both sides. The client imports only types from here (and `functionOf` from ./routing), so
 * zod never ships in the mini-program bundle.
 */

/** Marks an output type without a runtime value. */
const output = <T>() => undefined as unknown as T

export interface MeView {
  openidBound: boolean
  member: null | {
    id: string
    name: string
    category: MemberCategory
    positions: Position[]
    phoneMasked: string
    branch: { id: string; name: string }
    group: null | { id: string; name: string }
  }
}

export interface PingView {
  now: string
  source: string
}

export const actions = {
  'system.ping': {
    input: z.object({ echo: z.string().max(100).optional() }).strict(),
    output: output<PingView & { echo?: string }>(),
  },
  'member.me': {
    input: z.object({}).strict(),
    output: output<MeView>(),
  },
} as const

export type ActionName = keyof typeof actions
export type FunctionName = FunctionOf<ActionName>
export type ActionInput<A extends ActionName> = z.input<(typeof actions)[A]['input']>
export type ParsedInput<A extends ActionName> = z.output<(typeof actions)[A]['input']>
export type ActionOutput<A extends ActionName> = (typeof actions)[A]['output']
export type ActionsOf<F extends FunctionName> = Extract<ActionName, `${F}.${string}`>

/** What the client sends as `data` of a function call. */
export interface CallEnvelope<A extends ActionName = ActionName> {
  action: A
  input: ActionInput<A>
}

/** Largest request a function accepts, in characters of JSON. */
export const maxRequestChars = 64 * 1024

export function isActionName(value: unknown): value is ActionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(actions, value)
}

export const functionNames = [...new Set(Object.keys(actions).map(functionOf))] as FunctionName[]
