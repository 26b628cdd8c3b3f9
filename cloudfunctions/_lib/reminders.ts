/**
 * Sending reminders at most once. Every reminder is a document keyed by its claim key (kind +
 * subject occurrence + member) with an inbox copy under the same id. Event reminders and those
 * the timer finds due take one path: queued first (with the inbox copy), then claimed in bounded
 * batches just before they are sent — a conditional update from `queued`, so of two senders each
 * reminder is owned by one — sent, and the outcome recorded with WeChat's code. A sender marks a
 * claim the moment its request leaves; a claim whose lease ends unmarked goes back to the queue,
 * a marked one may have reached WeChat and becomes `unknown`, never sent again.
 *
 * Areas call `queueReminder` inside the transaction of the event (leave decided, a seat freed
 * from the waitlist, a note reviewed) and `dispatchReminders` after it commits; the timer
 * (`remind`) queues what falls due and drains the queue soonest first, each run inside its
 * budget: what it does not claim waits for the next run, in the same order.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  balanceKey,
  claimKey,
  abandonedSendReason,
  claimLeaseMs,
  classifySendError,
  isStale,
  maxSendAttempts,
  nextBatchSize,
  planSends,
  retryDelayMs,
  runSchedule,
  staleReason,
  subscribeMessageOf,
  templateBinding,
  type Balance,
  type DeliveryStatus,
  type ReminderContent,
  type ReminderKind,
  type ReminderSubject,
} from '../../shared/domain/reminders'
import type { DocOf, InboxDoc, ReminderDoc } from '../../shared/domain/documents'
import { formatSpan } from '../../shared/domain/time'
import { cloud } from './cloud'
import { isDuplicateKey, type Db, type Order, type Query, type TxDb, type Update } from './db'

/** What an area hands over: the rest (template, inbox copy, claim key) follows from it. */
export interface NewReminder {
  kind: ReminderKind
  subject: ReminderSubject
  memberId: string
  branchId: string
  content: ReminderContent
  at: Date
}

export const reminderId = (key: string) => createHash('sha1').update(key).digest('hex')

const newRunId = () => randomBytes(8).toString('hex')

/**
 * The subject as 提醒发送情况 lists it. A shift's carries its date and time: 礼让斑马线 runs every
 * school day under one name, and the secretary must tell one morning's reminders from another's.
 */
function subjectTitleOf(r: NewReminder): string {
  const subject = typeof r.content.slots.subject === 'string' ? r.content.slots.subject : ''
  const when = r.content.slots.when
  if (r.subject.type !== 'shift' || !when || typeof when !== 'object' || !('from' in when)) return subject
  return `${formatSpan(when.from, when.to)} ${subject}`
}

function reminderDoc(r: NewReminder, now: Date, status: 'queued' | 'claimed', runId: string | null): ReminderDoc {
  const key = claimKey(r)
  const message = subscribeMessageOf(r.kind, r.content)
  return {
    _id: reminderId(key),
    key,
    kind: r.kind,
    subjectType: r.subject.type,
    subjectId: r.subject.id,
    subjectVersion: r.subject.version ?? null,
    subjectTitle: subjectTitleOf(r),
    branchId: r.branchId,
    memberId: r.memberId,
    template: message.template,
    link: r.content.link,
    data: message.data,
    at: r.at,
    status,
    createdAt: now,
    claimedBy: runId,
    leaseUntil: status === 'claimed' ? new Date(now.getTime() + claimLeaseMs) : null,
    codes: [],
    errcode: null,
    errmsg: null,
    reason: null,
    finishedAt: null,
  }
}

/** The inbox copy of a reminder: same id, so a retry never makes a second one. */
function inboxCopy(doc: ReminderDoc, content: ReminderContent): InboxDoc {
  return { _id: doc._id, memberId: doc.memberId, branchId: doc.branchId, kind: doc.kind, title: content.title, body: content.body, link: doc.link, createdAt: doc.createdAt, readAt: null }
}

// --- events: queued with the event, dispatched after it commits ---------------------------

/**
 * Writes a reminder and its inbox copy inside the event's transaction (single-document writes
 * by id), so the event and the promise to tell the member commit together. Returns its id for
 * `dispatchReminders` after the commit.
 */
export async function queueReminder(tx: TxDb, reminder: NewReminder, now: Date): Promise<string> {
  const doc = reminderDoc(reminder, now, 'queued', null)
  const { _id, ...data } = doc
  const { _id: _inboxId, ...inbox } = inboxCopy(doc, reminder.content)
  await tx.set('inbox', _id, inbox)
  await tx.set('reminders', _id, data)
  return _id
}

/**
 * Queues reminders outside a transaction (inbox copies first) and sends them at once; what is not
 * sent by `options.deadline` stays queued for the timer.
 */
export async function remindNow(db: Db, reminders: NewReminder[], now: Date, options: DeliverOptions = {}): Promise<DispatchReport> {
  const docs = dedupe(reminders.map((r) => ({ doc: reminderDoc(r, now, 'queued', null), content: r.content })))
  await addTolerant(db, 'inbox', docs.map((d) => inboxCopy(d.doc, d.content)))
  await addTolerant(db, 'reminders', docs.map((d) => d.doc))
  return dispatchReminders(db, docs.map((d) => d.doc._id), now, options)
}

export interface DispatchReport {
  claimed: number
  sent: number
  noQuota: number
  unbound: number
  failed: number
  unknown: number
  refused: number
  /** No longer useful (the shift had started): dropped with a reason, not sent late. */
  dropped: number
  /** Owned but not sent before the run's deadline: back in the queue for the next run. */
  requeued: number
}

const emptyReport = (): DispatchReport => ({ claimed: 0, sent: 0, noQuota: 0, unbound: 0, failed: 0, unknown: 0, refused: 0, dropped: 0, requeued: 0 })

function addReport(total: DispatchReport, r: DispatchReport): void {
  for (const k of Object.keys(total) as Array<keyof DispatchReport>) total[k] += r[k]
}

/** How long a request spends sending the reminders it made: what is not sent by then waits for the timer. */
export const sendAtOnceMs = 2_500

/** Sending for at most `sendAtOnceMs` from now, on the function's own clock (its time limit is real time). */
export const sendingAtOnce = (): DeliverOptions => ({ deadline: new Date(Date.now() + sendAtOnceMs) })

/** Claims these queued reminders (one conditional update per 400: only `queued` ones move) and sends them. */
export async function dispatchReminders(db: Db, ids: string[], now: Date, options: DeliverOptions = {}): Promise<DispatchReport> {
  const report = emptyReport()
  if (!ids.length) return report
  const runId = newRunId()
  const clock = options.clock ?? Date.now
  for (const chunk of chunks(ids, maxBatch)) {
    if (options.deadline && clock() >= options.deadline.getTime()) break
    const owned = await claim(db, { _id: { $in: chunk }, status: 'queued' }, null, chunk.length, now, runId)
    addReport(report, await deliver(db, owned, now, runId, options))
  }
  return report
}

/** Reminder documents are up to ~2 KB: 400 stay under a read's 1 MB. */
const maxBatch = 400

/**
 * Claims up to `limit` queued reminders matching `query` (soonest first when `order` is given):
 * reads them, moves those still `queued` to this run with one conditional update, and returns
 * the ones it owns. A reminder another sender took in between is simply not owned. With `spread`
 * (another run is claiming the same head of the queue) it reads a few batches ahead and takes a
 * random `limit` of them, so concurrent runs split the queue instead of racing for one batch.
 */
async function claim(db: Db, query: Query<ReminderDoc>, order: Order<ReminderDoc> | null, limit: number, now: Date, runId: string, spread: (() => number) | null = null): Promise<ReminderDoc[]> {
  const read = order ? await db.some('reminders', query, spread ? Math.min(maxBatch, limit * 4) : limit, order) : await db.all('reminders', query)
  const candidates = spread && read.length > limit ? pickInOrder(read, limit, spread) : read
  if (!candidates.length) return []
  const leaseUntil = new Date(now.getTime() + claimLeaseMs)
  const ids = candidates.map((d) => d._id)
  const moved = await db.updateWhere('reminders', { _id: { $in: ids }, status: 'queued' }, { status: 'claimed', claimedBy: runId, leaseUntil, sendingAt: null })
  if (!moved) return []
  const mine = moved === ids.length ? new Set(ids) : new Set((await db.all('reminders', { _id: { $in: ids }, claimedBy: runId, status: 'claimed' })).map((d) => d._id))
  return candidates.filter((d) => mine.has(d._id)).map((d) => ({ ...d, status: 'claimed', claimedBy: runId, leaseUntil, sendingAt: null }))
}

/** `n` of `items` at random, in their order. */
function pickInOrder<T>(items: T[], n: number, random: () => number): T[] {
  const chosen = new Set<number>()
  while (chosen.size < n) chosen.add(Math.floor(random() * items.length))
  return items.filter((_, i) => chosen.has(i))
}

// --- the timer -----------------------------------------------------------------------------

export interface TimerReport extends DispatchReport {
  /** Reminders the rules found due now. */
  due: number
  /** Of those, newly queued by this run (the rest were queued or sent before). */
  queued: number
  /** Due but not yet queued when loading had to stop: the next run queues them. */
  notLoaded: number
  /** Claims whose sender died before sending: back in the queue. */
  returned: number
  /** Claims whose sender died after its request left: marked `unknown`. */
  abandoned: number
  /** Batches claimed. */
  batches: number
  /** Still queued when the run ended. */
  left: number
}

export interface TimerOptions extends DeliverOptions {
  /** The run's clock in ms (Date.now unless a test passes its own). */
  clock?: () => number
  /** When the run started on `clock`, and how long it may take in all. */
  startedAt?: number
  budgetMs: number
  /** Largest batch to claim at once. */
  maxBatch?: number
}

/**
 * One timer run inside its budget: returns abandoned claims to the queue (or marks them
 * `unknown` if their send had started), queues what the rules find due (until `loadUntil`), then
 * claims batches soonest first, sized to the time left, and sends them until `sendUntil`.
 */
export async function runReminderTimer(db: Db, loadDue: (db: Db, now: Date) => Promise<NewReminder[]>, now: Date, options: TimerOptions): Promise<TimerReport> {
  const clock = options.clock ?? Date.now
  const startedAt = options.startedAt ?? clock()
  const schedule = runSchedule(startedAt, options.budgetMs)
  const { returned, abandoned } = await settleAbandoned(db, now)

  const due = await loadDue(db, now)
  const loaded = await queueDue(db, due, now, () => clock() < schedule.loadUntil)

  const total = emptyReport()
  const runId = newRunId()
  const concurrency = options.concurrency ?? defaultConcurrency
  const deliverOptions: DeliverOptions = { ...options, clock, deadline: new Date(schedule.sendUntil), answerBy: new Date(schedule.answerUntil) }
  let batches = 0
  let msPerReminder: number | null = null
  let contended = 0
  for (;;) {
    const size = nextBatchSize({ msLeft: schedule.sendUntil - clock(), msPerReminder, concurrency, max: Math.min(options.maxBatch ?? maxBatch, maxBatch) })
    if (!size) break
    const began = clock()
    const owned = await claim(db, { status: 'queued' }, ['at', 'asc'], size, now, runId, contended ? (options.random ?? Math.random) : null)
    if (owned.length < size) contended++
    if (!owned.length) {
      // Other runs took these first; spread over the queue from now on, and stop once it is empty.
      if (contended > 10 || !(await db.count('reminders', { status: 'queued' }))) break
      continue
    }
    batches++
    const report = await deliver(db, owned, now, runId, deliverOptions)
    addReport(total, report)
    msPerReminder = (clock() - began) / owned.length
    if (report.requeued) break
  }
  const left = await db.count('reminders', { status: 'queued' })
  return { ...total, due: due.length, queued: loaded.queued, notLoaded: loaded.notLoaded, returned, abandoned, batches, left }
}

/**
 * Claims whose lease ended (their sender died): those whose send never started go back to the
 * queue in one write; each of the few whose request had left becomes `unknown` and spends the
 * acceptance it may have used, both in one transaction, so two runs settle it once.
 */
async function settleAbandoned(db: Db, now: Date): Promise<{ returned: number; abandoned: number }> {
  const returned = await db.updateWhere('reminders', { status: 'claimed', leaseUntil: { $lte: now }, sendingAt: null }, { status: 'queued', claimedBy: null, leaseUntil: null })
  const started = await db.some('reminders', { status: 'claimed', leaseUntil: { $lte: now } }, maxBatch)
  if (!started.length) return { returned, abandoned: 0 }
  const openids = new Map((await db.all('bindings', { memberId: { $in: [...new Set(started.map((d) => d.memberId))] } })).map((b) => [b.memberId, b._id]))
  let abandoned = 0
  for (const doc of started) {
    const settled = await db.transaction(async (tx) => {
      const current = await tx.get('reminders', doc._id)
      if (!current || current.status !== 'claimed' || current.claimedBy !== doc.claimedBy) return false
      await tx.update('reminders', doc._id, { status: 'unknown', reason: abandonedSendReason, finishedAt: now, leaseUntil: null })
      const binding = templateBinding(doc.template)
      const openid = openids.get(doc.memberId)
      const subscription = openid && !binding.longTerm ? await tx.get('subscriptions', balanceKey(openid, binding.id)) : null
      if (subscription && subscription.remaining > 0) await tx.update('subscriptions', subscription._id, { remaining: { $inc: -1 }, spent: { $inc: 1 }, updatedAt: now })
      return true
    })
    if (settled) abandoned++
  }
  return { returned, abandoned }
}

/**
 * Queues due reminders soonest first, 500 at a time while `more()` allows: skips those already
 * queued or sent (one read per chunk), writes the inbox copies, then the reminders. The database
 * refuses a second reminder under one key, so of two runs queuing at once each reminder is made once.
 */
async function queueDue(db: Db, due: NewReminder[], now: Date, more: () => boolean): Promise<{ queued: number; notLoaded: number }> {
  const docs = dedupe(due.map((r) => ({ doc: reminderDoc(r, now, 'queued', null), content: r.content })))
  let queued = 0
  for (let i = 0; i < docs.length; i += 500) {
    // The soonest chunk is always queued, so even a run whose loading was slow moves the queue on.
    if (i > 0 && !more()) return { queued, notLoaded: docs.length - i }
    const chunk = docs.slice(i, i + 500)
    const present = new Set((await db.aggregate<{ _id: string }>('reminders', [{ $match: { _id: { $in: chunk.map((d) => d.doc._id) } } }, { $project: { _id: 1 } }, { $limit: 1000 }])).map((d) => d._id))
    const fresh = chunk.filter((d) => !present.has(d.doc._id))
    if (!fresh.length) continue
    await addTolerant(db, 'inbox', fresh.map((d) => inboxCopy(d.doc, d.content)))
    const refused = await addTolerant(db, 'reminders', fresh.map((d) => d.doc))
    queued += fresh.length - refused.size
  }
  return { queued, notLoaded: 0 }
}

function dedupe<T extends { doc: ReminderDoc }>(docs: T[]): T[] {
  const seen = new Set<string>()
  return docs.filter((d) => (seen.has(d.doc._id) ? false : (seen.add(d.doc._id), true)))
}

/**
 * Inserts documents in batches. A batch the database refuses for a duplicate key (another sender
 * wrote some of them a moment ago) is read back and the missing ones inserted again; as a last
 * resort one at a time. Returns the ids it did not insert because they exist.
 */
async function addTolerant<C extends 'inbox' | 'reminders'>(db: Db, collection: C, docs: Array<DocOf<C>>): Promise<Set<string>> {
  const refused = new Set<string>()
  for (const chunk of chunks(docs, 500)) {
    let rest = chunk
    for (let attempt = 0; rest.length; attempt++) {
      try {
        if (attempt < 3) await db.addMany(collection, rest)
        else await addOneByOne(db, collection, rest, refused)
        break
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
        const present = new Set((await db.aggregate<{ _id: string }>(collection, [{ $match: { _id: { $in: rest.map((d) => d._id) } } }, { $project: { _id: 1 } }, { $limit: 1000 }])).map((d) => d._id))
        for (const id of present) refused.add(id)
        rest = rest.filter((d) => !present.has(d._id))
      }
    }
  }
  return refused
}

async function addOneByOne<C extends 'inbox' | 'reminders'>(db: Db, collection: C, docs: Array<DocOf<C>>, refused: Set<string>): Promise<void> {
  await Promise.all(
    docs.map(async (doc) => {
      try {
        await db.add(collection, doc)
      } catch (e) {
        if (!isDuplicateKey(e)) throw e
        refused.add(doc._id)
      }
    }),
  )
}

// --- sending -------------------------------------------------------------------------------

/** A subscribe message as WeChat's subscribeMessage.send takes it. */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState: 'developer' | 'trial' | 'formal'
}

export interface DeliverOptions {
  /** Sends in flight at once. */
  concurrency?: number
  /** Start no send after this instant; what is owned and unsent goes back to the queue. */
  deadline?: Date
  /** A send with no answer by this instant is recorded `unknown` (it may have reached WeChat). */
  answerBy?: Date
  /** The clock the instants are read on, in ms (Date.now unless a test passes its own). */
  clock?: () => number
  /** For backoff jitter and for spreading concurrent runs over the queue. */
  random?: () => number
  /** WeChat's subscribeMessage.send (the cloud's open API unless a test passes its own). */
  send?: (message: SubscribeMessage) => Promise<unknown>
}

const defaultConcurrency = 16

interface SendResult {
  doc: ReminderDoc
  status: Exclude<DeliveryStatus, 'queued' | 'claimed'> | 'requeue'
  errcode: number | null
  reason: string | null
  /** WeChat's code for every attempt, and its message for the last refusal. */
  codes: number[]
  errmsg: string | null
  subscriptionId: string | null
  longTerm: boolean
}

const miniprogramState = () => {
  const state = process.env.MINIPROGRAM_STATE
  return state === 'developer' || state === 'trial' ? state : 'formal'
}

const cloudSend = (message: SubscribeMessage) => cloud.openapi.subscribeMessage.send(message)

/**
 * Sends what a run owns, spending acceptances soonest first, and records every outcome in a few
 * writes. A reminder that no longer helps is dropped; each send is marked on its claim just
 * before its request leaves (marks of sends starting together share one write).
 */
async function deliver(db: Db, owned: ReminderDoc[], now: Date, runId: string, options: DeliverOptions): Promise<DispatchReport> {
  const report = emptyReport()
  report.claimed = owned.length
  if (!owned.length) return report
  const ordered = [...owned].sort((a, b) => a.at.getTime() - b.at.getTime())
  const results: SendResult[] = []
  const base = (doc: ReminderDoc) => ({ doc, subscriptionId: null, longTerm: false, codes: [], errmsg: null })
  const live = ordered.filter((doc) => {
    if (!isStale(doc, now)) return true
    results.push({ ...base(doc), status: 'dropped', errcode: null, reason: staleReason(doc.kind) })
    return false
  })

  // The members' bindings (one read per thousand, by the unique memberId) and their acceptances.
  const openids = new Map<string, string>()
  for (const chunk of chunks([...new Set(live.map((d) => d.memberId))], 1000)) {
    for (const b of await db.all('bindings', { memberId: { $in: chunk } })) openids.set(b.memberId, b._id)
  }
  const bindingOf = (doc: ReminderDoc) => templateBinding(doc.template)
  const subscriptionIdOf = (doc: ReminderDoc) => {
    const openid = openids.get(doc.memberId)
    return openid ? balanceKey(openid, bindingOf(doc).id) : null
  }
  const balances = new Map<string, Balance>()
  for (const chunk of chunks([...new Set(live.map(subscriptionIdOf).filter((x): x is string => Boolean(x)))], 1000)) {
    for (const s of await db.all('subscriptions', { _id: { $in: chunk } })) balances.set(s._id, { remaining: s.remaining, longTermAccepted: s.longTermAccepted })
  }
  // A long-term template counts as accepted once the member accepted it; it spends nothing.
  const plans = planSends(
    live.map((d) => ({ openid: openids.get(d.memberId) ?? null, templateId: bindingOf(d).id })),
    balances,
  )

  const toSend: Array<{ doc: ReminderDoc; base: Omit<SendResult, 'status' | 'errcode' | 'reason'> }> = []
  live.forEach((doc, i) => {
    const plan = plans[i]
    const b = { ...base(doc), subscriptionId: subscriptionIdOf(doc), longTerm: bindingOf(doc).longTerm }
    if (plan === 'unbound') results.push({ ...b, status: 'unbound', errcode: null, reason: '未绑定微信，只发站内消息' })
    else if (plan === 'noQuota') results.push({ ...b, status: 'noQuota', errcode: null, reason: '没有剩余的订阅次数，只发站内消息' })
    else toSend.push({ doc, base: b })
  })
  // Sends go in rounds of `concurrency`, each round marked on its claims in one write just before
  // its requests leave: at a crash, only a round's worth may have reached WeChat unrecorded.
  const clock = options.clock ?? Date.now
  for (const round of chunks(toSend, options.concurrency ?? defaultConcurrency)) {
    if (options.deadline && clock() >= options.deadline.getTime()) {
      for (const item of round) results.push({ ...item.base, status: 'requeue', errcode: null, reason: null })
      continue
    }
    const ours = await markSending(db, round.map((item) => item.doc._id), runId, clock)
    results.push(
      ...(await Promise.all(
        round.map((item) =>
          // A claim no longer ours (its lease ended and another run returned it) is not sent.
          ours.has(item.doc._id) ? sendOne(item.doc, openids.get(item.doc.memberId) as string, item.base, options) : { ...item.base, status: 'requeue' as const, errcode: null, reason: null },
        ),
      )),
    )
  }
  await record(db, results, now, runId)

  for (const r of results) {
    if (r.status === 'requeue') report.requeued++
    else report[r.status]++
  }
  return report
}

/** Marks these claims as sending (one conditional write); returns those this run still owns. */
async function markSending(db: Db, ids: string[], runId: string, clock: () => number): Promise<Set<string>> {
  const marked = await db.updateWhere('reminders', { _id: { $in: ids }, claimedBy: runId, status: 'claimed', sendingAt: null }, { sendingAt: new Date(clock()) })
  if (marked === ids.length) return new Set(ids)
  return new Set((await db.all('reminders', { _id: { $in: ids }, claimedBy: runId, status: 'claimed' })).filter((d) => d.sendingAt).map((d) => d._id))
}

const noAnswer = Symbol('no answer')

async function sendOne(doc: ReminderDoc, openid: string, base: Omit<SendResult, 'status' | 'errcode' | 'reason'>, options: DeliverOptions): Promise<SendResult> {
  const codes: number[] = []
  const random = options.random ?? Math.random
  const clock = options.clock ?? Date.now
  const send = options.send ?? cloudSend
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && options.deadline && clock() >= options.deadline.getTime()) {
      return codes.length
        ? { ...base, codes, status: 'failed', errcode: codes[codes.length - 1], reason: '重试超时' }
        : { ...base, codes, status: 'requeue', errcode: null, reason: null }
    }
    try {
      const answer = await withinTime(
        send({ touser: openid, templateId: templateBinding(doc.template).id, page: doc.link ?? undefined, data: doc.data, miniprogramState: miniprogramState() }),
        options.answerBy ? options.answerBy.getTime() - clock() : null,
      )
      if (answer === noAnswer) return { ...base, codes, status: 'unknown', errcode: null, reason: '微信未及时答复，可能已送达，为免重复不再重发' }
      codes.push(0)
      return { ...base, codes, status: 'sent', errcode: 0, reason: null }
    } catch (error) {
      const e = error as { errCode?: unknown; errMsg?: unknown; message?: unknown }
      const errcode = typeof e.errCode === 'number' ? e.errCode : undefined
      const message = String(e.errMsg ?? e.message ?? error)
      codes.push(errcode ?? -1)
      const verdict = classifySendError({ errcode, message })
      if (!verdict.retry || attempt >= maxSendAttempts) return { ...base, codes, errmsg: message.slice(0, 200), status: verdict.status, errcode: errcode ?? null, reason: verdict.reason }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, random())))
    }
  }
}

/** The answer, or `noAnswer` if none comes within `ms` (no limit when null). */
async function withinTime<T>(promise: Promise<T>, ms: number | null): Promise<T | typeof noAnswer> {
  if (ms === null) return promise
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([promise, new Promise<typeof noAnswer>((resolve) => (timer = setTimeout(() => resolve(noAnswer), Math.max(0, ms))))])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Records a run's outcomes in a few writes: reminders with the same outcome (most of them: sent
 * at the first attempt) are updated together, and spent acceptances grouped by count. Only this
 * run's live claims change, and an acceptance is spent only for a send recorded as sent here.
 */
async function record(db: Db, results: SendResult[], now: Date, runId: string): Promise<void> {
  const groups = new Map<string, { data: Update<ReminderDoc>; results: SendResult[] }>()
  for (const r of results) {
    const data: Update<ReminderDoc> =
      r.status === 'requeue'
        ? { status: 'queued', claimedBy: null, leaseUntil: null, sendingAt: null }
        : { status: r.status, errcode: r.errcode, errmsg: r.errmsg, reason: r.reason, codes: r.codes, finishedAt: now, leaseUntil: null }
    const key = JSON.stringify(data)
    const group = groups.get(key) ?? { data, results: [] as SendResult[] }
    group.results.push(r)
    groups.set(key, group)
  }
  const recorded: SendResult[] = []
  for (const { data, results: members } of groups.values()) {
    for (const chunk of chunks(members, 1000)) {
      const ids = chunk.map((r) => r.doc._id)
      const changed = await db.updateWhere('reminders', { _id: { $in: ids }, claimedBy: runId, status: 'claimed' }, data)
      if (changed === ids.length) recorded.push(...chunk)
      else {
        // Some claims were taken from this run (its lease ended): only those still recorded as ours count.
        const ours = new Set((await db.all('reminders', { _id: { $in: ids }, claimedBy: runId, status: data.status as DeliveryStatus })).map((d) => d._id))
        recorded.push(...chunk.filter((r) => ours.has(r.doc._id)))
      }
    }
  }

  // One acceptance spent per one-time message sent, or whose request left with no answer (it
  // most likely went: better one fewer shown than one promised that is gone); "none left" from
  // WeChat sets the count to 0.
  const spent = new Map<string, number>()
  const exhausted = new Set<string>()
  for (const r of recorded) {
    if (!r.subscriptionId) continue
    if ((r.status === 'sent' || r.status === 'unknown') && !r.longTerm) spent.set(r.subscriptionId, (spent.get(r.subscriptionId) ?? 0) + 1)
    if (r.status === 'noQuota' && r.errcode === 43101) exhausted.add(r.subscriptionId)
  }
  const bySpent = new Map<number, string[]>()
  for (const [id, n] of spent) bySpent.set(n, [...(bySpent.get(n) ?? []), id] as string[])
  for (const [n, ids] of bySpent) {
    for (const chunk of chunks(ids, 1000)) {
      await db.updateWhere('subscriptions', { _id: { $in: chunk } }, { remaining: { $inc: -n }, spent: { $inc: n }, updatedAt: now })
    }
  }
  for (const chunk of chunks([...exhausted], 1000)) {
    await db.updateWhere('subscriptions', { _id: { $in: chunk } }, { remaining: 0, longTermAccepted: false, updatedAt: now })
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
