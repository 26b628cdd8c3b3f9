import { randomBytes } from 'node:crypto'
import { CloudDbError, type Change, type Doc, type DocumentStore } from './store'
import { cloneValue } from './values'

/** A transaction that is not committed within this time is rolled back, as in the cloud. */
export const transactionLifetimeMs = 30_000
/** How long a plain write waits for a transaction's lock before it fails. */
export const lockWaitMs = 5_000

interface Transaction {
  id: string
  startSeq: number
  startedAt: number
  /** Documents this transaction wrote or removed (null), by key. */
  writes: Map<string, Change>
  /** Pre-images of documents committed by others after this transaction began: its snapshot. */
  snapshot: Map<string, Doc | null>
  timer: NodeJS.Timeout
}

const key = (coll: string, id: string) => `${coll}\u0000${id}`

/*
 * The service's own words for a transaction's failures, as CloudBase's SDK test suites record them
 * (code and message). wx-server-sdk keeps only the text of a failed read or write inside a
 * transaction: its error mapping knows no DATABASE_TRANSACTION_* code and turns it into errCode
 * -501001 with this message as errMsg, so code that recognises a conflict reads the message.
 */
export const transactionNotExistMessage =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
export const transactionConflictMessage =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'

const notExist = () => new CloudDbError('DATABASE_TRANSACTION_FAIL', transactionNotExistMessage)
const conflict = () => new CloudDbError('DATABASE_TRANSACTION_CONFLICT', transactionConflictMessage)

/**
 * Snapshot-isolated transactions over single documents, with the cloud's semantics:
 * reads see the database as it was when the transaction began and take no lock, so a plain write
 * to a document a transaction has only read goes through at once; a transaction's write takes a
 * lock on the document; writing a document another transaction has locked, or one committed by
 * anyone since this transaction began, fails with DATABASE_TRANSACTION_CONFLICT at once (first
 * committer wins); a plain write to a locked document waits for the lock; a commit lands every
 * write or none.
 */
export class TransactionManager {
  private readonly active = new Map<string, Transaction>()
  /** Document key → id of the transaction holding its write lock. */
  private readonly locks = new Map<string, string>()
  private readonly lockWaiters: Array<() => void> = []

  constructor(private readonly store: DocumentStore) {
    store.beforeCommit = (changes) => this.rememberPreImages(changes)
  }

  get activeCount(): number {
    return this.active.size
  }

  start(): string {
    const id = `tx-${randomBytes(12).toString('hex')}`
    const timer = setTimeout(() => this.expire(id), transactionLifetimeMs)
    timer.unref()
    this.active.set(id, {
      id,
      startSeq: this.store.commitSeq,
      startedAt: Date.now(),
      writes: new Map(),
      snapshot: new Map(),
      timer,
    })
    return id
  }

  private get(id: string): Transaction {
    const tx = this.active.get(id)
    if (!tx) throw notExist()
    return tx
  }

  read(id: string, coll: string, docId: string): Doc | undefined {
    const tx = this.get(id)
    const k = key(coll, docId)
    const own = tx.writes.get(k)
    if (own) return own.doc ? cloneValue(own.doc) : undefined
    if (tx.snapshot.has(k)) {
      const pre = tx.snapshot.get(k)
      return pre ? cloneValue(pre) : undefined
    }
    const doc = this.store.getDoc(coll, docId)
    return doc ? cloneValue(doc) : undefined
  }

  write(id: string, coll: string, docId: string, doc: Doc | null, options: { mustNotExist?: boolean } = {}): void {
    const tx = this.get(id)
    if (!this.store.hasCollection(coll)) {
      throw new CloudDbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${coll}`)
    }
    const k = key(coll, docId)
    const holder = this.locks.get(k)
    // A lock held by another transaction fails the write at once, and so does a write to a
    // document someone committed after this transaction began (its snapshot is stale: the first
    // committer wins). As in the cloud, a conflict aborts the transaction and frees its locks.
    if (holder && holder !== id) {
      this.end(tx)
      throw conflict()
    }
    if (!holder && this.store.versionOf(coll, docId) > tx.startSeq) {
      this.end(tx)
      throw conflict()
    }
    if (options.mustNotExist && this.read(id, coll, docId)) {
      throw new CloudDbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_ dup key: ${docId}`)
    }
    this.locks.set(k, id)
    tx.writes.set(k, { coll, id: docId, doc: doc ? cloneValue(doc) : null })
  }

  async commit(id: string): Promise<void> {
    const tx = this.get(id)
    try {
      await this.store.writeLock.run(async () => {
        // It may have timed out (and lost its locks) while waiting for the write lock.
        if (!this.active.has(id)) this.get(id)
        for (const change of tx.writes.values()) {
          if (this.store.versionOf(change.coll, change.id) > tx.startSeq) {
            throw conflict()
          }
        }
        await this.store.commitLocked([...tx.writes.values()])
      })
    } finally {
      this.end(tx)
    }
  }

  /**
   * Rolls a transaction back. One the service no longer has (committed, rolled back, timed out,
   * or ended by a conflict, which rolls it back at once) is refused as not existing, as the
   * service refuses the fallback rollback after a conflict.
   */
  abort(id: string): void {
    this.end(this.get(id))
  }

  private expire(id: string): void {
    const tx = this.active.get(id)
    if (tx) this.end(tx)
  }

  private end(tx: Transaction): void {
    clearTimeout(tx.timer)
    this.active.delete(tx.id)
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx.id) this.locks.delete(k)
    const waiters = this.lockWaiters.splice(0)
    for (const wake of waiters) wake()
  }

  /** Whether a transaction holds a write lock on any of these documents. */
  anyLocked(changes: Change[]): boolean {
    return changes.some((c) => this.locks.has(key(c.coll, c.id)))
  }

  /** Resolves when some transaction ends (or after a short poll interval). */
  waitForRelease(): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 50)
      this.lockWaiters.push(() => {
        clearTimeout(t)
        resolve()
      })
    })
  }

  /** Keeps what each running transaction would have seen before these changes land. */
  private rememberPreImages(changes: Change[]): void {
    if (this.active.size === 0) return
    for (const change of changes) {
      const k = key(change.coll, change.id)
      const before = this.store.getDoc(change.coll, change.id) ?? null
      for (const tx of this.active.values()) {
        if (!tx.snapshot.has(k)) tx.snapshot.set(k, before)
      }
    }
  }
}
