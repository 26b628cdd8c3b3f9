import type { Db } from './db'

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
}
