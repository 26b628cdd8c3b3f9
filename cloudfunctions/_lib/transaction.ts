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

const isConflict = (error: unknown) =>
  Boolean(
    error &&
      typeof error === 'object' &&
      /TRANSACTION_CONFLICT|TransactionConflict/.test(
        `${(error as { code?: unknown }).code} ${(error as { errMsg?: unknown }).errMsg} ${(error as { message?: unknown }).message}`,
      ),
  )

/**
 * Runs a transaction, retrying on write conflicts with jittered backoff until `withinMs` has
 * passed. A write to a document another transaction has locked fails at once, and the SDK does
 * not retry that (its error wrapping hides the code from runTransaction): a crowd of concurrent
 * writers needs this. A deadline rather than a count, so a burst of writers all get through.
 */
export async function runTransaction<T>(
  body: (tx: Transaction) => Promise<T>,
  { withinMs = 8_000, baseDelayMs = 5, maxDelayMs = 150 }: { withinMs?: number; baseDelayMs?: number; maxDelayMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + withinMs
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction((tx: unknown) => body(tx as Transaction), 1)) as T
    } catch (error) {
      if (!isConflict(error) || Date.now() >= deadline) throw error
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 6)) * (0.5 + Math.random())
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
