import type { ShiftCardView, ShiftDetailView, ShiftPersonView, SwapOfferView, VolunteerBoardView } from '../../shared/api/areas/volunteer'
import { presenceShare, roundHours, suggestedHours, waitlistPosition } from '../../shared/domain/volunteer'
import { addCalendar, beijingParts, startOf } from '../../shared/domain/time'
import type { ShiftDoc, ShiftLogDoc, ShiftLogKind, SignupDoc } from '../../shared/domain/documents'
import type { MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { canLead, cardView, newSignup, shiftOfBranch } from '../_lib/volunteer'

// Entries written in one step share their moment: cause before effect (a cancel, then the
// promotion it made), then by name.
const kindOrder: ShiftLogKind[] = ['signedUp', 'swapOffered', 'swapWithdrawn', 'cancelled', 'leftWaitlist', 'removed', 'swapTaken', 'promoted', 'hoursCorrected', 'noShow']
const byMoment = (a: ShiftLogDoc, b: ShiftLogDoc) =>
  a.at.getTime() - b.at.getTime() || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.memberName.localeCompare(b.memberName, 'zh-Hans-CN')

/** The board shows shifts starting within this many days. */
const boardDays = 45

/**
 * 志愿 tab: the shifts ahead by date, the caller's places, seats offered for a swap, the shifts
 * they lead, and their hours this year. Four reads whatever the number of shifts.
 */
export async function board(db: Db, actor: MemberActor, now: Date): Promise<VolunteerBoardView> {
  const branchId = actor.member.branchId
  const yearStart = startOf('year', now)
  const [shiftDocs, mine, offerDocs] = await Promise.all([
    db.all('shifts', { branchId, status: 'published', endAt: { $gte: now }, startAt: { $lt: addCalendar(now, boardDays, 'day') } }, ['startAt', 'asc']),
    db.all('signups', { memberId: actor.member._id, startAt: { $gte: yearStart } }),
    db.all('signups', { branchId, status: 'confirmed', offeredAt: { $ne: null }, endAt: { $gte: now } }),
  ])
  const shifts = new Map(shiftDocs.map((s) => [s._id, s]))
  const offers = offerDocs.filter((o) => o.memberId !== actor.member._id)
  // Places and offers on shifts beyond the board's window are read by id, in one more read.
  const missing = [...new Set([...mine.filter((m) => m.endAt.getTime() >= now.getTime()), ...offers].map((r) => r.shiftId))].filter((id) => !shifts.has(id))
  if (missing.length) for (const s of await db.all('shifts', { _id: { $in: missing } })) shifts.set(s._id, s)
  const recordOf = new Map(mine.map((r) => [r.shiftId, r]))
  const card = (shift: ShiftDoc) => cardView(shift, actor, recordOf.get(shift._id) ?? null, now)
  const ahead = [...shifts.values()].filter((s) => s.endAt.getTime() >= now.getTime()).sort((a, b) => a.startAt.getTime() - b.startAt.getTime())

  const swaps: SwapOfferView[] = offers.flatMap((o) => {
    const shift = shifts.get(o.shiftId)
    if (!shift || shift.status !== 'published' || shift.startAt.getTime() <= now.getTime()) return []
    return [{ shift: card(shift), from: { memberId: o.memberId, name: o.memberName }, offeredAt: (o.offeredAt as Date).toISOString() }]
  })
  const credited = mine.filter((m) => m.hoursStatus === 'credited' && (m.hours ?? 0) > 0 && m.startAt.getTime() < startOf('year', addCalendar(now, 1, 'year')).getTime())
  return {
    open: ahead.filter((s) => s.status === 'published' && s.startAt.getTime() > now.getTime()).map(card),
    mine: ahead.filter((s) => {
      const r = recordOf.get(s._id)
      return r && (r.status === 'confirmed' || r.status === 'waitlisted')
    }).map(card),
    swaps,
    leading: ahead.filter((s) => s.status === 'published' && s.leaderId === actor.member._id).map(card),
    myYear: { year: beijingParts(now).year, hours: roundHours(credited.reduce((sum, m) => sum + (m.hours ?? 0), 0)), shifts: credited.length },
    canManage: actor.capabilities.includes('manageVolunteer'),
  }
}

/**
 * One shift: everyone on it (seats, then the line in order) and, for its leader and those who
 * manage volunteering, their check-in times, presence and hours, and the log.
 */
export async function shiftDetail(db: Db, actor: MemberActor, shiftId: string, now: Date): Promise<ShiftDetailView> {
  const shift = await shiftOfBranch(db, actor, shiftId)
  const lead = canLead(actor, shift)
  const [records, logDocs, activity] = await Promise.all([
    db.all('signups', { shiftId }),
    lead ? db.all('shiftLog', { shiftId }, ['at', 'asc']) : Promise.resolve([]),
    db.get('volunteerActivities', shift.activityId),
  ])
  const mineRecord = records.find((r) => r.memberId === actor.member._id) ?? null
  const person = (r: SignupDoc): ShiftPersonView => {
    const seeAll = lead || r.memberId === actor.member._id
    const suggestion = suggestedHours(shift, r)
    return {
      memberId: r.memberId,
      name: r.memberName,
      status: r.status,
      position: r.status === 'waitlisted' ? waitlistPosition(shift.waitlist, r.memberId) : null,
      offered: r.status === 'confirmed' && Boolean(r.offeredAt),
      signedUpAt: r.signedUpAt.toISOString(),
      checkInAt: seeAll ? (r.checkInAt?.toISOString() ?? null) : null,
      checkOutAt: seeAll ? (r.checkOutAt?.toISOString() ?? null) : null,
      share: seeAll ? presenceShare(shift, r) : null,
      suggestedHours: seeAll ? suggestion.hours : 0,
      hours: seeAll ? r.hours : null,
      hoursStatus: seeAll ? r.hoursStatus : 'pending',
      confirmedBy: seeAll ? r.confirmedBy : null,
    }
  }
  const byId = new Map(records.map((r) => [r.memberId, r]))
  const seated = records.filter((r) => r.status === 'confirmed').sort((a, b) => (a.confirmedAt?.getTime() ?? 0) - (b.confirmedAt?.getTime() ?? 0))
  // The line's order is the shift's; a place whose record is still being written shows from the line.
  const waiting = shift.waitlist.map((w) => ({ ...(byId.get(w.memberId) ?? newSignup(shift, { _id: w.memberId, name: w.name }, 'waitlisted', w.at)), status: 'waitlisted' as const }))
  const card: ShiftCardView = cardView(shift, actor, mineRecord, now)
  return {
    ...card,
    canManage: actor.capabilities.includes('manageVolunteer'),
    geofence: shift.geofence,
    description: activity?.description ?? '',
    organiser: shift.organiser,
    presenceShare: shift.presenceShare,
    peopleServed: shift.peopleServed,
    people: [...seated, ...waiting].map(person),
    log: logDocs.sort(byMoment).map((l) => ({ at: l.at.toISOString(), kind: l.kind, memberName: l.memberName, byName: l.byName, before: l.before, after: l.after, reason: l.reason })),
    swaps: seated.filter((r) => r.offeredAt).map((r) => ({ memberId: r.memberId, name: r.memberName, offeredAt: (r.offeredAt as Date).toISOString() })),
  }
}
