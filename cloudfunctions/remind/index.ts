import { errorMessages, type Result } from '../../shared/errors'
import { timerRunBudgetMs } from '../../shared/domain/reminders'
import { isValidInstant } from '../../shared/domain/time'
import { currentCaller } from '../_lib/cloud'
import { loadDueReminders } from '../_lib/reminder-due'
import { cloudDb } from '../_lib/cloud-db'
import { runReminderTimer, type TimerReport } from '../_lib/reminders'
import { freezeEndedMeetings } from '../_lib/meetings'

/**
 * The reminder timer (every 5 minutes, Beijing time): queues what falls due now and sends the
 * queue soonest first, in batches claimed just before they are sent, ending well inside the
 * function's 60 s; what it does not reach waits for the next run. Only the timer may run it: a
 * client calling it could otherwise send reminders early.
 *
 * Each run also writes the expected list into every meeting that has just ended (meetings.ts
 * `freezeEndedMeetings`), so a closed record keeps it whether or not anyone opens it.
 *
 * The event may ask for a shorter run (`budgetMs`, never longer than the default), as an operator
 * firing it by hand on a slow day would.
 */
export async function main(event: { Type?: unknown; Time?: unknown; budgetMs?: unknown }): Promise<Result<TimerReport>> {
  const startedAt = Date.now()
  if (currentCaller().source !== 'wx_trigger') return { ok: false, error: { code: 'AUTH.FORBIDDEN', message: errorMessages['AUTH.FORBIDDEN'] } }
  // The trigger's own time: the run answers "what is due at this moment".
  const now = typeof event?.Time === 'string' && isValidInstant(event.Time) ? new Date(event.Time) : new Date()
  const asked = typeof event?.budgetMs === 'number' && Number.isFinite(event.budgetMs) && event.budgetMs > 0 ? event.budgetMs : timerRunBudgetMs
  try {
    const report = await runReminderTimer(cloudDb, loadDueReminders, now, { startedAt, budgetMs: Math.min(asked, timerRunBudgetMs) })
    await freezeEndedMeetings(cloudDb, now).catch((error) => console.error('[remind] freezing ended meetings failed', error))
    return { ok: true, data: report }
  } catch (error) {
    console.error('[remind] run failed', error)
    return { ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL } }
  }
}
