import type { MyPlaceView, ShiftCardView } from '../../shared/api/areas/volunteer'
import { fail } from '../../shared/errors'
import { signupId, type MemberDoc, type ShiftDoc, type ShiftLogDoc, type ShiftLogKind, type SignupDoc, type VolunteerActivityDoc } from '../../shared/domain/documents'
import { fillSeats, freeSeat, mayJoin, pendingHolds, signupWindow, timeClash, waitlistPosition, type ShiftHold, type WaitEntry } from '../../shared/domain/volunteer'
import { formatSpan } from '../../shared/domain/time'
import { memberActorWith, type CallerContext, type MemberActor } from './actor'
import { newId, type Db, type Stage, type TxDb } from './db'
import { shiftPromotedContent, versionOf } from '../../shared/domain/reminders'
import { dispatchReminders, queueReminder } from './reminders'

const dateFields = ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt', 'cancelDeadline', 'createdAt', 'updatedAt'] as const

/** Dates come back from some reads as strings; a shift's rules want Dates. */
export function reviveShift(doc: ShiftDoc): ShiftDoc {
  for (const key of dateFields) doc[key] = new Date(doc[key])
  doc.waitlist = (doc.waitlist ?? []).map((w) => ({ ...w, at: new Date(w.at) }))
  return doc
}

export function reviveSignup(doc: SignupDoc): SignupDoc {
  for (const key of ['startAt', 'endAt', 'signedUpAt', 'updatedAt'] as const) doc[key] = new Date(doc[key])
  for (const key of ['confirmedAt', 'offeredAt', 'checkInAt', 'checkOutAt'] as const) doc[key] = doc[key] ? new Date(doc[key] as Date) : null
  return doc
}

/** A shift by id, as it is in the database now. */
export async function loadShift(db: Db, shiftId: string): Promise<ShiftDoc | null> {
  const doc = await db.get('shifts', shiftId)
  return doc ? reviveShift(doc) : null
}

/** A shift of the caller's branch, or the right refusal. */
export async function shiftOfBranch(db: Db, actor: MemberActor, shiftId: string): Promise<ShiftDoc> {
  return shiftSeenBy(actor, await loadShift(db, shiftId))
}

/** The shift (read already) if the caller may see it, else the right refusal. */
export function shiftSeenBy(actor: MemberActor, shift: ShiftDoc | null): ShiftDoc {
  if (!shift) fail('SHIFT.NOT_FOUND')
  if (shift.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  if (shift.status === 'draft' && !actor.capabilities.includes('manageVolunteer')) fail('SHIFT.NOT_FOUND')
  return shift
}

export async function activityOfBranch(db: Db, actor: MemberActor, activityId: string): Promise<VolunteerActivityDoc> {
  const activity = await db.get('volunteerActivities', activityId)
  if (!activity) fail('VOLUNTEER.ACTIVITY_NOT_FOUND')
  if (activity.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  return activity
}

/** The shift's leader, or anyone who manages volunteering, runs it on the day. */
export function canLead(actor: MemberActor, shift: Pick<ShiftDoc, 'leaderId'>): boolean {
  return actor.capabilities.includes('manageVolunteer') || (shift.leaderId !== null && shift.leaderId === actor.member._id)
}

export function requireLead(actor: MemberActor, shift: Pick<ShiftDoc, 'leaderId'>): void {
  if (!canLead(actor, shift)) fail('AUTH.FORBIDDEN')
}

/** How a shift is named to a person: "12月8日 周二 07:30–08:00 礼让斑马线". */
export function shiftLabel(shift: Pick<ShiftDoc, 'startAt' | 'endAt' | 'activityTitle'>, now?: Date): string {
  return `${formatSpan(shift.startAt, shift.endAt, now)} ${shift.activityTitle}`
}

export function myPlace(shift: ShiftDoc, record: SignupDoc | null): MyPlaceView | null {
  if (!record) return null
  const waiting = waitlistPosition(shift.waitlist, record.memberId)
  return {
    status: record.status,
    position: record.status === 'waitlisted' ? waiting : null,
    offered: record.status === 'confirmed' && Boolean(record.offeredAt),
    checkInAt: record.checkInAt ? new Date(record.checkInAt).toISOString() : null,
    checkOutAt: record.checkOutAt ? new Date(record.checkOutAt).toISOString() : null,
    hours: record.hours,
    hoursStatus: record.hoursStatus,
  }
}

export function cardView(shift: ShiftDoc, actor: MemberActor, record: SignupDoc | null, now: Date): ShiftCardView {
  return {
    id: shift._id,
    activityId: shift.activityId,
    activityTitle: shift.activityTitle,
    activityType: shift.activityType,
    place: shift.place,
    rosterId: shift.rosterId,
    startAt: shift.startAt.toISOString(),
    endAt: shift.endAt.toISOString(),
    capacity: shift.capacity,
    taken: shift.taken,
    waitlist: shift.waitlist.length,
    eligibility: shift.eligibility,
    hours: shift.hours,
    leader: shift.leaderId ? { id: shift.leaderId, name: shift.leaderName ?? '' } : null,
    status: shift.status,
    cancelReason: shift.cancelReason,
    signup: signupWindow(shift, now),
    signupOpensAt: shift.signupOpensAt.toISOString(),
    signupClosesAt: shift.signupClosesAt.toISOString(),
    cancelDeadline: shift.cancelDeadline.toISOString(),
    hasGeofence: Boolean(shift.geofence),
    mine: myPlace(shift, record),
    mayJoin: mayJoin(shift.eligibility, actor.member.category),
    canLead: canLead(actor, shift),
  }
}

/** A fresh record for a person taking a seat or a place in line. */
export function newSignup(shift: ShiftDoc, member: { _id: string; name: string }, status: 'confirmed' | 'waitlisted', now: Date): SignupDoc {
  return {
    _id: signupId(shift._id, member._id),
    shiftId: shift._id,
    activityId: shift.activityId,
    branchId: shift.branchId,
    memberId: member._id,
    memberName: member.name,
    startAt: shift.startAt,
    endAt: shift.endAt,
    status,
    signedUpAt: now,
    confirmedAt: status === 'confirmed' ? now : null,
    offeredAt: null,
    checkInAt: null,
    checkOutAt: null,
    checkInMethod: null,
    hours: null,
    hoursStatus: 'pending',
    confirmedBy: null,
    confirmedById: null,
    rev: 1,
    updatedAt: now,
  }
}

/**
 * Inside a transaction: gives the seat to the person at the head of the line. Their record may
 * not exist yet (they joined the line a moment ago and have not written it): it is made here,
 * and their own write then finds it. The reminder that tells them (with its 消息 copy) is written
 * with the seat; its id goes back for sending once the transaction commits.
 */
async function promoteInTx(tx: TxDb, shift: ShiftDoc, entry: WaitEntry, now: Date): Promise<string> {
  const key = signupId(shift._id, entry.memberId)
  const existing = await tx.get('signups', key)
  const base = existing ? reviveSignup(existing) : newSignup(shift, { _id: entry.memberId, name: entry.name }, 'confirmed', entry.at)
  const { _id, ...next } = { ...base, status: 'confirmed' as const, confirmedAt: now, offeredAt: null, rev: (base.rev ?? 0) + 1, updatedAt: now }
  await tx.set('signups', key, next)
  await tx.add('shiftLog', { ...logEntry(shift, entry.memberId, entry.name, 'promoted', now, null), after: '已报名' })
  return queueReminder(
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
  )
}

/** Sends the reminders of promotions a committed transaction made; a send that runs late is left for the timer. */
function sendPromotions(db: Db, reminderIds: string[], now: Date): Promise<unknown> {
  return reminderIds.length ? dispatchReminders(db, reminderIds, now, { deadline: new Date(Date.now() + 2_500) }) : Promise.resolve()
}

export function logEntry(shift: Pick<ShiftDoc, '_id' | 'branchId'>, memberId: string, memberName: string, kind: ShiftLogKind, at: Date, by: MemberActor | null, reason: string | null = null): ShiftLogDoc {
  return { _id: newId(), shiftId: shift._id, branchId: shift.branchId, memberId, memberName, at, byMemberId: by?.member._id ?? null, byName: by?.member.name ?? '系统', kind, before: null, after: null, reason }
}

export interface Vacate {
  /** Whose place ends; null to give back a seat a request took but could not keep. */
  memberId: string | null
  /** The record's new status (a person leaving). */
  status?: 'cancelled' | 'removed'
  /** Only drop the person's entry from the line, leaving their record alone. */
  lineOnly?: boolean
  /** Refusals checked on the fresh shift and record, inside the transaction. */
  guard?: (shift: ShiftDoc, record: SignupDoc | null) => void
  log?: { kind: (record: SignupDoc) => ShiftLogKind; by: MemberActor | null; reason: string | null }
  now: Date
}

/**
 * Ends a place on a shift in one transaction: the record changes, and a seat it held goes to the
 * first in line (before the start) or is freed. The seat is never empty while someone waits and
 * never given twice: two cancels at once conflict on the shift, and the second retries on the
 * first one's result.
 */
export async function vacate(db: Db, shiftId: string, change: Vacate): Promise<{ shift: ShiftDoc; promoted: WaitEntry | null; record: SignupDoc | null }> {
  const { now } = change
  const outcome = await db.transaction(async (tx) => {
    const raw = await tx.get('shifts', shiftId)
    if (!raw) fail('SHIFT.NOT_FOUND')
    const shift = reviveShift(raw)
    const key = change.memberId ? signupId(shiftId, change.memberId) : null
    const rawRecord = key ? await tx.get('signups', key) : null
    const record = rawRecord ? reviveSignup(rawRecord) : null
    change.guard?.(shift, record)
    let { taken, waitlist } = shift
    let promoted: WaitEntry | null = null
    const inLine = change.memberId !== null && waitlist.some((w) => w.memberId === change.memberId)
    if (change.lineOnly || (inLine && record?.status !== 'confirmed')) {
      waitlist = waitlist.filter((w) => w.memberId !== change.memberId)
    } else if (change.memberId === null || record?.status === 'confirmed') {
      ;({ taken, waitlist, promoted } = freeSeat(shift, shift, now))
    }
    await tx.update('shifts', shiftId, { taken, waitlist, updatedAt: now })
    let nextRecord: SignupDoc | null = record
    if (record && key && change.status && !change.lineOnly) {
      nextRecord = { ...record, status: change.status, offeredAt: null, rev: record.rev + 1, updatedAt: now }
      await tx.update('signups', key, { status: change.status, offeredAt: null, rev: { $inc: 1 }, updatedAt: now })
    }
    if (change.log && record) {
      await tx.add('shiftLog', { ...logEntry(shift, record.memberId, record.memberName, change.log.kind(record), now, change.log.by, change.log.reason), before: record.status === 'confirmed' ? '已报名' : '候补中' })
    }
    const after = { ...shift, taken, waitlist }
    const reminderIds = promoted ? [await promoteInTx(tx, after, promoted, now)] : []
    return { shift: after, promoted, record: nextRecord, reminderIds }
  })
  await sendPromotions(db, outcome.reminderIds, now)
  return { shift: outcome.shift, promoted: outcome.promoted, record: outcome.record }
}

/** After a capacity increase: as many in line as there are free seats move up, in one transaction. */
export async function promoteIntoFreeSeats(db: Db, shiftId: string, now: Date): Promise<number> {
  const reminderIds = await db.transaction(async (tx) => {
    const raw = await tx.get('shifts', shiftId)
    if (!raw) return []
    const shift = reviveShift(raw)
    const next = fillSeats(shift, shift, now)
    if (!next.promoted.length) return []
    await tx.update('shifts', shiftId, { taken: next.taken, waitlist: next.waitlist, updatedAt: now })
    const ids: string[] = []
    for (const entry of next.promoted) ids.push(await promoteInTx(tx, { ...shift, taken: next.taken, waitlist: next.waitlist }, entry, now))
    return ids
  })
  await sendPromotions(db, reminderIds, now)
  return reminderIds.length
}

// --- one person, one place at a time --------------------------------------------------------

/** The caller about to take a place on a shift, as one database operation read them. */
export interface VolunteerCaller {
  actor: MemberActor
  shift: ShiftDoc | null
  /** The caller's records on shifts that have not ended, whatever their status. */
  places: SignupDoc[]
}

/** The caller's records on shifts that have not ended, looked up beside who they are. */
const placesBeside = (now: Date): Stage => ({
  $lookup: {
    from: 'signups',
    let: { memberId: '$memberId' },
    // The plain condition first: the local engine then evaluates the expression on few documents.
    pipeline: [{ $match: { endAt: { $gt: now } } }, { $match: { $expr: { $eq: ['$memberId', '$$memberId'] } } }, { $limit: 500 }],
    as: 'places',
  },
})

/** Who is calling, the shift, and every place of theirs that could overlap it: one operation. */
export async function volunteerCaller(ctx: CallerContext, shiftId: string, now: Date): Promise<VolunteerCaller> {
  const { actor, doc, row } = await memberActorWith(ctx, 'shifts', shiftId, [placesBeside(now)])
  const places = ((row.places as SignupDoc[] | undefined) ?? []).map(reviveSignup)
  return { actor, shift: doc ? reviveShift(doc) : null, places }
}

const reviveHolds = (holds: readonly ShiftHold[] | undefined): ShiftHold[] =>
  (holds ?? []).map((h) => ({ shiftId: h.shiftId, startAt: new Date(h.startAt), endAt: new Date(h.endAt), at: new Date(h.at) }))

/** Refuses `shift` when the person holds, or is taking, a place at an overlapping time, naming it. */
async function refuseOverlap(db: Db, member: MemberDoc, shift: ShiftDoc, places: readonly SignupDoc[], now: Date): Promise<ShiftHold[]> {
  const holds = reviveHolds(member.shiftHolds)
  const clash = timeClash({ shiftId: shift._id, startAt: shift.startAt, endAt: shift.endAt }, places, holds, now)
  if (!clash) return holds
  const other = await loadShift(db, clash.shiftId)
  const what = other ? `“${shiftLabel(other, now)}”` : `${formatSpan(clash.startAt, clash.endAt, now)} 的班次`
  return fail('SHIFT.OVERLAP', `你已${clash.status === 'waitlisted' ? '候补' : '报名'}${what}，与本班次时间重叠`)
}

/** The refusal an overlapping place gets, from what was read already (writes nothing). */
export async function checkTime(db: Db, caller: VolunteerCaller & { shift: ShiftDoc }, now: Date): Promise<void> {
  await refuseOverlap(db, caller.actor.member, caller.shift, caller.places, now)
}

/**
 * Claims the shift's time for the caller on their roster entry (see ShiftHold): a conditional
 * update that holds only while the claims are as read, so of two requests of the same person at
 * once (two phones, a double tap on two cards) the second reads the first's claim and is refused
 * when the times overlap. One document per person rather than a unique key over a time slot,
 * because shifts overlap by any minutes, not in fixed slots; an update, not a transaction,
 * because a transaction cannot take a seat by a conditional update; and the roster entry,
 * because the first read brings it already: a sign-up stays at four operations (who, the seat,
 * this claim, the record). Returns how to take the claim back when what it was for fails.
 */
export async function claimTime(db: Db, caller: VolunteerCaller & { shift: ShiftDoc }, now: Date): Promise<() => Promise<void>> {
  const { shift, places } = caller
  let member = caller.actor.member
  for (let attempt = 0; attempt < 8; attempt++) {
    const holds = await refuseOverlap(db, member, shift, places, now)
    const rev = member.shiftHoldsRev
    const kept = pendingHolds(holds, places, now).filter((h) => h.shiftId !== shift._id)
    const next = [...kept, { shiftId: shift._id, startAt: shift.startAt, endAt: shift.endAt, at: now }]
    const claimed = await db.updateWhere('members', { _id: member._id, shiftHoldsRev: rev === undefined ? { $exists: false } : rev }, { shiftHolds: next, shiftHoldsRev: (rev ?? 0) + 1 })
    if (claimed === 1) {
      const mine = (rev ?? 0) + 1
      // Unchanged since: drop the claim; else it lapses with holdLifeMs.
      return async () => void (await db.updateWhere('members', { _id: member._id, shiftHoldsRev: mine }, { shiftHolds: kept, shiftHoldsRev: mine + 1 }))
    }
    const fresh = await db.get('members', member._id)
    if (!fresh) fail('AUTH.NOT_BOUND')
    member = fresh
  }
  return fail('CONFLICT')
}
