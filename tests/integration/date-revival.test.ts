import type { Db } from '../../cloudfunctions/_lib/db'
import type { LocalCloud } from '../../localcloud/server'
import { sdkFor, startTestCloud } from '../support/cloud'

/*
 * The functions' database handle over the unmodified SDK and the local cloud: a Date stored as a
 * Date reads back as one on every kind of read (the SDK parses EJSON on each), and a value stored
 * as text where a collection declares a Date (a console import, a hand fix) reads back as the Date
 * it names, so no handler has to revive one.
 */

let cloud: LocalCloud
let sdkDb: ReturnType<typeof sdkFor>
let db: Db

const startAt = new Date('2026-03-10T00:00:00.000Z')
const endAt = new Date('2026-03-10T01:00:00.000Z')
const queuedAt = new Date('2026-03-01T02:03:04.005Z')

beforeAll(async () => {
  cloud = await startTestCloud()
  sdkDb = sdkFor(cloud).database({ throwOnNotFound: false })
  // Loaded once the SDK's environment points at this cloud, as in a function instance.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  db = (require('../../cloudfunctions/_lib/cloud-db') as typeof import('../../cloudfunctions/_lib/cloud-db')).cloudDb
  const shift = { branchId: 'b1', activityId: 'a1', status: 'published', taken: 1, capacity: 1, startAt, endAt, waitlist: [{ memberId: 'm2', name: '乙', at: queuedAt }] }
  await sdkDb.collection('shifts').add({ data: { _id: 'stored', ...shift } })
  // The same shift as a console JSON import would store it: every instant as text.
  const asText = { ...shift, startAt: startAt.toISOString(), endAt: endAt.toISOString(), waitlist: [{ memberId: 'm2', name: '乙', at: queuedAt.toISOString() }] }
  await sdkDb.collection('shifts').add({ data: { _id: 'text', ...asText } })
  await sdkDb.collection('signups').add({ data: { _id: 'text_m1', shiftId: 'text', memberId: 'm1', status: 'confirmed', startAt: startAt.toISOString(), endAt: endAt.toISOString(), checkInAt: null } })
})
afterAll(() => cloud.close())

function expectShiftDates(shift: { startAt: unknown; endAt: unknown; waitlist: Array<{ at: unknown }> } | null | undefined) {
  expect(shift?.startAt).toEqual(startAt)
  expect(shift?.endAt).toEqual(endAt)
  expect(shift?.waitlist[0].at).toEqual(queuedAt)
  for (const value of [shift?.startAt, shift?.endAt, shift?.waitlist[0].at]) expect(value).toBeInstanceOf(Date)
}

describe('dates at the database edge', () => {
  it('reads a stored Date as a Date, and text where a Date is declared as that Date, on every kind of read', async () => {
    for (const id of ['stored', 'text']) expectShiftDates(await db.get('shifts', id))
    const all = await db.all('shifts', { branchId: 'b1' })
    expect(all.map((s) => s._id)).toEqual(['stored', 'text'])
    all.forEach(expectShiftDates)
    ;(await db.some('shifts', { branchId: 'b1' }, 2, ['_id', 'desc'])).forEach(expectShiftDates)
    ;(await db.allCounted('shifts', { branchId: 'b1' })).forEach(expectShiftDates)
    expectShiftDates(await db.transaction((tx) => tx.get('shifts', 'text')))
  })

  it('revives the documents an aggregation reads and its lookups join, and leaves what it computes as computed', async () => {
    const [row] = await db.aggregate<{ startAt: Date; endAt: Date; waitlist: Array<{ at: Date }>; places: Array<{ startAt: Date; checkInAt: Date | null }> }>('shifts', [
      { $match: { _id: 'text' } },
      { $lookup: { from: 'signups', localField: '_id', foreignField: 'shiftId', as: 'places' } },
    ])
    expectShiftDates(row)
    expect(row.places[0].startAt).toEqual(startAt)
    expect(row.places[0].checkInAt).toBeNull()
    // A group's output is not a shift: its fields are what the database computed (a Date from Dates).
    const [group] = await db.aggregate<{ _id: null; first: Date; startAt?: unknown }>('shifts', [{ $match: { _id: 'stored' } }, { $group: { _id: null, first: { $min: '$startAt' }, startAt: { $first: '$_id' } } }])
    expect(group.first).toEqual(startAt)
    expect(group.startAt).toBe('stored')
  })
})
