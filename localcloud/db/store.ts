import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { PGlite } from '@electric-sql/pglite'
import { Mutex } from './mutex'

/** A document as stored: plain JS values with BSON types (Date, ObjectId…) revived. */
export type Doc = Record<string, unknown> & { _id: string }

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

/** An error the cloud reports with a string code; the SDK reads `code` and `message`. */
export class CloudDbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** One change in a commit: a document written whole, or removed (doc null). */
export interface Change {
  coll: string
  id: string
  doc: Doc | null
}

export interface StoreOptions {
  /** Directory for the embedded Postgres; omit for an in-memory store. */
  dataDir?: string
}

/**
 * The document layer of the local cloud. Documents live in an embedded Postgres (PGlite) table,
 * one row per document, written in a Postgres transaction per commit, so an acknowledged write
 * survives a crash and a multi-collection commit lands whole or not at all. Reads are served from
 * an in-memory copy of the committed state, which every commit updates after Postgres accepts it.
 * All commits run one at a time (a mutex), so a condition checked inside a commit still holds
 * when the write lands: that is what makes `where({taken: lt(n)}).update(inc(1))` atomic.
 */
/** Rows written by one SQL statement of a commit. */
const rowsPerStatement = 200

export class DocumentStore {
  private readonly collections = new Map<string, Map<string, Doc>>()
  /** Commit sequence of the last write to each document ("coll\u0000id"), for conflict checks. */
  private readonly versions = new Map<string, number>()
  private readonly indexes = new Map<string, IndexSpec[]>()
  /** Unique index name → key tuple → document id. */
  private readonly uniqueKeys = new Map<string, Map<string, string>>()
  private seq = 0
  readonly writeLock = new Mutex()
  /** Counts Postgres round trips (one per commit), for benchmarks. */
  commits = 0
  /** Called inside a commit, before the changes are applied (transactions keep pre-images). */
  beforeCommit: (changes: Change[]) => void = () => {}

  private constructor(private readonly pg: PGlite) {}

  static async open(options: StoreOptions = {}): Promise<DocumentStore> {
    // PGlite creates only the last folder of the path; a fresh checkout has none of it.
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
    const pg = await openCluster(options.dataDir)
    await pg.exec(`
      CREATE TABLE IF NOT EXISTS collections (name text PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS docs (
        coll text NOT NULL,
        id text NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (coll, id)
      );
    `)
    const store = new DocumentStore(pg)
    const colls = await pg.query<{ name: string }>('SELECT name FROM collections')
    for (const { name } of colls.rows) store.collections.set(name, new Map())
    const rows = await pg.query<{ coll: string; id: string; body: string }>('SELECT coll, id, body FROM docs')
    for (const row of rows.rows) {
      store.collectionMap(row.coll).set(row.id, EJSON.parse(row.body, { relaxed: true }) as Doc)
    }
    return store
  }

  async close(): Promise<void> {
    await this.pg.close()
  }

  get commitSeq(): number {
    return this.seq
  }

  static newId(): string {
    return randomBytes(16).toString('hex')
  }

  private collectionMap(name: string): Map<string, Doc> {
    let map = this.collections.get(name)
    if (!map) {
      map = new Map()
      this.collections.set(name, map)
    }
    return map
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort()
  }

  async createCollection(name: string): Promise<boolean> {
    return this.writeLock.run(async () => {
      if (this.collections.has(name)) return false
      await this.pg.query('INSERT INTO collections (name) VALUES ($1) ON CONFLICT DO NOTHING', [name])
      this.commits++
      this.collectionMap(name)
      this.rebuildUnique(name)
      return true
    })
  }

  /** Declares the indexes of a collection; unique ones are enforced from now on. */
  setIndexes(coll: string, specs: IndexSpec[]): void {
    this.indexes.set(coll, specs)
    this.rebuildUnique(coll)
  }

  /** Committed documents of a collection; throws the cloud's error when it does not exist. */
  docs(coll: string): Doc[] {
    const map = this.collections.get(coll)
    if (!map) throw new CloudDbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${coll}`)
    return [...map.values()]
  }

  getDoc(coll: string, id: string): Doc | undefined {
    const map = this.collections.get(coll)
    if (!map) throw new CloudDbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${coll}`)
    return map.get(id)
  }

  versionOf(coll: string, id: string): number {
    return this.versions.get(`${coll}\u0000${id}`) ?? 0
  }

  /**
   * Persists changes in one Postgres transaction, then applies them in memory. Must be called
   * while holding `writeLock` (so the caller's checks and this write are one atomic step).
   */
  async commitLocked(changes: Change[]): Promise<void> {
    if (changes.length === 0) return
    for (const change of changes) {
      if (!this.collections.has(change.coll)) {
        throw new CloudDbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${change.coll}`)
      }
    }
    this.checkUnique(changes)
    // Each document's last change is what lands; rows go many to a statement (one statement per
    // row made a 5,000-document commit cost seconds of round trips into Postgres).
    const last = new Map<string, Change>()
    for (const change of changes) last.set(`${change.coll}\u0000${change.id}`, change)
    const upserts = [...last.values()].filter((c) => c.doc)
    const deletes = [...last.values()].filter((c) => !c.doc)
    await this.pg.transaction(async (tx) => {
      for (let i = 0; i < upserts.length; i += rowsPerStatement) {
        const rows = upserts.slice(i, i + rowsPerStatement)
        await tx.query(
          `INSERT INTO docs (coll, id, body) VALUES ${rows.map((_, j) => `($${3 * j + 1}, $${3 * j + 2}, $${3 * j + 3})`).join(', ')} ON CONFLICT (coll, id) DO UPDATE SET body = EXCLUDED.body`,
          rows.flatMap((c) => [c.coll, c.id, EJSON.stringify(c.doc, { relaxed: false })]),
        )
      }
      for (let i = 0; i < deletes.length; i += rowsPerStatement) {
        const rows = deletes.slice(i, i + rowsPerStatement)
        await tx.query(
          `DELETE FROM docs WHERE (coll, id) IN (${rows.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ')})`,
          rows.flatMap((c) => [c.coll, c.id]),
        )
      }
    })
    this.commits++
    this.beforeCommit(changes)
    this.seq++
    for (const change of changes) {
      const map = this.collectionMap(change.coll)
      const before = map.get(change.id)
      if (before) this.unindex(change.coll, before)
      if (change.doc) {
        map.set(change.id, change.doc)
        this.index(change.coll, change.doc)
      } else {
        map.delete(change.id)
      }
      this.versions.set(`${change.coll}\u0000${change.id}`, this.seq)
    }
  }

  async commit(changes: Change[]): Promise<void> {
    await this.writeLock.run(() => this.commitLocked(changes))
  }

  // --- unique indexes -------------------------------------------------------------------

  private uniqueSpecs(coll: string): IndexSpec[] {
    return (this.indexes.get(coll) ?? []).filter((s) => s.unique)
  }

  private keyOf(spec: IndexSpec, doc: Doc): string {
    // A missing field counts as null, as in the cloud.
    return JSON.stringify(Object.keys(spec.keys).map((path) => valueAtPath(doc, path) ?? null))
  }

  private rebuildUnique(coll: string): void {
    for (const spec of this.uniqueSpecs(coll)) {
      const map = new Map<string, string>()
      for (const doc of this.collections.get(coll)?.values() ?? []) map.set(this.keyOf(spec, doc), doc._id)
      this.uniqueKeys.set(`${coll}.${spec.name}`, map)
    }
  }

  private index(coll: string, doc: Doc): void {
    for (const spec of this.uniqueSpecs(coll)) this.uniqueKeys.get(`${coll}.${spec.name}`)?.set(this.keyOf(spec, doc), doc._id)
  }

  private unindex(coll: string, doc: Doc): void {
    for (const spec of this.uniqueSpecs(coll)) {
      const map = this.uniqueKeys.get(`${coll}.${spec.name}`)
      const key = this.keyOf(spec, doc)
      if (map?.get(key) === doc._id) map.delete(key)
    }
  }

  private checkUnique(changes: Change[]): void {
    // Keys taken after this batch: start from committed keys, remove what the batch rewrites.
    const released = new Set(changes.map((c) => `${c.coll}\u0000${c.id}`))
    const claimed = new Map<string, string>()
    for (const change of changes) {
      if (!change.doc) continue
      for (const spec of this.uniqueSpecs(change.coll)) {
        const key = this.keyOf(spec, change.doc)
        const indexName = `${change.coll}.${spec.name}`
        const holder = this.uniqueKeys.get(indexName)?.get(key)
        const batchHolder = claimed.get(`${indexName}\u0000${key}`)
        const taken =
          (holder !== undefined && holder !== change.id && !released.has(`${change.coll}\u0000${holder}`)) ||
          (batchHolder !== undefined && batchHolder !== change.id)
        if (taken) {
          throw new CloudDbError(
            'DATABASE_DUPLICATE_WRITE',
            `E11000 duplicate key error collection: ${change.coll} index: ${spec.name} dup key: ${key}`,
          )
        }
        claimed.set(`${indexName}\u0000${key}`, change.id)
      }
    }
  }
}

export function valueAtPath(doc: unknown, path: string): unknown {
  let value: unknown = doc
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/**
 * An empty Postgres cluster, initialised once per PGlite version and copied from then on.
 * initdb is seconds of CPU, tens of seconds on a busy machine, and every test file and every
 * fresh `npm start` needs a cluster; loading a copy takes a fraction of that.
 */
const templateFile = (() => {
  const pglite = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..')
  const version = (JSON.parse(readFileSync(path.join(pglite, 'package.json'), 'utf8')) as { version: string }).version
  return path.join(pglite, '..', '..', '.cache', 'localcloud', `pglite-${version}-empty-cluster.tar`)
})()

async function openCluster(dataDir: string | undefined): Promise<PGlite> {
  const fresh = !dataDir || !existsSync(path.join(dataDir, 'PG_VERSION'))
  if (fresh && existsSync(templateFile)) {
    try {
      const copy = new File([readFileSync(templateFile)], 'pgdata.tar', { type: 'application/x-tar' })
      const pg = dataDir ? new PGlite(dataDir, { loadDataDir: copy }) : new PGlite({ loadDataDir: copy })
      await pg.waitReady
      return pg
    } catch {
      // A damaged copy: start over from initdb below, and keep a good copy instead.
      rmSync(templateFile, { force: true })
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      if (dataDir) mkdirSync(dataDir, { recursive: true })
    }
  }
  const pg = dataDir ? new PGlite(dataDir) : new PGlite()
  await pg.waitReady
  if (fresh && !existsSync(templateFile)) {
    try {
      const dump = await pg.dumpDataDir('none')
      mkdirSync(path.dirname(templateFile), { recursive: true })
      // Written aside and renamed, so a process starting at the same moment never reads half.
      const partial = `${templateFile}.${process.pid}.${randomBytes(4).toString('hex')}`
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
      renameSync(partial, templateFile)
    } catch {
      // Only a cache: the next start initialises its own cluster.
    }
  }
  return pg
}
