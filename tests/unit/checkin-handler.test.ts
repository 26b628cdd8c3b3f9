import { main } from '../../cloudfunctions/checkin/index'
import { signToken } from '../../cloudfunctions/_lib/checkin-token'
import { tokenSlot } from '../../shared/domain/checkin-code'
import type { MeetingDoc, MemberDoc } from '../../shared/domain/documents'
import type { Result } from '../../shared/errors'
import { MemoryDb } from '../support/memory-db'
import { minuteMs } from '../../shared/domain/time'

/** checkin.scan run as a handler, without a cloud: a fixed `now` and an in-memory database. */
const start = new Date('2025-11-20T16:30:00+08:00')
const at = (minutesFromStart: number, plusMs = 0) => new Date(start.getTime() + minutesFromStart * minuteMs + plusMs)

const member = (id: string): MemberDoc => ({
  _id: id,
  branchId: 'b1',
  groupId: null,
  name: `成员${id}`,
  category: 'full',
  positions: [],
  phone: `1380000${id.padStart(4, '0')}`,
  joinedPartyAt: null,
  status: 'active',
  grants: [],
  revokes: [],
  createdAt: start,
  updatedAt: start,
})

function world(meetingId: string) {
  const meeting: MeetingDoc = {
    _id: meetingId,
    branchId: 'b1',
    type: 'themedPartyDay',
    title: '主题党日',
    startAt: start,
    endAt: at(60),
    venue: '会议室',
    audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false },
    hostId: null,
    recorderId: null,
    agenda: [],
    checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
    status: 'published',
    cancelReason: null,
    code: 'ABCD2345',
    secret: 'secret',
    createdBy: '1',
    createdAt: start,
    updatedAt: start,
  }
  const ids = ['1', '2', '3']
  const db = new MemoryDb({
    members: ids.map(member),
    bindings: ids.map((id) => ({ _id: `o${id}`, memberId: id, branchId: 'b1', boundAt: start })),
    meetings: [meeting],
  })
  const scan = async (who: string, now: Date) =>
    (await main.run({ action: 'checkin.scan', input: { token: signToken(meeting, tokenSlot(now)) } }, { caller: { openid: who, appid: 'wx', source: 'wx_client' }, now, db })) as Result<{ status: string }>
  return { db, scan }
}

describe('checkin.scan as a handler', () => {
  it('costs two database operations: who is calling with the meeting, and one insert', async () => {
    const { db, scan } = world('a'.repeat(32))
    expect(await scan('o1', at(-10))).toMatchObject({ ok: true, data: { status: 'present' } })
    expect(db.ops).toBe(2)
    db.ops = 0
    expect(await scan('o2', at(-10, 1_000))).toMatchObject({ ok: true, data: { status: 'present' } })
    expect(db.ops).toBe(2)
  })

  it('counts a scan after the start plus the grace as 迟到', async () => {
    const { scan } = world('b'.repeat(32))
    expect(await scan('o1', at(5, 1))).toMatchObject({ ok: true, data: { status: 'late' } })
  })

  it('refuses a scan the moment the meeting is cancelled, on an instance that has just served it', async () => {
    const { db, scan } = world('c'.repeat(32))
    expect(await scan('o1', at(-10))).toMatchObject({ ok: true })
    await db.update('meetings', 'c'.repeat(32), { status: 'cancelled' })
    expect(await scan('o2', at(-10, 1))).toMatchObject({ ok: false, error: { code: 'MEETING.CANCELLED' } })
    expect(db.peek('attendance', `${'c'.repeat(32)}_2`)).toBeUndefined()
  })

  it('checks a scan against the meeting as just edited: moved later, it is not open yet', async () => {
    const { db, scan } = world('d'.repeat(32))
    expect(await scan('o1', at(-10))).toMatchObject({ ok: true })
    await db.update('meetings', 'd'.repeat(32), { startAt: at(120), endAt: at(180) })
    expect(await scan('o2', at(-10, 1))).toMatchObject({ ok: false, error: { code: 'CHECKIN.NOT_OPEN' } })
    expect(db.peek('attendance', `${'d'.repeat(32)}_2`)).toBeUndefined()
  })
})
