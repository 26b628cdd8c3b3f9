import { db } from './cloud'

type Transaction = Parameters<Parameters<typeof db.runTransaction>[0]>[0]

const isConflict = (error: unknown) =>
  Boolean(error && typeof error === 'object' && /TRANSACTION_CONFLICT|TransactionConflict/.test(`${(error as { code?: unknown }).code} ${(error as { errMsg?: unknown }).errMsg} ${(error as { message?: unknown }).message}`))

/**
 * Runs a transaction, retrying on write conflicts with jittered backoff. The SDK's own
 * runTransaction retries three times at once, which a crowd of concurrent writers outlasts.
 */
export async function runTransaction<T>(
  body: (tx: Transaction) => Promise<T>,
  { attempts = 12, baseDelayMs = 15 }: { attempts?: number; baseDelayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(body, 1)) as T
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error
      const delay = baseDelayMs * 2 ** Math.min(attempt - 1, 5) * (0.5 + Math.random())
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
