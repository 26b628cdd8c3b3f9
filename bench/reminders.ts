import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { subscriptionsCollection } from '../localcloud/openapi'
import { templateBinding } from '../shared/domain/reminders'
import { addCalendar, beijingDate, fromBeijing, minuteMs } from '../shared/domain/time'
import { meetingInput } from '../tests/support/meetings'
import { seedBranch } from './checkin'

/**
 * 5,000 members due a "meeting tomorrow" reminder in one timer invocation, each with one
 * acceptance: how long the run takes (it must finish within the function's 60 s), how many
 * database operations per 100 reminders (batched, not a round trip each), and how many members
 * got a message twice after a second run (0).
 */
export async function reminderDispatch(cloud: LocalCloud): Promise<Record<string, number>> {
  const size = 5000
  const { branchId, openids } = await seedBranch(cloud, 'remind', size)
  const template = templateBinding('meetingReminder')
  const now = new Date()
  const acceptances: Change[] = openids.flatMap((openid, i) => {
    const id = `${openid}|${template.id}`
    return [
      { coll: subscriptionsCollection, id, doc: { _id: id, openid, templateId: template.id, remaining: 1, updatedAt: now } },
      { coll: 'subscriptions', id, doc: { _id: id, openid, memberId: `remind-m${i}`, branchId, template: template.key, templateId: template.id, remaining: 1, longTermAccepted: false, always: null, accepted: 1, spent: 0, lastAnswer: 'accept', updatedAt: now } },
    ]
  })
  await cloud.store.commit(acceptances)

  const day = beijingDate(addCalendar(now, 3, 'day'))
  const input = meetingInput({ type: 'generalMeeting', title: '五千人的支部党员大会', startAt: fromBeijing(day, '16:30').toISOString(), endAt: fromBeijing(day, '17:30').toISOString(), venue: '体育馆' })
  const created = await cloud.invoke('meeting', { action: 'meeting.create', input }, { openid: openids[0] })
  const meeting = created.result as { ok: boolean; data: { id: string } }
  if (!meeting?.ok) throw new Error(`meeting.create failed: ${JSON.stringify(created)}`)

  const at = fromBeijing(beijingDate(addCalendar(fromBeijing(day), -1, 'day')), '17:00')
  const started = Date.now()
  const run = await cloud.runner.fireTimer('remind', 'remind', at)
  const ms = Date.now() - started
  if (!run.ok) throw new Error(`timer run failed: ${run.error?.errMsg}`)
  const report = (run.result as { ok: boolean; data: { sent: number; claimed: number } }).data
  // A second run five minutes later must find everything claimed.
  await cloud.runner.fireTimer('remind', 'remind', new Date(at.getTime() + 5 * minuteMs))
  const delivered = cloud.openapi.outbox().filter((m) => m.delivered && m.page === `pages/meeting/index?id=${meeting.data.id}`)
  const duplicates = delivered.length - new Set(delivered.map((m) => m.touser)).size
  return {
    'reminders.dispatch5000.ms': ms,
    'reminders.dispatch5000.sent': report.sent,
    'reminders.dispatch5000.duplicates': duplicates,
    'reminders.dispatch5000.dbOps': run.stats.dbOps,
    'reminders.dispatch5000.dbOpsPer100': Math.round((run.stats.dbOps / size) * 100 * 100) / 100,
  }
}
