import type { LocalCloud } from '../../localcloud/server'
import type { TimerReport } from '../../cloudfunctions/_lib/reminders'
import { templateBinding, type AskMoment, type TemplateKey } from '../../shared/domain/reminders'
import type { Result } from '../../shared/errors'
import { ok } from './api'

/** Fires the reminder timer as its trigger would at `at`, and returns what the run did. */
export async function fireReminderTimer(cloud: LocalCloud, at: Date): Promise<TimerReport> {
  const outcome = await cloud.runner.fireTimer('remind', 'remind', at)
  if (!outcome.ok) throw new Error(`timer run failed: ${outcome.error?.errMsg}`)
  const result = outcome.result as Result<TimerReport>
  if (!result.ok) throw new Error(`timer run refused: ${result.error.code}`)
  return result.data
}

/** The member accepts one message of a template in WeChat's dialog: WeChat's side (the local cloud) and the app's record. */
export async function acceptReminder(cloud: LocalCloud, openid: string, template: TemplateKey, moment: AskMoment = 'mine'): Promise<void> {
  await cloud.openapi.grantSubscription(openid, templateBinding(template).id)
  await ok(cloud, openid, 'reminder.subscribe', { moment, answers: { [template]: 'accept' } })
}
