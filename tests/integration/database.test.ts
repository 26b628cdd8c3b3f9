import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CloudDatabase } from '../../localcloud/db/database'
import { DocumentStore } from '../../localcloud/db/store'
import type { LocalCloud } from '../../localcloud/server'
import { sdkFor, startTestCloud } from '../support/cloud'

let cloud: LocalCloud
let sdk: ReturnType<typeof sdkFor>
let db: ReturnType<typeof sdkFor>

beforeAll(async () => {
  cloud = await startTestCloud({ recordRequests: true })
  for (const name of ['books', 'shifts', 'counters', 'counterLog', 'accounts', 'ledger', 'big', 'teams', 'events', 'library']) await cloud.store.createCollection(name)
  sdk = sdkFor(cloud)
  db = sdk.database({ throwOnNotFound: false })
})
afterAll(() => cloud.close())

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as { errCode?: number | string; errMsg?: string; code?: string; message?: string }
  }
  throw new Error('expected the call to fail')
}

describe('queries and updates through the unmodified SDK', () => {
  beforeAll(async () => {
    const titles = ['党章', '论持久战', '实践论', '矛盾论', '为人民服务']
    for (const [i, title] of titles.entries()) {
      await db.collection('books').add({ data: { _id: `b${i}`, title, pages: (i + 1) * 100, tags: i % 2 ? ['odd'] : ['even'], meta: { shelf: i } } })
    }
  })

  it('filters, orders, skips, limits and projects with MongoDB semantics', async () => {
    const _ = db.command
    const res = (await db
      .collection('books')
      .where({ pages: _.gte(200), tags: 'even' })
      .orderBy('pages', 'desc')
      .skip(0)
      .limit(1)
      .field({ title: true })
      .get()) as { data: Array<Record<string, unknown>> }
    expect(res.data).toEqual([{ _id: 'b4', title: '为人民服务' }])
  })

  it('reads one document by id and answers null for a missing one', async () => {
    const found = (await db.collection('books').doc('b1').get()) as { data: { title: string } }
    expect(found.data.title).toBe('论持久战')
    const missing = (await db.collection('books').doc('nope').get()) as { data: unknown }
    expect(missing.data ?? null).toBeNull()
  })

  it('applies update operators atomically and reports what changed', async () => {
    const _ = db.command
    const res = (await db.collection('books').where({ pages: _.lte(200) }).update({ data: { pages: _.inc(1), 'meta.read': true } })) as { stats: { updated: number } }
    expect(res.stats.updated).toBe(2)
    const b0 = (await db.collection('books').doc('b0').get()) as { data: { pages: number; meta: Record<string, unknown> } }
    expect(b0.data.pages).toBe(101)
    expect(b0.data.meta).toEqual({ shelf: 0, read: true })
  })

  it('replaces a document with set and creates it when missing', async () => {
    await db.collection('books').doc('b9').set({ data: { title: '新书' } })
    await db.collection('books').doc('b9').set({ data: { title: '新书（第二版）' } })
    const res = (await db.collection('books').doc('b9').get()) as { data: Record<string, unknown> }
    expect(res.data).toEqual({ _id: 'b9', title: '新书（第二版）' })
  })

  it('counts, removes and aggregates', async () => {
    const count = (await db.collection('books').where({ tags: 'odd' }).count()) as { total: number }
    expect(count.total).toBe(2)
    const $ = db.command.aggregate
    const agg = (await db.collection('books').aggregate().match({ pages: db.command.exists(true) }).group({ _id: { $arrayElemAt: ['$tags', 0] }, n: $.sum(1) }).sort({ _id: 1 }).end()) as { list: unknown[] }
    expect(agg.list).toEqual([{ _id: 'even', n: 3 }, { _id: 'odd', n: 2 }])
    const removed = (await db.collection('books').doc('b9').remove()) as { stats: { removed: number } }
    expect(removed.stats.removed).toBe(1)
  })

  it('matches db.RegExp patterns', async () => {
    const res = (await db.collection('books').where({ title: db.RegExp({ regexp: '^论', options: 'i' }) }).get()) as { data: Array<{ title: string }> }
    expect(res.data.map((d) => d.title)).toEqual(['论持久战'])
  })

  it('updates one match and returns it with updateAndReturn (modifyAndReturnDoc)', async () => {
    // wx-server-sdk's types do not list it; the underlying query object has it.
    const query = db.collection('books').where({ _id: 'b3' }) as { _query?: { updateAndReturn?: unknown } }
    const raw = (query._query ?? query) as { updateAndReturn: (data: unknown) => Promise<{ updated: number; doc: { pages: number } }> }
    const res = await raw.updateAndReturn({ pages: db.command.inc(5) })
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'b3', pages: 405 } })
  })

  it('stamps serverDate with the server clock', async () => {
    const before = Date.now()
    const { _id } = (await db.collection('books').add({ data: { title: 'x', at: db.serverDate() } })) as { _id: string }
    const res = (await db.collection('books').doc(_id).get()) as { data: { at: Date } }
    expect(res.data.at).toBeInstanceOf(Date)
    expect(res.data.at.getTime()).toBeGreaterThanOrEqual(before - 5)
    expect(res.data.at.getTime()).toBeLessThanOrEqual(Date.now() + 5)
    await db.collection('books').doc(_id).remove()
  })

  it('refuses a collection that does not exist, as the cloud does', async () => {
    const error = await errorOf(db.collection('no_such_collection').get())
    expect(`${error.errCode} ${error.errMsg} ${error.message}`).toMatch(/DATABASE_COLLECTION_NOT_EXIST|not exist/)
  })
})

describe('the cloud limits on one read', () => {
  beforeAll(async () => {
    const filler = 'x'.repeat(2000)
    await cloud.store.commit(
      Array.from({ length: 1200 }, (_, i) => ({ coll: 'big', id: `d${String(i).padStart(4, '0')}`, doc: { _id: `d${String(i).padStart(4, '0')}`, i, filler: i < 600 ? filler : '' } })),
    )
  })

  it('returns 100 documents by default and at most 1000', async () => {
    const byDefault = (await db.collection('big').get()) as { data: unknown[] }
    expect(byDefault.data).toHaveLength(100)
    const most = (await db.collection('big').where({ i: db.command.gte(600) }).limit(1000).get()) as { data: unknown[] }
    expect(most.data).toHaveLength(600)
    const capped = (await db.collection('big').field({ filler: false }).limit(1000).get()) as { data: unknown[] }
    expect(capped.data).toHaveLength(1000)
  })

  it('refuses a result over 1 MB', async () => {
    const error = await errorOf(db.collection('big').where({ i: db.command.lt(600) }).limit(600).get())
    expect(`${error.errMsg ?? error.message}`).toMatch(/1 MB/)
  })
})

describe('unique indexes from database/collections.json', () => {
  it('refuses a second binding of the same member', async () => {
    await db.collection('bindings').add({ data: { _id: 'openid-a', memberId: 'm1' } })
    const error = await errorOf(db.collection('bindings').add({ data: { _id: 'openid-b', memberId: 'm1' } }))
    expect(`${error.errCode} ${error.errMsg} ${error.message}`).toMatch(/DATABASE_DUPLICATE_WRITE|duplicate key/)
    const count = (await db.collection('bindings').where({ memberId: 'm1' }).count()) as { total: number }
    expect(count.total).toBe(1)
  })

  it('treats a missing field as null', async () => {
    await db.collection('bindings').add({ data: { _id: 'openid-c' } })
    const error = await errorOf(db.collection('bindings').add({ data: { _id: 'openid-d' } }))
    expect(`${error.errMsg ?? error.message}`).toMatch(/duplicate key/)
  })
})

describe('atomic conditional update (the capacity guard)', () => {
  it('never lets more than capacity through when 30 press at once', async () => {
    await db.collection('shifts').add({ data: { _id: 'gate', capacity: 5, taken: 0 } })
    const _ = db.command
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        db.collection('shifts').where({ _id: 'gate', taken: _.lt(5) }).update({ data: { taken: _.inc(1) } }) as Promise<{ stats: { updated: number } }>,
      ),
    )
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(5)
    const shift = (await db.collection('shifts').doc('gate').get()) as { data: { taken: number } }
    expect(shift.data.taken).toBe(5)
  })
})

describe('transactions', () => {
  it('ends exact after 50 concurrent transactional increments through functions', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => cloud.invoke('counter', { id: 'c50', by: `u${i}` })))
    expect(outcomes.filter((o) => !o.ok)).toEqual([])
    const counter = (await db.collection('counters').doc('c50').get()) as { data: { value: number } }
    expect(counter.data.value).toBe(50)
    const values = ((await db.collection('counterLog').where({ counter: 'c50' }).limit(100).get()) as { data: Array<{ value: number }> }).data
      .map((d) => d.value)
      .sort((a, b) => a - b)
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })

  it("retries a transaction whose document changed under it, and lands on fresh data (the functions' runTransaction)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runTransaction } = require('../../cloudfunctions/_lib/transaction') as typeof import('../../cloudfunctions/_lib/transaction')
    await db.collection('accounts').add({ data: { _id: 'acc', balance: 100 } })
    let attempts = 0
    const result = await runTransaction(async (tx) => {
      attempts++
      const acc = await tx.collection('accounts').doc<{ balance: number }>('acc').get()
      if (attempts === 1) {
        // Someone else changes the account between our read and our write.
        await db.collection('accounts').doc('acc').update({ data: { balance: db.command.inc(-30) } })
      }
      await tx.collection('accounts').doc('acc').update({ data: { balance: (acc.data?.balance ?? 0) - 10 } })
      return (acc.data?.balance ?? 0) - 10
    })
    expect(attempts).toBe(2)
    expect(result).toBe(60)
    const acc = (await db.collection('accounts').doc('acc').get()) as { data: { balance: number } }
    expect(acc.data.balance).toBe(60)
  })

  it('takes no lock on a read: an outside write goes through, the transaction keeps its snapshot and its own write then conflicts', async () => {
    await db.collection('accounts').add({ data: { _id: 'read-only', balance: 100 } })
    const tx = await db.startTransaction()
    const before = (await tx.collection('accounts').doc('read-only').get()) as { data: { balance: number } }
    expect(before.data.balance).toBe(100)
    const outside = (await db.collection('accounts').doc('read-only').update({ data: { balance: db.command.inc(-30) } })) as { stats: { updated: number } }
    expect(outside.stats.updated).toBe(1)
    const again = (await tx.collection('accounts').doc('read-only').get()) as { data: { balance: number } }
    expect(again.data.balance).toBe(100)
    const error = await errorOf(tx.collection('accounts').doc('read-only').update({ data: { balance: 90 } }))
    expect(`${error.code} ${error.errMsg} ${error.message}`).toMatch(/TRANSACTION_CONFLICT|TransactionConflict/)
    const after = (await db.collection('accounts').doc('read-only').get()) as { data: { balance: number } }
    expect(after.data.balance).toBe(70)
  })

  it('lets the first of two transactions that read a document commit, and refuses the write of the other', async () => {
    await db.collection('accounts').add({ data: { _id: 'race', balance: 10 } })
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first.collection('accounts').doc('race').get()
    await second.collection('accounts').doc('race').get()
    await first.collection('accounts').doc('race').update({ data: { balance: 11 } })
    await first.commit()
    const error = await errorOf(second.collection('accounts').doc('race').update({ data: { balance: 12 } }))
    expect(`${error.code} ${error.errMsg} ${error.message}`).toMatch(/TRANSACTION_CONFLICT|TransactionConflict/)
    const doc = (await db.collection('accounts').doc('race').get()) as { data: { balance: number } }
    expect(doc.data.balance).toBe(11)
  })

  it("holds a plain write to a document a transaction wrote until that transaction commits, then applies it", async () => {
    await db.collection('accounts').add({ data: { _id: 'held', balance: 1 } })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('held').update({ data: { balance: 2 } })
    const outside = db.collection('accounts').doc('held').update({ data: { balance: db.command.inc(10) } })
    await tx.commit()
    await outside
    const doc = (await db.collection('accounts').doc('held').get()) as { data: { balance: number } }
    expect(doc.data.balance).toBe(12)
  })

  it('reads a snapshot: changes committed after the transaction began stay invisible to it', async () => {
    await db.collection('accounts').add({ data: { _id: 'snap', balance: 1 } })
    const tx = await db.startTransaction()
    await db.collection('accounts').doc('snap').update({ data: { balance: 2 } })
    const inside = (await tx.collection('accounts').doc('snap').get()) as { data: { balance: number } }
    expect(inside.data.balance).toBe(1)
    await tx.rollback()
  })

  it('refuses a write to a document another transaction has locked', async () => {
    await db.collection('accounts').add({ data: { _id: 'lock', balance: 1 } })
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first.collection('accounts').doc('lock').update({ data: { balance: 2 } })
    const error = await errorOf(second.collection('accounts').doc('lock').update({ data: { balance: 3 } }))
    expect(`${error.code} ${error.errCode} ${error.errMsg} ${error.message}`).toMatch(/TRANSACTION_CONFLICT|TransactionConflict/)
    await first.commit()
    const doc = (await db.collection('accounts').doc('lock').get()) as { data: { balance: number } }
    expect(doc.data.balance).toBe(2)
  })

  it('rolls back every write when the body throws', async () => {
    await expect(
      db.runTransaction(async (tx: any) => {
        await tx.collection('accounts').doc('acc').update({ data: { balance: 0 } })
        await tx.collection('ledger').add({ data: { _id: 'l-rollback', amount: -60 } })
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    const acc = (await db.collection('accounts').doc('acc').get()) as { data: { balance: number } }
    expect(acc.data.balance).toBe(60)
    const ledger = (await db.collection('ledger').doc('l-rollback').get()) as { data: unknown }
    expect(ledger.data ?? null).toBeNull()
  })

  it('lands a commit over several collections whole or not at all', async () => {
    await db.collection('bindings').add({ data: { _id: 'openid-x', memberId: 'taken' } })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('acc').update({ data: { balance: 1 } })
    await tx.collection('bindings').doc('openid-y').set({ data: { memberId: 'taken' } })
    const error = await errorOf(tx.commit())
    expect(`${error.code} ${error.message}`).toMatch(/DUPLICATE|duplicate/)
    const acc = (await db.collection('accounts').doc('acc').get()) as { data: { balance: number } }
    expect(acc.data.balance).toBe(60)
  })

  it('refuses, with the invalid-operator error, every multi-document feature the WeChat documentation does not promise in a transaction, and writes nothing', async () => {
    await db.collection('accounts').add({ data: { _id: 'multi', balance: 5 } })
    const tx = await db.startTransaction()
    // The SDK's own transaction: where().get() and a batch add carry the transaction.
    const refused = [
      await errorOf(tx.collection('accounts').where({ balance: 5 }).get()),
      await errorOf(tx.collection('ledger').add({ data: [{ _id: 'batch-1', amount: 1 }, { _id: 'batch-2', amount: 2 }] })),
    ]
    // The database layer inside the SDK (as @cloudbase/node-sdk) also sends updateAndReturn with it.
    const inner = await (db._db as { startTransaction(): Promise<any> }).startTransaction()
    refused.push(await errorOf(inner.collection('accounts').where({ balance: 5 }).updateAndReturn({ balance: 7 })))
    await inner.commit()
    for (const error of refused) {
      expect(`${error.code ?? error.errCode} ${error.errMsg ?? error.message}`).toMatch(/^(DATABASE_INVALID_OPERRATOR|-502002) .*\[UnsupportedOperation\].* is not supported in a transaction/)
    }
    // The single-document operations go on in the same transaction, which commits.
    await tx.collection('accounts').doc('multi').update({ data: { balance: 8 } })
    await tx.commit()
    expect(((await db.collection('accounts').doc('multi').get()) as { data: { balance: number } }).data.balance).toBe(8)
    const batch = (await db.collection('ledger').where({ _id: db.command.in(['batch-1', 'batch-2']) }).get()) as { data: unknown[] }
    expect(batch.data).toEqual([])
  })
})

describe("transaction errors in the service's words", () => {
  const notExist =
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
  const conflict =
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'

  it('answers any use of a committed transaction as a transaction that does not exist', async () => {
    const tx = await db.startTransaction()
    await tx.commit()
    // A read or write inside it: wx-server-sdk knows no DATABASE_TRANSACTION_* code and keeps only the text.
    const write = await errorOf(tx.collection('accounts').doc('acc').set({ data: { balance: 1 } }))
    expect(write.code).toBeUndefined()
    expect(write.errCode).toBe(-501001)
    expect(write.errMsg).toBe(`document.set:fail -501001 resource system error. ${notExist}`)
    // commit() hands the service's answer over untouched.
    const again = await errorOf(tx.commit())
    expect([again.code, again.message]).toEqual(['DATABASE_TRANSACTION_FAIL', notExist])
  })

  it("answers a write conflict with the service's message, which is all wx-server-sdk leaves of it, so its own retry never sees a conflict and the functions' retry reads the text", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { isTransactionConflict } = require('../../cloudfunctions/_lib/transaction') as typeof import('../../cloudfunctions/_lib/transaction')
    await db.collection('accounts').add({ data: { _id: 'words', balance: 1 } })
    const first = await db.startTransaction()
    await first.collection('accounts').doc('words').update({ data: { balance: 2 } })
    let runs = 0
    const error = await errorOf(
      db.runTransaction(async (tx: any) => {
        runs++
        await tx.collection('accounts').doc('words').update({ data: { balance: 3 } })
      }, 3),
    )
    await first.commit()
    expect(runs).toBe(1)
    // A conflict rolls the transaction back at once: rolling it back again finds nothing.
    const holder = await db.startTransaction()
    await holder.collection('accounts').doc('words').update({ data: { balance: 5 } })
    const loser = await db.startTransaction()
    await errorOf(loser.collection('accounts').doc('words').update({ data: { balance: 4 } }))
    await holder.rollback()
    const rollback = await errorOf(loser.rollback())
    expect([rollback.code, rollback.message]).toEqual(['DATABASE_TRANSACTION_FAIL', notExist])
    expect(error.code).toBeUndefined()
    expect(error.errCode).toBe(-501001)
    expect(error.errMsg).toBe(`document.update:fail -501001 resource system error. ${conflict}`)
    expect(isTransactionConflict(error)).toBe(true)
    const used = await db.startTransaction()
    await used.commit()
    expect(isTransactionConflict(await errorOf(used.collection('accounts').doc('words').get()))).toBe(false)
    expect(((await db.collection('accounts').doc('words').get()) as { data: { balance: number } }).data.balance).toBe(2)
  })
})

describe('answers shaped like the real API', () => {
  it('gives every answer a requestId, which the SDK passes on', async () => {
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('acc').get()
    const committed = (await tx.commit()) as { requestId?: string }
    expect(committed.requestId).toMatch(/\S{8,}/)
    // wx-server-sdk's own wrappers drop it for reads and writes; the database layer inside keeps it.
    const inner = db._db as { startTransaction(): Promise<any> }
    const raw = await inner.startTransaction()
    const read = (await raw.collection('accounts').doc('acc').get()) as { requestId?: string }
    const added = (await raw.collection('ledger').add({ _id: 'l-request-id', amount: 1 })) as { requestId?: string }
    const updated = (await raw.collection('accounts').doc('acc').update({ seen: true })) as { requestId?: string }
    const done = (await raw.commit()) as { requestId?: string }
    for (const answer of [read, added, updated, done]) expect(answer.requestId).toMatch(/\S{8,}/)
    const called = (await sdk.callFunction({ name: 'noop', data: {} })) as { requestID?: string }
    expect(called.requestID).toMatch(/\S{8,}/)
    const refused = await errorOf(inner.startTransaction().then((t) => t.commit().then(() => t.commit())))
    expect((refused as { requestId?: string }).requestId).toMatch(/\S{8,}/)
  })

  it('answers an operator the local cloud does not have with the invalid-operator error, not a server error', async () => {
    const $ = db.command.aggregate
    for (const attempt of [
      // JavaScript in a query or a pipeline: the cloud does not run it.
      () => db.collection('books').where({ $where: 'this.pages > 1' }).get(),
      () => db.collection('books').aggregate().project({ f: $.function ? $.function({ body: 'function() { return 1 }', args: [], lang: 'js' }) : { $function: { body: 'function() { return 1 }', args: [], lang: 'js' } } }).end(),
      () => db.collection('books').where({ pages: { $notAnOperator: 1 } }).get(),
    ]) {
      const error = await errorOf(attempt())
      expect(`${error.code} ${error.errCode} ${error.errMsg}`).toMatch(/-502002|DATABASE_INVALID_OPERRATOR/)
      expect(`${error.errMsg} ${error.message}`).not.toMatch(/500|internal/)
    }
  })

  it('keeps Dates and ObjectIds in ordinary fields as Dates and ObjectIds', async () => {
    const ObjectId = (db._db as { ObjectId: (o: { id: string }) => unknown }).ObjectId
    const at = new Date('2026-03-10T08:30:00.000Z')
    await db.collection('events').add({ data: { _id: 'e1', at, ref: ObjectId({ id: '5f1d7a8b9c0d1e2f3a4b5c6d' }), log: [at], nested: { at } } })
    await db.collection('events').doc('e1').update({ data: { later: at, log: db.command.push(at), 'nested.again': at } })
    await db.runTransaction(async (tx: any) => {
      await tx.collection('events').doc('e2').set({ data: { at, ref: ObjectId({ id: '5f1d7a8b9c0d1e2f3a4b5c6e' }) } })
    })
    const read = ((await db.collection('events').doc('e1').get()) as { data: Record<string, any> }).data
    for (const value of [read.at, read.later, read.log[0], read.log[1], read.nested.at, read.nested.again]) {
      expect(value).toBeInstanceOf(Date)
      expect(value.getTime()).toBe(at.getTime())
    }
    // get() flattens ObjectIds on the SDK side; aggregate hands them over as they are stored.
    const listed = ((await db.collection('events').aggregate().sort({ _id: 1 }).end()) as { list: Array<Record<string, any>> }).list
    expect(listed.map((d) => [d.ref?._bsontype, String(d.ref)])).toEqual([
      ['ObjectID', '5f1d7a8b9c0d1e2f3a4b5c6d'],
      ['ObjectID', '5f1d7a8b9c0d1e2f3a4b5c6e'],
    ])
    expect(listed[1].at).toBeInstanceOf(Date)
    const byDate = (await db.collection('events').where({ at: db.command.eq(at) }).get()) as { data: unknown[] }
    expect(byDate.data).toHaveLength(2)
    const byRef = (await db.collection('events').where({ ref: ObjectId({ id: '5f1d7a8b9c0d1e2f3a4b5c6e' }) }).get()) as { data: Array<{ _id: string }> }
    expect(byRef.data.map((d) => d._id)).toEqual(['e2'])
  })

  it('answers a document whose fields hold ObjectIds with those ObjectIds, after any write and after a restart', async () => {
    const ObjectId = (db._db as { ObjectId: (o: { id: string }) => unknown }).ObjectId
    const hex = ['6a0000000000000000000001', '6a0000000000000000000002', '6a0000000000000000000003', '6a0000000000000000000004']
    await db.collection('events').add({ data: { _id: 'oid', owner: ObjectId({ id: hex[0] }), refs: [ObjectId({ id: hex[1] })] } })
    await db.collection('events').doc('oid').update({ data: { 'nested.by': ObjectId({ id: hex[2] }), refs: db.command.push(ObjectId({ id: hex[3] })) } })
    const returned = (await (db._db as any).collection('events').where({ _id: 'oid' }).updateAndReturn({ seen: true })) as { doc: Record<string, any> }
    const expected = { _id: 'oid', owner: hex[0], refs: [hex[1], hex[3]], nested: { by: hex[2] }, seen: true }
    const asHex = (doc: Record<string, any>) => JSON.parse(JSON.stringify(doc)) as unknown
    expect(returned.doc.owner._bsontype).toBe('ObjectID')
    expect(asHex(returned.doc)).toEqual(expected)
    // The answer to the SDK's get(): the service's EJSON, ObjectIds and all. (wx-server-sdk's own
    // formatting then renders any ObjectId as {}, whichever server answered: aggregate hands them over.)
    const before = cloud.requests.length
    await db.collection('events').doc('oid').get()
    const [getRequest] = cloud.requests.slice(before)
    const answer = (await cloud.db.handle(getRequest.action, getRequest.params)) as { data: { list: string[] } }
    expect(answer.data.list[0]).toContain(`{"$oid":"${hex[0]}"}`)
    const listed = ((await db.collection('events').aggregate().match({ _id: 'oid' }).end()) as { list: Array<Record<string, any>> }).list
    expect(listed[0].nested.by._bsontype).toBe('ObjectID')
    expect(asHex(listed[0])).toEqual(expected)
    // Stored as written: a store reopened on the same files reads the same ObjectIds.
    const dir = mkdtempSync(path.join(tmpdir(), 'localcloud-oid-'))
    try {
      const store = await DocumentStore.open({ dataDir: dir })
      await store.createCollection('events')
      await new CloudDatabase(store).handle('database.insertDocument', { collectionName: 'events', data: answer.data.list })
      await store.close()
      const reopened = await DocumentStore.open({ dataDir: dir })
      const again = (await new CloudDatabase(reopened).handle('database.getDocument', getRequest.params)) as { data: { list: string[] } }
      await reopened.close()
      expect(again.data.list).toEqual(answer.data.list)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('combines a regular expression with orderBy, skip and limit', async () => {
    const titles = (res: unknown) => (res as { data: Array<{ title: string }> }).data.map((d) => d.title)
    const desc = await db.collection('books').where({ title: db.RegExp({ regexp: '论', options: 'i' }) }).orderBy('pages', 'desc').get()
    expect(titles(desc)).toEqual(['矛盾论', '实践论', '论持久战'])
    const paged = await db.collection('books').where({ title: /论/ }).orderBy('pages', 'asc').skip(1).limit(1).get()
    expect(titles(paged)).toEqual(['实践论'])
  })

  describe('queries on arrays of embedded documents match what MongoDB matches', () => {
    beforeAll(async () => {
      const teams = [
        { _id: 't1', groups: [{ members: [{ name: '甲', age: 30 }] }, { members: [{ name: '乙', age: 40, tags: ['书记'] }] }] },
        { _id: 't2', groups: [{ members: [] }] },
        { _id: 't3', groups: [{ members: [{ name: '丙', age: 41.9 }] }] },
        { _id: 't4', groups: [{ members: [{ name: '丁', age: '41' }] }] },
      ]
      for (const team of teams) await db.collection('teams').add({ data: team })
    })
    const ids = async (where: Record<string, unknown>) => ((await db.collection('teams').where(where).get()) as { data: Array<{ _id: string }> }).data.map((d) => d._id).sort()
    const _ = () => db.command

    it('elemMatch: one element meets every condition, in any array reached through the path', async () => {
      expect(await ids({ 'groups.members': _().elemMatch({ name: '乙', age: _().gt(35) }) })).toEqual(['t1'])
      expect(await ids({ 'groups.members': _().elemMatch({ name: '甲', age: _().gt(35) }) })).toEqual([])
      expect(await ids({ 'groups.members': _().elemMatch({ tags: _().exists(false) }) })).toEqual(['t1', 't3', 't4'])
    })

    it('exists: a field counts only where some element of the arrays on the path has it', async () => {
      expect(await ids({ 'groups.members.name': _().exists(true) })).toEqual(['t1', 't3', 't4'])
      expect(await ids({ 'groups.members.name': _().exists(false) })).toEqual(['t2'])
      expect(await ids({ 'groups.members.tags': _().exists(true) })).toEqual(['t1'])
    })

    it('mod: numbers only, truncated toward zero', async () => {
      expect(await ids({ 'groups.members.age': _().mod([20, 0]) })).toEqual(['t1'])
      expect(await ids({ 'groups.members.age': _().mod([41, 0]) })).toEqual(['t3'])
    })
  })

  it("computes aggregation's date operators as MongoDB does", async () => {
    await db.collection('events').add({ data: { _id: 'd-sun', at: new Date('2021-01-03T05:00:00.000Z') } })
    await db.collection('events').add({ data: { _id: 'd-mon', at: new Date('2024-12-30T12:00:00.000Z') } })
    const $ = db.command.aggregate
    const res = (await db
      .collection('events')
      .aggregate()
      .match({ _id: db.command.in(['d-sun', 'd-mon']) })
      .sort({ _id: 1 })
      .project({
        _id: 1,
        dayOfWeek: $.dayOfWeek('$at'),
        dayOfYear: $.dayOfYear('$at'),
        week: $.week('$at'),
        isoWeek: $.isoWeek('$at'),
        isoWeekYear: $.isoWeekYear('$at'),
        isoDayOfWeek: $.isoDayOfWeek('$at'),
        inBeijing: $.dateToString({ date: '$at', format: '%Y-%m-%d %H:%M %G-W%V-%u', timezone: 'Asia/Shanghai' }),
        fromParts: $.dateFromParts({ year: 2024, month: 2, day: 30 }),
        fromIsoParts: $.dateFromParts({ isoWeekYear: 2025, isoWeek: 1, isoDayOfWeek: 1, timezone: '+08:00' }),
        fromString: $.dateFromString({ dateString: '2024-03-10T16:30:00+08:00' }),
        fromLocalString: $.dateFromString({ dateString: '2024-03-10 16:30', timezone: 'Asia/Shanghai' }),
      })
      .end()) as { list: Array<Record<string, unknown>> }
    const iso = (v: unknown) => (v as Date).toISOString()
    const [mon, sun] = res.list
    expect({ ...sun, fromParts: iso(sun.fromParts), fromIsoParts: iso(sun.fromIsoParts), fromString: iso(sun.fromString), fromLocalString: iso(sun.fromLocalString) }).toEqual({
      _id: 'd-sun',
      dayOfWeek: 1,
      dayOfYear: 3,
      week: 1,
      isoWeek: 53,
      isoWeekYear: 2020,
      isoDayOfWeek: 7,
      inBeijing: '2021-01-03 13:00 2020-W53-7',
      fromParts: '2024-03-01T00:00:00.000Z',
      fromIsoParts: '2024-12-29T16:00:00.000Z',
      fromString: '2024-03-10T08:30:00.000Z',
      fromLocalString: '2024-03-10T08:30:00.000Z',
    })
    expect(mon).toMatchObject({ dayOfWeek: 2, dayOfYear: 365, week: 52, isoWeek: 1, isoWeekYear: 2025, isoDayOfWeek: 1, inBeijing: '2024-12-30 20:00 2025-W01-1' })
  })
})

describe("MongoDB's $jsonSchema and string operators, as the service evaluates them", () => {
  beforeAll(async () => {
    const docs = [
      { _id: 'l1', title: '论持久战', author: '毛泽东', pages: 120, tags: ['军事', '战略'] },
      { _id: 'l2', title: 'cafétéria', pages: 12.5, tags: ['a', 'a'] },
      { _id: 'l3', title: '矛盾论', author: '毛泽东', pages: '80' },
      { _id: 'l4', pages: 3 },
      { _id: 'l5', title: '党', author: 7, pages: 5000000000 },
    ]
    for (const doc of docs) await db.collection('library').add({ data: doc })
  })
  const ids = async (query: unknown) => ((await db.collection('library').where(query).get()) as { data: Array<{ _id: string }> }).data.map((d) => d._id).sort()

  it('selects the documents a $jsonSchema accepts, in where and under nor', async () => {
    const _ = db.command
    const titled = { required: ['title', 'author'], properties: { title: { bsonType: 'string', minLength: 2 }, author: { bsonType: 'string' } } }
    expect(await ids({ $jsonSchema: titled })).toEqual(['l1', 'l3'])
    expect(await ids(_.nor([{ $jsonSchema: titled }]))).toEqual(['l2', 'l4', 'l5'])
    // Together with other conditions, and with several schemas under nor.
    expect(await ids({ pages: _.gt(100), $jsonSchema: { properties: { pages: { bsonType: 'int' } } } })).toEqual(['l1'])
    expect(await ids(_.nor([{ $jsonSchema: { required: ['title'] } }, { $jsonSchema: { properties: { pages: { bsonType: 'string' } } } }]))).toEqual(['l4'])
    // Numbers as the SDK stores them: an integer within 32 bits is an int, anything else a double.
    expect(await ids({ $jsonSchema: { properties: { pages: { bsonType: 'double' } } }, pages: _.exists(true), title: _.exists(true) })).toEqual(['l2', 'l5'])
    // A keyword constrains only values of its type: the string '80' passes a minimum.
    expect(await ids({ $jsonSchema: { properties: { pages: { minimum: 12.5, exclusiveMinimum: true } } } })).toEqual(['l1', 'l3', 'l5'])
    expect(await ids({ $jsonSchema: { properties: { pages: { type: 'number', minimum: 12.5 } } } })).toEqual(['l1', 'l2', 'l5'])
    // Lengths count characters, not bytes; patterns; arrays; enum; not and anyOf.
    expect(await ids({ $jsonSchema: { required: ['title'], properties: { title: { maxLength: 3 } } } })).toEqual(['l3', 'l5'])
    expect(await ids({ $jsonSchema: { properties: { title: { pattern: '论$' } }, required: ['title'] } })).toEqual(['l3'])
    expect(await ids({ $jsonSchema: { required: ['tags'], properties: { tags: { uniqueItems: true, items: { bsonType: 'string' } } } } })).toEqual(['l1'])
    expect(await ids({ $jsonSchema: { properties: { author: { enum: ['毛泽东'] } }, required: ['author'] } })).toEqual(['l1', 'l3'])
    expect(await ids({ $jsonSchema: { not: { required: ['title'] } } })).toEqual(['l4'])
    expect(await ids({ $jsonSchema: { anyOf: [{ required: ['tags'] }, { properties: { pages: { maximum: 3 } } }] } })).toEqual(['l1', 'l2', 'l3', 'l4', 'l5'].filter((id) => id !== 'l5'))
    expect(await ids({ $jsonSchema: { additionalProperties: false, properties: { _id: {}, pages: {} } } })).toEqual(['l4'])
    // In an aggregation's $match too.
    const matched = (await db.collection('library').aggregate().match({ $jsonSchema: titled }).sort({ _id: 1 }).end()) as { list: Array<{ _id: string }> }
    expect(matched.list.map((d) => d._id)).toEqual(['l1', 'l3'])
  })

  it('refuses a schema MongoDB does not accept, as a failed request', async () => {
    for (const schema of [{ format: 'email' }, { $ref: '#/a' }, { properties: { pages: { type: 'integer' } } }, { bsonType: 'string' }, { required: [] }, { minLength: -1 }, { spelling: 1 }]) {
      const error = await errorOf(db.collection('library').where({ $jsonSchema: schema }).get())
      expect(`${error.errCode} ${error.errMsg}`).toMatch(/^-502001 .*\$jsonSchema/)
    }
  })

  it('finds a substring by characters with $indexOfCP, as MongoDB documents it', async () => {
    const $ = db.command.aggregate
    const at = async (args: unknown[]) => {
      const res = (await db.collection('library').aggregate().match({ _id: 'l2' }).project({ at: $.indexOfCP(args) }).end()) as { list: Array<{ at: unknown }> }
      return res.list[0].at
    }
    expect(await at(['$title', 'é'])).toBe(3)
    expect(await at(['$title', 't'])).toBe(4)
    expect(await at(['$title', 'é', 5])).toBe(5)
    expect(await at(['$title', 'é', 6])).toBe(-1)
    expect(await at(['$title', 'é', 5, 2])).toBe(-1)
    expect(await at(['$title', 'ia', 0, 8])).toBe(7)
    // A match has to begin before the end index (MongoDB's implementation), not fit before it.
    expect(await at(['$title', 'ria', 0, 7])).toBe(6)
    expect(await at(['$title', 'ria', 0, 6])).toBe(-1)
    expect(await at(['$title', 'é', 20])).toBe(-1)
    expect(await at(['$missing', 'é'])).toBeNull()
    expect(await at(['', ''])).toBe(0)
    const chinese = (await db.collection('library').aggregate().match({ _id: 'l1' }).project({ at: $.indexOfCP(['$title', '持久']) }).end()) as { list: Array<{ at: number }> }
    expect(chinese.list[0].at).toBe(1)
    for (const args of [['$title', 'é', -1], ['$title', 'é', 1.5], ['$title', 1], ['$pages', 'a']]) {
      const error = await errorOf(db.collection('library').aggregate().match({ _id: 'l2' }).project({ at: $.indexOfCP(args) }).end())
      expect(`${error.errMsg} ${error.message}`).toMatch(/\$indexOfCP requires/)
    }
  })

  it('cuts strings by UTF-8 bytes with $substrBytes, refusing a cut inside a character', async () => {
    const $ = db.command.aggregate
    const cut = async (id: string, args: unknown[]) => {
      const res = (await db.collection('library').aggregate().match({ _id: id }).project({ s: $.substrBytes(args) }).end()) as { list: Array<{ s: unknown }> }
      return res.list[0].s
    }
    expect(await cut('l2', ['$title', 0, 5])).toBe('café')
    expect(await cut('l2', ['$title', 5, 4])).toBe('tér')
    expect(await cut('l2', ['$title', 3, -1])).toBe('étéria')
    expect(await cut('l2', ['$title', 0, 100])).toBe('cafétéria')
    expect(await cut('l2', ['$title', 50, 2])).toBe('')
    expect(await cut('l1', ['$title', 3, 6])).toBe('持久')
    expect(await cut('l1', ['$title', 0, 12])).toBe('论持久战')
    expect(await cut('l4', ['$title', 0, 2])).toBe('')
    expect(await cut('l4', ['$pages', 0, 1])).toBe('3')
    for (const [id, args, message] of [
      ['l2', ['$title', 7, 3], /starting index is a UTF-8 continuation byte/],
      ['l1', ['$title', 0, 1], /ending index is in the middle of a UTF-8 character/],
      ['l2', ['$title', -1, 2], /starting index must be non-negative/],
      ['l2', ['$title', '0', 2], /starting index must be a numeric type/],
      ['l1', ['$tags', 0, 2], /can't convert from BSON type array to String/],
    ] as Array<[string, unknown[], RegExp]>) {
      const error = await errorOf(db.collection('library').aggregate().match({ _id: id }).project({ s: $.substrBytes(args) }).end())
      expect(`${error.errMsg} ${error.message}`).toMatch(message)
      expect(`${error.errMsg} ${error.message}`).toMatch(/DATABASE_REQUEST_FAILED|-502001|FailedOperation/)
    }
  })
})
