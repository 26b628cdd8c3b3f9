import { randomBytes } from 'node:crypto'
import type { CollectionName, DocOf } from '../../shared/domain/documents'

/**
 * The database as a handler sees it: typed by collection (`db.get('members', id)` is a
 * `MemberDoc`), in MongoDB's query language, with no trace of the SDK. Production passes the
 * cloud database (`cloudDb`, ./cloud-db.ts); a unit test can pass any implementation. Each method
 * is one database operation, except where it says otherwise.
 */

/** A field's value, or one element of an array field (`positions: 'secretary'`). */
type Matchable<V> = V extends ReadonlyArray<infer E> ? V | E : V

/** The comparison operators the project uses. */
export interface Operators<V> {
  $in?: ReadonlyArray<V>
  $nin?: ReadonlyArray<V>
  $ne?: V | null
  $gt?: V
  $gte?: V
  $lt?: V
  $lte?: V
  /** The field is present (true) or absent (false). */
  $exists?: boolean
}

export type Query<D> = { [K in keyof D]?: Matchable<D[K]> | Operators<Matchable<D[K]>> | null } & {
  /** Any of these: alternatives answered by one read. */
  $or?: Array<Query<D>>
  /** A field of an array's elements: `'waitlist.memberId': { $ne: id }` holds when no element has it. */
  [path: `${string}.${string}`]: unknown
}
/** A field's new value, an increment, or elements appended to an array field. */
export type Update<D> = { [K in keyof D]?: D[K] | { $inc: number } | (D[K] extends ReadonlyArray<infer E> ? { $push: E[] } : never) }
export type Order<D> = [keyof D & string, 'asc' | 'desc']
/** Raw aggregation stages ($match, $lookup with a pipeline, $group, $count…). */
export type Stage = Record<string, unknown>

/** The single-document operations a transaction allows (by id, or an insert). */
export interface TxDb {
  get<C extends CollectionName>(collection: C, id: string): Promise<DocOf<C> | null>
  add<C extends CollectionName>(collection: C, doc: DocOf<C>): Promise<void>
  set<C extends CollectionName>(collection: C, id: string, data: Omit<DocOf<C>, '_id'>): Promise<void>
  update<C extends CollectionName>(collection: C, id: string, data: Update<DocOf<C>>): Promise<void>
  remove<C extends CollectionName>(collection: C, id: string): Promise<void>
}

export interface Db extends TxDb {
  /** Every match; one operation per 1000 documents. */
  all<C extends CollectionName>(collection: C, query: Query<DocOf<C>>, order?: Order<DocOf<C>>): Promise<Array<DocOf<C>>>
  /**
   * Every match, the count asked alongside the first page: up to 1000 matches always cost the
   * same two parallel operations, with no extra round trip when a branch fills a page exactly.
   */
  allCounted<C extends CollectionName>(collection: C, query: Query<DocOf<C>>): Promise<Array<DocOf<C>>>
  /** Up to `limit` matches, in an order. */
  some<C extends CollectionName>(collection: C, query: Query<DocOf<C>>, limit: number, order?: Order<DocOf<C>>): Promise<Array<DocOf<C>>>
  count<C extends CollectionName>(collection: C, query: Query<DocOf<C>>): Promise<number>
  /** Inserts many documents in as few operations as the payload allows. */
  addMany<C extends CollectionName>(collection: C, docs: Array<DocOf<C>>): Promise<void>
  /** Updates every match; how many changed. A single-document `where` update is atomic. */
  updateWhere<C extends CollectionName>(collection: C, query: Query<DocOf<C>>, data: Update<DocOf<C>>): Promise<number>
  /** Removes every match; how many went. */
  removeWhere<C extends CollectionName>(collection: C, query: Query<DocOf<C>>): Promise<number>
  /** One aggregation (lookups included): one operation, at most 1000 results. */
  aggregate<T>(collection: CollectionName, stages: Stage[]): Promise<T[]>
  /**
   * Runs `body` as one transaction: all its writes land, or none. A conflict runs it again, with
   * backoff, for up to `withinMs` (3 s unless told); past it the conflict is thrown.
   */
  transaction<T>(body: (tx: TxDb) => Promise<T>, options?: { withinMs?: number; maxDelayMs?: number }): Promise<T>
}

/** Whether an error is the database refusing a duplicate key (unique index or _id). */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { errCode?: unknown; errMsg?: unknown; message?: unknown; code?: unknown } | null
  return Boolean(e) && /DUPLICATE|duplicate key|E11000/i.test(`${e?.code} ${e?.errMsg} ${e?.message}`)
}

/** A new document id: 32 hex characters. */
export const newId = () => randomBytes(16).toString('hex')
