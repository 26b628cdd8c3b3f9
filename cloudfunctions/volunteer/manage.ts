import { randomBytes } from 'node:crypto'
import type { ActionInput } from '../../shared/api/contract'
import type { ActivityDetailView, ActivitySummaryView, VolunteerRosterView, VolunteerManageView } from '../../shared/api/areas/volunteer'
import { fail } from '../../shared/errors'
import type { BranchDoc, ShiftDoc, VolunteerActivityDoc as ActivityDoc, VolunteerRosterDoc as RosterDoc } from '../../shared/domain/documents'
import { beijingDate } from '../../shared/domain/time'
import { activeStatuses, mayChangeShift, shiftTimesProblems, type ShiftTimes } from '../../shared/domain/volunteer'
import { requireCapability, type Actor, type MemberActor } from '../_lib/actor'
import { newId, type Db, type Update } from '../_lib/db'
import { remindNow, type NewReminder } from '../_lib/reminders'
import { shiftCancelledContent, versionOf } from '../../shared/domain/reminders'
import { activityOfBranch, cardView } from '../_lib/volunteer'
import { movePlaces, promote } from '../_lib/seats'

/** 组织单位 a new activity starts with. */
const defaultOrganiser = (branch: BranchDoc | null) => `${branch?.name ?? ''}“七彩阳光”党员志愿服务队`

/** A leader must be an active member of the caller's branch. */
export async function leaderOf(db: Db, actor: MemberActor, leaderId: string | null): Promise<{ id: string; name: string } | null> {
  if (!leaderId) return null
  const leader = await db.get('members', leaderId)
  if (!leader || leader.branchId !== actor.member.branchId || leader.status !== 'active') fail('ROSTER.MEMBER_NOT_FOUND', '带队人不在本支部花名册中')
  return { id: leader._id, name: leader.name }
}

function summary(activity: ActivityDoc, shifts: readonly ShiftDoc[], now: Date): ActivitySummaryView {
  const upcoming = shifts.filter((s) => s.activityId === activity._id && s.status !== 'cancelled' && s.startAt.getTime() > now.getTime())
  return {
    id: activity._id,
    type: activity.type,
    title: activity.title,
    description: activity.description,
    place: activity.place,
    organiser: activity.organiser,
    status: activity.status,
    cancelReason: activity.cancelReason,
    upcomingShifts: upcoming.length,
    nextShiftAt: upcoming.length ? new Date(Math.min(...upcoming.map((s) => s.startAt.getTime()))).toISOString() : null,
  }
}

export function volunteerRosterView(roster: RosterDoc, shifts: readonly ShiftDoc[], now: Date): VolunteerRosterView {
  const made = shifts.filter((s) => s.rosterId === roster._id && s.status !== 'cancelled')
  return {
    id: roster._id,
    activityId: roster.activityId,
    ...roster.pattern,
    capacity: roster.capacity,
    eligibility: roster.eligibility,
    leader: roster.leaderId ? { id: roster.leaderId, name: roster.leaderName ?? '' } : null,
    hours: roster.hours,
    presenceShare: roster.presenceShare,
    cancelHoursBefore: roster.policy.cancelHoursBefore,
    signupClosesMinutesBefore: roster.policy.signupClosesMinutesBefore,
    place: roster.place,
    geofence: roster.geofence,
    upcoming: made.filter((s) => s.status !== 'cancelled' && s.startAt.getTime() > now.getTime()).length,
    total: made.length,
  }
}

/** Activities of the branch and who may lead a shift: for those who manage volunteering. */
export async function manageView(db: Db, actorIn: Actor, includeCancelled: boolean, now: Date): Promise<VolunteerManageView> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const branchId = actor.member.branchId
  const [activities, shifts, members, branch] = await Promise.all([
    db.all('volunteerActivities', includeCancelled ? { branchId } : { branchId, status: { $ne: 'cancelled' } }, ['createdAt', 'desc']),
    db.all('shifts', { branchId, status: { $ne: 'cancelled' }, startAt: { $gt: now } }),
    db.all('members', { branchId, status: 'active' }),
    db.get('branches', branchId),
  ])
  return {
    activities: activities.map((a) => summary(a, shifts, now)),
    people: members.map((m) => ({ id: m._id, name: m.name, category: m.category })).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')),
    defaultOrganiser: defaultOrganiser(branch),
  }
}

export async function activityDetail(db: Db, actorIn: Actor, activityId: string, now: Date): Promise<ActivityDetailView> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const activity = await activityOfBranch(db, actor, activityId)
  const [shifts, rosters] = await Promise.all([db.all('shifts', { activityId }, ['startAt', 'asc']), db.all('volunteerRosters', { activityId }, ['createdAt', 'asc'])])
  return {
    ...summary(activity, shifts, now),
    shifts: shifts.map((s) => cardView(s, actor, null, now)),
    rosters: rosters.map((r) => volunteerRosterView(r, shifts, now)),
  }
}

export async function createActivity(db: Db, actorIn: Actor, input: ActionInput<'volunteer.createActivity'>, now: Date): Promise<string> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const { publish, ...fields } = input
  const activity: ActivityDoc = {
    _id: newId(),
    branchId: actor.member.branchId,
    type: fields.type,
    title: fields.title.trim(),
    description: fields.description.trim(),
    place: fields.place.trim(),
    organiser: fields.organiser.trim(),
    status: publish ? 'published' : 'draft',
    cancelReason: null,
    createdBy: actor.member._id,
    createdAt: now,
    updatedAt: now,
  }
  await db.add('volunteerActivities', activity)
  return activity._id
}

/** Edits an activity; its shifts' copies of the name, type, organiser (and an unchanged place) follow. */
export async function updateActivity(db: Db, actorIn: Actor, input: ActionInput<'volunteer.updateActivity'>, now: Date): Promise<void> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const { activityId, ...changes } = input
  const before = await activityOfBranch(db, actor, activityId)
  if (before.status === 'cancelled') fail('VOLUNTEER.ACTIVITY_CANCELLED')
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<ActivityDoc>
  await db.update('volunteerActivities', activityId, { ...defined, updatedAt: now })
  const copies: Partial<ShiftDoc> = {}
  if (defined.title) copies.activityTitle = defined.title
  if (defined.type) copies.activityType = defined.type
  if (defined.organiser) copies.organiser = defined.organiser
  if (Object.keys(copies).length) await db.updateWhere('shifts', { activityId }, { ...copies, updatedAt: now })
  if (defined.place && defined.place !== before.place) await db.updateWhere('shifts', { activityId, place: before.place }, { place: defined.place, updatedAt: now })
}

/** Publishing an activity opens its shifts to sign-up. */
export async function publishActivity(db: Db, actorIn: Actor, activityId: string, now: Date): Promise<void> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const activity = await activityOfBranch(db, actor, activityId)
  if (activity.status === 'cancelled') fail('VOLUNTEER.ACTIVITY_CANCELLED')
  await db.update('volunteerActivities', activityId, { status: 'published', updatedAt: now })
  await db.updateWhere('shifts', { activityId, status: 'draft' }, { status: 'published', version: { $inc: 1 }, updatedAt: now })
}

/**
 * Cancels shifts and tells everyone on them (seats and line): one inbox message per person,
 * naming the shifts they had. First the shifts close: every sign-up, cancel and swap writes the
 * shift inside its own step and checks it is open, so from here none lands (one in flight
 * conflicts and finds it cancelled). Then the places end and everyone is told, both from the
 * state read after the close: nobody who got a place a moment before is missed.
 */
export async function cancelShifts(db: Db, shifts: readonly ShiftDoc[], reason: string, byRoster: boolean, now: Date): Promise<number> {
  const live = shifts.filter((s) => s.status !== 'cancelled')
  if (!live.length) return 0
  const ids = live.map((s) => s._id)
  const final: ShiftDoc[] = []
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100)
    await db.updateWhere('shifts', { _id: { $in: chunk }, status: { $ne: 'cancelled' } }, { status: 'cancelled', cancelReason: reason, cancelledByRoster: byRoster, version: { $inc: 1 }, updatedAt: now })
    final.push(...(await db.all('shifts', { _id: { $in: chunk } })))
  }
  const people = await db.all('signups', { shiftId: { $in: ids }, status: { $in: activeStatuses } })
  for (let i = 0; i < ids.length; i += 100) {
    await db.updateWhere('signups', { shiftId: { $in: ids.slice(i, i + 100) }, status: { $in: activeStatuses } }, { status: 'cancelled', offeredAt: null, rev: { $inc: 1 }, updatedAt: now })
  }
  // The places ended: the cancelled shifts count nobody, as their records say.
  for (let i = 0; i < ids.length; i += 100) await db.updateWhere('shifts', { _id: { $in: ids.slice(i, i + 100) } }, { taken: 0, waitlist: [], updatedAt: now })
  const byId = new Map(final.map((s) => [s._id, s]))
  const told = new Map<string, ShiftDoc[]>()
  const tell = (memberId: string, shift: ShiftDoc | undefined) => {
    if (!shift) return
    const theirs = told.get(memberId) ?? []
    if (!theirs.includes(shift)) theirs.push(shift)
    told.set(memberId, theirs)
  }
  for (const p of people) tell(p.memberId, byId.get(p.shiftId))
  for (const s of final) for (const w of s.waitlist) tell(w.memberId, s)
  // A WeChat message where they accepted one, and always a copy in 消息.
  const reminders: NewReminder[] = [...told.entries()].map(([memberId, unordered]) => {
    const theirs = [...unordered].sort((x, y) => x.startAt.getTime() - y.startAt.getTime())
    const first = theirs[0]
    const content = shiftCancelledContent(theirs.map((s) => ({ id: s._id, title: s.activityTitle, place: s.place, startAt: s.startAt, endAt: s.endAt })), reason, now)
    return { kind: 'shiftCancelled', subject: { type: 'shift', id: first._id, version: versionOf(now) }, memberId, branchId: first.branchId, at: first.startAt, content }
  })
  if (reminders.length) await remindNow(db, reminders, now)
  return live.length
}

/** Cancelling an activity cancels its shifts that have not started, and tells everyone on them. */
export async function cancelActivity(db: Db, actorIn: Actor, activityId: string, reason: string, now: Date): Promise<void> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const activity = await activityOfBranch(db, actor, activityId)
  if (activity.status === 'cancelled') fail('VOLUNTEER.ACTIVITY_CANCELLED')
  await db.update('volunteerActivities', activityId, { status: 'cancelled', cancelReason: reason, updatedAt: now })
  const future = await db.all('shifts', { activityId, status: { $ne: 'cancelled' }, startAt: { $gt: now } })
  await cancelShifts(db, future, reason, false, now)
}

export async function cancelShift(db: Db, shift: ShiftDoc, reason: string, now: Date): Promise<void> {
  if (shift.status === 'cancelled') fail('SHIFT.CANCELLED')
  if (!mayChangeShift(shift, now)) fail('SHIFT.STARTED', '班次已开始，不能再取消')
  await cancelShifts(db, [shift], reason, false, now)
}

type SeatInput = Pick<ActionInput<'volunteer.addShift'>, 'capacity' | 'eligibility' | 'leaderId' | 'hours' | 'presenceShare' | 'place' | 'geofence'>

export function newShift(actor: MemberActor, activity: ActivityDoc, times: ShiftTimes, seats: SeatInput, leader: { id: string; name: string } | null, rosterId: string | null, now: Date): ShiftDoc {
  return {
    _id: newId(),
    branchId: activity.branchId,
    activityId: activity._id,
    activityType: activity.type,
    activityTitle: activity.title,
    organiser: activity.organiser,
    place: seats.place.trim() || activity.place,
    rosterId,
    date: beijingDate(times.startAt),
    ...times,
    capacity: seats.capacity,
    taken: 0,
    waitlist: [],
    eligibility: seats.eligibility,
    leaderId: leader?.id ?? null,
    leaderName: leader?.name ?? null,
    hours: seats.hours,
    presenceShare: seats.presenceShare,
    geofence: seats.geofence,
    status: activity.status === 'published' ? 'published' : 'draft',
    cancelReason: null,
    cancelledByRoster: false,
    peopleServed: 0,
    version: 1,
    secret: randomBytes(24).toString('hex'),
    createdBy: actor.member._id,
    createdAt: now,
    updatedAt: now,
  }
}

export async function addShift(db: Db, actorIn: Actor, input: ActionInput<'volunteer.addShift'>, now: Date): Promise<string> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const activity = await activityOfBranch(db, actor, input.activityId)
  if (activity.status === 'cancelled') fail('VOLUNTEER.ACTIVITY_CANCELLED')
  const times: ShiftTimes = {
    startAt: new Date(input.startAt),
    endAt: new Date(input.endAt),
    signupOpensAt: new Date(input.signupOpensAt),
    signupClosesAt: new Date(input.signupClosesAt),
    cancelDeadline: new Date(input.cancelDeadline),
  }
  if (times.startAt.getTime() <= now.getTime()) fail('INPUT.INVALID', '开始时间已过去', { startAt: '开始时间已过去' })
  const shift = newShift(actor, activity, times, input, await leaderOf(db, actor, input.leaderId), null, now)
  await db.add('shifts', shift)
  return shift._id
}

/** Updates the people's copies of a shift's times, so their overlap checks see the new ones. */
export async function moveRecords(db: Db, shiftId: string, times: { startAt: Date; endAt: Date }, now: Date): Promise<void> {
  await db.updateWhere('signups', { shiftId, status: { $in: activeStatuses } }, { startAt: times.startAt, endAt: times.endAt, updatedAt: now })
  await movePlaces(db, shiftId, times, now)
}

/**
 * Edits one shift before it starts. A smaller capacity never drops anyone who holds a seat; a
 * larger one moves people up from the line at once.
 */
export async function updateShift(db: Db, actor: MemberActor, before: ShiftDoc, input: ActionInput<'volunteer.updateShift'>, now: Date): Promise<void> {
  const { shiftId, ...changes } = input
  if (before.status === 'cancelled') fail('SHIFT.CANCELLED')
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<typeof changes>
  const timeKeys = ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt', 'cancelDeadline'] as const
  const times = Object.fromEntries(timeKeys.map((k) => [k, defined[k] ? new Date(defined[k] as string) : before[k]])) as unknown as ShiftTimes
  const problems = shiftTimesProblems(times)
  if (Object.keys(problems).length) fail('INPUT.INVALID', Object.values(problems)[0], problems)
  const structural = timeKeys.some((k) => defined[k] && times[k].getTime() !== before[k].getTime()) || defined.capacity !== undefined || defined.eligibility !== undefined
  if (structural && !mayChangeShift(before, now)) fail('SHIFT.STARTED')
  if (defined.capacity !== undefined && defined.capacity < before.taken) fail('SHIFT.CAPACITY_BELOW_TAKEN', `名额不能少于已报名的 ${before.taken} 人`)
  const data: Update<ShiftDoc> = { ...times, date: beijingDate(times.startAt), updatedAt: now, version: { $inc: 1 } }
  if (defined.capacity !== undefined) data.capacity = defined.capacity
  if (defined.eligibility !== undefined) data.eligibility = defined.eligibility
  if (defined.hours !== undefined) data.hours = defined.hours
  if (defined.presenceShare !== undefined) data.presenceShare = defined.presenceShare
  if (defined.geofence !== undefined) data.geofence = defined.geofence
  if (defined.place !== undefined) data.place = defined.place.trim() || before.place
  if (defined.leaderId !== undefined) {
    const leader = await leaderOf(db, actor, defined.leaderId)
    data.leaderId = leader?.id ?? null
    data.leaderName = leader?.name ?? null
  }
  // Only the version that was checked: an edit racing another edit or a cancel is refused.
  if ((await db.updateWhere('shifts', { _id: shiftId, version: before.version, status: { $ne: 'cancelled' } }, data)) !== 1) fail('CONFLICT')
  if (times.startAt.getTime() !== before.startAt.getTime() || times.endAt.getTime() !== before.endAt.getTime()) await moveRecords(db, shiftId, times, now)
  if (defined.capacity !== undefined && defined.capacity > before.capacity) await promote(db, shiftId, now)
}
