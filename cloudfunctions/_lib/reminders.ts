/**
 * Sending reminders at most once. Every reminder is a document keyed by its claim key (kind +
 * subject occurrence + member) with an inbox copy under the same id; a sender owns a reminder
 * only after claiming it (an insert the database refuses to repeat, or a conditional update
 * from `queued`), sends only what it owns, and records every attempt with WeChat's code. A claim
 * whose sender died is marked `unknown` and never sent again. Database work is batched: a run
 * costs a few round trips per thousand reminders, not one per reminder.
 *
 * Areas call `queueReminder` inside the transaction of the event (leave decided, a seat freed
 * from the waitlist, a note reviewed) and `dispatchReminders` after it commits; the timer
 * (`remind`) sends what falls due, picks up anything queued that was never dispatched, and
 * marks abandoned claims.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  balanceKey,
  claimKey,
  claimLeaseMs,
  classifySendError,
  maxSendAttempts,
  planSends,
  queuedPickupAfterMs,
  retryDelayMs,
  subscribeMessageOf,
  templateBinding,
  type Balance,
  type DeliveryStatus,
  type ReminderContent,
  type ReminderKind,
  type ReminderSubject,
} from '../../shared/domain/reminders'
import type { DocOf, InboxDoc, ReminderDoc } from '../../shared/domain/documents'
import { cloud } from './cloud'
import { isDuplicateKey, type Db, type TxDb, type Update } from './db'

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
    subjectTitle: typeof r.content.slots.subject === 'string' ? r.content.slots.subject : '',
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
  const docs = reminders.map((r) => reminderDoc(r, now, 'queued', null))
  await addTolerant(db, 'inbox', docs.map((d, i) => inboxCopy(d, reminders[i].content)))
  await addTolerant(db, 'reminders', docs)
  return dispatchReminders(db, docs.map((d) => d._id), now, options)
}

export interface DispatchReport {
  claimed: number
  sent: number
  noQuota: number
  unbound: number
  failed: number
  unknown: number
  refused: number
  /** Owned but not sent before the run's deadline: back in the queue for the next run. */
  requeued: number
}

const emptyReport = (): DispatchReport => ({ claimed: 0, sent: 0, noQuota: 0, unbound: 0, failed: 0, unknown: 0, refused: 0, requeued: 0 })

/** Claims queued reminders (one conditional update: only `queued` ones move) and sends them. */
export async function dispatchReminders(db: Db, ids: string[], now: Date, options: DeliverOptions = {}): Promise<DispatchReport> {
  if (!ids.length) return emptyReport()
  const runId = newRunId()
  const owned: ReminderDoc[] = []
  // Reminder documents are up to ~2 KB: 400 stay under a read's 1 MB.
  for (const chunk of chunks(ids, 400)) {
    const moved = await db.updateWhere('reminders', { _id: { $in: chunk }, status: 'queued' }, { status: 'claimed', claimedBy: runId, leaseUntil: new Date(now.getTime() + claimLeaseMs) })
    if (moved) owned.push(...(await db.all('reminders', { _id: { $in: chunk }, claimedBy: runId, status: 'claimed' })))
  }
  return deliver(db, owned, now, runId, options)
}

// --- the timer -----------------------------------------------------------------------------

export interface TimerReport extends DispatchReport {
  due: number
  alreadyClaimed: number
  abandoned: number
  pickedUp: number
}

/**
 * One timer run: marks claims whose sender died as `unknown`, picks up queued event reminders
 * nobody dispatched, then claims and sends every reminder due now (the due list comes from the
 * pure rules; `loadDue` loads the state they need).
 */
export async function runReminderTimer(db: Db, due: NewReminder[], now: Date, options: DeliverOptions = {}): Promise<TimerReport> {
  const abandoned = await db.updateWhere('reminders', { status: 'claimed', leaseUntil: { $lte: now } }, { status: 'unknown', reason: '发送中断，为免重复不再重发', finishedAt: now, leaseUntil: null })
  const forgotten = await db.aggregate<{ _id: string }>('reminders', [
    { $match: { status: 'queued', createdAt: { $lte: new Date(now.getTime() - queuedPickupAfterMs) } } },
    { $project: { _id: 1 } },
    { $limit: 1000 },
  ])
  const runId = newRunId()
  const { owned, existing } = await claimDue(db, due, now, runId)
  const picked = await dispatchReminders(db, forgotten.map((d) => d._id), now, options)
  const report = await deliver(db, owned, now, runId, options)
  const total = emptyReport()
  for (const r of [picked, report]) for (const k of Object.keys(total) as Array<keyof DispatchReport>) total[k] += r[k]
  return { ...total, due: due.length, alreadyClaimed: existing, abandoned, pickedUp: picked.claimed }
}

/**
 * Claims due reminders: skips those already claimed (one read per thousand), writes the inbox
 * copies, then inserts the claims in batches. The database refuses a second claim of a key, so
 * of two overlapping runs each reminder is owned by one.
 */
async function claimDue(db: Db, due: NewReminder[], now: Date, runId: string): Promise<{ owned: ReminderDoc[]; existing: number }> {
  const contents = new Map<string, ReminderContent>()
  const docs = dedupe(
    due.map((r) => {
      const doc = reminderDoc(r, now, 'claimed', runId)
      contents.set(doc._id, r.content)
      return doc
    }),
  )
  const present = new Set<string>()
  for (const chunk of chunks(docs.map((d) => d._id), 1000)) {
    const found = await db.aggregate<{ _id: string }>('reminders', [{ $match: { _id: { $in: chunk } } }, { $project: { _id: 1 } }, { $limit: 1000 }])
    for (const d of found) present.add(d._id)
  }
  const fresh = docs.filter((d) => !present.has(d._id))
  if (!fresh.length) return { owned: [], existing: present.size }
  await addTolerant(db, 'inbox', fresh.map((d) => inboxCopy(d, contents.get(d._id) as ReminderContent)))
  const lost = await addTolerant(db, 'reminders', fresh)
  if (!lost.size) return { owned: fresh, existing: present.size }
  // Some inserts were refused: another run claimed those first, unless a partial batch of ours got in.
  const mine = new Set<string>()
  for (const chunk of chunks([...lost], 1000)) {
    const found = await db.aggregate<{ _id: string }>('reminders', [{ $match: { _id: { $in: chunk }, claimedBy: runId } }, { $project: { _id: 1 } }, { $limit: 1000 }])
    for (const d of found) mine.add(d._id)
  }
  return { owned: fresh.filter((d) => !lost.has(d._id) || mine.has(d._id)), existing: present.size + lost.size - mine.size }
}

function dedupe(docs: ReminderDoc[]): ReminderDoc[] {
  const seen = new Set<string>()
  return docs.filter((d) => (seen.has(d._id) ? false : (seen.add(d._id), true)))
}

/**
 * Inserts documents in batches; a batch the database refuses for a duplicate key is retried
 * one document at a time. Returns the ids it could not insert because they exist.
 */
async function addTolerant<C extends 'inbox' | 'reminders'>(db: Db, collection: C, docs: Array<DocOf<C>>): Promise<Set<string>> {
  const refused = new Set<string>()
  for (const chunk of chunks(docs, 500)) {
    try {
      await db.addMany(collection, chunk)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      await Promise.all(
        chunk.map(async (doc) => {
          try {
            await db.add(collection, doc)
          } catch (e) {
            if (!isDuplicateKey(e)) throw e
            refused.add(doc._id)
          }
        }),
      )
    }
  }
  return refused
}

// --- sending -------------------------------------------------------------------------------

export interface DeliverOptions {
  /** Sends in flight at once. */
  concurrency?: number
  /** Stop starting sends after this instant (the function's time limit); the rest go back to the queue. */
  deadline?: Date
  /** For backoff jitter. */
  random?: () => number
}

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

/** Sends what a run owns, spending acceptances soonest first, and records every outcome in batches. */
async function deliver(db: Db, owned: ReminderDoc[], now: Date, runId: string, options: DeliverOptions): Promise<DispatchReport> {
  const report = emptyReport()
  report.claimed = owned.length
  if (!owned.length) return report
  const ordered = [...owned].map((d) => ({ ...d, at: new Date(d.at) })).sort((a, b) => a.at.getTime() - b.at.getTime())

  // The bindings of the branches concerned: a page per thousand members, one condition each.
  const openids = new Map<string, string>()
  const wanted = new Set(ordered.map((d) => d.memberId))
  for (const b of await db.all('bindings', { branchId: { $in: [...new Set(ordered.map((d) => d.branchId))] } })) {
    if (wanted.has(b.memberId)) openids.set(b.memberId, b._id)
  }
  const bindingOf = (doc: ReminderDoc) => templateBinding(doc.template)
  const subscriptionIdOf = (doc: ReminderDoc) => {
    const openid = openids.get(doc.memberId)
    return openid ? balanceKey(openid, bindingOf(doc).id) : null
  }
  const balances = new Map<string, Balance>()
  for (const chunk of chunks([...new Set(ordered.map(subscriptionIdOf).filter((x): x is string => Boolean(x)))], 1000)) {
    for (const s of await db.all('subscriptions', { _id: { $in: chunk } })) balances.set(s._id, { remaining: s.remaining, longTermAccepted: s.longTermAccepted })
  }
  // A long-term template counts as accepted once the member accepted it; it spends nothing.
  const plans = planSends(
    ordered.map((d) => ({ openid: openids.get(d.memberId) ?? null, templateId: bindingOf(d).id })),
    balances,
  )

  const results: SendResult[] = []
  const toSend: Array<() => Promise<void>> = []
  ordered.forEach((doc, i) => {
    const plan = plans[i]
    const base = { doc, subscriptionId: subscriptionIdOf(doc), longTerm: bindingOf(doc).longTerm, codes: [], errmsg: null }
    if (plan === 'unbound') results.push({ ...base, status: 'unbound', errcode: null, reason: '未绑定微信，只发站内消息' })
    else if (plan === 'noQuota') results.push({ ...base, status: 'noQuota', errcode: null, reason: '没有剩余的订阅次数，只发站内消息' })
    else toSend.push(async () => void results.push(await sendOne(doc, openids.get(doc.memberId) as string, base, options)))
  })
  await pool(toSend, options.concurrency ?? 16)
  await record(db, results, now, runId)

  for (const r of results) {
    if (r.status === 'requeue') report.requeued++
    else report[r.status === 'sent' ? 'sent' : r.status]++
  }
  return report
}

async function sendOne(doc: ReminderDoc, openid: string, base: Omit<SendResult, 'status' | 'errcode' | 'reason'>, options: DeliverOptions): Promise<SendResult> {
  const codes: number[] = []
  const random = options.random ?? Math.random
  for (let attempt = 1; ; attempt++) {
    if (options.deadline && Date.now() >= options.deadline.getTime()) {
      return codes.length
        ? { ...base, codes, status: 'failed', errcode: codes[codes.length - 1], reason: '重试超时' }
        : { ...base, codes, status: 'requeue', errcode: null, reason: null }
    }
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId: templateBinding(doc.template).id,
        page: doc.link ?? undefined,
        data: doc.data,
        miniprogramState: miniprogramState(),
      })
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

/**
 * Records a run's outcomes in a few writes: reminders with the same outcome (most of them: sent
 * at the first attempt) are updated together, and spent acceptances grouped by count.
 */
async function record(db: Db, results: SendResult[], now: Date, runId: string): Promise<void> {
  const groups = new Map<string, { data: Update<ReminderDoc>; ids: string[] }>()
  for (const r of results) {
    const data: Update<ReminderDoc> =
      r.status === 'requeue'
        ? { status: 'queued', claimedBy: null, leaseUntil: null }
        : { status: r.status, errcode: r.errcode, errmsg: r.errmsg, reason: r.reason, codes: r.codes, finishedAt: now, leaseUntil: null }
    const key = JSON.stringify(data)
    const group = groups.get(key) ?? { data, ids: [] as string[] }
    group.ids.push(r.doc._id)
    groups.set(key, group)
  }
  for (const { data, ids } of groups.values()) {
    for (const chunk of chunks(ids, 1000)) {
      // Only this run's live claims change: a claim the sweeper already marked stays as it is.
      await db.updateWhere('reminders', { _id: { $in: chunk }, claimedBy: runId, status: 'claimed' }, data)
    }
  }

  // One acceptance spent per one-time message sent; "none left" from WeChat sets the count to 0.
  const spent = new Map<string, number>()
  const exhausted = new Set<string>()
  for (const r of results) {
    if (!r.subscriptionId) continue
    if (r.status === 'sent' && !r.longTerm) spent.set(r.subscriptionId, (spent.get(r.subscriptionId) ?? 0) + 1)
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

async function pool(tasks: Array<() => Promise<void>>, size: number): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]()
  }
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker))
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
