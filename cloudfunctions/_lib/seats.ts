import { fail } from '../../shared/errors'
import { signupId, type MemberDoc, type ShiftDoc, type ShiftLogKind, type SignupDoc } from '../../shared/domain/documents'
import { activeStatuses, isActive, joinedLine, mayJoin, placesWith, signupWindow, timeClash, waitlistPosition, type ShiftPlace, type WaitEntry } from '../../shared/domain/volunteer'
import { formatDateTime, formatSpan } from '../../shared/domain/time'
import { shiftPromotedContent, versionOf } from '../../shared/domain/reminders'
import type { MemberActor } from './actor'
import type { Db, TxDb } from './db'
import { inboxMessage } from './inbox'
import { dispatchReminders, queueReminder, sendingAtOnce } from './reminders'
import { isTransactionConflict, together } from './transaction'
import { logEntry, newSignup, shiftLabel } from './volunteer'

/*
 * Seats (名额) and the line (候补) of a shift: every change of a place goes through here.
 *
 * A place is three documents that must agree: the shift (its seat count and its line), the
 * person's record on it, and the person's roster entry, which keeps their places on shifts that
 * have not ended (`shiftPlaces`, see ShiftPlace). Each change reads and writes them by id in one
 * transaction (the documented subset: single-document operations, several documents and
 * collections), so they change together or not at all. Why not one document: the record
 * outlives the seat (check-in, hours, the hours sheet query it by person and by date), and the
 * overlap rule is about one person across shifts, so some document per person must be written
 * by every one of their places; the roster entry is that document. Two requests of the same
 * person conflict on it (the second runs again and sees the first: a double tap changes nothing);
 * two people on one shift conflict on the shift and the loser runs again on the winner's result.
 *
 * Refusals are thrown inside the transaction before its first write, so a refusal writes nothing.
 * A conflict retries with backoff within the function's time; past it the caller is told
 * SHIFT.BUSY with nothing changed, never INTERNAL.
 */

/** The line never grows past this: a shift's document stays small. */
export const maxWaitlist = 500
/** The function may run 20 s: retries stop in time to answer. */
const retryWithinMs = 16_000
/**
 * A crowd on one shift commits one step at a time: a loser waits at random within a window that
 * doubles from 10 ms up to this, so twenty at once spread out instead of colliding again. A lost
 * attempt costs the database no write: it fails at its first one, the shift's lock, and sends no
 * rollback. The windows stretch with the database's present speed (see runTransaction).
 *
 * Why a backoff that follows the load, and not a separate line or a shorter step: every place
 * on a shift, seat or line, must be decided in the order the server accepts them, so the steps
 * on one shift queue behind its lock whatever the design; a step is already three round trips
 * under the lock (the lock beside its reads, its writes, the commit). What grew on a busy machine
 * was the queue's waste: fixed windows sent ten doomed attempts per commit, whose requests the
 * database served before the winner's, so each commit took longer and drew more retries.
 */
const maxBackoffMs = 400
/** Candidates one promotion looks at before leaving the seat free for the next change. */
const maxCandidates = 10

/** An answer that needs no change: thrown so the step rolls back whatever it locked. */
class Unchanged<T> {
  constructor(readonly value: T) {}
}

/** Runs a change of places as one transaction; contention past the time budget is SHIFT.BUSY. */
async function inOneStep<T>(db: Db, on: { shiftId: string; now: Date } | null, body: (tx: TxDb) => Promise<T>): Promise<T> {
  try {
    // Every step on a shift locks it in its first round trip, beside its reads: a step that lost
    // to another learns it at once (and its answer is the conflict, never a refusal read from a
    // stale snapshot), and one that won has read a shift nobody changed since it began.
    const step = on
      ? async (tx: TxDb) => {
          const [locked, done] = await Promise.allSettled([lockShift(tx, on.shiftId, on.now), body(tx)])
          if (locked.status === 'rejected') throw locked.reason
          if (done.status === 'rejected') throw done.reason
          return done.value
        }
      : body
    return await db.transaction(step, { withinMs: retryWithinMs, maxDelayMs: maxBackoffMs })
  } catch (error) {
    if (error instanceof Unchanged) return error.value as T
    if (isTransactionConflict(error)) return fail('SHIFT.BUSY')
    throw error
  }
}

/**
 * A person's places before their roster entry kept them (their first sign-up since): read from
 * their records, bounded and by the (memberId, endAt) index. Null once the entry keeps them.
 */
export async function placesBeforeKept(db: Db, member: MemberDoc, now: Date): Promise<ShiftPlace[] | null> {
  if (member.shiftPlaces) return null
  const records = await db.some('signups', { memberId: member._id, endAt: { $gt: now }, status: { $in: activeStatuses } }, 200)
  return records.map((r) => ({ shiftId: r.shiftId, title: '', startAt: r.startAt, endAt: r.endAt, status: r.status as ShiftPlace['status'] }))
}

interface Person {
  member: MemberDoc
  places: ShiftPlace[]
}

async function personIn(tx: TxDb, memberId: string, before: ShiftPlace[] | null = null): Promise<Person | null> {
  const member = await tx.get('members', memberId)
  if (!member) return null
  return { member, places: member.shiftPlaces ?? before ?? [] }
}

/**
 * The person's active place that overlaps `shift`, checked against its record: a place whose
 * record has ended meanwhile (its shift cancelled in bulk) is dropped from `person.places`.
 */
async function clashIn(tx: TxDb, person: Person, shift: ShiftDoc): Promise<ShiftPlace | null> {
  for (;;) {
    const clash = timeClash({ shiftId: shift._id, startAt: shift.startAt, endAt: shift.endAt }, person.places)
    if (!clash) return null
    const record = await tx.get('signups', signupId(clash.shiftId, person.member._id))
    const moved = record && isActive(record.status) ? { ...clash, startAt: record.startAt, endAt: record.endAt } : null
    // The record decides: a place that ended drops out, one whose shift moved takes its new times.
    if (moved && moved.startAt.getTime() === clash.startAt.getTime() && moved.endAt.getTime() === clash.endAt.getTime()) return clash
    person.places = person.places.filter((p) => p !== clash)
    if (moved && timeClash({ shiftId: shift._id, startAt: shift.startAt, endAt: shift.endAt }, [moved])) return moved
    if (moved) person.places.push(moved)
  }
}

const placeOn = (shift: ShiftDoc, status: ShiftPlace['status']): ShiftPlace => ({ shiftId: shift._id, title: shift.activityTitle, startAt: shift.startAt, endAt: shift.endAt, status })

function overlapMessage(clash: ShiftPlace, now: Date): string {
  const what = clash.title ? `“${formatSpan(clash.startAt, clash.endAt, now)} ${clash.title}”` : `${formatSpan(clash.startAt, clash.endAt, now)} 的班次`
  return `你已${clash.status === 'waitlisted' ? '候补' : '报名'}${what}，与本班次时间重叠`
}

/** Refusals that need only the shift and the caller. */
function refuseShift(member: MemberDoc, shift: ShiftDoc): void {
  if (shift.branchId !== member.branchId) fail('AUTH.FORBIDDEN')
  if (shift.status === 'cancelled') fail('SHIFT.CANCELLED', shift.cancelReason ? `该班次已取消：${shift.cancelReason}` : undefined)
  if (shift.status !== 'published') fail('SHIFT.NOT_FOUND')
}

/** Takes the shift's write lock (a write that changes nothing a rule reads). Missing: nothing to lock. */
async function lockShift(tx: TxDb, shiftId: string, now: Date): Promise<void> {
  try {
    await tx.update('shifts', shiftId, { updatedAt: now })
  } catch (error) {
    if (isTransactionConflict(error)) throw error
  }
}

export interface Taken {
  status: 'confirmed' | 'waitlisted'
  position: number | null
  /** The person already had this place (a second tap): nothing changed. */
  already: boolean
  shift: ShiftDoc
  record: SignupDoc
}

/**
 * 报名: a seat while one is free, else (when asked) the end of the line, in one step. A person
 * already on the shift gets their place back unchanged.
 */
export async function take(db: Db, actor: MemberActor, shiftId: string, acceptLine: boolean, now: Date): Promise<Taken> {
  const memberId = actor.member._id
  const before = await placesBeforeKept(db, actor.member, now)
  const key = signupId(shiftId, memberId)
  return inOneStep(db, { shiftId, now }, async (tx) => {
    // The shift is locked already (see inOneStep); a refusal below still writes nothing: it rolls back.
    const [shift, person] = await together([tx.get('shifts', shiftId), personIn(tx, memberId, before)])
    if (!shift) fail('SHIFT.NOT_FOUND')
    if (!person) fail('AUTH.NOT_BOUND')
    refuseShift(person.member, shift)
    const mine = person.places.find((p) => p.shiftId === shiftId)
    if (mine || shift.waitlist.some((w) => w.memberId === memberId)) {
      const record = await tx.get('signups', key)
      if (record && isActive(record.status)) {
        const status = record.status as Taken['status']
        throw new Unchanged<Taken>({ status, position: status === 'waitlisted' ? waitlistPosition(shift.waitlist, memberId) : null, already: true, shift, record })
      }
      // A kept place whose record ended in bulk (its shift was cancelled): no longer a place.
      person.places = person.places.filter((p) => p.shiftId !== shiftId)
    }
    const window = signupWindow(shift, now)
    if (window === 'notOpen') fail('SHIFT.SIGNUP_NOT_OPEN', `报名将于 ${formatDateTime(shift.signupOpensAt, now)} 开始`)
    if (window === 'closed') fail('SHIFT.SIGNUP_CLOSED')
    if (!mayJoin(shift.eligibility, person.member.category)) fail('SHIFT.NOT_ELIGIBLE')
    const clash = await clashIn(tx, person, shift)
    if (clash) fail('SHIFT.OVERLAP', overlapMessage(clash, now))
    let { taken, waitlist } = shift
    let status: Taken['status'] = 'confirmed'
    if (taken < shift.capacity) taken += 1
    else {
      if (!acceptLine) fail('SHIFT.FULL', `名额已满（${shift.capacity} 人），当前有 ${shift.waitlist.length} 人候补。可以加入候补，有人取消时按顺序自动递补`)
      if (waitlist.length >= maxWaitlist) fail('SHIFT.WAITLIST_FULL')
      waitlist = joinedLine(waitlist, memberId, person.member.name, now)
      status = 'waitlisted'
    }
    const record = newSignup(shift, person.member, status, now)
    const { _id, ...data } = record
    // Written together: the shift's lock is held until the commit, so the fewer round trips the better.
    await together([
      tx.update('shifts', shiftId, { taken, waitlist, updatedAt: now }),
      tx.update('members', memberId, { shiftPlaces: placesWith(person.places, shiftId, placeOn(shift, status), now) }),
      tx.set('signups', key, data),
      // Every sign-up is in the shift's change log, a second one after cancelling too.
      tx.add('shiftLog', { ...logEntry(shift, memberId, person.member.name, 'signedUp', now, actor), after: status === 'confirmed' ? '已报名' : '候补中' }),
    ])
    const after = { ...shift, taken, waitlist }
    return { status, position: status === 'waitlisted' ? waitlistPosition(waitlist, memberId) : null, already: false, shift: after, record }
  })
}

/** What a promotion inside a step did: reminders to send once it commits. */
interface Filled {
  taken: number
  waitlist: WaitEntry[]
  promoted: string[]
  reminderIds: string[]
}

/**
 * Gives free seats to the line, in order, inside the step that freed them (never after the
 * start). Someone who already holds a seat here only leaves the line; someone who now holds an
 * overlapping place leaves it with the reason, and is told.
 */
async function fillFromLine(tx: TxDb, shift: ShiftDoc, taken: number, line: WaitEntry[], now: Date): Promise<Filled> {
  const out: Filled = { taken, waitlist: [...line], promoted: [], reminderIds: [] }
  if (now.getTime() >= shift.startAt.getTime()) return out
  for (let looked = 0; out.taken < shift.capacity && out.waitlist.length && looked < maxCandidates; looked++) {
    const [entry, ...rest] = out.waitlist
    out.waitlist = rest
    const key = signupId(shift._id, entry.memberId)
    const [record, person] = await together([tx.get('signups', key), personIn(tx, entry.memberId)])
    if (record?.status === 'confirmed' || !person || person.member.status !== 'active') continue
    const clash = await clashIn(tx, person, shift)
    if (clash) {
      const reason = `与你已${clash.status === 'waitlisted' ? '候补' : '报名'}的其他班次时间重叠`
      if (record) await tx.update('signups', key, { status: 'cancelled', offeredAt: null, rev: { $inc: 1 }, updatedAt: now })
      await tx.update('members', entry.memberId, { shiftPlaces: placesWith(person.places, shift._id, null, now) })
      await tx.add('shiftLog', { ...logEntry(shift, entry.memberId, entry.name, 'leftWaitlist', now, null, reason), before: '候补中' })
      await tx.add('inbox', inboxMessage({ memberId: entry.memberId, branchId: shift.branchId, kind: 'shiftRemoved', title: '你的候补已取消', body: `${shiftLabel(shift, now)} 有了空位，但${reason}，候补已取消。`, link: `packageVolunteer/shift/index?id=${shift._id}`, createdAt: now }))
      continue
    }
    const base = record ?? newSignup(shift, { _id: entry.memberId, name: entry.name }, 'confirmed', entry.at)
    const { _id, ...next } = { ...base, status: 'confirmed' as const, confirmedAt: now, offeredAt: null, rev: (base.rev ?? 0) + 1, updatedAt: now }
    await tx.set('signups', key, next)
    await tx.update('members', entry.memberId, { shiftPlaces: placesWith(person.places, shift._id, placeOn(shift, 'confirmed'), now) })
    await tx.add('shiftLog', { ...logEntry(shift, entry.memberId, entry.name, 'promoted', now, null), after: '已报名' })
    out.reminderIds.push(
      await queueReminder(
        tx,
        {
          kind: 'shiftPromoted',
          // Promoted again after leaving and rejoining the line is told again.
          subject: { type: 'shift', id: shift._id, version: versionOf(now) },
          memberId: entry.memberId,
          branchId: shift.branchId,
          at: shift.startAt,
          content: shiftPromotedContent({ id: shift._id, title: shift.activityTitle, place: shift.place, startAt: shift.startAt, endAt: shift.endAt }, now),
        },
        now,
      ),
    )
    out.promoted.push(entry.memberId)
    out.taken += 1
  }
  return out
}

/** Sends the reminders of promotions a committed step made; a send that runs late is left for the timer. */
function sendPromotions(db: Db, reminderIds: string[], now: Date): Promise<unknown> {
  return reminderIds.length ? dispatchReminders(db, reminderIds, now, sendingAtOnce()) : Promise.resolve()
}

export interface Vacate {
  memberId: string
  /** The record's new status. */
  status: 'cancelled' | 'removed'
  /** Refusals checked on the fresh shift and record, inside the step. */
  guard: (shift: ShiftDoc, record: SignupDoc | null) => void
  log: { kind: (record: SignupDoc) => ShiftLogKind; by: MemberActor | null; reason: string | null }
  /** Writes that belong to the same step (the message to someone removed). */
  alongside?: (tx: TxDb, shift: ShiftDoc, record: SignupDoc) => Promise<void>
  now: Date
}

/**
 * Ends a person's place (cancel, leaving the line, removal) in one step: their record, their
 * roster entry and the shift change together, and a seat it frees goes to the line at once.
 */
export async function vacate(db: Db, shiftId: string, change: Vacate): Promise<{ shift: ShiftDoc; record: SignupDoc; promoted: string[] }> {
  const { now, memberId } = change
  const key = signupId(shiftId, memberId)
  const outcome = await inOneStep(db, { shiftId, now }, async (tx) => {
    const [shift, record, person] = await together([tx.get('shifts', shiftId), tx.get('signups', key), personIn(tx, memberId)])
    if (!shift) fail('SHIFT.NOT_FOUND')
    change.guard(shift, record)
    if (!record || !isActive(record.status)) return fail('SHIFT.NOT_SIGNED_UP')
    let { taken, waitlist } = shift
    if (record.status === 'confirmed') taken = Math.max(0, taken - 1)
    waitlist = waitlist.filter((w) => w.memberId !== memberId)
    const filled = await fillFromLine(tx, shift, taken, waitlist, now)
    await tx.update('shifts', shiftId, { taken: filled.taken, waitlist: filled.waitlist, updatedAt: now })
    await tx.update('signups', key, { status: change.status, offeredAt: null, rev: { $inc: 1 }, updatedAt: now })
    if (person) await tx.update('members', memberId, { shiftPlaces: placesWith(person.places, shiftId, null, now) })
    await tx.add('shiftLog', { ...logEntry(shift, memberId, record.memberName, change.log.kind(record), now, change.log.by, change.log.reason), before: record.status === 'confirmed' ? '已报名' : '候补中' })
    await change.alongside?.(tx, shift, record)
    const after = { ...shift, taken: filled.taken, waitlist: filled.waitlist }
    return { shift: after, record: { ...record, status: change.status, offeredAt: null, rev: record.rev + 1, updatedAt: now }, promoted: filled.promoted, reminderIds: filled.reminderIds }
  })
  await sendPromotions(db, outcome.reminderIds, now)
  return { shift: outcome.shift, record: outcome.record, promoted: outcome.promoted }
}

/** After a capacity increase: as many in line as there are free seats move up, in one step. */
export async function promote(db: Db, shiftId: string, now: Date): Promise<number> {
  const reminderIds = await inOneStep(db, { shiftId, now }, async (tx) => {
    const shift = await tx.get('shifts', shiftId)
    if (!shift || shift.status !== 'published') return []
    const filled = await fillFromLine(tx, shift, shift.taken, shift.waitlist, now)
    if (filled.waitlist.length === shift.waitlist.length) return []
    await tx.update('shifts', shiftId, { taken: filled.taken, waitlist: filled.waitlist, updatedAt: now })
    return filled.reminderIds
  })
  await sendPromotions(db, reminderIds, now)
  return reminderIds.length
}

/**
 * 换班: takes a seat someone offered, in one step: their record becomes 转让 and their roster
 * entry lets the time go, the taker's record and entry take it, the seat count does not move.
 * Every refusal comes before the first write.
 */
export async function swap(db: Db, actor: MemberActor, shiftId: string, fromMemberId: string, now: Date): Promise<void> {
  const me = actor.member
  if (fromMemberId === me._id) fail('SHIFT.SWAP_SELF')
  const before = await placesBeforeKept(db, me, now)
  const offeredKey = signupId(shiftId, fromMemberId)
  const mineKey = signupId(shiftId, me._id)
  await inOneStep(db, { shiftId, now }, async (tx) => {
    const [shift, offered, mineBefore, person, offerer] = await together([
      tx.get('shifts', shiftId),
      tx.get('signups', offeredKey),
      tx.get('signups', mineKey),
      personIn(tx, me._id, before),
      personIn(tx, fromMemberId),
    ])
    if (!shift) fail('SHIFT.NOT_FOUND')
    if (!person) fail('AUTH.NOT_BOUND')
    if (shift.branchId !== me.branchId) fail('AUTH.FORBIDDEN')
    if (shift.status !== 'published') fail('SHIFT.CANCELLED')
    if (now.getTime() >= shift.startAt.getTime()) fail('SHIFT.STARTED')
    if (!mayJoin(shift.eligibility, person.member.category)) fail('SHIFT.NOT_ELIGIBLE')
    if (!offered || offered.status !== 'confirmed' || !offered.offeredAt) fail('SHIFT.SWAP_UNAVAILABLE')
    if (mineBefore?.status === 'confirmed') fail('SHIFT.ALREADY_ON_SHIFT')
    const clash = await clashIn(tx, person, shift)
    if (clash) fail('SHIFT.OVERLAP', overlapMessage(clash, now))
    // Taking a seat from the line leaves the line in the same step; the shift is written either
    // way, so a cancel of the shift meanwhile conflicts with this step.
    await tx.update('shifts', shiftId, { waitlist: shift.waitlist.filter((w) => w.memberId !== me._id), updatedAt: now })
    await tx.update('signups', offeredKey, { status: 'swappedOut', offeredAt: null, rev: { $inc: 1 }, updatedAt: now })
    if (offerer) await tx.update('members', fromMemberId, { shiftPlaces: placesWith(offerer.places, shiftId, null, now) })
    const base = mineBefore ?? newSignup(shift, me, 'confirmed', now)
    const { _id, ...mine } = { ...base, memberName: me.name, status: 'confirmed' as const, confirmedAt: now, offeredAt: null, rev: (base.rev ?? 0) + 1, updatedAt: now }
    await tx.set('signups', mineKey, mine)
    await tx.update('members', me._id, { shiftPlaces: placesWith(person.places, shiftId, placeOn(shift, 'confirmed'), now) })
    await tx.add('shiftLog', { ...logEntry(shift, me._id, me.name, 'swapTaken', now, actor), before: offered.memberName, after: me.name })
    await tx.add(
      'inbox',
      inboxMessage({
        memberId: fromMemberId,
        branchId: shift.branchId,
        kind: 'swapTaken',
        title: '你的换班已有人接替',
        body: `${shiftLabel(shift, now)} 由 ${me.name} 接替，你无需再参加。`,
        link: `packageVolunteer/shift/index?id=${shiftId}`,
        createdAt: now,
      }),
    )
  })
}

/**
 * A shift's times changed: the places its people keep on their roster entries follow, one
 * person per step (their records moved already, and the overlap check reads those first).
 */
export async function movePlaces(db: Db, shiftId: string, times: { startAt: Date; endAt: Date }, now: Date): Promise<void> {
  const people = await db.all('signups', { shiftId, status: { $in: activeStatuses } })
  for (let i = 0; i < people.length; i += 5) {
    await Promise.all(
      people.slice(i, i + 5).map((record) =>
        inOneStep(db, null, async (tx) => {
          const person = await personIn(tx, record.memberId)
          const place = person?.places.find((p) => p.shiftId === shiftId)
          if (!person || !place) return
          await tx.update('members', record.memberId, { shiftPlaces: placesWith(person.places, shiftId, { ...place, ...times }, now) })
        }),
      ),
    )
  }
}
