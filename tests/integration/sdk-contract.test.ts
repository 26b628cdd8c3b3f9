import type { LocalCloud, RecordedRequest } from '../../localcloud/server'
import { seedDemo } from '../../demo/demo-data'
import { sdkFor, startTestCloud } from '../support/cloud'

/**
 * What the pinned wx-server-sdk sends for every kind of call the project makes. The local cloud
 * implements this internal protocol; if an SDK upgrade changes it, this snapshot fails first.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof sdkFor>
beforeAll(async () => {
  cloud = await startTestCloud({ recordRequests: true })
  await cloud.store.createCollection('notes')
  await seedDemo(cloud.store)
  sdk = sdkFor(cloud)
})
afterAll(() => cloud.close())

function normalized(requests: RecordedRequest[]) {
  return requests.map(({ action, params, fn }) => {
    const copy: Record<string, unknown> = { ...params }
    if (copy.transactionId) copy.transactionId = '<transaction>'
    return fn ? { action, fn, params: copy } : { action, params: copy }
  })
}

async function record(run: () => Promise<unknown>) {
  cloud.requests.length = 0
  await run()
  return normalized(cloud.requests)
}

describe('SDK wire contract', () => {
  it('database calls', async () => {
    const db = sdk.database({ throwOnNotFound: false })
    const _ = db.command
    expect(
      await record(async () => {
        await db.collection('notes').add({ data: { _id: 'n1', title: '心得', words: 800, at: db.serverDate() } })
        await db.collection('notes').doc('n1').get()
        await db.collection('notes').where({ words: _.gte(500) }).orderBy('words', 'desc').skip(10).limit(20).field({ title: true }).get()
        await db.collection('notes').where({ _id: 'n1', words: _.lt(1000) }).update({ data: { words: _.inc(1), status: 'submitted' } })
        await db.collection('notes').doc('n1').update({ data: { reviewed: true } })
        await db.collection('notes').doc('n2').set({ data: { title: '草稿' } })
        await db.collection('notes').where({ words: _.gt(0) }).count()
        await db.collection('notes').aggregate().match({ words: _.gt(0) }).group({ _id: null, n: db.command.aggregate.sum(1) }).end()
        await db.collection('notes').add({ data: [{ _id: 'n4', title: '批量一' }, { _id: 'n5', title: '批量二' }] })
        await db.collection('notes').doc('n2').remove()
        await db.collection('notes').where({ title: '不存在' }).remove()
      }),
    ).toMatchSnapshot()
  })

  it('aggregations with lookups, as the caller lookup and the desk send them', async () => {
    const db = sdk.database({ throwOnNotFound: false })
    const since = new Date('2026-01-01T00:00:00Z')
    expect(
      await record(async () => {
        await db
          .collection('bindings')
          .aggregate()
          .match({ _id: 'demo-secretary' })
          .lookup({ from: 'members', localField: 'memberId', foreignField: '_id', as: 'member' })
          .unwind('$member')
          .lookup({ from: 'groups', localField: 'member.groupId', foreignField: '_id', as: 'group' })
          .end()
        await db
          .collection('members')
          .aggregate()
          .match({ _id: 'member-001' })
          .lookup({ from: 'inbox', pipeline: [{ $match: { memberId: 'member-001', readAt: null } }, { $count: 'n' }], as: 'unread' })
          .lookup({ from: 'attendance', let: { memberId: '$_id' }, pipeline: [{ $match: { $expr: { $eq: ['$memberId', '$$memberId'] }, checkedInAt: { $gte: since } } }, { $sort: { checkedInAt: -1 } }, { $limit: 1 }], as: 'last' })
          .end()
      }),
    ).toMatchSnapshot()
  })

  it('alternatives, array elements and appends (a volunteer sign-up)', async () => {
    const db = sdk.database({ throwOnNotFound: false })
    const _ = db.command
    expect(
      await record(async () => {
        await db.collection('notes').where(_.or([{ _id: 'n1' }, { words: _.gt(100), status: _.in(['submitted', 'approved']) }])).limit(20).get()
        await db.collection('notes').where(_.and([{ words: _.gt(0) }, _.or([{ _id: 'n1' }, { _id: 'n2' }])])).get()
        await db.collection('notes').where({ _id: 'n1', 'readers.memberId': _.neq('m1') }).update({ data: { readers: _.push([{ memberId: 'm1', at: new Date(0) }]) } })
      }),
    ).toMatchSnapshot()
  })

  it('the reminder sender: ids picked by key, a group of claims updated together, acceptances spent by count, a subject grouped', async () => {
    const db = sdk.database({ throwOnNotFound: false })
    const _ = db.command
    const $ = db.command.aggregate
    expect(
      await record(async () => {
        await db.collection('notes').aggregate().match({ _id: _.in(['n1', 'n4']) }).project({ _id: 1 }).limit(1000).end()
        await db.collection('notes').where({ _id: _.in(['n1', 'n4']), status: 'submitted' }).update({ data: { status: 'sent', codes: [-1, 0], leaseUntil: null } })
        await db.collection('notes').where({ _id: _.in(['n1']) }).update({ data: { words: _.inc(-2) } })
        await db
          .collection('notes')
          .aggregate()
          .match({ title: _.neq(null) })
          .group({ _id: { title: '$title', status: '$status' }, n: $.sum(1), first: $.min('$at') })
          .limit(1000)
          .end()
      }),
    ).toMatchSnapshot()
  })

  it('transaction calls', async () => {
    const db = sdk.database({ throwOnNotFound: false })
    expect(
      await record(() =>
        db.runTransaction(async (tx: any) => {
          await tx.collection('notes').doc('n1').get()
          await tx.collection('notes').doc('n1').update({ data: { words: 900 } })
          await tx.collection('notes').add({ data: { _id: 'n3', title: '新' } })
          await tx.collection('notes').doc('n3').remove()
          await tx.collection('notes').doc('n6').set({ data: { title: '事务中写入' } })
        }),
      ),
    ).toMatchSnapshot()
  })

  it('a transaction that rolls back', async () => {
    const db = sdk.database({ throwOnNotFound: false })
    expect(
      await record(() =>
        db
          .runTransaction(async (tx: any) => {
            await tx.collection('notes').doc('n1').update({ data: { words: 1 } })
            throw new Error('rolled back')
          })
          .catch(() => undefined),
      ),
    ).toMatchSnapshot()
  })

  it('storage, function and open-API calls', async () => {
    await cloud.openapi.grantSubscription('o-contract', 'TPL', 1)
    expect(
      await record(async () => {
        const { fileID } = await sdk.uploadFile({ cloudPath: 'notes/photo.png', fileContent: Buffer.from('png') })
        await sdk.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })
        await sdk.downloadFile({ fileID })
        await sdk.deleteFile({ fileList: [fileID] })
        await cloud.invoke('relay', { target: 'noop' }, { openid: 'o-contract' })
        await cloud.invoke('notify', { api: 'subscribeMessage.send', params: { touser: 'o-contract', templateId: 'TPL', page: 'pages/home/index', data: { thing1: { value: '会议' } } } })
        await cloud.invoke('notify', { api: 'wxacode.getUnlimited', params: { scene: 'c=ABCD2345', page: 'pages/checkin/index', checkPath: false, width: 430 } })
        await cloud.invoke('notify', { api: 'security.msgSecCheck', params: { version: 2, scene: 2, openid: 'o-contract', content: '学习体会' } })
      }),
    ).toMatchSnapshot()
  })

  it("the project's own functions: member.me", async () => {
    expect(await record(() => cloud.invoke('member', { action: 'member.me', input: {} }, { openid: 'demo-secretary' }))).toMatchSnapshot()
  })
})
