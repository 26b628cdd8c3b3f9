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
 * Runs a transaction, retrying on write conflicts with jittered backoff. A write to a document
 * another transaction has locked fails at once, and the SDK does not retry that (its error
 * wrapping hides the code from runTransaction): a crowd of concurrent writers needs this.
 */
export async function runTransaction<T>(
  body: (tx: Transaction) => Promise<T>,
  { attempts = 12, baseDelayMs = 10 }: { attempts?: number; baseDelayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction((tx: unknown) => body(tx as Transaction), 1)) as T
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error
      const delay = baseDelayMs * 2 ** Math.min(attempt - 1, 5) * (0.5 + Math.random())
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
