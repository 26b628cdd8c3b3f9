import type { SignupResult } from '../../shared/api/areas/volunteer'
import { fail } from '../../shared/errors'
import { activeStatuses, firstOverlap, mayJoin, signupWindow, waitlistPosition } from '../../shared/domain/volunteer'
import { beijingClock, formatDateTime } from '../../shared/domain/time'
import type { MemberActor } from '../_lib/actor'
import { _, db } from '../_lib/cloud'
import { findSome, getById, isDuplicateKey } from '../_lib/db'
import { loadShift, newSignup, reviveSignup, shiftLabel, signupId, vacate, type ShiftDoc, type SignupDoc } from '../_lib/volunteer'

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
 * Writes the person's record after their seat (or place in line) is theirs: inserted when there
 * is none, else changed only as it was read. False when another request of the same person got
 * there first.
 */
async function claimRecord(shift: ShiftDoc, actor: MemberActor, status: 'confirmed' | 'waitlisted', existing: SignupDoc | null, now: Date): Promise<boolean> {
  const fresh = newSignup(shift, actor.member, status, now)
  if (!existing) {
    try {
      await db.collection('signups').add({ data: fresh as unknown as Record<string, unknown> })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }
  const { _id, ...data } = { ...fresh, rev: existing.rev + 1 }
  const res = (await db.collection('signups').where({ _id, rev: existing.rev }).update({ data })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

/** Where the person stands now, after a request of theirs lost to another of theirs or to a promotion. */
async function standing(shiftId: string, memberId: string, now: Date): Promise<SignupResult> {
  const [record, shift] = await Promise.all([getById<SignupDoc>('signups', signupId(shiftId, memberId)), loadShift(shiftId, now, { fresh: true })])
  if (!record || (record.status !== 'confirmed' && record.status !== 'waitlisted')) fail('CONFLICT')
  return { shiftId, status: record.status, position: record.status === 'waitlisted' && shift ? waitlistPosition(shift.waitlist, memberId) : null, already: true }
}

/**
 * 报名, in one tap. Who you are, then the person's places that overlap the shift (and their record
 * for it) in one read, then one conditional update on the shift that takes a seat only while one
 * is free and only on the version of the shift that was checked, then the record. When the seats
 * are gone the person joins the line (if they asked to) by a conditional update that succeeds only
 * while the shift is still full, so nobody waits beside a free seat. The shift itself comes from
 * the instance's cache; a stale copy fails the conditional update and is read again.
 */
export async function signup(actor: MemberActor, shiftId: string, acceptWaitlist: boolean, now: Date): Promise<SignupResult> {
  const memberId = actor.member._id
  const key = signupId(shiftId, memberId)
  let shift = await loadShift(shiftId, now)
  if (!shift) fail('SHIFT.NOT_FOUND')
  try {
    checkShift(actor, shift, now)
  } catch (error) {
    // Refuse only on what the database says now, not on a cached copy.
    shift = await loadShift(shiftId, now, { fresh: true })
    if (!shift) fail('SHIFT.NOT_FOUND')
  }
  for (let attempt = 0; attempt < 6; attempt++) {
    checkShift(actor, shift, now)
    const places = (
      await findSome<SignupDoc>(
        'signups',
        // One read for both: this shift's record, and any active place overlapping it.
        _.or([{ _id: key }, { memberId, status: _.in([...activeStatuses]), startAt: _.lt(shift.endAt), endAt: _.gt(shift.startAt) }]) as unknown as Record<string, unknown>,
        20,
      )
    ).map(reviveSignup)
    const existing = places.find((p) => p._id === key) ?? null
    if (existing && (existing.status === 'confirmed' || existing.status === 'waitlisted')) {
      return { shiftId, status: existing.status, position: existing.status === 'waitlisted' ? waitlistPosition(shift.waitlist, memberId) : null, already: true }
    }
    const clash = firstOverlap({ shiftId, startAt: shift.startAt, endAt: shift.endAt }, places)
    if (clash) {
      const other = await loadShift(clash.shiftId, now)
      const what = other ? `“${shiftLabel(other, now)}”` : `${beijingClock(clash.startAt)}–${beijingClock(clash.endAt)} 的班次`
      fail('SHIFT.OVERLAP', `你已${clash.status === 'waitlisted' ? '候补' : '报名'}${what}，与本班次时间重叠`)
    }

    const seat = (await db
      .collection('shifts')
      .where({ _id: shiftId, version: shift.version, status: 'published', taken: _.lt(shift.capacity) })
      .update({ data: { taken: _.inc(1), updatedAt: now } })) as { stats: { updated: number } }
    if (seat.stats.updated === 1) {
      if (await claimRecord(shift, actor, 'confirmed', existing, now)) return { shiftId, status: 'confirmed', position: null, already: false }
      // Another tap of the same person holds the place: give this seat back (to the line, if any).
      await vacate(shiftId, { memberId: null, now })
      return standing(shiftId, memberId, now)
    }

    // No seat: the shift changed since it was read, or it is full.
    const fresh = await loadShift(shiftId, now, { fresh: true })
    if (!fresh) fail('SHIFT.NOT_FOUND')
    if (fresh.version !== shift.version || fresh.status !== 'published' || fresh.taken < fresh.capacity) {
      shift = fresh
      continue
    }
    shift = fresh
    if (shift.waitlist.some((w) => w.memberId === memberId)) return standing(shiftId, memberId, now)
    if (!acceptWaitlist) fail('SHIFT.FULL', `名额已满（${shift.capacity} 人），当前有 ${shift.waitlist.length} 人候补。可以加入候补，有人取消时按顺序自动递补`)
    if (shift.waitlist.length >= maxWaitlist) fail('SHIFT.WAITLIST_FULL')
    const line = (await db
      .collection('shifts')
      .where({ _id: shiftId, version: shift.version, status: 'published', taken: _.gte(shift.capacity), 'waitlist.memberId': _.neq(memberId), [`waitlist.${maxWaitlist - 1}`]: _.exists(false) })
      .update({ data: { waitlist: _.push([{ memberId, name: actor.member.name, at: now }]), updatedAt: now } })) as { stats: { updated: number } }
    if (line.stats.updated !== 1) {
      // A seat came free, the shift changed, or another tap of this person joined the line.
      const again = await loadShift(shiftId, now, { fresh: true })
      if (!again) fail('SHIFT.NOT_FOUND')
      shift = again
      continue
    }
    if (await claimRecord(shift, actor, 'waitlisted', existing, now)) {
      const after = await loadShift(shiftId, now, { fresh: true })
      return { shiftId, status: 'waitlisted', position: after ? waitlistPosition(after.waitlist, memberId) : null, already: false }
    }
    // The record was written meanwhile: by a promotion (the person now holds a seat) or by
    // another tap of theirs. Keep whichever place the record says; drop a stray line entry.
    const record = await getById<SignupDoc>('signups', key)
    if (record?.status === 'confirmed') {
      await vacate(shiftId, { memberId, lineOnly: true, now })
      return { shiftId, status: 'confirmed', position: null, already: false }
    }
    return standing(shiftId, memberId, now)
  }
  return fail('CONFLICT')
}

