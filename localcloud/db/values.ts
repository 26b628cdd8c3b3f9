/**
 * Replaces `{$tcb_server_date:{offset}}` with the server's clock, and BSON regular expressions
 * (db.RegExp) with JavaScript ones, which the query engine understands.
 */
export function resolveServerDates(value: unknown, now = Date.now()): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now))
  if (value && typeof value === 'object' && (value as { _bsontype?: string })._bsontype === 'BSONRegExp') {
    const { pattern, options } = value as { pattern: string; options: string }
    return new RegExp(pattern, options.replace(/[^imsu]/g, ''))
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>
    if ('$tcb_server_date' in record) {
      const offset = Number((record.$tcb_server_date as { offset?: unknown })?.offset ?? 0)
      return new Date(now + (Number.isFinite(offset) ? offset : 0))
    }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(record)) out[k] = resolveServerDates(v, now)
    return out
  }
  return value
}

/** Deep copy that keeps Dates and BSON values intact. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v)
    return out as T
  }
  return value
}

