import type { MyPlaceView, ShiftCardView } from '../../shared/api/areas/volunteer'
import { fail } from '../../shared/errors'
import { signupId, type ShiftDoc, type ShiftLogDoc, type ShiftLogKind, type SignupDoc, type VolunteerActivityDoc } from '../../shared/domain/documents'
import { mayJoin, signupWindow, waitlistPosition } from '../../shared/domain/volunteer'
import { formatSpan } from '../../shared/domain/time'
import type { MemberActor } from './actor'
import { newId, type Db } from './db'

/** A shift by id, as it is in the database now. */
export async function loadShift(db: Db, shiftId: string): Promise<ShiftDoc | null> {
  return db.get('shifts', shiftId)
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
    signedUpAt: record.signedUpAt.toISOString(),
    checkInAt: record.checkInAt?.toISOString() ?? null,
    checkOutAt: record.checkOutAt?.toISOString() ?? null,
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

export function logEntry(shift: Pick<ShiftDoc, '_id' | 'branchId'>, memberId: string, memberName: string, kind: ShiftLogKind, at: Date, by: MemberActor | null, reason: string | null = null): ShiftLogDoc {
  return { _id: newId(), shiftId: shift._id, branchId: shift.branchId, memberId, memberName, at, byMemberId: by?.member._id ?? null, byName: by?.member.name ?? '系统', kind, before: null, after: null, reason }
}
