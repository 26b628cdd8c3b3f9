import { _, db as sdkDb } from './cloud'
import { isDuplicateKey } from './db'
import { runTransaction } from './transaction'

/*
 * The database as the reminder module sees it: MongoDB's query language ({ $in: … }), one
 * method per operation, no trace of the SDK.
 */

type AnyDoc = Record<string, unknown>
type AnyQuery = Record<string, unknown>

export interface ReminderTx {
  set(collection: string, id: string, data: AnyDoc): Promise<void>
}

export interface ReminderDb {
  get<T>(collection: string, id: string): Promise<T | null>
  all<T>(collection: string, query: AnyQuery, order?: [string, 'asc' | 'desc']): Promise<T[]>
  some<T>(collection: string, query: AnyQuery, limit: number, order?: [string, 'asc' | 'desc']): Promise<T[]>
  count(collection: string, query: AnyQuery): Promise<number>
  add(collection: string, doc: AnyDoc): Promise<void>
  addMany(collection: string, docs: AnyDoc[]): Promise<void>
  set(collection: string, id: string, data: AnyDoc): Promise<void>
  updateWhere(collection: string, query: AnyQuery, data: AnyDoc): Promise<number>
  aggregate<T>(collection: string, stages: Array<Record<string, unknown>>): Promise<T[]>
  transaction<T>(body: (tx: ReminderTx) => Promise<T>): Promise<T>
}

export { isDuplicateKey }

type Command = ReturnType<typeof _.in>

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value as object).length > 0 && Object.keys(value as object).every((k) => k.startsWith('$'))

function command(op: string, arg: unknown): Command {
  switch (op) {
    case '$in':
      return _.in(arg as unknown[])
    case '$nin':
      return _.nin(arg as unknown[])
    case '$ne':
      return _.neq(arg)
    case '$gt':
      return _.gt(arg)
    case '$gte':
      return _.gte(arg)
    case '$lt':
      return _.lt(arg)
    case '$lte':
      return _.lte(arg)
    case '$inc':
      return _.inc(arg as number) as unknown as Command
    default:
      throw new Error(`unsupported database operator ${op}`)
  }
}

function toSdk(query: AnyQuery): AnyQuery {
  const out: AnyQuery = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    out[key] = isOperatorObject(value)
      ? Object.entries(value)
          .map(([op, arg]) => command(op, arg))
          .reduce((a, b) => a.and(b) as unknown as Command)
      : value
  }
  return out
}

const pageSize = 1000

export const reminderDb: ReminderDb = {
  async get<T>(c: string, id: string) {
    const res = (await sdkDb.collection(c).doc(id).get()) as { data?: T | null }
    return res.data ?? null
  },
  async all<T>(c: string, query: AnyQuery, order: [string, 'asc' | 'desc'] = ['_id', 'asc']) {
    const all: T[] = []
    for (let skip = 0; ; skip += pageSize) {
      let q = sdkDb.collection(c).where(toSdk(query)).orderBy(order[0], order[1])
      if (order[0] !== '_id') q = q.orderBy('_id', 'asc')
      const res = (await q.skip(skip).limit(pageSize).get()) as unknown as { data: T[] }
      all.push(...res.data)
      if (res.data.length < pageSize) return all
    }
  },
  async some<T>(c: string, query: AnyQuery, limit: number, order?: [string, 'asc' | 'desc']) {
    let q = sdkDb.collection(c).where(toSdk(query))
    if (order) q = q.orderBy(order[0], order[1])
    return ((await q.limit(limit).get()) as unknown as { data: T[] }).data
  },
  async count(c, query) {
    return ((await sdkDb.collection(c).where(toSdk(query)).count()) as { total: number }).total
  },
  async add(c, doc) {
    await sdkDb.collection(c).add({ data: doc })
  },
  async addMany(c, docs) {
    for (let i = 0; i < docs.length; i += 500) await sdkDb.collection(c).add({ data: docs.slice(i, i + 500) as unknown as AnyDoc })
  },
  async set(c, id, data) {
    await sdkDb.collection(c).doc(id).set({ data })
  },
  async updateWhere(c, query, data) {
    const res = (await sdkDb.collection(c).where(toSdk(query)).update({ data: toSdk(data) })) as { stats: { updated: number } }
    return res.stats.updated
  },
  async aggregate<T>(c: string, stages: Array<Record<string, unknown>>) {
    type Builder = Record<string, (value: unknown) => Builder> & { end(): Promise<{ list: T[] }> }
    let agg = sdkDb.collection(c).aggregate() as unknown as Builder
    for (const stage of stages) {
      const [key, value] = Object.entries(stage)[0]
      const name = key.slice(1)
      agg = agg[name](name === 'match' ? toSdk(value as AnyQuery) : value)
    }
    return (await agg.end()).list
  },
  transaction(body) {
    return runTransaction((tx) => body({ set: async (c, id, data) => void (await tx.collection(c).doc(id).set({ data })) }))
  },
}
