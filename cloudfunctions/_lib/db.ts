import { randomBytes } from 'node:crypto'
import { collectionDateFields, collectionNames, type CollectionName, type DocOf } from '../../shared/domain/documents'

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
  /**
   * One aggregation (lookups included): one operation, at most 1000 results. The documents it
   * reads come back with their Dates revived where they keep their shape (see `reviveRows`);
   * values it computes ($group, $project expressions) are as the database computes them.
   */
  aggregate<T>(collection: CollectionName, stages: Stage[]): Promise<T[]>
  /**
   * Runs `body` as one transaction: all its writes land, or none. A conflict runs it again, with
   * backoff, for up to `withinMs` (3 s unless told); past it the conflict is thrown.
   */
  transaction<T>(body: (tx: TxDb) => Promise<T>, options?: { withinMs?: number; maxDelayMs?: number }): Promise<T>
}

/*
 * Dates are revived here, at the edge, from each collection's declared Date fields
 * (`collectionDateFields`, shared/domain/documents), on every read: a handler takes a document's
 * Dates as the type says and never writes `new Date(doc.someAt)`.
 *
 * What arrives today: wx-server-sdk parses every answer as EJSON (`doc().get()`, `where().get()`,
 * `aggregate()` with its lookups and groups, a transaction's `get()`), so a Date stored as a Date
 * comes back a Date, from the local cloud (checked on each of those reads) as from the real one,
 * whose database keeps Date as a type of its own. What it stores as written is text written as
 * text: a record imported through the console's JSON import or fixed by hand there, or written by
 * code that sent an ISO string, holds a string where the type says Date, and every comparison with
 * it would be silently wrong. Reviving once here turns such a value into the Date it names, costs
 * a walk over a few declared paths, and leaves a stored Date as it is.
 */

/** A declared Date field's stored value as a Date: text, milliseconds or EJSON's `{$date}`; null and absence stay. */
function asDate(value: unknown): unknown {
  if (value instanceof Date || value === null || value === undefined) return value
  if (typeof value === 'string' || typeof value === 'number') return new Date(value)
  const ejson = (value as { $date?: unknown }).$date
  return typeof ejson === 'string' || typeof ejson === 'number' ? new Date(ejson) : value
}

function reviveAt(target: unknown, path: readonly string[]): void {
  if (Array.isArray(target)) {
    for (const element of target) reviveAt(element, path)
    return
  }
  if (!target || typeof target !== 'object' || target instanceof Date) return
  const record = target as Record<string, unknown>
  const [key, ...rest] = path
  if (!(key in record)) return
  if (rest.length) reviveAt(record[key], rest)
  else record[key] = Array.isArray(record[key]) ? (record[key] as unknown[]).map(asDate) : asDate(record[key])
}

const datePaths = new Map(collectionNames.map((c) => [c as string, Object.keys(collectionDateFields[c]).map((p) => p.split('.'))]))

/** A document just read, its declared Date fields made Dates (in place, and returned). */
export function reviveDates<C extends CollectionName>(collection: C, doc: DocOf<C>): DocOf<C> {
  for (const path of datePaths.get(collection) ?? []) reviveAt(doc, path)
  return doc
}

/** Stages after which a row is no longer a document of the collection read. */
const reshaping = new Set(['$group', '$count', '$replaceRoot', '$replaceWith', '$bucket', '$bucketAuto', '$facet', '$sortByCount'])

/**
 * An aggregation's rows with the Dates of the documents it read revived: the collection's own
 * fields while rows are still its documents ($match, $sort, $project, $unwind keep them), and each
 * $lookup's `as` by the looked-up collection's (its own pipeline followed the same way).
 */
export function reviveRows<T>(collection: string, stages: readonly Stage[], rows: T[]): T[] {
  let rootKept = true
  let lookups: Array<{ from: string; as: string; pipeline?: Stage[] }> = []
  for (const stage of stages) {
    const [op, arg] = Object.entries(stage)[0] ?? []
    if (reshaping.has(op)) {
      rootKept = false
      lookups = []
    }
    if (op === '$lookup') lookups.push(arg as { from: string; as: string; pipeline?: Stage[] })
  }
  for (const row of rows as Array<Record<string, unknown>>) {
    if (!row || typeof row !== 'object') continue
    if (rootKept) for (const path of datePaths.get(collection) ?? []) reviveAt(row, path)
    for (const { from, as, pipeline } of lookups) {
      const joined = row[as]
      if (joined && typeof joined === 'object') reviveRows(from, pipeline ?? [], Array.isArray(joined) ? joined : [joined])
    }
  }
  return rows
}

/** Whether an error is the database refusing a duplicate key (unique index or _id). */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { errCode?: unknown; errMsg?: unknown; message?: unknown; code?: unknown } | null
  return Boolean(e) && /DUPLICATE|duplicate key|E11000/i.test(`${e?.code} ${e?.errMsg} ${e?.message}`)
}

/** A new document id: 32 hex characters. */
export const newId = () => randomBytes(16).toString('hex')
