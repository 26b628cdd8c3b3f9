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
