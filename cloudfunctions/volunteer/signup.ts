import type { SignupResult } from '../../shared/api/areas/volunteer'
import { fail } from '../../shared/errors'
import { signupId, type ShiftDoc, type SignupDoc } from '../../shared/domain/documents'
import { mayJoin, signupWindow, waitlistPosition } from '../../shared/domain/volunteer'
import { formatDateTime } from '../../shared/domain/time'
import type { MemberActor } from '../_lib/actor'
import { isDuplicateKey, type Db } from '../_lib/db'
import { checkTime, claimTime, loadShift, newSignup, vacate, type VolunteerCaller } from '../_lib/volunteer'

/** The line never grows past this: a shift's document stays small. */
const maxWaitlist = 500

/** Refusals that need only the shift and the caller. */
function checkShift(actor: MemberActor, shift: ShiftDoc, now: Date): void {
  if (shift.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  if (shift.status === 'cancelled') fail('SHIFT.CANCELLED', shift.cancelReason ? `该班次已取消：${shift.cancelReason}` : undefined)
  if (shift.status !== 'published') fail('SHIFT.NOT_FOUND')
  const window = signupWindow(shift, now)
  if (window === 'notOpen') fail('SHIFT.SIGNUP_NOT_OPEN', `报名将于 ${formatDateTime(shift.signupOpensAt, now)} 开始`)
  if (window === 'closed') fail('SHIFT.SIGNUP_CLOSED')
  if (!mayJoin(shift.eligibility, actor.member.category)) fail('SHIFT.NOT_ELIGIBLE')
}

/**
 * Writes the person's record once their seat (or place in line) is theirs: inserted when there
 * is none, else changed only as it was read. False when another request of the same person, or
 * a promotion, got there first.
 */
async function claimRecord(db: Db, shift: ShiftDoc, actor: MemberActor, status: 'confirmed' | 'waitlisted', existing: SignupDoc | null, now: Date): Promise<boolean> {
  const fresh = newSignup(shift, actor.member, status, now)
  if (!existing) {
    try {
      await db.add('signups', fresh)
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }
  const { _id, ...data } = { ...fresh, rev: existing.rev + 1 }
  return (await db.updateWhere('signups', { _id, rev: existing.rev }, data)) === 1
}

/** Where the person stands now, after a request of theirs lost to another of theirs or to a promotion. */
async function standing(db: Db, shiftId: string, memberId: string): Promise<SignupResult> {
  const [record, shift] = await Promise.all([db.get('signups', signupId(shiftId, memberId)), loadShift(db, shiftId)])
  if (!record || (record.status !== 'confirmed' && record.status !== 'waitlisted')) fail('CONFLICT')
  return { shiftId, status: record.status, position: record.status === 'waitlisted' && shift ? waitlistPosition(shift.waitlist, memberId) : null, already: true }
}

/**
 * 报名, in one tap. Who you are, the shift and your places that have not ended, in one read;
 * then one conditional update on the shift that takes a seat only while one is free and only on
 * the version of the shift that was checked; then your claim on the shift's time (claimTime: two
 * sign-ups of yours at once cannot both hold overlapping times); then the record. With the seats
 * gone, the person joins the line (when they asked to) by a conditional update that holds only
 * while the shift is still full, so nobody waits beside a free seat. A shift changed meanwhile
 * fails the conditional update and is read again. A seat or place in line whose time claim is
 * refused goes back at once.
 */
export async function signup(db: Db, caller: VolunteerCaller, acceptWaitlist: boolean, now: Date): Promise<SignupResult> {
  const { actor, places } = caller
  if (!caller.shift) return fail('SHIFT.NOT_FOUND')
  let shift: ShiftDoc = caller.shift
  const shiftId = shift._id
  const memberId = actor.member._id
  const key = signupId(shiftId, memberId)
  const existing = places.find((p) => p._id === key) ?? null
  for (let attempt = 0; attempt < 6; attempt++) {
    checkShift(actor, shift, now)
    if (existing && (existing.status === 'confirmed' || existing.status === 'waitlisted')) {
      return { shiftId, status: existing.status, position: existing.status === 'waitlisted' ? waitlistPosition(shift.waitlist, memberId) : null, already: true }
    }
    await checkTime(db, { ...caller, shift }, now)

    const seated = await db.updateWhere('shifts', { _id: shiftId, version: shift.version, status: 'published', taken: { $lt: shift.capacity } }, { taken: { $inc: 1 }, updatedAt: now })
    if (seated === 1) {
      await claimTime(db, { ...caller, shift }, now).catch(async (error) => {
        await vacate(db, shiftId, { memberId: null, now })
        throw error
      })
      if (await claimRecord(db, shift, actor, 'confirmed', existing, now)) return { shiftId, status: 'confirmed', position: null, already: false }
      // Another tap of the same person holds the place: give this seat back (to the line, if any).
      await vacate(db, shiftId, { memberId: null, now })
      return standing(db, shiftId, memberId)
    }

    // No seat: the shift is full, or it changed since it was read. Joining the line holds only
    // while the shift is still full on the version checked, so try that first.
    const lined =
      acceptWaitlist &&
      shift.waitlist.length < maxWaitlist &&
      (await db.updateWhere(
        'shifts',
        { _id: shiftId, version: shift.version, status: 'published', taken: { $gte: shift.capacity }, 'waitlist.memberId': { $ne: memberId } },
        { waitlist: { $push: [{ memberId, name: actor.member.name, at: now }] }, updatedAt: now },
      )) === 1
    if (!lined) {
      const fresh = await loadShift(db, shiftId)
      if (!fresh) fail('SHIFT.NOT_FOUND')
      const changed = fresh.version !== shift.version || fresh.status !== 'published' || fresh.taken < fresh.capacity
      shift = fresh
      if (changed) continue
      // Full on the version checked: another tap of this person joined the line, or the caller did not ask to.
      if (shift.waitlist.some((w) => w.memberId === memberId)) return standing(db, shiftId, memberId)
      if (!acceptWaitlist) fail('SHIFT.FULL', `名额已满（${shift.capacity} 人），当前有 ${shift.waitlist.length} 人候补。可以加入候补，有人取消时按顺序自动递补`)
      if (shift.waitlist.length >= maxWaitlist) fail('SHIFT.WAITLIST_FULL')
      continue
    }
    await claimTime(db, { ...caller, shift }, now).catch(async (error) => {
      await vacate(db, shiftId, { memberId, lineOnly: true, now })
      throw error
    })
    if (await claimRecord(db, shift, actor, 'waitlisted', existing, now)) {
      const after = await loadShift(db, shiftId)
      return { shiftId, status: 'waitlisted', position: after ? waitlistPosition(after.waitlist, memberId) : null, already: false }
    }
    // The record was written meanwhile: by a promotion (the person now holds a seat) or by
    // another tap of theirs. Keep whichever place the record says; drop a stray line entry.
    const record = await db.get('signups', key)
    if (record?.status === 'confirmed') {
      await vacate(db, shiftId, { memberId, lineOnly: true, now })
      return { shiftId, status: 'confirmed', position: null, already: false }
    }
    return standing(db, shiftId, memberId)
  }
  return fail('CONFLICT')
}
