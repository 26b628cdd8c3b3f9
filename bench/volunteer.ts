import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import type { ShiftDoc, SignupDoc } from '../shared/domain/documents'
import { addCalendar, beijingDate, beijingParts, fromBeijing, hourMs } from '../shared/domain/time'
import type { ActivityType } from '../shared/domain/volunteer'
import { seedBranch } from './checkin'
import { summarize } from './harness'
import { cancel10, cancelDuringBurst, doubleTap10, mixed40, overlapWhileWaitlisted } from '../tests/support/volunteer-races'

async function call(cloud: LocalCloud, openid: string, action: string, input: unknown): Promise<{ data: unknown; dbOps: number; ms: number }> {
  const started = process.hrtime.bigint()
  for (let attempt = 1; ; attempt++) {
    const outcome = await cloud.invoke(action.split('.')[0], { action, input }, { openid })
    const result = outcome.result as { ok: boolean; data?: unknown; error?: { code?: string } } | undefined
    // 报名的人较多，请稍后再试, or every instance busy past the queue limit: the teacher taps
    // again; the time counted is until they are served.
    const turnedAway = !result && /exceed concurrent request limit/.test(String(outcome.error?.errMsg))
    if ((turnedAway || (!result?.ok && result?.error?.code === 'SHIFT.BUSY')) && attempt < 5) continue
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (!result?.ok) throw new Error(`${action} failed: ${JSON.stringify(result ?? outcome.error)}`)
    return { data: result.data, dbOps: outcome.stats.dbOps, ms }
  }
}

/** A shift `days` ahead, 09:00–11:00 Beijing time, open for sign-up now. */
function shiftInput(activityId: string, days: number, capacity: number) {
  const date = beijingDate(addCalendar(Date.now(), days, 'day'))
  return {
    activityId,
    startAt: fromBeijing(date, '09:00').toISOString(),
    endAt: fromBeijing(date, '11:00').toISOString(),
    signupOpensAt: new Date(Date.now() - 60_000).toISOString(),
    signupClosesAt: fromBeijing(date, '08:00').toISOString(),
    cancelDeadline: new Date(fromBeijing(date, '09:00').getTime() - 12 * hourMs).toISOString(),
    capacity,
    eligibility: 'partyMembers',
    leaderId: null,
    hours: 2,
    presenceShare: 0.6,
    place: '',
    geofence: null,
  }
}

/**
 * Sign-up: the database operations of one sign-up (who you are with the shift, the person's
 * places, the seat, the record), and 200 members pressing at once for a 10-seat shift.
 */
export async function signupBench(cloud: LocalCloud): Promise<Record<string, number>> {
  // 201 members (the first is the secretary).
  const { openids } = await seedBranch(cloud, 'vol', 201)
  const secretary = openids[0]
  const activity = (await call(cloud, secretary, 'volunteer.createActivity', { type: 'community', title: '社区志愿服务', description: '', place: '阳光社区', organiser: '七彩阳光党员志愿服务队', publish: true })).data as { id: string }
  const open = (await call(cloud, secretary, 'volunteer.addShift', shiftInput(activity.id, 3, 100))).data as { id: string }
  // The function's twenty instances up first (provisioned concurrency), as for a sign-up rush.
  await cloud.runner.provision('volunteer', 20)
  const ops: number[] = []
  const lone: number[] = []
  for (const openid of openids.slice(1, 101)) {
    const served = await call(cloud, openid, 'volunteer.signup', { shiftId: open.id, waitlist: true })
    ops.push(served.dbOps)
    lone.push(served.ms)
  }

  const race = (await call(cloud, secretary, 'volunteer.addShift', shiftInput(activity.id, 4, 10))).data as { id: string }
  const latencies: number[] = []
  await Promise.all(
    openids.slice(1, 201).map(async (openid) => {
      latencies.push((await call(cloud, openid, 'volunteer.signup', { shiftId: race.id, waitlist: true })).ms)
    }),
  )
  const places = cloud.store.docs('signups').filter((s) => s.shiftId === race.id)
  const confirmed = places.filter((p) => p.status === 'confirmed').length
  const shift = cloud.store.getDoc('shifts', race.id) as unknown as ShiftDoc
  const board = await call(cloud, openids[1], 'volunteer.board', {})
  return {
    'signup.dbOpsPerSignup': Math.round((ops.reduce((a, b) => a + b, 0) / ops.length) * 100) / 100,
    'signup.race200.confirmed': confirmed,
    'signup.race200.waitlisted': shift.waitlist.length,
    'signup.race200.overbooked': Math.max(0, confirmed - shift.capacity, shift.taken - shift.capacity),
    'signup.race200.duplicates': places.length - new Set(places.map((p) => p.memberId)).size + shift.waitlist.length - new Set(shift.waitlist.map((w) => w.memberId)).size,
    'signup.race200.p95ms': summarize(latencies).p95ms,
    'signup.single.p50ms': summarize(lone).p50ms,
    'signup.race200.p95OverSingleP50': Math.round((summarize(latencies).p95ms / summarize(lone).p50ms) * 100) / 100,
    'volunteer.board.dbOps': board.dbOps,
  }
}

/**
 * A team of 50 over a year, written straight to the store: 礼让斑马线 every school day (2 seats),
 * 社区志愿服务 twice a month (8), 送教上门 weekly (2), 敬老助老 quarterly (10). Then the figures and
 * the hours sheet for the year: their database operations do not grow with the number of shifts.
 */
export async function hoursExportBench(cloud: LocalCloud): Promise<Record<string, number>> {
  const { branchId, openids } = await seedBranch(cloud, 'team50', 50)
  const members = openids.map((_openid, i) => ({ _id: `team50-m${i}`, name: `成员${i}` }))
  const now = new Date()
  const kinds: Array<{ type: ActivityType; title: string; seats: number; on: (day: Date) => boolean }> = [
    { type: 'zebraCrossing', title: '礼让斑马线 文明劝导', seats: 2, on: (day) => beijingParts(day).weekday >= 1 && beijingParts(day).weekday <= 5 },
    { type: 'community', title: '社区志愿服务', seats: 8, on: (day) => [6, 20].includes(beijingParts(day).day) },
    { type: 'homeTeaching', title: '送教上门', seats: 2, on: (day) => beijingParts(day).weekday === 3 },
    { type: 'elderCare', title: '敬老院慰问', seats: 10, on: (day) => beijingParts(day).day === 9 && beijingParts(day).month % 3 === 0 },
  ]
  const changes: Change[] = []
  let seat = 0
  let shifts = 0
  for (let d = 365; d >= 1; d--) {
    const day = addCalendar(now, -d, 'day')
    const date = beijingDate(day)
    kinds.forEach((kind, k) => {
      if (!kind.on(day)) return
      const startAt = fromBeijing(date, '07:30')
      const endAt = fromBeijing(date, kind.type === 'zebraCrossing' ? '08:00' : '10:30')
      const hours = kind.type === 'zebraCrossing' ? 0.5 : 3
      const id = `team50-shift-${k}-${date}`
      const shift: ShiftDoc = {
        _id: id, branchId, activityId: `team50-activity-${k}`, activityType: kind.type, activityTitle: kind.title, organiser: '七彩阳光党员志愿服务队', place: '学校', rosterId: null, date,
        startAt, endAt, signupOpensAt: startAt, signupClosesAt: startAt, cancelDeadline: startAt, capacity: kind.seats, taken: kind.seats, waitlist: [], eligibility: 'partyMembers',
        leaderId: members[0]._id, leaderName: members[0].name, hours, presenceShare: 0.6, geofence: null, status: 'published', cancelReason: null, cancelledByRoster: false, peopleServed: 20,
        version: 1, secret: 'x', createdBy: members[0]._id, createdAt: startAt, updatedAt: startAt,
      }
      changes.push({ coll: 'shifts', id, doc: shift as unknown as Change['doc'] })
      shifts++
      for (let s = 0; s < kind.seats; s++) {
        const member = members[seat++ % members.length]
        const record: SignupDoc = {
          _id: `${id}_${member._id}`, shiftId: id, activityId: shift.activityId, branchId, memberId: member._id, memberName: member.name, startAt, endAt, status: 'confirmed',
          signedUpAt: startAt, confirmedAt: startAt, offeredAt: null, checkInAt: startAt, checkOutAt: endAt, checkInMethod: 'code', hours, hoursStatus: 'credited',
          confirmedBy: members[0].name, confirmedById: members[0]._id, rev: 2, updatedAt: endAt,
        }
        changes.push({ coll: 'signups', id: record._id, doc: record as unknown as Change['doc'] })
      }
    })
  }
  await cloud.store.commit(changes)
  const period = { from: addCalendar(now, -366, 'day').toISOString(), to: now.toISOString() }
  const exported = await call(cloud, openids[0], 'volunteer.exportHours', period)
  const figures = await call(cloud, openids[0], 'volunteer.figures', period)
  return {
    'volunteer.hoursExport.shifts': shifts,
    'volunteer.hoursExport.rows': (exported.data as { rows: number }).rows,
    'volunteer.hoursExport.dbOps': exported.dbOps,
    'volunteer.figures.dbOps': figures.dbOps,
  }
}

/**
 * The sign-up races that once went wrong (see tests/support/volunteer-races): the counts of what
 * went wrong, each 0 when the seats hold, and system errors under contention.
 */
export async function signupRaces(cloud: LocalCloud): Promise<Record<string, number>> {
  await cloud.runner.provision('volunteer', 20)
  let ghostSeats = 0
  for (const round of [1, 2, 3]) {
    const tapped = await doubleTap10(cloud, `benchtap${round}`, 20 + round)
    ghostSeats += tapped.ghostSeats + tapped.wrongAnswers + tapped.strayPromotions
  }
  const overlap = await overlapWhileWaitlisted(cloud, 'benchoverlap', 25)
  const burst = await cancelDuringBurst(cloud, 'benchburst', 26)
  const ten = await cancel10(cloud, 'benchten', 27)
  const mixed = await mixed40(cloud, 'benchmixed', 28)
  return {
    'signup.doubleTap10.ghostSeats': ghostSeats,
    'signup.overlapWhileWaitlisted.violations': overlap.violations,
    'signup.cancelDuringBurst.untold': burst.untold + burst.openPlaces,
    'signup.cancel10.internal': ten.internal,
    'signup.cancel10.refused': ten.refused.length,
    'signup.mixed40.internal': mixed.internal,
    'signup.mixed40.mismatch': mixed.mismatch + mixed.outOfOrder,
  }
}
