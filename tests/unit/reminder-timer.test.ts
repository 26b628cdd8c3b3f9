import { addCalendar, hourMs, minuteMs } from '../../shared/domain/time'
import { balanceKey, isStale, nextBatchSize, runSchedule, shiftTomorrowContent, templateBinding, usefulUntil } from '../../shared/domain/reminders'
import type { ReminderDoc } from '../../shared/domain/documents'
import { runReminderTimer, type NewReminder, type SubscribeMessage } from '../../cloudfunctions/_lib/reminders'
import { MemoryDb } from '../support/memory-db'

/**
 * The timer run against the in-memory database, on a clock the test owns: every message WeChat
 * takes costs 50 ms of it, so a run's budget holds a known number of sends and no test waits.
 */
const now = new Date('2026-03-02T09:00:00Z') // 17:00 in Beijing, the evening before
const template = templateBinding('shiftReminder')

function world(members: number) {
  const ids = Array.from({ length: members }, (_, i) => `m${i}`)
  const db = new MemoryDb({
    bindings: ids.map((id) => ({ _id: `o-${id}`, memberId: id, branchId: 'b1', boundAt: now })),
    subscriptions: ids.map((id) => ({ _id: balanceKey(`o-${id}`, template.id), openid: `o-${id}`, memberId: id, branchId: 'b1', template: 'shiftReminder' as const, templateId: template.id, remaining: 1, longTermAccepted: false, always: null, accepted: 1, spent: 0, lastAnswer: 'accept', updatedAt: now })),
  })
  let t = 0
  const sent: SubscribeMessage[] = []
  const clock = () => t
  const send = async (message: SubscribeMessage) => {
    t += 50
    sent.push(message)
  }
  /** A shift per member, starting `hours` after now (so the soonest come first). */
  const due = (startsInHours: (i: number) => number): NewReminder[] =>
    ids.map((memberId, i) => {
      const startAt = new Date(now.getTime() + startsInHours(i) * hourMs)
      const shift = { id: `s${i}`, title: `护学岗${i}`, place: '校门口', startAt, endAt: new Date(startAt.getTime() + hourMs) }
      return { kind: 'shiftTomorrow', subject: { type: 'shift', id: shift.id }, memberId, branchId: 'b1', content: shiftTomorrowContent(shift, now), at: startAt }
    })
  return { db, clock, send, sent, due, advance: (ms: number) => (t += ms), reminders: () => [...(db.collections.get('reminders')?.values() ?? [])] as unknown as ReminderDoc[] }
}

describe('a timer run inside its budget', () => {
  it('stops starting sends at its deadline and ends inside its budget; the rest stays queued, soonest first, for the next run', async () => {
    const w = world(300)
    const due = w.due((i) => 15 + (i % 100) / 10)
    const budgetMs = 10_000
    const first = await runReminderTimer(w.db, async () => due, now, { clock: w.clock, startedAt: 0, budgetMs, send: w.send, concurrency: 4 })
    const { sendUntil, endBy } = runSchedule(0, budgetMs)
    expect(w.clock()).toBeLessThanOrEqual(endBy)
    // 50 ms a message: no more than fit before the deadline, with the sends under way then.
    expect(first.sent).toBeLessThanOrEqual(sendUntil / 50 + 4)
    expect(first.sent).toBeGreaterThan(0)
    expect(first).toMatchObject({ due: 300, queued: 300, left: 300 - first.sent, unknown: 0 })
    // What went is the soonest: no reminder left waiting starts before one that was sent.
    const sentAt = w.reminders().filter((r) => r.status === 'sent').map((r) => new Date(r.at).getTime())
    const waitingAt = w.reminders().filter((r) => r.status === 'queued').map((r) => new Date(r.at).getTime())
    expect(Math.max(...sentAt)).toBeLessThanOrEqual(Math.min(...waitingAt))

    // The next runs (five minutes apart) send the rest, each reminder once.
    let at = now
    let left = first.left
    for (let run = 0; left && run < 5; run++) {
      at = new Date(at.getTime() + 5 * minuteMs)
      const startedAt = w.advance(1_000)
      left = (await runReminderTimer(w.db, async () => due, at, { clock: w.clock, startedAt, budgetMs, send: w.send, concurrency: 4 })).left
      expect(w.clock()).toBeLessThanOrEqual(runSchedule(startedAt, budgetMs).endBy)
    }
    expect(left).toBe(0)
    expect(w.sent.map((m) => m.touser).sort()).toEqual(Array.from({ length: 300 }, (_, i) => `o-m${i}`).sort())
    expect(w.reminders().every((r) => r.status === 'sent')).toBe(true)
  })

  it('drops a reminder whose shift has started instead of sending it late, and spends nothing on it', async () => {
    const w = world(2)
    const [started, coming] = w.due((i) => (i === 0 ? 0.5 : 12))
    const db = w.db
    // Queued before the backlog held it back past the start.
    await runReminderTimer(db, async () => [started, coming], now, { clock: w.clock, startedAt: 0, budgetMs: 0, send: w.send })
    expect(w.sent).toHaveLength(0)
    const later = new Date(now.getTime() + hourMs)
    const report = await runReminderTimer(db, async () => [], later, { clock: w.clock, startedAt: w.clock(), budgetMs: 10_000, send: w.send })
    expect(report).toMatchObject({ dropped: 1, sent: 1, left: 0 })
    const dropped = w.reminders().find((r) => r.memberId === 'm0')
    expect(dropped).toMatchObject({ status: 'dropped', reason: '班次已开始，不再发送' })
    expect(w.sent.map((m) => m.touser)).toEqual(['o-m1'])
    expect((await db.get('subscriptions', balanceKey('o-m0', template.id)))?.remaining).toBe(1)
  })
})

describe('the run plan', () => {
  it('stops loading first, then sending, and waits for answers before the end, all inside the budget', () => {
    const plan = runSchedule(1_000, 48_000)
    expect(plan.loadUntil).toBeLessThan(plan.sendUntil)
    expect(plan.sendUntil).toBeLessThan(plan.answerUntil)
    expect(plan.answerUntil).toBeLessThan(plan.endBy)
    expect(plan.endBy).toBe(49_000)
  })

  it('sizes a batch to what the time left can send, within one round and one read', () => {
    expect(nextBatchSize({ msLeft: 30_000, msPerReminder: null, concurrency: 16, max: 400 })).toBe(16)
    expect(nextBatchSize({ msLeft: 30_000, msPerReminder: 5, concurrency: 16, max: 400 })).toBe(400)
    expect(nextBatchSize({ msLeft: 1_000, msPerReminder: 10, concurrency: 16, max: 400 })).toBe(50)
    expect(nextBatchSize({ msLeft: 100, msPerReminder: 10, concurrency: 16, max: 400 })).toBe(16)
    expect(nextBatchSize({ msLeft: 0, msPerReminder: 10, concurrency: 16, max: 400 })).toBe(0)
  })

  it('knows when a reminder stops helping', () => {
    const start = addCalendar(now, 1, 'day')
    expect(usefulUntil({ kind: 'shiftTomorrow', at: start })).toEqual(start)
    expect(usefulUntil({ kind: 'meetingSoon', at: start })).toEqual(new Date(start.getTime() - 10 * minuteMs))
    expect(usefulUntil({ kind: 'leaveDecided', at: start })).toBeNull()
    expect(isStale({ kind: 'meetingTomorrow', at: start }, start)).toBe(true)
    expect(isStale({ kind: 'meetingTomorrow', at: start }, new Date(start.getTime() - 1))).toBe(false)
    expect(isStale({ kind: 'noteReviewed', at: now }, addCalendar(now, 30, 'day'))).toBe(false)
  })
})
