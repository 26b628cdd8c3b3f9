import { EJSON } from 'bson'
import { Aggregator, Query, update as applyUpdate } from 'mingo'
import { evaluate, mongoOptions } from './mongo-operators'
import { CloudDbError, DocumentStore, type Change, type Doc } from './store'
import { lockWaitMs, TransactionManager } from './transactions'
import { cloneValue, resolveServerDates } from './values'

type AnyObject = Record<string, unknown>

/** Documents matching a query, as MongoDB would match them. */
const matching = (query: AnyObject, docs: Doc[]) => evaluate(() => new Query(query, mongoOptions).find<Doc>(docs))

/** The cloud's caps on one read. */
export const maxDocsPerRead = 1000
export const maxResultBytes = 1024 * 1024

type Params = Record<string, unknown>

/**
 * Serves the `database.*` actions of the cloud's HTTP API, exactly as `wx-server-sdk` sends them:
 * queries, orders, projections and updates arrive as canonical EJSON strings in MongoDB's
 * language, which mingo evaluates.
 */
export class CloudDatabase {
  readonly transactions: TransactionManager

  constructor(readonly store: DocumentStore) {
    this.transactions = new TransactionManager(store)
  }

  async handle(action: string, params: Params): Promise<unknown> {
    switch (action) {
      case 'database.getDocument':
        return this.get(params)
      case 'database.insertDocument':
        return this.insert(params)
      case 'database.modifyDocument':
        return this.modify(params)
      case 'database.removeDocument':
        return this.remove(params)
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(params)
      case 'database.calculateDocument':
        return this.count(params)
      case 'database.aggregateDocuments':
        return this.aggregate(params)
      case 'database.addCollection':
        return this.addCollection(params)
      case 'database.startTransaction':
        return { transactionId: this.transactions.start() }
      case 'database.commitTransaction':
        await this.transactions.commit(stringParam(params, 'transactionId'))
        return {}
      case 'database.abortTransaction':
        this.transactions.abort(stringParam(params, 'transactionId'))
        return {}
      default:
        throw new CloudDbError('DATABASE_REQUEST_FAILED', `[InvalidAction] unsupported database action ${action}`)
    }
  }

  // --- reads ----------------------------------------------------------------------------

  /**
   * The documents a query can match: by primary key when the query names `_id` (one id or $in),
   * else the whole collection. mingo evaluates the rest of the query on them; the `_id` condition
   * is already met by the lookup, and dropping it keeps a 1000-id `$in` from costing a
   * comparison per id per document. Only saves work, never changes a result.
   */
  private candidates(coll: string, query: AnyObject): { docs: Doc[]; rest: AnyObject } {
    const id = query._id
    const { _id: _matched, ...rest } = query
    if (typeof id === 'string') {
      const doc = this.store.getDoc(coll, id)
      return { docs: doc ? [doc] : [], rest }
    }
    if (id && typeof id === 'object' && Object.keys(id).length === 1 && Array.isArray((id as { $in?: unknown }).$in)) {
      const all = (id as { $in: unknown[] }).$in
      const ids = [...new Set(all)].filter((v): v is string => typeof v === 'string')
      const docs = ids.map((v) => this.store.getDoc(coll, v)).filter((d): d is Doc => Boolean(d))
      return { docs, rest: all.every((v) => typeof v === 'string') ? rest : query }
    }
    return { docs: this.store.docs(coll), rest: query }
  }

  /** The documents matching a query, as a mingo cursor. */
  private find(coll: string, query: AnyObject) {
    const { docs, rest } = this.candidates(coll, query)
    return matching(rest, docs)
  }

  private async get(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    const txId = optionalString(params, 'transactionId')
    if (txId) {
      const id = singleDocId(params)
      const doc = this.transactions.read(txId, coll, id)
      return { data: { list: doc ? [toEJSON(doc)] : [], offset: 0, limit: 1 } }
    }
    const query = parseEJSON(params.query) ?? {}
    const offset = numberParam(params, 'offset', 0)
    const limit = Math.min(numberParam(params, 'limit', 100), maxDocsPerRead)
    const resolved = resolveServerDates(query) as AnyObject
    let cursor = this.find(coll, resolved)
    const order = parseEJSON(params.order)
    if (order && Object.keys(order).length) cursor = cursor.sort(order as Record<string, 1 | -1>)
    cursor = cursor.skip(offset).limit(limit)
    const projection = parseEJSON(params.projection)
    let docs = evaluate(() => cursor.all() as Doc[])
    if (projection && Object.keys(projection).length) docs = project(docs, projection)
    return { data: { list: encodeList(docs), offset, limit } }
  }

  private async count(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    rejectInTransaction(params, 'count()')
    const query = resolveServerDates(parseEJSON(params.query) ?? {})
    const cursor = this.find(coll, query as AnyObject)
    return { data: { total: evaluate(() => cursor.count()) } }
  }

  private async aggregate(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    rejectInTransaction(params, 'aggregate()')
    const stages = Array.isArray(params.stages) ? params.stages : []
    const pipeline = stages.map((stage) => {
      const { stageKey, stageValue } = (stage ?? {}) as { stageKey?: unknown; stageValue?: unknown }
      if (typeof stageKey !== 'string' || typeof stageValue !== 'string') {
        throw new CloudDbError('DATABASE_REQUEST_FAILED', '[InvalidParameter] each stage needs a stageKey and a stageValue')
      }
      return { [stageKey]: resolveServerDates(parseEJSON(stageValue)) }
    })
    // A leading $match on _id picks its documents by key, as a query does.
    let docs = this.store.docs(coll) as AnyObject[]
    const first = pipeline[0] as { $match?: AnyObject } | undefined
    if (first?.$match && '_id' in first.$match) {
      const { docs: byId, rest } = this.candidates(coll, first.$match)
      docs = byId as AnyObject[]
      pipeline[0] = { $match: rest }
    }
    const result = evaluate(() => {
      const aggregator = new Aggregator(pipeline as AnyObject[], {
        ...mongoOptions,
        collectionResolver: (name: string) => this.store.docs(name) as AnyObject[],
      })
      return aggregator.run(docs) as Doc[]
    })
    // Without an explicit $limit the cloud returns 20 groups at most; cap at the read limit.
    return { data: { list: encodeList(result.slice(0, maxDocsPerRead)) } }
  }

  // --- writes ---------------------------------------------------------------------------

  private async insert(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    const raw = Array.isArray(params.data) ? params.data : [params.data]
    const docs = raw.map((item) => {
      const value = resolveServerDates(typeof item === 'string' ? parseEJSONText(item) : item)
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new CloudDbError('DATABASE_REQUEST_FAILED', '[InvalidParameter] document must be an object')
      }
      const doc = value as Doc
      if (doc._id === undefined) doc._id = DocumentStore.newId()
      if (typeof doc._id !== 'string') doc._id = String(doc._id)
      return doc
    })
    const txId = optionalString(params, 'transactionId')
    if (txId) {
      if (docs.length !== 1) throw unsupportedInTransaction('adding several documents at once')
      for (const doc of docs) this.transactions.write(txId, coll, doc._id, doc, { mustNotExist: true })
      return { data: { insertedIds: docs.map((d) => d._id) } }
    }
    return this.exclusiveWrite(() => {
      const ids = new Set<string>()
      for (const doc of docs) {
        if (this.store.getDoc(coll, doc._id) || ids.has(doc._id)) {
          throw new CloudDbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_ dup key: ${doc._id}`)
        }
        ids.add(doc._id)
      }
      const changes = docs.map((doc) => ({ coll, id: doc._id, doc }))
      return { changes, result: { data: { insertedIds: docs.map((d) => d._id) } } }
    })
  }

  private async modify(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    const merge = params.merge !== false
    const upsert = params.upsert === true
    const multi = params.multi === true
    const data = resolveServerDates(parseEJSON(params.data) ?? {}) as AnyObject
    const txId = optionalString(params, 'transactionId')
    if (txId) {
      const id = singleDocId(params)
      const before = this.transactions.read(txId, coll, id)
      if (!before && !upsert) return { updated: EJSON.stringify(0), data: { updated: 0 } }
      const after = before && merge ? updated(before, data) : { ...(merge ? {} : stripOperators(data)), _id: id }
      if (!before && merge) Object.assign(after, updated({ _id: id }, data))
      this.transactions.write(txId, coll, id, after as Doc)
      return { updated: EJSON.stringify(before ? 1 : 0), upserted: before ? null : JSON.stringify([{ _id: id }]), data: { updated: before ? 1 : 0, upsert_id: before ? null : id } }
    }
    const query = resolveServerDates(parseEJSON(params.query) ?? {}) as AnyObject
    return this.exclusiveWrite(() => {
      const matches = evaluate(() => this.find(coll, query).all() as Doc[])
      const targets = multi ? matches : matches.slice(0, 1)
      const changes: Change[] = []
      for (const doc of targets) {
        const next = merge ? updated(doc, data) : { ...stripOperators(data), _id: doc._id }
        changes.push({ coll, id: doc._id, doc: next as Doc })
      }
      let upsertId: string | null = null
      if (targets.length === 0 && upsert) {
        const base = equalityFields(query)
        const id = typeof base._id === 'string' ? base._id : DocumentStore.newId()
        const next = merge ? updated({ ...base, _id: id }, data) : { ...stripOperators(data), _id: id }
        changes.push({ coll, id, doc: next as Doc })
        upsertId = id
      }
      return { changes, result: { data: { updated: upsertId ? 0 : changes.length, upsert_id: upsertId } } }
    })
  }

  /** findOneAndUpdate: updates the first match and returns it as it is after the update. */
  private async modifyAndReturn(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    rejectInTransaction(params, 'updateAndReturn()')
    const data = resolveServerDates(parseEJSON(params.data) ?? {}) as AnyObject
    const query = resolveServerDates(parseEJSON(params.query) ?? {}) as AnyObject
    return this.exclusiveWrite<{ data: { updated: number; doc: string | null } }>(() => {
      const [target] = evaluate(() => this.find(coll, query).limit(1).all() as Doc[])
      if (!target) return { changes: [], result: { data: { updated: 0, doc: null } } }
      const next = updated(target, data)
      return { changes: [{ coll, id: target._id, doc: next }], result: { data: { updated: 1, doc: toEJSON(next) } } }
    })
  }

  private async remove(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    const txId = optionalString(params, 'transactionId')
    if (txId) {
      const id = singleDocId(params)
      const existed = Boolean(this.transactions.read(txId, coll, id))
      if (existed) this.transactions.write(txId, coll, id, null)
      return { deleted: existed ? 1 : 0, data: { deleted: existed ? 1 : 0 } }
    }
    const multi = params.multi === true
    const query = resolveServerDates(parseEJSON(params.query) ?? {}) as AnyObject
    return this.exclusiveWrite(() => {
      const matches = evaluate(() => this.find(coll, query).all() as Doc[])
      const targets = multi ? matches : matches.slice(0, 1)
      const changes = targets.map((doc) => ({ coll, id: doc._id, doc: null }))
      return { changes, result: { data: { deleted: targets.length } } }
    })
  }

  /**
   * Evaluates a plain write and commits it in one step under the store's write lock. A plain write
   * to a document locked by a transaction waits for the lock, as in the cloud, then re-evaluates.
   */
  private async exclusiveWrite<T>(compute: () => { changes: Change[]; result: T }): Promise<T> {
    const deadline = Date.now() + lockWaitMs
    for (;;) {
      const outcome = await this.store.writeLock.run(async () => {
        const { changes, result } = compute()
        if (this.transactions.anyLocked(changes)) return { blocked: true as const }
        await this.store.commitLocked(changes)
        return { blocked: false as const, result }
      })
      if (!outcome.blocked) return outcome.result
      if (Date.now() > deadline) {
        // How long the cloud lets a plain write wait, and what it answers then, is not documented.
        throw new CloudDbError('DATABASE_REQUEST_FAILED', '[ResourceUnavailable.LockTimeout] document is locked by a transaction')
      }
      await this.transactions.waitForRelease()
    }
  }

  private async addCollection(params: Params): Promise<unknown> {
    const coll = stringParam(params, 'collectionName')
    const created = await this.store.createCollection(coll)
    if (!created) throw new CloudDbError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${coll}`)
    return {}
  }
}

// --- helpers ------------------------------------------------------------------------------

function stringParam(params: Params, key: string): string {
  const value = params[key]
  if (typeof value !== 'string' || !value) {
    throw new CloudDbError('DATABASE_REQUEST_FAILED', `[InvalidParameter] ${key} is required`)
  }
  return value
}

function optionalString(params: Params, key: string): string | undefined {
  const value = params[key]
  return typeof value === 'string' && value ? value : undefined
}

function numberParam(params: Params, key: string, fallback: number): number {
  const value = params[key]
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback
}

function parseEJSON(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') return value as Record<string, unknown>
  return parseEJSONText(value) as Record<string, unknown>
}

function parseEJSONText(text: string): unknown {
  try {
    return EJSON.parse(text, { relaxed: true })
  } catch (error) {
    throw new CloudDbError('DATABASE_REQUEST_FAILED', `[InvalidParameter] not valid EJSON: ${(error as Error).message}`)
  }
}

function toEJSON(doc: unknown): string {
  return EJSON.stringify(doc, { relaxed: false })
}

function encodeList(docs: unknown[]): string[] {
  const list = docs.map(toEJSON)
  const bytes = list.reduce((sum, item) => sum + Buffer.byteLength(item), 0)
  if (bytes > maxResultBytes) {
    throw new CloudDbError(
      'DATABASE_REQUEST_FAILED',
      `[LimitExceeded] result of ${bytes} bytes exceeds the 1 MB limit of one read; use limit() or field()`,
    )
  }
  return list
}

/**
 * What the WeChat documentation promises inside a transaction: single-record operations by id
 * (collection.doc(id).get/set/update/remove) and collection.add, over any number of records and
 * collections. CloudBase's newer engine accepts more (where(), batch inserts, count, aggregate,
 * updateAndReturn); the local cloud refuses them on purpose, so code that relies on them fails
 * here rather than on a WeChat environment that does not have them. The refusal is the service's
 * error for an unsupported operation (DATABASE_INVALID_OPERRATOR, errCode -502002 through
 * wx-server-sdk); its message text is not documented, so the local cloud writes its own.
 */
function unsupportedInTransaction(what: string): CloudDbError {
  return new CloudDbError(
    'DATABASE_INVALID_OPERRATOR',
    `[UnsupportedOperation] ${what} is not supported in a transaction: a transaction supports single-document operations only (collection.doc(id).get/set/update/remove, collection.add of one document)`,
  )
}

/** A transaction may only touch one document by id (collection.doc / collection.add). */
function singleDocId(params: Params): string {
  const query = parseEJSON(params.query)
  if (params.queryType !== 'DOC' || !query || typeof query._id !== 'string' || Object.keys(query).length !== 1) {
    throw unsupportedInTransaction('where()')
  }
  return query._id
}

function rejectInTransaction(params: Params, what: string): void {
  if (optionalString(params, 'transactionId')) throw unsupportedInTransaction(what)
}

function updated(doc: Doc | AnyObject, data: AnyObject): Doc {
  const next = cloneValue(doc) as AnyObject
  const operators = Object.keys(data).filter((k) => k.startsWith('$'))
  if (operators.length === 0) {
    // A plain object with merge: the SDK sends $set, but accept a bare object the same way.
    Object.assign(next, cloneValue(data))
    return next as Doc
  }
  for (const op of operators) {
    evaluate(() => applyUpdate(next, { [op]: data[op] } as never, undefined, undefined, { cloneMode: 'deep', queryOptions: mongoOptions }))
  }
  return next as Doc
}

function stripOperators(data: AnyObject): AnyObject {
  const out: AnyObject = {}
  for (const [k, v] of Object.entries(data)) if (!k.startsWith('$')) out[k] = cloneValue(v)
  return out
}

function equalityFields(query: AnyObject): AnyObject {
  const out: AnyObject = {}
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue
    if (v && typeof v === 'object' && !(v instanceof Date) && Object.keys(v).some((key) => key.startsWith('$'))) continue
    out[k] = cloneValue(v)
  }
  return out
}

function project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
  return evaluate(() => new Query({}, mongoOptions).find<Doc>(docs, projection as AnyObject).all() as Doc[])
}
