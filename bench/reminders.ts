import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { subscriptionsCollection } from '../localcloud/openapi'
import { templateBinding } from '../shared/domain/reminders'
import { addCalendar, beijingDate, fromBeijing, hourMs, minuteMs } from '../shared/domain/time'
import { meetingInput } from '../tests/support/meetings'
import { seedBranch } from './checkin'
import { seedBranchWithAcceptances } from '../tests/support/reminders'
import type { TimerReport } from '../cloudfunctions/_lib/reminders'

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

/**
 * A backlog: 5,000 members each due a "meeting tomorrow" reminder for 10 meetings (50,000 at
 * once), every one with an acceptance. The timer fires twice at once, then once more and is
 * killed while its sends are at WeChat, then every five minutes until the queue is empty:
 * `.runs` to drain it, `.maxRunMs` of the longest run (the function's limit is 60 s), `.lost`
 * (due but neither sent, dropped nor `unknown`), `.duplicates` (a member messaged twice about
 * one meeting) and `.unknown` (only sends in flight at the kill).
 */
export async function reminderBacklog(cloud: LocalCloud): Promise<Record<string, number>> {
  const members = 5000
  const meetings = 10
  const { openids } = await seedBranchWithAcceptances(cloud, 'backlog', members, 'meetingReminder', meetings)
  const day = beijingDate(addCalendar(new Date(), 4, 'day'))
  // One meeting made as the secretary makes it; the other nine are its copies, an hour apart.
  const input = meetingInput({ type: 'generalMeeting', title: '积压基准第1次会议', startAt: fromBeijing(day, '08:00').toISOString(), endAt: fromBeijing(day, '08:50').toISOString(), venue: '体育馆' })
  const created = await cloud.invoke('meeting', { action: 'meeting.create', input }, { openid: openids[0] })
  const meeting = created.result as { ok: boolean; data: { id: string } }
  if (!meeting?.ok) throw new Error(`meeting.create failed: ${JSON.stringify(created)}`)
  const first = cloud.store.getDoc('meetings', meeting.data.id) as Record<string, unknown>
  const copies: Change[] = Array.from({ length: meetings - 1 }, (_, i) => {
    const id = `${meeting.data.id}-${i + 2}`
    const shift = (i + 1) * hourMs
    return { coll: 'meetings', id, doc: { ...first, _id: id, title: `积压基准第${i + 2}次会议`, code: `BKLG${String(i + 2).padStart(4, '0')}`, startAt: new Date(new Date(first.startAt as string).getTime() + shift), endAt: new Date(new Date(first.endAt as string).getTime() + shift) } }
  })
  await cloud.store.commit(copies)
  const meetingIds = [meeting.data.id, ...copies.map((c) => c.id)]
  const start = fromBeijing(beijingDate(addCalendar(fromBeijing(day), -1, 'day')), '17:00')
  const at = (n: number) => new Date(start.getTime() + n * 5 * minuteMs)
  const durations: number[] = []
  const fire = async (n: number) => {
    const run = await cloud.runner.fireTimer('remind', 'remind', at(n))
    durations.push(run.stats.durationMs)
    if (!run.ok) throw new Error(`timer run failed: ${run.error?.errMsg}`)
    return (run.result as { ok: boolean; data: TimerReport }).data
  }
  let runs = 0
  // Fired twice at once, as a slow platform may.
  await Promise.all([fire(0), fire(0)])
  runs += 2
  // A run killed while its sends are at WeChat's door.
  const held = cloud.openapi.holdSends()
  const killed = cloud.runner.fireTimer('remind', 'remind', at(1))
  await held.arrived
  cloud.runner.kill('remind')
  held.release()
  await killed
  runs++
  for (let n = 2; n < 40; n++) {
    const report = await fire(n)
    runs++
    if (report.left === 0 && report.notLoaded === 0 && report.returned === 0) break
  }
  const ids = new Set(meetingIds)
  const reminders = cloud.store.docs('reminders').filter((r) => ids.has(r.subjectId as string))
  const settled = reminders.filter((r) => r.status === 'sent' || r.status === 'unknown' || r.status === 'dropped').length
  const pages = new Set(meetingIds.map((id) => `pages/meeting/index?id=${id}`))
  const delivered = cloud.openapi.outbox().filter((m) => m.delivered && pages.has(m.page as string))
  return {
    'reminders.backlog50000.runs': runs,
    'reminders.backlog50000.maxRunMs': Math.max(...durations),
    'reminders.backlog50000.lost': members * meetings - settled,
    'reminders.backlog50000.duplicates': delivered.length - new Set(delivered.map((m) => `${m.touser}|${m.page}`)).size,
    'reminders.backlog50000.unknown': reminders.filter((r) => r.status === 'unknown').length,
  }
}
