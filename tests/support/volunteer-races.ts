import type { LocalCloud } from '../../localcloud/server'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/api/contract'
import type { Result } from '../../shared/errors'
import { callAs } from './api'
import { addTeachers, at, createActivity, createShift } from './volunteer'

/*
 * The sign-up races, as real members would run them against the local cloud: each returns the
 * count of what went wrong (0 when the seats hold). The integration tests assert the zeros and
 * the bench reports them. Each scenario makes its own activity, shifts and teachers; `day`
 * places its shifts on a day of their own so scenarios never overlap one another.
 */

const secretary = 'demo-secretary'

type Answer<A extends ActionName> = Result<ActionOutput<A>>

/** A call that the cloud may turn away when every instance is busy: a phone then shows it and the teacher taps again. */
async function tap<A extends ActionName>(cloud: LocalCloud, openid: string, action: A, input: ActionInput<A>): Promise<Answer<A>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callAs(cloud, openid, action, input)
    } catch (error) {
      if (attempt >= 5 || !/exceed concurrent request limit/.test(String(error))) throw error
    }
  }
}

const internal = (answers: ReadonlyArray<Result<unknown>>) => answers.filter((a) => !a.ok && a.error.code === 'INTERNAL').length

const signups = (cloud: LocalCloud, shiftId: string) => cloud.store.docs('signups').filter((s) => s.shiftId === shiftId)
const shiftOf = (cloud: LocalCloud, shiftId: string) => cloud.store.getDoc('shifts', shiftId) as unknown as { taken: number; capacity: number; status: string; waitlist: Array<{ memberId: string; at: Date | string }> }

/**
 * What does not add up on a shift: seats counted that no confirmed record holds (or the
 * reverse), more confirmed than seats, a line entry without a waiting record or the reverse.
 */
export function shiftMismatch(cloud: LocalCloud, shiftId: string): number {
  const shift = shiftOf(cloud, shiftId)
  const records = signups(cloud, shiftId)
  const confirmed = records.filter((r) => r.status === 'confirmed')
  const waiting = new Set(records.filter((r) => r.status === 'waitlisted').map((r) => r.memberId as string))
  const line = new Set(shift.waitlist.map((w) => w.memberId))
  const lineOff = [...line].filter((m) => !waiting.has(m)).length + [...waiting].filter((m) => !line.has(m)).length
  return Math.abs(shift.taken - confirmed.length) + Math.max(0, confirmed.length - shift.capacity) + lineOff
}

async function shiftOn(cloud: LocalCloud, activityId: string, day: number, from: string, to: string, capacity: number): Promise<string> {
  return createShift(cloud, secretary, activityId, { capacity, eligibility: 'allTeachers', startAt: at(day, from), endAt: at(day, to), signupClosesAt: at(day, from), cancelDeadline: at(day - 1, '12:00') })
}

/**
 * One member taps 报名 ten times at once while three others sign up for a three-seat shift.
 * Counts ghost seats (the count against the records), taps that answered something other than
 * the place the tapper ended with, and 候补成功 messages the tapper got for a seat they held.
 */
export async function doubleTap10(cloud: LocalCloud, prefix: string, day: number): Promise<{ ghostSeats: number; wrongAnswers: number; strayPromotions: number; internal: number }> {
  const activityId = await createActivity(cloud, secretary, { title: `连点${prefix}` })
  const shiftId = await shiftOn(cloud, activityId, day, '09:00', '10:00', 3)
  const [tapper, ...others] = await addTeachers(cloud, prefix, 4)
  const answers = await Promise.all([
    ...Array.from({ length: 10 }, () => tap(cloud, tapper.openid, 'volunteer.signup', { shiftId, waitlist: true })),
    ...others.map((o) => tap(cloud, o.openid, 'volunteer.signup', { shiftId, waitlist: true })),
  ])
  const tapperAnswers = answers.slice(0, 10)
  const final = cloud.store.getDoc('signups', `${shiftId}_${tapper.memberId}`)?.status
  return {
    ghostSeats: shiftMismatch(cloud, shiftId),
    wrongAnswers: tapperAnswers.filter((a) => !a.ok || a.data.status !== final).length,
    strayPromotions: cloud.store.docs('inbox').filter((m) => m.memberId === tapper.memberId && m.kind === 'shiftPromoted').length,
    internal: internal(answers),
  }
}

/**
 * People join the line of a full shift and sign up for an overlapping one at the same moment;
 * then the seat of the full one frees. Counts the people left holding (or waiting for) both.
 */
export async function overlapWhileWaitlisted(cloud: LocalCloud, prefix: string, day: number): Promise<{ violations: number; internal: number }> {
  const activityId = await createActivity(cloud, secretary, { title: `重叠${prefix}` })
  const full = await shiftOn(cloud, activityId, day, '09:00', '11:00', 1)
  const other = await shiftOn(cloud, activityId, day, '10:00', '12:00', 10)
  const [holder, ...people] = await addTeachers(cloud, prefix, 6)
  await tap(cloud, holder.openid, 'volunteer.signup', { shiftId: full, waitlist: false })
  const answers = (await Promise.all(people.map((p) => Promise.all([tap(cloud, p.openid, 'volunteer.signup', { shiftId: full, waitlist: true }), tap(cloud, p.openid, 'volunteer.signup', { shiftId: other, waitlist: true })])))).flat()
  const cancelled = await tap(cloud, holder.openid, 'volunteer.cancel', { shiftId: full })
  const active = (shiftId: string, memberId: string) => ['confirmed', 'waitlisted'].includes(String(cloud.store.getDoc('signups', `${shiftId}_${memberId}`)?.status))
  return { violations: people.filter((p) => active(full, p.memberId) && active(other, p.memberId)).length, internal: internal([...answers, cancelled]) }
}

/**
 * Sixty people sign up for an activity's two shifts while the secretary cancels the activity.
 * Counts those the cancellation left untold (told they had a place, no cancellation message)
 * and places left open on the cancelled shifts.
 */
export async function cancelDuringBurst(cloud: LocalCloud, prefix: string, day: number): Promise<{ untold: number; openPlaces: number; internal: number }> {
  const activityId = await createActivity(cloud, secretary, { title: `取消${prefix}` })
  const shifts = [await shiftOn(cloud, activityId, day, '09:00', '10:00', 20), await shiftOn(cloud, activityId, day, '14:00', '15:00', 20)]
  const people = await addTeachers(cloud, prefix, 60)
  let started = 0
  let cancel: Promise<Answer<'volunteer.cancelActivity'>> | null = null
  const answers = await Promise.all(
    people.map(async (p, i) => {
      const answer = await tap(cloud, p.openid, 'volunteer.signup', { shiftId: shifts[i % 2], waitlist: true })
      // The secretary presses 取消活动 once a third of the crowd is through.
      if (++started === 20) cancel = tap(cloud, secretary, 'volunteer.cancelActivity', { activityId, reason: '天气原因' })
      return answer
    }),
  )
  const cancelled = await (cancel as unknown as Promise<Answer<'volunteer.cancelActivity'>>)
  const toldCancelled = new Set(cloud.store.docs('inbox').filter((m) => m.kind === 'shiftCancelled').map((m) => m.memberId as string))
  const untold = people.filter((p, i) => {
    const a = answers[i]
    return a.ok && !toldCancelled.has(p.memberId)
  }).length
  const openPlaces = shifts.flatMap((id) => signups(cloud, id)).filter((r) => r.status === 'confirmed' || r.status === 'waitlisted').length
  return { untold, openPlaces, internal: internal([...answers, cancelled]) }
}

/** Ten confirmed people cancel at the same moment, five waiting. Counts INTERNAL answers and what does not add up after. */
export async function cancel10(cloud: LocalCloud, prefix: string, day: number): Promise<{ internal: number; refused: string[]; mismatch: number }> {
  const activityId = await createActivity(cloud, secretary, { title: `十人取消${prefix}` })
  const shiftId = await shiftOn(cloud, activityId, day, '09:00', '10:00', 10)
  const people = await addTeachers(cloud, prefix, 15)
  for (const p of people) await tap(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })
  const answers = await Promise.all(people.slice(0, 10).map((p) => tap(cloud, p.openid, 'volunteer.cancel', { shiftId })))
  return { internal: internal(answers), refused: answers.flatMap((a) => (a.ok ? [] : [`${a.error.code} ${a.error.message}`])), mismatch: shiftMismatch(cloud, shiftId) }
}

/**
 * Forty requests at once on one shift: ten confirmed people cancel, ten leave the line, twenty
 * new people join. Counts INTERNAL answers, what does not add up after, and line entries out
 * of the order the database accepted them.
 */
export async function mixed40(cloud: LocalCloud, prefix: string, day: number): Promise<{ internal: number; mismatch: number; outOfOrder: number }> {
  const activityId = await createActivity(cloud, secretary, { title: `混合${prefix}` })
  const shiftId = await shiftOn(cloud, activityId, day, '09:00', '10:00', 10)
  const people = await addTeachers(cloud, prefix, 40)
  for (const p of people.slice(0, 20)) await tap(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })
  const answers: Array<Result<unknown>> = await Promise.all([
    ...people.slice(0, 20).map((p) => tap(cloud, p.openid, 'volunteer.cancel', { shiftId })),
    ...people.slice(20).map((p) => tap(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })),
  ])
  return { internal: internal(answers), mismatch: shiftMismatch(cloud, shiftId), outOfOrder: lineOutOfOrder(cloud, shiftId) }
}

/** Line entries stamped earlier than the one ahead of them. */
export function lineOutOfOrder(cloud: LocalCloud, shiftId: string): number {
  const times = shiftOf(cloud, shiftId).waitlist.map((w) => new Date(w.at).getTime())
  return times.filter((t, i) => i > 0 && t < times[i - 1]).length
}
