import { _, db } from './cloud'
import { getById } from './db'

interface RateLimitDoc {
  _id: string
  count: number
  windowStart: number
}

/** Failures counted per key in a fixed window: e.g. wrong invite codes from one identity. */
export class FailureLimit {
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async isBlocked(key: string, now: Date): Promise<boolean> {
    const doc = await getById<RateLimitDoc>('rateLimits', key)
    return Boolean(doc && now.getTime() - doc.windowStart < this.windowMs && doc.count >= this.limit)
  }

  async recordFailure(key: string, now: Date): Promise<void> {
    // Count within the current window atomically; only when there is none, start one.
    const res = (await db
      .collection('rateLimits')
      .where({ _id: key, windowStart: _.gt(now.getTime() - this.windowMs) })
      .update({ data: { count: _.inc(1) } })) as { stats: { updated: number } }
    if (res.stats.updated === 0) await db.collection('rateLimits').doc(key).set({ data: { count: 1, windowStart: now.getTime() } })
  }
}
