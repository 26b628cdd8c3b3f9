import { db } from './cloud'

/** One document by id, or null. Wraps the SDK's loosely typed result once. */
export async function getById<T extends { _id: string }>(collection: string, id: string): Promise<T | null> {
  const res = (await db.collection(collection).doc(id).get()) as { data?: T | null }
  return res.data ?? null
}

/** How many documents match a query. */
export async function countWhere(collection: string, query: Record<string, unknown>): Promise<number> {
  const res = (await db.collection(collection).where(query).count()) as { total: number }
  return res.total
}

/** The cloud returns at most 1000 documents a read: page through all matches. */
export async function getAll<T>(collection: string, query: Record<string, unknown>, order: [string, 'asc' | 'desc'] = ['_id', 'asc']): Promise<T[]> {
  const pageSize = 1000
  const all: T[] = []
  for (let skip = 0; ; skip += pageSize) {
    // A stable order keeps pages from overlapping.
    let q = db.collection(collection).where(query).orderBy(order[0], order[1])
    if (order[0] !== '_id') q = q.orderBy('_id', 'asc')
    const res = (await q.skip(skip).limit(pageSize).get()) as unknown as { data: T[] }
    all.push(...res.data)
    if (res.data.length < pageSize) return all
  }
}

/**
 * Like getAll, but asks for the count alongside the first page, so a collection of up to 1000
 * matches always costs the same two parallel reads: no extra round trip appears when a branch
 * grows to exactly a full page.
 */
export async function getAllCounted<T>(collection: string, query: Record<string, unknown>): Promise<T[]> {
  const pageSize = 1000
  const page = (skip: number) =>
    db.collection(collection).where(query).orderBy('_id', 'asc').skip(skip).limit(pageSize).get() as unknown as Promise<{ data: T[] }>
  const [total, first] = await Promise.all([countWhere(collection, query), page(0)])
  const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(total / pageSize) - 1) }, (_, i) => page((i + 1) * pageSize)))
  return [first, ...rest].flatMap((p) => p.data)
}

/** Inserts many documents in as few requests as the payload allows. */
export async function addMany(collection: string, docs: Array<Record<string, unknown>>, chunk = 500): Promise<void> {
  for (let i = 0; i < docs.length; i += chunk) {
    await db.collection(collection).add({ data: docs.slice(i, i + chunk) as unknown as Record<string, unknown> })
  }
}

/** Whether an SDK error is the database refusing a duplicate key (unique index or _id). */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { errCode?: unknown; errMsg?: unknown; message?: unknown; code?: unknown } | null
  return Boolean(e) && /DUPLICATE|duplicate key|E11000/i.test(`${e?.code} ${e?.errMsg} ${e?.message}`)
}

/** Up to `limit` matches, in an order. */
export async function findSome<T>(collection: string, query: Record<string, unknown>, limit: number, order?: [string, 'asc' | 'desc']): Promise<T[]> {
  let q = db.collection(collection).where(query)
  if (order) q = q.orderBy(order[0], order[1])
  const res = (await q.limit(limit).get()) as unknown as { data: T[] }
  return res.data
}

/** Removes every document matching a query; how many went. */
export async function removeWhere(collection: string, query: Record<string, unknown>): Promise<number> {
  const res = (await db.collection(collection).where(query).remove()) as { stats: { removed: number } }
  return res.stats.removed
}
