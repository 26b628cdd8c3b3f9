import { errorMessages, type Result } from '../../shared/errors'
import { isValidInstant } from '../../shared/domain/time'
import { currentCaller } from '../_lib/cloud'
import { loadDueReminders } from '../_lib/reminder-due'
import { cloudDb } from '../_lib/cloud-db'
import { runReminderTimer, type TimerReport } from '../_lib/reminders'

/** The function stops starting sends this long after it began; its limit is 60 s. */
const sendingBudgetMs = 45_000

/**
 * The reminder timer (every 5 minutes, Beijing time): sends what is due now, picks up event
 * reminders nobody dispatched, and marks claims whose sender died. Only the timer may run it:
 * a client calling it could otherwise send reminders early.
 */
export async function main(event: { Type?: unknown; Time?: unknown }): Promise<Result<TimerReport>> {
  const started = Date.now()
  if (currentCaller().source !== 'wx_trigger') return { ok: false, error: { code: 'AUTH.FORBIDDEN', message: errorMessages['AUTH.FORBIDDEN'] } }
  // The trigger's own time: the run answers "what is due at this moment".
  const now = typeof event?.Time === 'string' && isValidInstant(event.Time) ? new Date(event.Time) : new Date()
  try {
    const due = await loadDueReminders(cloudDb, now)
    const report = await runReminderTimer(cloudDb, due, now, { deadline: new Date(started + sendingBudgetMs) })
    return { ok: true, data: report }
  } catch (error) {
    console.error('[remind] run failed', error)
    return { ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL } }
  }
}
