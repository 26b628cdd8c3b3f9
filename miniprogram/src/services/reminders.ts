import type { MyRemindersView } from '../../../shared/api/areas/reminder'
import { templateKeyOfId, templateLabels, templatesToAsk, type AskMoment, type TemplateKey } from '../../../shared/domain/reminders/templates'
import { call } from './api'
// Taro resolves this to subscribe.weapp.ts / subscribe.h5.ts (platform file convention).
import { requestSubscribe } from './subscribe'

/** Templates the member set to "always refuse": WeChat would not ask again, so neither do we. */
const alwaysRefused = new Set<TemplateKey>()

/** Notes what the server knows of the member's kept answers (from reminder.mine). */
export function rememberKeptAnswers(view: MyRemindersView): void {
  for (const t of view.templates) {
    if (t.always === 'reject') alwaysRefused.add(t.key)
    else alwaysRefused.delete(t.key)
  }
}

/**
 * Asks WeChat to allow the reminders that fit this moment (at most 3 templates) and records the
 * answers. Call it first thing in a tap handler, before any await: WeChat shows its dialog only
 * in direct answer to a tap, and the dialog is requested before this function returns. Resolves
 * to the member's reminders after recording (null when nothing was allowed or asked); never
 * rejects.
 */
export function askReminders(moment: AskMoment, only?: readonly TemplateKey[]): Promise<MyRemindersView | null> {
  const templates = templatesToAsk(moment, alwaysRefused, only)
  if (!templates.length) return Promise.resolve(null)
  const asked = requestSubscribe(
    templates.map((t) => t.id),
    templates.map((t) => templateLabels[t.key]),
  )
  return asked.then(async (outcome) => {
    const answers: Partial<Record<TemplateKey, string>> = {}
    const kept: Partial<Record<TemplateKey, 'accept' | 'reject'>> = {}
    for (const [id, answer] of Object.entries(outcome.answers)) {
      const key = templateKeyOfId(id)
      if (key) answers[key] = answer
    }
    for (const [id, answer] of Object.entries(outcome.kept)) {
      const key = templateKeyOfId(id)
      if (key) kept[key] = answer
    }
    if (!Object.keys(answers).length) return null
    const recorded = await call('reminder.subscribe', { moment, answers, kept })
    if (!recorded.ok) return null
    rememberKeptAnswers(recorded.data)
    return Object.values(answers).some((a) => a?.startsWith('accept')) ? recorded.data : null
  })
}
