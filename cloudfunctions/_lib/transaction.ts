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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs a transaction, retrying write conflicts until `withinMs` has passed. A conflicting write
 * fails at once, and wx-server-sdk's error wrapping hides its code from the SDK's own retry, so
 * the retry is ours: each conflict waits a random time within a window that doubles ("full
 * jitter"), so a crowd of writers on one document spreads out instead of colliding again in step,
 * and the winner's commit is not slowed by a storm of doomed attempts.
 */
export async function runTransaction<T>(body: (tx: Transaction) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const { withinMs = 3_000, baseDelayMs = 10, maxDelayMs = 250 } = policy
  const deadline = Date.now() + withinMs
  for (let attempt = 0; ; attempt++) {
    try {
      // 0: one attempt per call; the SDK's own retry would go again at once, without backoff.
      return (await db.runTransaction((tx: unknown) => body(tx as Transaction), 0)) as T
    } catch (error) {
      const left = deadline - Date.now()
      if (!isTransactionConflict(error) || left <= 0) throw error
      const window = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 16))
      await sleep(Math.min(left, Math.random() * window))
    }
  }
}
