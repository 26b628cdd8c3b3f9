import type { z } from 'zod'
import { attendanceActions } from './areas/attendance'
import { checkinActions } from './areas/checkin'
import { deskActions } from './areas/desk'
import { homeActions } from './areas/home'
import { inboxActions } from './areas/inbox'
import { joinActions } from './areas/join'
import { leaveActions } from './areas/leave'
import { meetingActions } from './areas/meeting'
import { memberActions } from './areas/member'
import { minutesActions } from './areas/minutes'
import { orgActions } from './areas/org'
import { reminderActions } from './areas/reminder'
import { rosterActions } from './areas/roster'
import { systemActions } from './areas/system'
import { volunteerActions } from './areas/volunteer'
import { studyActions } from './areas/study'
import { examActions } from './areas/exam'
import { appraisalActions } from './areas/appraisal'
import { duesActions } from './areas/dues'
import { developmentActions } from './areas/development'
import { functionOf, type FunctionOf } from './routing'

/**
 * The typed API contract: every action the mini-program may call, the zod schema of its input
 * and the type of its output. An action `area.verb` is served by the cloud function `area`, and
 * is declared in `areas/<area>.ts`; this file merges the areas. Both the client and the functions
 * import it, so a renamed field breaks the build on both sides. The client imports only types from
 * here (and `functionOf` from ./routing), so zod never ships in the mini-program bundle.
 */
export const actions = {
  ...systemActions,
  ...memberActions,
  ...homeActions,
  ...rosterActions,
  ...joinActions,
  ...meetingActions,
  ...checkinActions,
  ...attendanceActions,
  ...minutesActions,
  ...leaveActions,
  ...inboxActions,
  ...orgActions,
  ...volunteerActions,
  ...reminderActions,
  ...studyActions,
  ...examActions,
  ...deskActions,
  ...appraisalActions,
  ...duesActions,
  ...developmentActions,
} as const

export type { FileLink, UploadName } from './fields'
export type * from './areas/attendance'
export type * from './areas/checkin'
export type * from './areas/home'
export type * from './areas/inbox'
export type * from './areas/join'
export type * from './areas/leave'
export type * from './areas/meeting'
export type * from './areas/member'
export type * from './areas/minutes'
export type * from './areas/org'
export type * from './areas/roster'
export type * from './areas/system'
export type * from './areas/volunteer'
export type * from './areas/study'
export type * from './areas/exam'
export type * from './areas/appraisal'
export type * from './areas/dues'
export type * from './areas/development'

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
