import { fail, type ErrorCode } from '../../shared/errors'
import { beijingDate, startOf } from '../../shared/domain/time'
import { isDuplicateKey, type Db } from './db'

/** Failures counted per key in a fixed window: e.g. wrong invite codes from one identity. */
export class FailureLimit {
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async isBlocked(db: Db, key: string, now: Date): Promise<boolean> {
    const doc = await db.get('rateLimits', key)
    return Boolean(doc && now.getTime() - doc.windowStart < this.windowMs && doc.count >= this.limit)
  }

  async recordFailure(db: Db, key: string, now: Date): Promise<void> {
    // Count within the current window atomically; only when there is none, start one.
    const updated = await db.updateWhere('rateLimits', { _id: key, windowStart: { $gt: now.getTime() - this.windowMs } }, { count: { $inc: 1 } })
    if (updated === 0) await db.set('rateLimits', key, { count: 1, windowStart: now.getTime() })
  }

  /**
   * Refuses with `code` (and `message`), counting it against `key`; past the limit, refuses with
   * RATE_LIMITED and `blockedMessage` instead, without counting.
   */
  async refuse(db: Db, key: string, now: Date, blockedMessage: string, code: ErrorCode, message?: string): Promise<never> {
    if (await this.isBlocked(db, key, now)) fail('RATE_LIMITED', blockedMessage)
    await this.recordFailure(db, key, now)
    return fail(code, message)
  }
}

/**
 * At most `limit` uses per key and Beijing day, each taken by one conditional increment: of many
 * callers at once, no more than the limit get one.
 */
export class DailyQuota {
  constructor(private readonly limit: number) {}

  async take(db: Db, key: string, now: Date): Promise<boolean> {
    const id = `${key}:${beijingDate(now)}`
    const increment = () => db.updateWhere('rateLimits', { _id: id, count: { $lt: this.limit } }, { count: { $inc: 1 } })
    if ((await increment()) === 1) return true
    try {
      // The day's first use; when another caller started the day meanwhile, count on theirs.
      await db.add('rateLimits', { _id: id, count: 1, windowStart: startOf('day', now).getTime() })
      return true
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
    return (await increment()) === 1
  }
}
