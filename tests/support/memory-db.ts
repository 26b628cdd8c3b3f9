import 'mingo/init/system'
import { Aggregator, Query } from 'mingo'
import type { CollectionName, DocOf } from '../../shared/domain/documents'
import { reviveDates, reviveRows, type Db, type Order, type Query as DbQuery, type Stage, type TxDb, type Update } from '../../cloudfunctions/_lib/db'

type AnyDoc = Record<string, unknown> & { _id: string }

/**
 * The functions' database handle over plain in-memory collections, for unit tests of handlers
 * (no cloud, no SDK). Queries and aggregations are evaluated by mingo, the same engine the local
 * cloud uses; `_id` is unique. `ops` counts operations as the cloud would bill them. Reads revive
 * Dates as the cloud handle does, so a document seeded with text where a Date belongs reads as one.
 */
export class MemoryDb implements Db {
  readonly collections = new Map<string, Map<string, AnyDoc>>()
  ops = 0

  constructor(seed: Partial<{ [C in CollectionName]: Array<DocOf<C>> }> = {}) {
    for (const [name, docs] of Object.entries(seed)) for (const doc of docs as unknown as AnyDoc[]) this.coll(name).set(doc._id, structuredClone(doc))
  }

  private coll(name: string): Map<string, AnyDoc> {
    let c = this.collections.get(name)
    if (!c) this.collections.set(name, (c = new Map()))
    return c
  }

  private find(name: string, query: object, order?: [string, 'asc' | 'desc'], limit?: number): AnyDoc[] {
    let cursor = new Query(query as Record<string, unknown>).find([...this.coll(name).values()])
    if (order) cursor = cursor.sort({ [order[0]]: order[1] === 'asc' ? 1 : -1, ...(order[0] === '_id' ? {} : { _id: 1 }) })
    if (limit !== undefined) cursor = cursor.limit(limit)
    return (cursor.all() as AnyDoc[]).map((d) => reviveDates(name as CollectionName, structuredClone(d) as never) as unknown as AnyDoc)
  }

  private write(name: string, id: string, data: Record<string, unknown>): void {
    const doc = this.coll(name).get(id)
    if (!doc) throw new Error(`document ${name}/${id} does not exist`)
    for (const [key, value] of Object.entries(data)) {
      const inc = value && typeof value === 'object' && '$inc' in value ? (value as { $inc: number }).$inc : null
      const push = value && typeof value === 'object' && '$push' in value ? (value as { $push: unknown[] }).$push : null
      if (push) doc[key] = [...((doc[key] as unknown[]) ?? []), ...structuredClone(push)]
      else doc[key] = inc === null ? structuredClone(value) : ((doc[key] as number) ?? 0) + inc
    }
  }

  private insert(name: string, doc: AnyDoc): void {
    if (this.coll(name).has(doc._id)) throw Object.assign(new Error(`E11000 duplicate key ${name}/${doc._id}`), { code: 'DATABASE_DUPLICATE_WRITE' })
    this.coll(name).set(doc._id, structuredClone(doc))
  }

  async get<C extends CollectionName>(c: C, id: string): Promise<DocOf<C> | null> {
    this.ops++
    const doc = this.coll(c).get(id)
    return doc ? reviveDates(c, structuredClone(doc) as unknown as DocOf<C>) : null
  }

  async all<C extends CollectionName>(c: C, query: DbQuery<DocOf<C>>, order: Order<DocOf<C>> = ['_id' as keyof DocOf<C> & string, 'asc']): Promise<Array<DocOf<C>>> {
    this.ops++
    return this.find(c, query, order) as unknown as Array<DocOf<C>>
  }

  async allCounted<C extends CollectionName>(c: C, query: DbQuery<DocOf<C>>): Promise<Array<DocOf<C>>> {
    this.ops += 2
    return this.find(c, query, ['_id', 'asc']) as unknown as Array<DocOf<C>>
  }

  async some<C extends CollectionName>(c: C, query: DbQuery<DocOf<C>>, limit: number, order?: Order<DocOf<C>>): Promise<Array<DocOf<C>>> {
    this.ops++
    return this.find(c, query, order, limit) as unknown as Array<DocOf<C>>
  }

  async count<C extends CollectionName>(c: C, query: DbQuery<DocOf<C>>): Promise<number> {
    this.ops++
    return this.find(c, query).length
  }

  async add<C extends CollectionName>(c: C, doc: DocOf<C>): Promise<void> {
    this.ops++
    this.insert(c, doc as unknown as AnyDoc)
  }

  async addMany<C extends CollectionName>(c: C, docs: Array<DocOf<C>>): Promise<void> {
    this.ops++
    for (const doc of docs) this.insert(c, doc as unknown as AnyDoc)
  }

  async set<C extends CollectionName>(c: C, id: string, data: Omit<DocOf<C>, '_id'>): Promise<void> {
    this.ops++
    this.coll(c).set(id, structuredClone({ ...data, _id: id }) as AnyDoc)
  }

  async update<C extends CollectionName>(c: C, id: string, data: Update<DocOf<C>>): Promise<void> {
    this.ops++
    this.write(c, id, data as Record<string, unknown>)
  }

  async updateWhere<C extends CollectionName>(c: C, query: DbQuery<DocOf<C>>, data: Update<DocOf<C>>): Promise<number> {
    this.ops++
    const matches = this.find(c, query)
    for (const doc of matches) this.write(c, doc._id, data as Record<string, unknown>)
    return matches.length
  }

  async remove<C extends CollectionName>(c: C, id: string): Promise<void> {
    this.ops++
    this.coll(c).delete(id)
  }

  async removeWhere<C extends CollectionName>(c: C, query: DbQuery<DocOf<C>>): Promise<number> {
    this.ops++
    const matches = this.find(c, query)
    for (const doc of matches) this.coll(c).delete(doc._id)
    return matches.length
  }

  async aggregate<T>(c: CollectionName, stages: Stage[]): Promise<T[]> {
    this.ops++
    const aggregator = new Aggregator(stages, { collectionResolver: (name: string) => [...this.coll(name).values()] })
    return reviveRows(c, stages, structuredClone(aggregator.run([...this.coll(c).values()])) as T[])
  }

  /**
   * Runs the body against the same collections, all or nothing: a body that throws leaves the
   * collections as they were (no isolation beyond that: a unit test has one caller).
   */
  async transaction<T>(body: (tx: TxDb) => Promise<T>): Promise<T> {
    const before = new Map([...this.collections].map(([name, docs]) => [name, new Map([...docs].map(([id, doc]) => [id, structuredClone(doc)]))]))
    try {
      return await body(this)
    } catch (error) {
      this.collections.clear()
      for (const [name, docs] of before) this.collections.set(name, docs)
      throw error
    }
  }

  /** A document as stored, for assertions. */
  peek<C extends CollectionName>(c: C, id: string): DocOf<C> | undefined {
    return this.coll(c).get(id) as unknown as DocOf<C> | undefined
  }
}
