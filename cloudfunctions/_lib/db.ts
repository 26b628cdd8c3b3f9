import { db } from './cloud'

/** One document by id, or null. Wraps the SDK's loosely typed result once. */
export async function getById<T extends { _id: string }>(collection: string, id: string): Promise<T | null> {
  const res = (await db.collection(collection).doc(id).get()) as { data?: T | null }
  return res.data ?? null
}
