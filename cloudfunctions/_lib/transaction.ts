import { db } from './cloud'

/** The single-document operations a transaction allows (collection.doc / collection.add). */
export interface TxDocument<T> {
  get(): Promise<{ data: T | null }>
  set(options: { data: Omit<T, '_id'> }): Promise<unknown>
  update(options: { data: Partial<T> | Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}
export interface TxCollection {
  doc<T = Record<string, unknown>>(id: string): TxDocument<T>
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>
}
export interface Transaction {
  collection(name: string): TxCollection
}

export interface RetryPolicy {
  /**
   * Give up retrying after this long, so the function can still answer before its own timeout
   * (5 s for most functions) rather than be killed mid-retry.
   */
  withinMs?: number
  /** First backoff window; each conflict doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number
  maxDelayMs?: number
}

/**
 * Whether a transaction failed on a write conflict. A conflict at commit keeps the service's code;
 * one on a read or write inside the transaction reaches us through wx-server-sdk's error mapping,
 * which knows no DATABASE_TRANSACTION_* code (errCode -501001) and keeps only the service's message,
 * "[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others…".
 */
export const isTransactionConflict = (error: unknown) =>
  Boolean(
    error &&
      typeof error === 'object' &&
      /TRANSACTION_CONFLICT|TransactionConflict/.test(
        `${(error as { code?: unknown }).code} ${(error as { errMsg?: unknown }).errMsg} ${(error as { message?: unknown }).message}`,
      ),
  )

interface StartedTransaction extends Transaction {
  commit(): Promise<unknown>
  rollback(): Promise<unknown>
}

/**
 * One attempt, by the documented startTransaction / commit / rollback. Not the SDK's
 * runTransaction: after a conflict it sends a rollback the service refuses (a conflict has
 * already rolled the transaction back and freed its locks), and under a crowd on one document
 * those refused rollbacks were a third of all requests, slowing the one step that could commit.
 */
async function attemptOnce<T>(body: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = (await db.startTransaction()) as StartedTransaction
  let value: T
  try {
    value = await body(tx)
  } catch (error) {
    if (!isTransactionConflict(error)) await tx.rollback().catch(() => undefined)
    throw error
  }
  await tx.commit()
  return value
}

/**
 * Operations of one transaction sent side by side. A conflict on one of them ends the transaction
 * on the server, so the others may fail as "transaction does not exist"; whichever answer arrives
 * first, the step reports the conflict, which is retried, never the others' echo of it.
 */
export async function together<T extends readonly unknown[]>(ops: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(ops)
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason)
  if (failed.length) throw failed.find(isTransactionConflict) ?? failed[0]
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs a transaction, retrying write conflicts until `withinMs` has passed. A conflicting write
 * fails at once, and wx-server-sdk's error wrapping hides its code from the SDK's own retry, so
 * the retry is ours: each conflict waits a random time within a window that doubles ("full
 * jitter"), so a crowd of writers on one document spreads out instead of colliding again in step.
 *
 * The window is measured in the database's present speed, not in fixed milliseconds: its unit is
 * how long the attempt that just lost took. On a busy machine every round trip is slower, so the
 * step that holds the document holds it longer; fixed windows would then send the same number of
 * retries into a longer hold, each of them requests the database must serve before the winner's
 * commit, and the crowd would slow itself down further (at 20 writers and 2 busy cores, ten
 * doomed attempts and fifty requests per commit). Scaled windows keep the retries per commit
 * about the same whatever the machine's load.
 */
export async function runTransaction<T>(body: (tx: Transaction) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const { withinMs = 3_000, baseDelayMs = 10, maxDelayMs = 250 } = policy
  const deadline = Date.now() + withinMs
  for (let attempt = 0; ; attempt++) {
    const began = Date.now()
    try {
      return await attemptOnce(body)
    } catch (error) {
      const left = deadline - Date.now()
      if (!isTransactionConflict(error) || left <= 0) throw error
      // At most eight times slower: a stalled round trip must not park a step for many seconds.
      const slowdown = Math.min(8, Math.max(1, (Date.now() - began) / baseDelayMs))
      const window = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 16)) * slowdown
      await sleep(Math.min(left, Math.random() * window))
    }
  }
}
