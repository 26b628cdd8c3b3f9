import { errorMessages, type Result } from '../../shared/errors'
import { isValidInstant } from '../../shared/domain/time'
import { memberActor, resolveActor } from '../_lib/actor'
import { currentCaller } from '../_lib/cloud'
import { cloudDb } from '../_lib/cloud-db'
import { defineFunction } from '../_lib/handler'
import { recordPayment } from './payments'
import { mine, monthlyList, setBase, yearReport } from './register'
import { keepsRegister } from './rows'
import { sendDuesWarnings } from './warnings'

/**
 * 党费: bases, the monthly list, payments as recorded, warnings and the yearly 公示. The app never
 * collects, holds or forwards money: dues are paid into the 党委's account, and here recorded.
 */
const actions = defineFunction('dues', {
  'dues.monthly': async ({ month }, ctx) => monthlyList(ctx.db, keepsRegister(await resolveActor(ctx)), month, ctx.now),
  'dues.setBase': async (input, ctx) => setBase(ctx.db, keepsRegister(await resolveActor(ctx)), input, ctx.now),
  'dues.recordPayment': async (input, ctx) => recordPayment(ctx.db, keepsRegister(await resolveActor(ctx)), input, ctx.now),
  'dues.mine': async (_input, ctx) => mine(ctx.db, await memberActor(ctx), ctx.now),
  'dues.report': async ({ year }, ctx) => yearReport(ctx.db, keepsRegister(await resolveActor(ctx)), year),
})

/** The daily timer warns of unpaid runs; every other call is an action of the app. */
export async function main(event: { Type?: unknown; Time?: unknown; action?: unknown }): Promise<Result<unknown>> {
  if (currentCaller().source !== 'wx_trigger') return actions(event)
  const now = typeof event?.Time === 'string' && isValidInstant(event.Time) ? new Date(event.Time) : new Date()
  try {
    return { ok: true, data: await sendDuesWarnings(cloudDb, now) }
  } catch (error) {
    console.error('[dues] warnings failed', error)
    return { ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL } }
  }
}
main.run = actions.run
