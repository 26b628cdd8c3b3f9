import type { LocalCloud } from '../../localcloud/server'
import type { Change } from '../../localcloud/db/store'
import { subscriptionsCollection } from '../../localcloud/openapi'
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

/** Fires the timer with a shorter budget than the function's own (the event's `budgetMs`). */
export async function fireReminderTimerWithin(cloud: LocalCloud, at: Date, budgetMs: number): Promise<TimerReport> {
  const outcome = await cloud.runner.invoke('remind', { Type: 'Timer', TriggerName: 'remind', Time: at.toISOString(), budgetMs }, { source: 'wx_trigger' })
  if (!outcome.ok) throw new Error(`timer run failed: ${outcome.error?.errMsg}`)
  const result = outcome.result as Result<TimerReport>
  if (!result.ok) throw new Error(`timer run refused: ${result.error.code}`)
  return result.data
}

/**
 * A branch of `size` bound members (member 0 its secretary), each having accepted `acceptances`
 * messages of a template: in WeChat (the local cloud) and in the app's record.
 */
export async function seedBranchWithAcceptances(cloud: LocalCloud, prefix: string, size: number, template: TemplateKey, acceptances: number): Promise<{ branchId: string; openids: string[]; memberIds: string[] }> {
  const branchId = `${prefix}-branch`
  const now = new Date()
  const binding = templateBinding(template)
  const changes: Change[] = [{ coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: `${prefix}支部`, inviteCode: prefix.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(6, 'X').slice(0, 8) } }]
  const openids: string[] = []
  const memberIds: string[] = []
  for (let i = 0; i < size; i++) {
    const id = `${prefix}-m${i}`
    const openid = `${prefix}-o${i}`
    const sub = `${openid}|${binding.id}`
    openids.push(openid)
    memberIds.push(id)
    changes.push(
      { coll: 'members', id, doc: { _id: id, branchId, groupId: null, name: `成员${i}`, category: 'full', positions: i === 0 ? ['secretary'] : [], phone: `1${String(5000000000 + i).padStart(10, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: now, updatedAt: now } },
      { coll: 'bindings', id: openid, doc: { _id: openid, memberId: id, branchId, boundAt: now } },
      { coll: subscriptionsCollection, id: sub, doc: { _id: sub, openid, templateId: binding.id, remaining: acceptances, updatedAt: now } },
      { coll: 'subscriptions', id: sub, doc: { _id: sub, openid, memberId: id, branchId, template, templateId: binding.id, remaining: acceptances, longTermAccepted: false, always: null, accepted: acceptances, spent: 0, lastAnswer: 'accept', updatedAt: now } },
    )
  }
  await cloud.store.commit(changes)
  return { branchId, openids, memberIds }
}
