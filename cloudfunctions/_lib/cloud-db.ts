import type { CollectionName, DocOf } from '../../shared/domain/documents'
import { _, db as sdkDb } from './cloud'
import { reviveDates, reviveRows, type Db, type Order, type Query, type Stage, type TxDb } from './db'
import { runTransaction } from './transaction'

/*
 * The typed database handle over wx-server-sdk. Queries arrive in MongoDB's operator language
 * and become the SDK's commands here (the documented way to send them); aggregation stages pass
 * as they are, except a top-level $match, which the SDK wants as a query. Every read revives its
 * documents' Dates (`reviveDates`, ./db.ts).
 */

type Command = { and(other: Command): Command }
type AnyQuery = Record<string, unknown>

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  Object.keys(value as object).length > 0 &&
  Object.keys(value as object).every((k) => k.startsWith('$'))

function command(op: string, arg: unknown): Command {
  return sdkCommand(op, arg) as unknown as Command
}

function sdkCommand(op: string, arg: unknown): unknown {
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
    case '$exists':
      return _.exists(arg as boolean)
    case '$inc':
      return _.inc(arg as number)
    case '$push':
      return _.push(arg as unknown[])
    default:
      throw new Error(`unsupported database operator ${op}`)
  }
}

/** `{ startAt: { $gte: a, $lte: b } }` → `{ startAt: _.gte(a).and(_.lte(b)) }`; `$or` → `_.or([...])`. */
function toSdk(query: AnyQuery): AnyQuery {
  const { $or, ...fields } = query
  if (Array.isArray($or)) {
    const either = _.or(($or as AnyQuery[]).map(toSdk))
    return (Object.keys(fields).length ? _.and([toSdk(fields), either]) : either) as unknown as AnyQuery
  }
  const out: AnyQuery = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    out[key] = isOperatorObject(value)
      ? Object.entries(value)
          .map(([op, arg]) => command(op, arg))
          .reduce((a, b) => a.and(b))
      : value
  }
  return out
}

const collection = (name: CollectionName) => sdkDb.collection(name)

interface SdkTxCollection {
  doc(id: string): { get(): Promise<{ data: unknown }>; set(o: { data: unknown }): Promise<unknown>; update(o: { data: unknown }): Promise<unknown>; remove(): Promise<unknown> }
  add(o: { data: unknown }): Promise<unknown>
}

function txDb(tx: { collection(name: string): SdkTxCollection }): TxDb {
  return {
    async get<C extends CollectionName>(c: C, id: string) {
      const res = await tx.collection(c).doc(id).get()
      return res.data ? reviveDates(c, res.data as DocOf<C>) : null
    },
    async add(c, doc) {
      await tx.collection(c).add({ data: doc })
    },
    async set(c, id, data) {
      await tx.collection(c).doc(id).set({ data })
    },
    async update(c, id, data) {
      await tx.collection(c).doc(id).update({ data: toSdk(data as AnyQuery) })
    },
    async remove(c, id) {
      await tx.collection(c).doc(id).remove()
    },
  }
}

const pageSize = 1000

function ordered(c: CollectionName, query: AnyQuery, order: [string, 'asc' | 'desc']) {
  // A stable order keeps pages from overlapping.
  let q = collection(c).where(toSdk(query)).orderBy(order[0], order[1])
  if (order[0] !== '_id') q = q.orderBy('_id', 'asc')
  return q
}

export const cloudDb: Db = {
  async get<C extends CollectionName>(c: C, id: string) {
    const res = (await collection(c).doc(id).get()) as { data?: DocOf<C> | null }
    return res.data ? reviveDates(c, res.data) : null
  },

  async all<C extends CollectionName>(c: C, query: Query<DocOf<C>>, order: Order<DocOf<C>> = ['_id' as keyof DocOf<C> & string, 'asc']) {
    const all: Array<DocOf<C>> = []
    for (let skip = 0; ; skip += pageSize) {
      const res = (await ordered(c, query as AnyQuery, order).skip(skip).limit(pageSize).get()) as unknown as { data: Array<DocOf<C>> }
      all.push(...res.data.map((doc) => reviveDates(c, doc)))
      if (res.data.length < pageSize) return all
    }
  },

  async allCounted<C extends CollectionName>(c: C, query: Query<DocOf<C>>) {
    const page = (skip: number) => ordered(c, query as AnyQuery, ['_id', 'asc']).skip(skip).limit(pageSize).get() as unknown as Promise<{ data: Array<DocOf<C>> }>
    const [total, first] = await Promise.all([cloudDb.count(c, query), page(0)])
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(total / pageSize) - 1) }, (_x, i) => page((i + 1) * pageSize)))
    return [first, ...rest].flatMap((p) => p.data.map((doc) => reviveDates(c, doc)))
  },

  async some<C extends CollectionName>(c: C, query: Query<DocOf<C>>, limit: number, order?: Order<DocOf<C>>) {
    let q = collection(c).where(toSdk(query as AnyQuery))
    if (order) q = q.orderBy(order[0], order[1])
    const res = (await q.limit(limit).get()) as unknown as { data: Array<DocOf<C>> }
    return res.data.map((doc) => reviveDates(c, doc))
  },

  async count(c, query) {
    const res = (await collection(c).where(toSdk(query as AnyQuery)).count()) as { total: number }
    return res.total
  },

  async add(c, doc) {
    await collection(c).add({ data: doc as unknown as Record<string, unknown> })
  },

  async addMany(c, docs) {
    for (let i = 0; i < docs.length; i += 500) {
      await collection(c).add({ data: docs.slice(i, i + 500) as unknown as Record<string, unknown> })
    }
  },

  async set(c, id, data) {
    await collection(c).doc(id).set({ data: data as Record<string, unknown> })
  },

  async update(c, id, data) {
    await collection(c).doc(id).update({ data: toSdk(data as AnyQuery) })
  },

  async updateWhere(c, query, data) {
    const res = (await collection(c).where(toSdk(query as AnyQuery)).update({ data: toSdk(data as AnyQuery) })) as { stats: { updated: number } }
    return res.stats.updated
  },

  async remove(c, id) {
    await collection(c).doc(id).remove()
  },

  async removeWhere(c, query) {
    const res = (await collection(c).where(toSdk(query as AnyQuery)).remove()) as { stats: { removed: number } }
    return res.stats.removed
  },

  async aggregate<T>(c: CollectionName, stages: Stage[]) {
    type Builder = Record<string, (value: unknown) => Builder> & { end(): Promise<{ list: T[] }> }
    let agg = collection(c).aggregate() as unknown as Builder
    for (const stage of stages) {
      const [key, value] = Object.entries(stage)[0]
      const name = key.slice(1)
      agg = agg[name](name === 'match' ? toSdk(value as AnyQuery) : value)
    }
    return reviveRows(c, stages, (await agg.end()).list)
  },

  transaction(body, options) {
    return runTransaction((tx) => body(txDb(tx as unknown as { collection(name: string): SdkTxCollection })), options)
  },
}
