import { main } from '../../cloudfunctions/volunteer/index'
import type { MemberDoc, ShiftDoc, SignupDoc } from '../../shared/domain/documents'
import type { Result } from '../../shared/errors'
import type { SignupResult } from '../../shared/api/areas/volunteer'
import { hourMs, minuteMs } from '../../shared/domain/time'
import type { TxDb } from '../../cloudfunctions/_lib/db'
import { MemoryDb } from '../support/memory-db'

/**
 * The seats module (take, the line, vacate with promotion, swap) through the volunteer
 * function's handlers: a fixed `now` and the in-memory database, every branch without a cloud.
 */
const now = new Date('2026-03-02T10:00:00+08:00')
const hoursFromNow = (h: number) => new Date(now.getTime() + h * hourMs)

const member = (id: string, category: MemberDoc['category'] = 'full'): MemberDoc => ({
  _id: id,
  branchId: 'b1',
  groupId: null,
  name: `成员${id}`,
  category,
  positions: [],
  phone: `1380000${id.replace(/\D/g, '').padStart(4, '0')}`,
  joinedPartyAt: null,
  status: 'active',
  grants: [],
  revokes: [],
  createdAt: now,
  updatedAt: now,
})

function shift(id: string, startInHours: number, overrides: Partial<ShiftDoc> = {}): ShiftDoc {
  const startAt = hoursFromNow(startInHours)
  return {
    _id: id,
    branchId: 'b1',
    activityId: 'a1',
    activityType: 'community',
    activityTitle: `活动${id}`,
    organiser: '七彩阳光党员志愿服务队',
    place: '社区',
    rosterId: null,
    date: '2026-03-03',
    startAt,
    endAt: new Date(startAt.getTime() + 2 * hourMs),
    signupOpensAt: hoursFromNow(-24),
    signupClosesAt: startAt,
    cancelDeadline: new Date(startAt.getTime() - 12 * hourMs),
    capacity: 1,
    taken: 0,
    waitlist: [],
    eligibility: 'partyMembers',
    leaderId: null,
    leaderName: null,
    hours: 2,
    presenceShare: 0.6,
    geofence: null,
    status: 'published',
    cancelReason: null,
    cancelledByRoster: false,
    peopleServed: 0,
    version: 1,
    secret: 'secret',
    createdBy: 'm1',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  }
}

const ids = ['m1', 'm2', 'm3', 'm4']

function world(shifts: ShiftDoc[], extra: { signups?: SignupDoc[]; members?: MemberDoc[] } = {}) {
  const members = extra.members ?? [...ids.map((id) => member(id)), member('a1', 'activist')]
  const db = new MemoryDb({
    members,
    bindings: members.map((m) => ({ _id: `o-${m._id}`, memberId: m._id, branchId: 'b1', boundAt: now })),
    shifts,
    signups: extra.signups ?? [],
  })
  const call = <T>(who: string, action: string, input: unknown, at = now) =>
    main.run({ action, input }, { caller: { openid: `o-${who}`, appid: 'wx', source: 'wx_client' }, now: at, db }) as Promise<Result<T>>
  const signup = (who: string, shiftId: string, waitlist = true, at = now) => call<SignupResult>(who, 'volunteer.signup', { shiftId, waitlist }, at)
  // Reads make empty collections appear; only documents count.
  const state = () => JSON.stringify([...db.collections.entries()].filter(([, docs]) => docs.size).map(([name, docs]) => [name, [...docs.entries()]]))
  const record = (shiftId: string, memberId: string) => db.peek('signups', `${shiftId}_${memberId}`)
  const places = (memberId: string) => (db.peek('members', memberId)?.shiftPlaces ?? []).map((p) => [p.shiftId, p.status])
  return { db, call, signup, state, record, places }
}

const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code)

describe('take: a seat, the line, or a refusal that writes nothing', () => {
  it('gives a free seat: the count, the record and the person’s places change together, and the answer shows the card', async () => {
    const w = world([shift('s1', 24, { capacity: 2 })])
    const result = await w.signup('m1', 's1', false)
    expect(result).toMatchObject({ ok: true, data: { status: 'confirmed', position: null, already: false, shift: { id: 's1', taken: 1, capacity: 2, mine: { status: 'confirmed' } } } })
    expect(w.db.peek('shifts', 's1')).toMatchObject({ taken: 1, waitlist: [] })
    expect(w.record('s1', 'm1')).toMatchObject({ status: 'confirmed', memberName: '成员m1' })
    expect(w.places('m1')).toEqual([['s1', 'confirmed']])
  })

  it('answers a second tap with the same place and writes nothing', async () => {
    const w = world([shift('s1', 24)])
    await w.signup('m1', 's1')
    const before = w.state()
    expect(await w.signup('m1', 's1')).toMatchObject({ ok: true, data: { status: 'confirmed', already: true, shift: { taken: 1 } } })
    expect(w.state()).toBe(before)
  })

  it('refuses a full shift to someone who did not ask for the line, and puts someone who did at its end', async () => {
    const w = world([shift('s1', 24)])
    await w.signup('m1', 's1')
    const before = w.state()
    const full = await w.signup('m2', 's1', false)
    expect(codeOf(full)).toBe('SHIFT.FULL')
    expect(w.state()).toBe(before)
    expect(await w.signup('m2', 's1')).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 1, shift: { waitlist: 1, mine: { status: 'waitlisted', position: 1 } } } })
    expect(await w.signup('m3', 's1', true, new Date(now.getTime() - minuteMs))).toMatchObject({ ok: true, data: { position: 2 } })
    const line = w.db.peek('shifts', 's1')?.waitlist ?? []
    expect(line.map((e) => e.memberId)).toEqual(['m2', 'm3'])
    // Accepted after m2: never stamped before the one ahead, whatever the request's own clock said.
    expect(new Date(line[1].at).getTime()).toBeGreaterThanOrEqual(new Date(line[0].at).getTime())
    expect(await w.signup('m2', 's1')).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 1, already: true } })
  })

  it('refuses a place overlapping one the person holds, naming it, and writes nothing', async () => {
    const w = world([shift('s1', 24), shift('s2', 25)])
    await w.signup('m1', 's1')
    const before = w.state()
    const clash = await w.signup('m1', 's2')
    expect(clash).toMatchObject({ ok: false, error: { code: 'SHIFT.OVERLAP' } })
    expect(clash.ok ? '' : clash.error.message).toContain('活动s1')
    expect(w.state()).toBe(before)
  })

  it('does not count a place whose record ended with its cancelled shift', async () => {
    const w = world([shift('s1', 24), shift('s2', 25)])
    await w.signup('m1', 's1')
    // An activity cancel ends the records in bulk; the roster entry still names the place.
    await w.db.update('shifts', 's1', { status: 'cancelled' })
    await w.db.update('signups', 's1_m1', { status: 'cancelled' })
    expect(await w.signup('m1', 's2')).toMatchObject({ ok: true, data: { status: 'confirmed' } })
    expect(w.places('m1')).toEqual([['s2', 'confirmed']])
  })

  it('reads a person’s places from their records until their roster entry keeps them', async () => {
    const w = world([shift('s1', 24), shift('s2', 25)])
    await w.signup('m1', 's1')
    await w.db.update('members', 'm1', { shiftPlaces: undefined })
    expect(codeOf(await w.signup('m1', 's2'))).toBe('SHIFT.OVERLAP')
  })

  it('refuses a cancelled shift, a closed or unopened sign-up and an ineligible person, each with its code and no write', async () => {
    const w = world([shift('gone', 24, { status: 'cancelled', cancelReason: '下雨' }), shift('soon', 1, { signupClosesAt: hoursFromNow(-1) }), shift('later', 48, { signupOpensAt: hoursFromNow(2) }), shift('open', 30), shift('draft', 30, { status: 'draft' })])
    const before = w.state()
    const cancelled = await w.signup('m1', 'gone')
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'SHIFT.CANCELLED', message: '该班次已取消：下雨' } })
    expect(codeOf(await w.signup('m1', 'soon'))).toBe('SHIFT.SIGNUP_CLOSED')
    expect(codeOf(await w.signup('m1', 'later'))).toBe('SHIFT.SIGNUP_NOT_OPEN')
    expect(codeOf(await w.signup('a1', 'open'))).toBe('SHIFT.NOT_ELIGIBLE')
    expect(codeOf(await w.signup('m1', 'draft'))).toBe('SHIFT.NOT_FOUND')
    expect(codeOf(await w.signup('m1', 'nowhere'))).toBe('SHIFT.NOT_FOUND')
    expect(w.state()).toBe(before)
  })

  it('answers SHIFT.BUSY, not INTERNAL, when the crowd outlasts the retries, and nothing is written', async () => {
    const w = world([shift('s1', 24)])
    w.db.transaction = async <T>(body: (tx: TxDb) => Promise<T>): Promise<T> => {
      void body
      throw Object.assign(new Error('[ResourceUnavailable.TransactionConflict] shifts/s1 changed since the transaction began'), { code: 'DATABASE_TRANSACTION_CONFLICT' })
    }
    const before = w.state()
    expect(await w.signup('m1', 's1')).toMatchObject({ ok: false, error: { code: 'SHIFT.BUSY', message: '报名的人较多，请稍后再试' } })
    expect(w.state()).toBe(before)
  })
})

describe('vacate: a place ends and the line moves up in the same step', () => {
  it('gives the freed seat to the first in line, updates everyone’s places and queues the message', async () => {
    const w = world([shift('s1', 24)])
    await w.signup('m1', 's1')
    await w.signup('m2', 's1')
    await w.signup('m3', 's1')
    expect(await w.call('m1', 'volunteer.cancel', { shiftId: 's1' })).toMatchObject({ ok: true })
    expect(w.db.peek('shifts', 's1')).toMatchObject({ taken: 1, waitlist: [{ memberId: 'm3' }] })
    expect([w.record('s1', 'm1')?.status, w.record('s1', 'm2')?.status]).toEqual(['cancelled', 'confirmed'])
    expect([w.places('m1'), w.places('m2')]).toEqual([[], [['s1', 'confirmed']]])
    const reminders = [...(w.db.collections.get('reminders')?.values() ?? [])]
    expect(reminders.map((r) => [r.memberId, r.kind])).toEqual([['m2', 'shiftPromoted']])
  })

  it('logs every sign-up, a second one after cancelling too', async () => {
    const w = world([shift('s1', 24)])
    await w.signup('m1', 's1')
    await w.call('m1', 'volunteer.cancel', { shiftId: 's1' })
    await w.signup('m1', 's1')
    await w.signup('m2', 's1')
    const log = [...(w.db.collections.get('shiftLog')?.values() ?? [])].map((l) => [l.memberId, l.kind, l.after ?? l.before])
    expect(log).toEqual([['m1', 'signedUp', '已报名'], ['m1', 'cancelled', '已报名'], ['m1', 'signedUp', '已报名'], ['m2', 'signedUp', '候补中']])
  })

  it('lets someone leave the line without touching the seats', async () => {
    const w = world([shift('s1', 24)])
    for (const m of ['m1', 'm2', 'm3']) await w.signup(m, 's1')
    await w.call('m2', 'volunteer.cancel', { shiftId: 's1' })
    expect(w.db.peek('shifts', 's1')).toMatchObject({ taken: 1, waitlist: [{ memberId: 'm3' }] })
    expect(w.places('m2')).toEqual([])
  })

  it('never promotes someone who holds an overlapping place: they leave the line and are told why; the next one gets the seat', async () => {
    const w = world([shift('s1', 24), shift('s3', 25)])
    for (const m of ['m1', 'm2', 'm3']) await w.signup(m, 's1')
    // m2 holds s3 at an overlapping time (their place there predates this rule, say).
    await w.db.add('signups', { ...(w.record('s1', 'm2') as SignupDoc), _id: 's3_m2', shiftId: 's3', status: 'confirmed', startAt: hoursFromNow(25), endAt: hoursFromNow(27) })
    await w.db.update('members', 'm2', { shiftPlaces: [...(w.db.peek('members', 'm2')?.shiftPlaces ?? []), { shiftId: 's3', title: '活动s3', startAt: hoursFromNow(25), endAt: hoursFromNow(27), status: 'confirmed' }] })
    await w.call('m1', 'volunteer.cancel', { shiftId: 's1' })
    expect(w.db.peek('shifts', 's1')).toMatchObject({ taken: 1, waitlist: [] })
    expect([w.record('s1', 'm2')?.status, w.record('s1', 'm3')?.status]).toEqual(['cancelled', 'confirmed'])
    expect(w.places('m2')).toEqual([['s3', 'confirmed']])
    const told = [...(w.db.collections.get('inbox')?.values() ?? [])].filter((m) => m.memberId === 'm2')
    expect(told.map((m) => m.title)).toEqual(['你的候补已取消'])
    expect(String(told[0].body)).toContain('时间重叠')
  })

  it('never promotes someone who already holds a seat on the shift: they only leave the line', async () => {
    const w = world([shift('s1', 24, { capacity: 2 })])
    await w.signup('m1', 's1')
    await w.signup('m2', 's1')
    await w.signup('m3', 's1')
    // A line entry left beside a seat (data from before seats were one step).
    await w.db.update('shifts', 's1', { waitlist: [{ memberId: 'm2', name: '成员m2', at: now }, { memberId: 'm3', name: '成员m3', at: now }] })
    await w.db.update('shifts', 's1', { capacity: 2, taken: 2 })
    await w.call('m1', 'volunteer.cancel', { shiftId: 's1' })
    expect(w.db.peek('shifts', 's1')).toMatchObject({ taken: 2, waitlist: [] })
    expect(w.record('s1', 'm3')?.status).toBe('confirmed')
    expect([...(w.db.collections.get('reminders')?.values() ?? [])].map((r) => r.memberId)).toEqual(['m3'])
  })

  it('refuses a cancel after the deadline, and one by someone not on the shift, writing nothing', async () => {
    const w = world([shift('s1', 10)])
    await w.signup('m1', 's1')
    const before = w.state()
    // Past the few minutes in which a sign-up can be undone.
    const later = new Date(now.getTime() + 11 * minuteMs)
    expect(codeOf(await w.call('m1', 'volunteer.cancel', { shiftId: 's1' }, later))).toBe('SHIFT.CANCEL_CLOSED')
    expect(codeOf(await w.call('m2', 'volunteer.cancel', { shiftId: 's1' }, later))).toBe('SHIFT.NOT_SIGNED_UP')
    expect(w.state()).toBe(before)
  })

  it('promotes nobody once the shift has started', async () => {
    const w = world([shift('s1', 24)], { members: [...ids.map((id) => member(id)), { ...member('lead'), positions: ['secretary'] }] })
    await w.signup('m1', 's1')
    await w.signup('m2', 's1')
    const started = new Date(now.getTime() + 24 * hourMs + minuteMs)
    expect(codeOf(await w.call('lead', 'volunteer.remove', { shiftId: 's1', memberId: 'm1', reason: '临时有课' }, started))).toBe('SHIFT.STARTED')
  })
})

describe('swap: a seat changes hands in one step', () => {
  it('moves the seat and both people’s places, and tells the one who offered it', async () => {
    const w = world([shift('s1', 24)])
    await w.signup('m1', 's1')
    await w.call('m1', 'volunteer.offerSwap', { shiftId: 's1', offer: true })
    expect(await w.call('m2', 'volunteer.takeSwap', { shiftId: 's1', fromMemberId: 'm1' })).toMatchObject({ ok: true })
    expect([w.record('s1', 'm1')?.status, w.record('s1', 'm2')?.status]).toEqual(['swappedOut', 'confirmed'])
    expect([w.places('m1'), w.places('m2')]).toEqual([[], [['s1', 'confirmed']]])
    expect(w.db.peek('shifts', 's1')).toMatchObject({ taken: 1 })
  })

  it('refuses a seat no longer offered, one’s own seat and an overlapping one, writing nothing', async () => {
    const w = world([shift('s1', 24), shift('s2', 25)])
    await w.signup('m1', 's1')
    await w.signup('m2', 's2')
    await w.call('m1', 'volunteer.offerSwap', { shiftId: 's1', offer: true })
    const before = w.state()
    expect(codeOf(await w.call('m1', 'volunteer.takeSwap', { shiftId: 's1', fromMemberId: 'm1' }))).toBe('SHIFT.SWAP_SELF')
    expect(codeOf(await w.call('m2', 'volunteer.takeSwap', { shiftId: 's1', fromMemberId: 'm1' }))).toBe('SHIFT.OVERLAP')
    expect(codeOf(await w.call('m3', 'volunteer.takeSwap', { shiftId: 's1', fromMemberId: 'm4' }))).toBe('SHIFT.SWAP_UNAVAILABLE')
    expect(w.state()).toBe(before)
  })
})

describe('a shift day that forgives', () => {
  const lead = { ...member('lead'), positions: ['secretary'] } as MemberDoc
  const members = [...ids.map((id) => member(id)), lead]

  it('undoes an accidental 报名 for a few minutes after it, even past the cancel deadline', async () => {
    const w = world([shift('s1', 6)], { members })
    await w.signup('m1', 's1')
    await w.signup('m2', 's1')
    expect(await w.call('m1', 'volunteer.cancel', { shiftId: 's1' }, new Date(now.getTime() + 9 * minuteMs))).toMatchObject({ ok: true })
    expect(w.record('s1', 'm2')?.status).toBe('confirmed')
    const again = await w.signup('m3', 's1', true, new Date(now.getTime() + 9 * minuteMs))
    expect(again).toMatchObject({ ok: true, data: { status: 'waitlisted' } })
    await w.signup('m4', 's1', false, new Date(now.getTime() + 9 * minuteMs))
    expect(codeOf(await w.call('m2', 'volunteer.cancel', { shiftId: 's1' }, new Date(now.getTime() + 11 * minuteMs)))).toBe('SHIFT.CANCEL_CLOSED')
  })

  it('confirms hours only once the shift is over, and never more than its length', async () => {
    const w = world([shift('s1', 24, { endAt: new Date(hoursFromNow(24).getTime() + 45 * minuteMs), hours: 0.8 })], { members })
    await w.signup('m1', 's1')
    const during = new Date(hoursFromNow(24).getTime() + 30 * minuteMs)
    const after = new Date(hoursFromNow(24).getTime() + 50 * minuteMs)
    const entry = (hours: number) => ({ shiftId: 's1', peopleServed: 5, entries: [{ memberId: 'm1', outcome: 'credited', hours, reason: '按实际服务时间' }] })
    expect(codeOf(await w.call('lead', 'volunteer.confirmHours', entry(0.7), during))).toBe('SHIFT.NOT_ENDED')
    const tooMuch = await w.call('lead', 'volunteer.confirmHours', entry(0.8), after)
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(tooMuch.ok ? '' : tooMuch.error.message).toContain('0.7')
    expect(await w.call('lead', 'volunteer.confirmHours', entry(0.7), after)).toMatchObject({ ok: true })
    expect(w.record('s1', 'm1')).toMatchObject({ hours: 0.7, hoursStatus: 'credited' })
  })
})

describe('cancelling a shift', () => {
  it('closes it, ends every place, counts nobody, and tells everyone from the final state', async () => {
    const lead = { ...member('lead'), positions: ['secretary'] } as MemberDoc
    const w = world([shift('s1', 24)], { members: [...ids.map((id) => member(id)), lead] })
    for (const m of ['m1', 'm2', 'm3']) await w.signup(m, 's1')
    expect(await w.call('lead', 'volunteer.cancelShift', { shiftId: 's1', reason: '天气原因' })).toMatchObject({ ok: true, data: { status: 'cancelled', taken: 0, waitlist: 0 } })
    expect(['m1', 'm2', 'm3'].map((m) => w.record('s1', m)?.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    const told = [...(w.db.collections.get('inbox')?.values() ?? [])].filter((m) => m.kind === 'shiftCancelled').map((m) => m.memberId)
    expect(told.sort()).toEqual(['m1', 'm2', 'm3'])
    expect(codeOf(await w.signup('m4', 's1'))).toBe('SHIFT.CANCELLED')
  })
})
