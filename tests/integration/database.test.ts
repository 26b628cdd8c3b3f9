import type { LocalCloud } from '../../localcloud/server'
import { sdkFor, startTestCloud } from '../support/cloud'

let cloud: LocalCloud
let sdk: ReturnType<typeof sdkFor>
let db: ReturnType<typeof sdkFor>

beforeAll(async () => {
  cloud = await startTestCloud({ recordRequests: true })
  for (const name of ['books', 'shifts', 'counters', 'counterLog', 'accounts', 'ledger', 'big']) await cloud.store.createCollection(name)
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

  it("reports a conflict so the SDK's own runTransaction retries", async () => {
    await db.collection('accounts').add({ data: { _id: 'acc', balance: 100 } })
    const startsBefore = cloud.requests.filter((r) => r.action === 'database.startTransaction').length
    let attempts = 0
    const result = await db.runTransaction(async (tx: any) => {
      attempts++
      const acc = (await tx.collection('accounts').doc('acc').get()) as { data: { balance: number } }
      if (attempts === 1) {
        // Someone else changes the account between our read and our write.
        await db.collection('accounts').doc('acc').update({ data: { balance: db.command.inc(-30) } })
      }
      await tx.collection('accounts').doc('acc').update({ data: { balance: acc.data.balance - 10 } })
      return acc.data.balance - 10
    })
    expect(attempts).toBe(2)
    expect(result).toBe(60)
    const starts = cloud.requests.filter((r) => r.action === 'database.startTransaction').length - startsBefore
    expect(starts).toBe(2)
    const acc = (await db.collection('accounts').doc('acc').get()) as { data: { balance: number } }
    expect(acc.data.balance).toBe(60)
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

  it('supports only single-document operations inside a transaction', async () => {
    const tx = await db.startTransaction()
    const error = await errorOf(tx.collection('accounts').where({ balance: 60 }).get())
    expect(`${error.code} ${error.errCode} ${error.errMsg} ${error.message}`).toMatch(/single-document/)
    await tx.rollback().catch(() => undefined)
  })
})
