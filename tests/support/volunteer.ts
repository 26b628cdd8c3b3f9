import type { ActionInput } from '../../shared/api/contract'
import { tokenSlot } from '../../shared/domain/checkin-code'
import { addCalendar, beijingDate, fromBeijing, minuteMs } from '../../shared/domain/time'
import { signToken } from '../../cloudfunctions/_lib/checkin-token'
import type { LocalCloud } from '../../localcloud/server'
import type { Change } from '../../localcloud/db/store'
import { ok } from './api'
import { inMinutes } from './meetings'

/** Scenario helpers for the volunteer tests: a team, its activities and shifts. */

/** An instant on a Beijing clock, `days` from today: the morning of the day after tomorrow is at(2, '09:00'). */
export const at = (days: number, clock: string) => fromBeijing(beijingDate(addCalendar(Date.now(), days, 'day')), clock).toISOString()
/** An instant `n` minutes from now, as the contract takes it. */
export const minutesFromNow = inMinutes

type ActivityInput = ActionInput<'volunteer.createActivity'>
type ShiftInput = ActionInput<'volunteer.addShift'>

export async function createActivity(cloud: LocalCloud, openid: string, overrides: Partial<ActivityInput> = {}): Promise<string> {
  const activity = await ok(cloud, openid, 'volunteer.createActivity', {
    type: 'community',
    title: '阳光社区环境整治',
    description: '清理楼道小广告，整理共享单车',
    place: '阳光社区服务中心',
    organiser: '明德实验学校第一党支部“七彩阳光”党员志愿服务队',
    publish: true,
    ...overrides,
  })
  return activity.id
}

/** A shift three days ahead, 09:00–11:00, open for sign-up now, two seats, led by 王丽 (member-003). */
export function shiftInput(activityId: string, overrides: Partial<ShiftInput> = {}): ShiftInput {
  return {
    activityId,
    startAt: at(3, '09:00'),
    endAt: at(3, '11:00'),
    signupOpensAt: minutesFromNow(-1),
    signupClosesAt: at(3, '08:00'),
    cancelDeadline: at(2, '18:00'),
    capacity: 2,
    eligibility: 'partyMembers',
    leaderId: 'member-003',
    hours: 2,
    presenceShare: 0.6,
    place: '',
    geofence: null,
    ...overrides,
  }
}

type RosterFields = Omit<ActionInput<'volunteer.createRoster'>, 'activityId'>

/** A roster of school days 07:30–08:00 between two Beijing dates, two seats, led by 王丽. */
export function rosterFields(fromDate: string, toDate: string, overrides: Partial<RosterFields> = {}): RosterFields {
  return {
    pattern: { fromDate, toDate, weekdays: [1, 2, 3, 4, 5], startClock: '07:30', endClock: '08:00', holidays: [] },
    capacity: 2,
    eligibility: 'partyMembers',
    leaderId: 'member-003',
    hours: 0.5,
    presenceShare: 0.6,
    cancelHoursBefore: 12,
    signupClosesMinutesBefore: 0,
    place: '',
    geofence: null,
    ...overrides,
  }
}

export async function createShift(cloud: LocalCloud, openid: string, activityId: string, overrides: Partial<ShiftInput> = {}): Promise<string> {
  return (await ok(cloud, openid, 'volunteer.addShift', shiftInput(activityId, overrides))).id
}

let phones = 0

/** `count` bound teachers of a branch, written straight to the store: their WeChat identities and roster ids. */
export async function addTeachers(cloud: LocalCloud, prefix: string, count: number, options: { branchId?: string; category?: string } = {}): Promise<Array<{ openid: string; memberId: string }>> {
  const branchId = options.branchId ?? 'branch-mingde-1'
  const now = new Date()
  const changes: Change[] = []
  const people = Array.from({ length: count }, (_x, i) => ({ openid: `${prefix}-openid-${i}`, memberId: `${prefix}-member-${i}` }))
  people.forEach(({ openid, memberId }, i) => {
    changes.push({
      coll: 'members',
      id: memberId,
      doc: { _id: memberId, branchId, groupId: null, name: `志愿者${prefix}${i}`, category: options.category ?? 'full', positions: [], phone: `150${String(++phones).padStart(8, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: now, updatedAt: now },
    })
    changes.push({ coll: 'bindings', id: openid, doc: { _id: openid, memberId, branchId, boundAt: now } })
  })
  await cloud.store.commit(changes)
  return people
}

/**
 * Moves a shift (and its people's copies of its times) so that it started `startedMinutesAgo`
 * and lasts `lengthMinutes`: a shift that has been held, for hours and check-out tests.
 */
export async function moveShift(cloud: LocalCloud, shiftId: string, startedMinutesAgo: number, lengthMinutes: number): Promise<{ startAt: Date; endAt: Date }> {
  const startAt = new Date(Date.now() - startedMinutesAgo * minuteMs)
  const endAt = new Date(startAt.getTime() + lengthMinutes * minuteMs)
  const shift = cloud.store.getDoc('shifts', shiftId)
  if (!shift) throw new Error(`no shift ${shiftId}`)
  const changes: Change[] = [{ coll: 'shifts', id: shiftId, doc: { ...shift, startAt, endAt, signupOpensAt: addCalendar(startAt, -1, 'day'), signupClosesAt: startAt, cancelDeadline: startAt, date: beijingDate(startAt), version: (shift.version as number) + 1 } }]
  for (const s of cloud.store.docs('signups').filter((d) => d.shiftId === shiftId)) changes.push({ coll: 'signups', id: s._id, doc: { ...s, startAt, endAt } })
  await cloud.store.commit(changes)
  return { startAt, endAt }
}

/** Sets fields of a person's record on a shift (a check-in some minutes ago, say). */
export async function patchSignup(cloud: LocalCloud, shiftId: string, memberId: string, fields: Record<string, unknown>): Promise<void> {
  const id = `${shiftId}_${memberId}`
  const doc = cloud.store.getDoc('signups', id)
  if (!doc) throw new Error(`no place ${id}`)
  await cloud.store.commit([{ coll: 'signups', id, doc: { ...doc, ...fields } }])
}

/** The code the leader's screen shows now (or `slotOffset` slots from now). */
export function shiftToken(cloud: LocalCloud, shiftId: string, slotOffset = 0): string {
  const shift = cloud.store.getDoc('shifts', shiftId) as unknown as { _id: string; secret: string }
  return signToken(shift, tokenSlot(new Date()) + slotOffset, 'shift')
}

export const placeOf = (cloud: LocalCloud, shiftId: string, memberId: string) => cloud.store.getDoc('signups', `${shiftId}_${memberId}`)
export const shiftDoc = (cloud: LocalCloud, shiftId: string) => cloud.store.getDoc('shifts', shiftId) as unknown as { taken: number; capacity: number; waitlist: Array<{ memberId: string; name: string }>; status: string }
