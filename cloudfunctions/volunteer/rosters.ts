/** 排班: a recurring roster of shifts, created in one step and edited as a whole. */
import type { ActionInput } from '../../shared/api/contract'
import type { VolunteerRosterView } from '../../shared/api/areas/volunteer'
import { fail } from '../../shared/errors'
import type { ShiftDoc, VolunteerRosterDoc as RosterDoc } from '../../shared/domain/documents'
import { patternDates, planRosterEdit, rosterShiftTimes, type RosterPattern, type Weekday } from '../../shared/domain/volunteer'
import { requireCapability, type Actor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { activityOfBranch } from '../_lib/volunteer'
import { promote } from '../_lib/seats'
import { cancelShifts, leaderOf, moveRecords, newShift, volunteerRosterView } from './manage'

type RosterInput = Omit<ActionInput<'volunteer.createRoster'>, 'activityId'>

const cleanPattern = (pattern: RosterInput['pattern']): RosterPattern => ({
  ...pattern,
  weekdays: [...new Set(pattern.weekdays)].sort() as Weekday[],
})

/** 排班: a pattern (e.g. every school day 07:30–08:00 for a term, skipping holidays) made into real shifts in one step. */
export async function createRoster(db: Db, actorIn: Actor, input: ActionInput<'volunteer.createRoster'>, now: Date): Promise<{ roster: VolunteerRosterView; created: number }> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const activity = await activityOfBranch(db, actor, input.activityId)
  if (activity.status === 'cancelled') fail('VOLUNTEER.ACTIVITY_CANCELLED')
  const leader = await leaderOf(db, actor, input.leaderId)
  const pattern = cleanPattern(input.pattern)
  const policy = { cancelHoursBefore: input.cancelHoursBefore, signupClosesMinutesBefore: input.signupClosesMinutesBefore }
  const roster: RosterDoc = {
    _id: newId(),
    branchId: actor.member.branchId,
    activityId: activity._id,
    pattern,
    policy,
    capacity: input.capacity,
    eligibility: input.eligibility,
    leaderId: leader?.id ?? null,
    leaderName: leader?.name ?? null,
    hours: input.hours,
    presenceShare: input.presenceShare,
    place: input.place.trim(),
    geofence: input.geofence,
    createdBy: actor.member._id,
    createdAt: now,
    updatedAt: now,
  }
  const shifts = patternDates(pattern)
    .map((date) => rosterShiftTimes(pattern, policy, date, now))
    .filter((times) => times.startAt.getTime() > now.getTime())
    .map((times) => newShift(actor, activity, times, roster, leader, roster._id, now))
  if (!shifts.length) fail('INPUT.INVALID', '所选日期的班次都已过去', { 'pattern.fromDate': '所选日期的班次都已过去' })
  await db.add('volunteerRosters', roster)
  await db.addMany('shifts', shifts)
  return { roster: volunteerRosterView(roster, shifts, now), created: shifts.length }
}

/** Runs `work` over items, a few at a time (each is its own round trip). */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

/**
 * Editing a pattern changes future shifts only (see planRosterEdit): started shifts stay as they
 * were, future ones follow the new times, capacity and leader, dates the pattern dropped are
 * cancelled (everyone on them is told) and dates it added get shifts.
 */
export async function updateRoster(db: Db, actorIn: Actor, input: ActionInput<'volunteer.updateRoster'>, now: Date): Promise<{ roster: VolunteerRosterView; created: number; updated: number; cancelled: number }> {
  const actor = requireCapability(actorIn, 'manageVolunteer')
  const before = await db.get('volunteerRosters', input.rosterId)
  if (!before) fail('VOLUNTEER.ROSTER_NOT_FOUND')
  if (before.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  const activity = await activityOfBranch(db, actor, before.activityId)
  if (activity.status === 'cancelled') fail('VOLUNTEER.ACTIVITY_CANCELLED')
  const leader = await leaderOf(db, actor, input.leaderId)
  const pattern = cleanPattern(input.pattern)
  const policy = { cancelHoursBefore: input.cancelHoursBefore, signupClosesMinutesBefore: input.signupClosesMinutesBefore }
  const roster: RosterDoc = { ...before, pattern, policy, capacity: input.capacity, eligibility: input.eligibility, leaderId: leader?.id ?? null, leaderName: leader?.name ?? null, hours: input.hours, presenceShare: input.presenceShare, place: input.place.trim(), geofence: input.geofence, updatedAt: now }
  const existing = await db.all('shifts', { rosterId: before._id })
  const plan = planRosterEdit(
    existing.map((s) => ({ id: s._id, date: s.date, startAt: s.startAt, status: s.status === 'cancelled' ? 'cancelled' : 'published', cancelledByRoster: s.cancelledByRoster })),
    pattern,
    now,
  )
  const byId = new Map(existing.map((s) => [s._id, s]))
  const created = plan.create.map((date) => newShift(actor, activity, rosterShiftTimes(pattern, policy, date, now), roster, leader, roster._id, now))
  const { _id, ...rosterData } = roster
  await db.set('volunteerRosters', _id, rosterData)
  if (created.length) await db.addMany('shifts', created)
  const grown: string[] = []
  await inBatches(plan.update, 10, async (id) => {
    const shift = byId.get(id) as ShiftDoc
    const times = rosterShiftTimes(pattern, policy, shift.date, now)
    // Sign-up already open stays open from when it opened.
    const signupOpensAt = shift.signupOpensAt.getTime() < times.signupOpensAt.getTime() ? shift.signupOpensAt : times.signupOpensAt
    const capacity = Math.max(roster.capacity, shift.taken)
    if (capacity > shift.capacity && shift.waitlist.length) grown.push(id)
    await db.update('shifts', id, {
      ...times,
      signupOpensAt,
      capacity,
      eligibility: roster.eligibility,
      leaderId: roster.leaderId,
      leaderName: roster.leaderName,
      hours: roster.hours,
      presenceShare: roster.presenceShare,
      place: roster.place || activity.place,
      geofence: roster.geofence,
      version: { $inc: 1 },
      updatedAt: now,
    })
    if (times.startAt.getTime() !== shift.startAt.getTime() || times.endAt.getTime() !== shift.endAt.getTime()) await moveRecords(db, id, times, now)
  })
  await inBatches(grown, 5, (id) => promote(db, id, now))
  const cancelled = await cancelShifts(db, plan.cancel.map((id) => byId.get(id) as ShiftDoc), '排班调整，该日不再安排', true, now)
  const after = [...existing.filter((s) => !plan.cancel.includes(s._id)), ...created]
  return { roster: volunteerRosterView(roster, after, now), created: created.length, updated: plan.update.length, cancelled }
}
