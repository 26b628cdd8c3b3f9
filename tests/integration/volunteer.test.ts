import { templateBinding } from '../../shared/domain/reminders'
import { addCalendar, beijingClock, beijingDate, beijingParts, formatSpan, fromBeijing, hourMs, minuteMs } from '../../shared/domain/time'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok, readXlsx } from '../support/api'
import { meetingInput, meetingToken } from '../support/meetings'
import { addTeachers, at, createActivity, createShift, minutesFromNow, moveShift, patchSignup, placeOf, rosterFields, shiftDoc, shiftInput, shiftToken } from '../support/volunteer'

let cloud: LocalCloud
let activityId: string
beforeAll(async () => {
  cloud = await startSeededCloud()
  activityId = await createActivity(cloud, secretary)
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const leader = 'demo-publicity' // 王丽, member-003: leads the shifts made by shiftInput
const member = 'demo-member' // 孙伟, member-007
const probationary = 'demo-probationary' // 谢雨婷, member-021
const activist = 'demo-activist' // 许诺, member-024
/**
 * One teacher's tap on 报名 (joining the line when full). When every instance of the function
 * stays busy past the cloud's queue limit, the call never ran and the phone says so; when the
 * crowd on one shift outlasts the function's retries, it answers 报名的人较多，请稍后再试 with
 * nothing changed. Either way the teacher taps again, as here.
 */
async function tapUntilServed(openid: string, shiftId: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await callAs(cloud, openid, 'volunteer.signup', { shiftId, waitlist: true })
      if (attempt < 5 && !answer.ok && answer.error.code === 'SHIFT.BUSY') continue
      return answer
    } catch (error) {
      if (attempt >= 5 || !/exceed concurrent request limit/.test(String(error))) throw error
    }
  }
}
const inboxOf = (memberId: string, kind: string) => cloud.store.docs('inbox').filter((m) => m.memberId === memberId && m.kind === kind)

describe('sign-up in one tap', () => {
  it('gives a seat, shows it among my shifts, and answers a second tap with the same place', async () => {
    const shiftId = await createShift(cloud, secretary, activityId)
    expect(await ok(cloud, member, 'volunteer.signup', { shiftId, waitlist: false })).toMatchObject({ shiftId, status: 'confirmed', position: null, already: false, shift: { id: shiftId, taken: 1, mine: { status: 'confirmed' } } })
    expect(await ok(cloud, member, 'volunteer.signup', { shiftId, waitlist: false })).toMatchObject({ status: 'confirmed', already: true })
    const board = await ok(cloud, member, 'volunteer.board', {})
    expect(board.mine.map((s) => s.id)).toContain(shiftId)
    expect(board.open.find((s) => s.id === shiftId)).toMatchObject({ taken: 1, capacity: 2, mine: { status: 'confirmed' } })
    expect(shiftDoc(cloud, shiftId).taken).toBe(1)
  })

  it('offers the waitlist when the seats are gone, and keeps the line in the order people joined', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, startAt: at(3, '14:00'), endAt: at(3, '16:00'), signupClosesAt: at(3, '13:00') })
    await ok(cloud, member, 'volunteer.signup', { shiftId, waitlist: false })
    const full = await callAs(cloud, probationary, 'volunteer.signup', { shiftId, waitlist: false })
    expect(full).toMatchObject({ ok: false, error: { code: 'SHIFT.FULL' } })
    expect(full.ok ? '' : full.error.message).toContain('候补')
    const [first, second] = await addTeachers(cloud, 'line', 2)
    expect(await ok(cloud, probationary, 'volunteer.signup', { shiftId, waitlist: true })).toMatchObject({ status: 'waitlisted', position: 1 })
    expect(await ok(cloud, first.openid, 'volunteer.signup', { shiftId, waitlist: true })).toMatchObject({ status: 'waitlisted', position: 2 })
    expect(await ok(cloud, second.openid, 'volunteer.signup', { shiftId, waitlist: true })).toMatchObject({ status: 'waitlisted', position: 3 })
    expect(shiftDoc(cloud, shiftId).waitlist.map((w) => w.memberId)).toEqual(['member-021', first.memberId, second.memberId])
  })

  it('refuses a shift that overlaps one the person holds, naming it', async () => {
    const first = await createShift(cloud, secretary, activityId, { startAt: at(4, '09:00'), endAt: at(4, '11:00'), signupClosesAt: at(4, '08:00'), cancelDeadline: at(3, '18:00') })
    const overlapping = await createShift(cloud, secretary, activityId, { startAt: at(4, '10:30'), endAt: at(4, '12:00'), signupClosesAt: at(4, '08:00'), cancelDeadline: at(3, '18:00') })
    const backToBack = await createShift(cloud, secretary, activityId, { startAt: at(4, '11:00'), endAt: at(4, '12:00'), signupClosesAt: at(4, '08:00'), cancelDeadline: at(3, '18:00') })
    await ok(cloud, probationary, 'volunteer.signup', { shiftId: first, waitlist: false })
    const seq = cloud.store.commitSeq
    const refused = await callAs(cloud, probationary, 'volunteer.signup', { shiftId: overlapping, waitlist: true })
    expect(refused).toMatchObject({ ok: false, error: { code: 'SHIFT.OVERLAP' } })
    expect(refused.ok ? '' : refused.error.message).toMatch(/09:00–11:00 阳光社区环境整治/)
    expect(cloud.store.commitSeq).toBe(seq)
    expect(await ok(cloud, probationary, 'volunteer.signup', { shiftId: backToBack, waitlist: false })).toMatchObject({ status: 'confirmed' })
  })

  it('refuses outside the sign-up window, a members-only shift to an activist, and a cancelled shift, each with its own code and writing nothing', async () => {
    const notOpen = await createShift(cloud, secretary, activityId, { signupOpensAt: at(1, '08:00') })
    const closed = await createShift(cloud, secretary, activityId, { signupOpensAt: minutesFromNow(-60), signupClosesAt: minutesFromNow(-1) })
    const membersOnly = await createShift(cloud, secretary, activityId)
    const cancelled = await createShift(cloud, secretary, activityId)
    await ok(cloud, secretary, 'volunteer.cancelShift', { shiftId: cancelled, reason: '天气原因' })
    const cases: Array<[string, string, string]> = [
      [notOpen, member, 'SHIFT.SIGNUP_NOT_OPEN'],
      [closed, member, 'SHIFT.SIGNUP_CLOSED'],
      [membersOnly, activist, 'SHIFT.NOT_ELIGIBLE'],
      [cancelled, member, 'SHIFT.CANCELLED'],
      [membersOnly, 'demo-branch2-secretary', 'AUTH.FORBIDDEN'],
      [membersOnly, 'demo-newcomer', 'AUTH.NOT_BOUND'],
      ['no-such-shift', member, 'SHIFT.NOT_FOUND'],
    ]
    for (const [shiftId, who, code] of cases) {
      const seq = cloud.store.commitSeq
      expect([code, await callAs(cloud, who, 'volunteer.signup', { shiftId, waitlist: true })]).toMatchObject([code, { ok: false, error: { code } }])
      expect(cloud.store.commitSeq).toBe(seq)
    }
    const notYet = await callAs(cloud, member, 'volunteer.signup', { shiftId: notOpen, waitlist: false })
    expect(notYet.ok ? '' : notYet.error.message).toMatch(/^报名将于 .+ 开始$/)
  })

  it('lets every teacher join an open shift', async () => {
    const open = await createShift(cloud, secretary, activityId, { eligibility: 'allTeachers', startAt: at(5, '14:00'), endAt: at(5, '16:00'), signupClosesAt: at(5, '13:00'), cancelDeadline: at(4, '18:00') })
    expect(await ok(cloud, activist, 'volunteer.signup', { shiftId: open, waitlist: false })).toMatchObject({ status: 'confirmed' })
  })
})

describe('one person, one place at a time', () => {
  beforeAll(() => cloud.runner.provision('volunteer', 20))

  const shiftAt = (days: number, from: string, to: string) =>
    createShift(cloud, secretary, activityId, { capacity: 5, eligibility: 'allTeachers', startAt: at(days, from), endAt: at(days, to), signupClosesAt: at(days, '07:00'), cancelDeadline: at(days - 1, '18:00') })
  const span = (shiftId: string) => {
    const shift = cloud.store.getDoc('shifts', shiftId) as unknown as { startAt: Date; endAt: Date }
    return `${beijingClock(shift.startAt)}–${beijingClock(shift.endAt)} 阳光社区环境整治`
  }

  it('confirms exactly one of five overlapping shifts a person taps at once, refuses the others naming it, and gives their seats back', async () => {
    const shifts = await Promise.all(['09:00', '09:20', '09:40', '10:00', '10:20'].map((from) => shiftAt(10, from, beijingClock(new Date(Date.parse(at(10, from)) + 2 * hourMs)))))
    // Three teachers, each on two phones at once: fifteen sign-ups in flight together.
    const people = await addTeachers(cloud, 'twophones', 3)
    const taps = people.flatMap((p) => shifts.map((shiftId) => ({ p, shiftId })))
    const results = await Promise.all(taps.map(({ p, shiftId }) => tapUntilServed(p.openid, shiftId)))
    for (const p of people) {
      const mine = taps.map((tap, i) => ({ ...tap, result: results[i] })).filter((tap) => tap.p === p)
      const won = mine.filter((tap) => tap.result.ok)
      expect(won).toHaveLength(1)
      expect(won[0].result).toMatchObject({ ok: true, data: { status: 'confirmed', already: false } })
      for (const lost of mine.filter((tap) => !tap.result.ok)) {
        expect(lost.result).toMatchObject({ ok: false, error: { code: 'SHIFT.OVERLAP' } })
        expect(lost.result.ok ? '' : lost.result.error.message).toContain(span(won[0].shiftId))
      }
      const held = cloud.store.docs('signups').filter((s) => s.memberId === p.memberId && s.status === 'confirmed')
      expect(held.map((s) => s.shiftId)).toEqual([won[0].shiftId])
    }
    // Every refused tap's seat went back: three seats taken in all.
    expect(shifts.reduce((sum, id) => sum + shiftDoc(cloud, id).taken, 0)).toBe(3)
  })

  it('gives a person both of two shifts that do not overlap when they tap them at once', async () => {
    const morning = await shiftAt(11, '08:00', '10:00')
    const after = await shiftAt(11, '10:00', '11:30')
    const people = await addTeachers(cloud, 'twoshifts', 3)
    const results = await Promise.all(people.flatMap((p) => [morning, after].map((shiftId) => tapUntilServed(p.openid, shiftId))))
    expect(results.map((r) => (r.ok ? r.data.status : r.error.code))).toEqual(Array(6).fill('confirmed'))
    for (const p of people) expect([morning, after].map((id) => placeOf(cloud, id, p.memberId)?.status)).toEqual(['confirmed', 'confirmed'])
  })

  it('lets only one of a swap and a sign-up at an overlapping time through when the same person sends both at once', async () => {
    const offeredShift = await shiftAt(12, '09:00', '11:00')
    const clashing = await shiftAt(12, '10:00', '12:00')
    const [holder, taker] = await addTeachers(cloud, 'swaprace', 2)
    await ok(cloud, holder.openid, 'volunteer.signup', { shiftId: offeredShift, waitlist: false })
    await ok(cloud, holder.openid, 'volunteer.offerSwap', { shiftId: offeredShift, offer: true })
    const [swap, signup] = await Promise.all([
      callAs(cloud, taker.openid, 'volunteer.takeSwap', { shiftId: offeredShift, fromMemberId: holder.memberId }),
      tapUntilServed(taker.openid, clashing),
    ])
    expect([swap, signup].filter((r) => r.ok)).toHaveLength(1)
    expect([swap, signup].filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['SHIFT.OVERLAP'])
    const held = cloud.store.docs('signups').filter((s) => s.memberId === taker.memberId && s.status === 'confirmed')
    expect(held).toHaveLength(1)
    // The seat offered stays with exactly one person.
    expect(cloud.store.docs('signups').filter((s) => s.shiftId === offeredShift && s.status === 'confirmed')).toHaveLength(1)
  })
})

describe('setting activities and shifts up', () => {
  it('keeps a draft activity’s shifts from teachers until it is published, and a new name reaches its shifts', async () => {
    const draft = await createActivity(cloud, secretary, { title: '送教上门（草稿）', type: 'homeTeaching', publish: false })
    const shiftId = await createShift(cloud, secretary, draft, { startAt: at(13, '09:00'), endAt: at(13, '11:00'), signupClosesAt: at(13, '08:00'), cancelDeadline: at(12, '18:00') })
    const [teacher] = await addTeachers(cloud, 'draft', 1)
    expect((await ok(cloud, teacher.openid, 'volunteer.board', {})).open.map((s) => s.id)).not.toContain(shiftId)
    expect(await callAs(cloud, teacher.openid, 'volunteer.signup', { shiftId, waitlist: false })).toMatchObject({ ok: false, error: { code: 'SHIFT.NOT_FOUND' } })
    await ok(cloud, secretary, 'volunteer.updateActivity', { activityId: draft, title: '送教上门：小宇家' })
    const published = await ok(cloud, secretary, 'volunteer.publishActivity', { activityId: draft })
    expect(published).toMatchObject({ status: 'published', title: '送教上门：小宇家' })
    const card = (await ok(cloud, teacher.openid, 'volunteer.board', {})).open.find((s) => s.id === shiftId)
    expect(card).toMatchObject({ activityTitle: '送教上门：小宇家', activityType: 'homeTeaching', status: 'published' })
    expect(await ok(cloud, teacher.openid, 'volunteer.signup', { shiftId, waitlist: false })).toMatchObject({ status: 'confirmed' })
  })

  it('edits a shift: more seats move the line up at once, fewer than taken is refused, and new times move everyone’s place', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, eligibility: 'allTeachers', startAt: at(13, '14:00'), endAt: at(13, '16:00'), signupClosesAt: at(13, '13:00'), cancelDeadline: at(12, '18:00') })
    const [a, b, c] = await addTeachers(cloud, 'edit', 3)
    for (const p of [a, b, c]) await ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })
    const grown = await ok(cloud, secretary, 'volunteer.updateShift', { shiftId, capacity: 2 })
    expect(grown.people.map((p) => [p.name, p.status])).toEqual([
      ['志愿者edit0', 'confirmed'],
      ['志愿者edit1', 'confirmed'],
      ['志愿者edit2', 'waitlisted'],
    ])
    expect(inboxOf(b.memberId, 'shiftPromoted')).toHaveLength(1)
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'volunteer.updateShift', { shiftId, capacity: 1 })).toMatchObject({ ok: false, error: { code: 'SHIFT.CAPACITY_BELOW_TAKEN' } })
    expect(cloud.store.commitSeq).toBe(seq)
    // Moved to the morning: a's place moves with it, so a morning shift now clashes and the afternoon is free.
    await ok(cloud, secretary, 'volunteer.updateShift', { shiftId, startAt: at(13, '08:00'), endAt: at(13, '10:00'), signupClosesAt: at(13, '07:00') })
    expect(placeOf(cloud, shiftId, a.memberId)).toMatchObject({ status: 'confirmed', startAt: new Date(at(13, '08:00')) })
    const morning = await createShift(cloud, secretary, activityId, { eligibility: 'allTeachers', startAt: at(13, '09:00'), endAt: at(13, '11:00'), signupClosesAt: at(13, '07:00'), cancelDeadline: at(12, '18:00') })
    const afternoon = await createShift(cloud, secretary, activityId, { eligibility: 'allTeachers', startAt: at(13, '14:30'), endAt: at(13, '15:30'), signupClosesAt: at(13, '13:00'), cancelDeadline: at(12, '18:00') })
    expect(await callAs(cloud, a.openid, 'volunteer.signup', { shiftId: morning, waitlist: false })).toMatchObject({ ok: false, error: { code: 'SHIFT.OVERLAP' } })
    expect(await ok(cloud, a.openid, 'volunteer.signup', { shiftId: afternoon, waitlist: false })).toMatchObject({ status: 'confirmed' })
  })
})

describe('never more confirmed than seats', () => {
  // The function's twenty instances up first (the cloud's provisioned concurrency, as a branch
  // would keep for a sign-up rush), so the race is between sign-ups, not cold starts.
  beforeAll(() => cloud.runner.provision('volunteer', 20))

  it('confirms exactly 10 of 200 pressing at once, puts 190 in line in the order the database took them, and nobody twice', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 10, eligibility: 'allTeachers', startAt: at(6, '09:00'), endAt: at(6, '11:00'), signupClosesAt: at(6, '08:00'), cancelDeadline: at(5, '18:00') })
    const crowd = await addTeachers(cloud, 'race', 200)
    // Ten of them tap twice.
    const taps = [...crowd, ...crowd.slice(0, 10)]
    const results = await Promise.allSettled(taps.map((p) => tapUntilServed(p.openid, shiftId)))
    const answers = results.map((r) => (r.status === 'fulfilled' && r.value.ok ? r.value.data : null))
    expect(results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : r.value.ok ? [] : [`${r.value.error.code} ${r.value.error.message}`]))).toEqual([])
    expect(answers.filter((a) => a === null)).toHaveLength(0)

    const shift = shiftDoc(cloud, shiftId)
    const places = cloud.store.docs('signups').filter((s) => s.shiftId === shiftId)
    const confirmed = places.filter((p) => p.status === 'confirmed')
    const waiting = places.filter((p) => p.status === 'waitlisted')
    expect(shift.taken).toBe(10)
    expect(confirmed).toHaveLength(10)
    expect(waiting).toHaveLength(190)
    expect(places).toHaveLength(200)
    expect(shift.waitlist).toHaveLength(190)
    expect(new Set(shift.waitlist.map((w) => w.memberId)).size).toBe(190)
    // The line holds exactly those not seated, and each was told their own place in it.
    const seated = new Set(confirmed.map((p) => p.memberId))
    expect(shift.waitlist.some((w) => seated.has(w.memberId))).toBe(false)
    const toldPosition = new Map<string, number>()
    answers.forEach((a, i) => {
      if (a?.status === 'waitlisted' && !a.already) toldPosition.set(taps[i].memberId, a.position as number)
    })
    expect(toldPosition.size).toBe(190)
    shift.waitlist.forEach((w, i) => expect([w.memberId, toldPosition.get(w.memberId)]).toEqual([w.memberId, i + 1]))
  })

  it('puts a later arrival behind everyone already in line', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 2, eligibility: 'allTeachers', startAt: at(6, '14:00'), endAt: at(6, '15:00'), signupClosesAt: at(6, '13:00'), cancelDeadline: at(5, '18:00') })
    const early = await addTeachers(cloud, 'early', 30)
    const late = await addTeachers(cloud, 'late', 10)
    await Promise.all(early.map((p) => ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })))
    await Promise.all(late.map((p) => ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })))
    const line = shiftDoc(cloud, shiftId).waitlist.map((w) => w.memberId)
    expect(line).toHaveLength(38)
    expect(new Set(line.slice(28))).toEqual(new Set(late.map((p) => p.memberId)))
  })
})

describe('cancelling and the waitlist', () => {
  it('gives the freed seat to the first in line in the same step, and tells them', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, startAt: at(7, '09:00'), endAt: at(7, '11:00'), signupClosesAt: at(7, '08:00'), cancelDeadline: at(6, '18:00') })
    await ok(cloud, member, 'volunteer.signup', { shiftId, waitlist: false })
    await ok(cloud, probationary, 'volunteer.signup', { shiftId, waitlist: true })
    const after = await ok(cloud, member, 'volunteer.cancel', { shiftId })
    expect(after.mine).toMatchObject({ status: 'cancelled' })
    expect(after.people.map((p) => [p.name, p.status])).toEqual([['谢雨婷', 'confirmed']])
    expect(shiftDoc(cloud, shiftId)).toMatchObject({ taken: 1, waitlist: [] })
    const [message] = inboxOf('member-021', 'shiftPromoted').filter((m) => String(m.link).includes(shiftId))
    expect(message).toMatchObject({ title: '候补成功，你已获得名额' })
    // 提醒发送情况 lists the shift by its date and time, not by the activity's name alone.
    const subjects = await ok(cloud, secretary, 'reminder.subjects', {})
    expect(subjects.find((x) => x.subjectId === shiftId)?.title).toBe(`${formatSpan(new Date(at(7, '09:00')), new Date(at(7, '11:00')))} ${after.activityTitle}`)
    const board = await ok(cloud, probationary, 'volunteer.board', {})
    expect(board.mine.find((s) => s.id === shiftId)?.mine).toMatchObject({ status: 'confirmed' })
    // 接下来的提醒 lists the evening-before reminder of the seat just gained.
    const coming = await ok(cloud, probationary, 'reminder.mine', {})
    expect(coming.upcoming.filter((u) => u.link?.includes(shiftId)).map((u) => u.kind)).toEqual(['shiftTomorrow'])
  })

  it('promotes each of the first two in line exactly once when two people cancel at the same moment', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 2, eligibility: 'allTeachers', startAt: at(7, '14:00'), endAt: at(7, '16:00'), signupClosesAt: at(7, '13:00'), cancelDeadline: at(6, '18:00') })
    const people = await addTeachers(cloud, 'twocancel', 5)
    for (const p of people) await ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })
    const [a, b, c, d, e] = people
    const results = await Promise.allSettled([a, b].map((p) => callAs(cloud, p.openid, 'volunteer.cancel', { shiftId })))
    expect(results.every((r) => r.status === 'fulfilled' && r.value.ok)).toBe(true)
    const shift = shiftDoc(cloud, shiftId)
    expect(shift.taken).toBe(2)
    expect(shift.waitlist.map((w) => w.memberId)).toEqual([e.memberId])
    expect([c, d].map((p) => placeOf(cloud, shiftId, p.memberId)?.status)).toEqual(['confirmed', 'confirmed'])
    for (const p of [c, d]) expect(inboxOf(p.memberId, 'shiftPromoted')).toHaveLength(1)
    expect(inboxOf(e.memberId, 'shiftPromoted')).toHaveLength(0)
    expect(cloud.store.docs('shiftLog').filter((l) => l.shiftId === shiftId && l.kind === 'promoted')).toHaveLength(2)
  })

  it('frees one seat when the same person cancels twice at once', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, eligibility: 'allTeachers', startAt: at(8, '09:00'), endAt: at(8, '10:00'), signupClosesAt: at(8, '08:00'), cancelDeadline: at(7, '18:00') })
    const [a, b, c] = await addTeachers(cloud, 'doublecancel', 3)
    for (const p of [a, b, c]) await ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })
    const results = await Promise.all([1, 2, 3].map(() => callAs(cloud, a.openid, 'volunteer.cancel', { shiftId })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['SHIFT.NOT_SIGNED_UP', 'SHIFT.NOT_SIGNED_UP'])
    expect(shiftDoc(cloud, shiftId)).toMatchObject({ taken: 1, waitlist: [{ memberId: c.memberId }] })
    expect(placeOf(cloud, shiftId, b.memberId)?.status).toBe('confirmed')
  })

  it('lets a person leave the line without touching the seats', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, eligibility: 'allTeachers', startAt: at(8, '14:00'), endAt: at(8, '15:00'), signupClosesAt: at(8, '13:00'), cancelDeadline: at(7, '18:00') })
    const [a, b, c] = await addTeachers(cloud, 'leaveline', 3)
    for (const p of [a, b, c]) await ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: true })
    await ok(cloud, b.openid, 'volunteer.cancel', { shiftId })
    expect(shiftDoc(cloud, shiftId)).toMatchObject({ taken: 1, waitlist: [{ memberId: c.memberId }] })
    expect(placeOf(cloud, shiftId, a.memberId)?.status).toBe('confirmed')
    expect(await ok(cloud, c.openid, 'volunteer.signup', { shiftId, waitlist: true })).toMatchObject({ status: 'waitlisted', position: 1, already: true })
  })

  it('refuses to cancel after the deadline; the leader can still remove someone, with a reason, and the line moves up', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, cancelDeadline: minutesFromNow(-1) })
    const [a, b] = await addTeachers(cloud, 'deadline', 2)
    await ok(cloud, a.openid, 'volunteer.signup', { shiftId, waitlist: true })
    await ok(cloud, b.openid, 'volunteer.signup', { shiftId, waitlist: true })
    // Signed up a while ago: past the few minutes in which a sign-up can be undone.
    await patchSignup(cloud, shiftId, a.memberId, { signedUpAt: new Date(Date.now() - 20 * minuteMs) })
    const seq = cloud.store.commitSeq
    const late = await callAs(cloud, a.openid, 'volunteer.cancel', { shiftId })
    expect(late).toMatchObject({ ok: false, error: { code: 'SHIFT.CANCEL_CLOSED' } })
    expect(cloud.store.commitSeq).toBe(seq)
    expect(await callAs(cloud, member, 'volunteer.remove', { shiftId, memberId: a.memberId, reason: '临时有课' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, leader, 'volunteer.remove', { shiftId, memberId: a.memberId, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { reason: '请填写原因' } } })
    expect(cloud.store.commitSeq).toBe(seq)
    const after = await ok(cloud, leader, 'volunteer.remove', { shiftId, memberId: a.memberId, reason: '临时承担监考任务' })
    expect(after.people.map((p) => [p.memberId, p.status])).toEqual([[b.memberId, 'confirmed']])
    expect(after.log.find((l) => l.kind === 'removed')).toMatchObject({ memberName: '志愿者deadline0', byName: '王丽', reason: '临时承担监考任务' })
    expect(placeOf(cloud, shiftId, a.memberId)?.status).toBe('removed')
    expect(inboxOf(a.memberId, 'shiftRemoved')[0]?.body).toContain('临时承担监考任务')
    expect(inboxOf(b.memberId, 'shiftPromoted')).toHaveLength(1)
    // What the app holds about the removed teacher includes the removal and why.
    const theirs = await ok(cloud, a.openid, 'member.exportMine', {})
    expect(theirs.volunteer).toContainEqual(expect.objectContaining({ activityTitle: '阳光社区环境整治', status: 'removed' }))
    expect(theirs.volunteerChanges).toContainEqual(expect.objectContaining({ kind: 'removed', byName: '王丽', reason: '临时承担监考任务' }))
  })
})

describe('swaps', () => {
  it('hands an offered seat to exactly one of two people taking it at once, never empty or doubled, and logs it', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, eligibility: 'allTeachers', cancelDeadline: minutesFromNow(-1), startAt: at(9, '09:00'), endAt: at(9, '11:00'), signupClosesAt: at(9, '08:00') })
    const [holder, x, y] = await addTeachers(cloud, 'swap', 3)
    await ok(cloud, holder.openid, 'volunteer.signup', { shiftId, waitlist: false })
    expect(await callAs(cloud, x.openid, 'volunteer.takeSwap', { shiftId, fromMemberId: holder.memberId })).toMatchObject({ ok: false, error: { code: 'SHIFT.SWAP_UNAVAILABLE' } })
    const offered = await ok(cloud, holder.openid, 'volunteer.offerSwap', { shiftId, offer: true })
    expect(offered.mine).toMatchObject({ status: 'confirmed', offered: true })
    expect((await ok(cloud, x.openid, 'volunteer.board', {})).swaps.map((s) => [s.shift.id, s.from.name])).toContainEqual([shiftId, '志愿者swap0'])
    const results = await Promise.all([x, y].map((p) => callAs(cloud, p.openid, 'volunteer.takeSwap', { shiftId, fromMemberId: holder.memberId })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['SHIFT.SWAP_UNAVAILABLE'])
    const places = cloud.store.docs('signups').filter((s) => s.shiftId === shiftId)
    expect(places.filter((p) => p.status === 'confirmed')).toHaveLength(1)
    expect(placeOf(cloud, shiftId, holder.memberId)?.status).toBe('swappedOut')
    expect(shiftDoc(cloud, shiftId).taken).toBe(1)
    expect(inboxOf(holder.memberId, 'swapTaken')).toHaveLength(1)
    const winner = results[0].ok ? x : y
    const view = await ok(cloud, leader, 'volunteer.shift', { shiftId })
    expect(view.log.filter((l) => l.kind.startsWith('swap')).map((l) => [l.kind, l.before, l.after])).toEqual([
      ['swapOffered', null, null],
      ['swapTaken', '志愿者swap0', `志愿者swap${winner === x ? 1 : 2}`],
    ])
  })

  it('refuses taking one’s own seat and taking a seat at an overlapping time', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 1, eligibility: 'allTeachers', startAt: at(9, '14:00'), endAt: at(9, '16:00'), signupClosesAt: at(9, '13:00'), cancelDeadline: at(8, '18:00') })
    const clashing = await createShift(cloud, secretary, activityId, { capacity: 1, eligibility: 'allTeachers', startAt: at(9, '15:00'), endAt: at(9, '17:00'), signupClosesAt: at(9, '13:00'), cancelDeadline: at(8, '18:00') })
    const [holder, busy] = await addTeachers(cloud, 'swapno', 2)
    await ok(cloud, holder.openid, 'volunteer.signup', { shiftId, waitlist: false })
    await ok(cloud, busy.openid, 'volunteer.signup', { shiftId: clashing, waitlist: false })
    await ok(cloud, holder.openid, 'volunteer.offerSwap', { shiftId, offer: true })
    expect(await callAs(cloud, holder.openid, 'volunteer.takeSwap', { shiftId, fromMemberId: holder.memberId })).toMatchObject({ ok: false, error: { code: 'SHIFT.SWAP_SELF' } })
    expect(await callAs(cloud, busy.openid, 'volunteer.takeSwap', { shiftId, fromMemberId: holder.memberId })).toMatchObject({ ok: false, error: { code: 'SHIFT.OVERLAP' } })
    await ok(cloud, holder.openid, 'volunteer.offerSwap', { shiftId, offer: false })
    expect(placeOf(cloud, shiftId, holder.memberId)).toMatchObject({ status: 'confirmed', offeredAt: null })
  })
})

describe('recurring rosters', () => {
  it('makes a term of 礼让斑马线 in one step, on school days only and none on the holiday, and edits change future shifts only', async () => {
    const zebra = await createActivity(cloud, secretary, { type: 'zebraCrossing', title: '礼让斑马线 文明劝导', place: '学校东门' })
    // Three weeks from tomorrow, with the middle week off.
    const date = (offset: number) => beijingDate(addCalendar(Date.now(), offset + 1, 'day'))
    const pattern = { ...rosterFields(date(0), date(20)).pattern, holidays: [{ from: date(7), to: date(13) }] }
    const made = await ok(cloud, secretary, 'volunteer.createRoster', { activityId: zebra, ...rosterFields(date(0), date(20), { pattern }) })
    const shifts = cloud.store.docs('shifts').filter((s) => s.rosterId === made.roster.id)
    expect(made.created).toBe(shifts.length)
    const weekdaysOf = shifts.map((s) => beijingParts(s.startAt as Date).weekday)
    expect(weekdaysOf.every((d) => d >= 1 && d <= 5)).toBe(true)
    expect(shifts.every((s) => (s.date as string) < date(7) || (s.date as string) > date(13))).toBe(true)
    expect(shifts.length).toBeGreaterThanOrEqual(8)
    expect(shifts.every((s) => new Date(s.startAt as Date).toISOString().endsWith('T23:30:00.000Z'))).toBe(true)

    // Someone on the first shift and on the last; the first one has been held by the time of the edit.
    const sorted = [...shifts].sort((a, b) => (a.date as string).localeCompare(b.date as string))
    const held = sorted[0]._id
    const last = sorted[sorted.length - 1]._id
    const [gateKeeper] = await addTeachers(cloud, 'gate', 1)
    await ok(cloud, gateKeeper.openid, 'volunteer.signup', { shiftId: held, waitlist: false })
    await ok(cloud, gateKeeper.openid, 'volunteer.signup', { shiftId: last, waitlist: false })
    const heldTimes = await moveShift(cloud, held, 60 * 24, 30)

    const lastWeekday = beijingParts(sorted[sorted.length - 1].startAt as Date).weekday
    const edited = await ok(cloud, secretary, 'volunteer.updateRoster', {
      rosterId: made.roster.id,
      ...rosterFields(date(-1), date(20), { capacity: 3, pattern: { ...pattern, fromDate: date(-1), weekdays: [1, 2, 3, 4, 5].filter((d) => d !== lastWeekday) as Array<1 | 2 | 3 | 4 | 5>, startClock: '07:20' } }),
    })
    expect(edited.cancelled).toBeGreaterThanOrEqual(1)
    // The held shift is as it was.
    expect(cloud.store.getDoc('shifts', held)).toMatchObject({ startAt: heldTimes.startAt, capacity: 2, status: 'published' })
    // The dropped weekday's shift is cancelled and its people told.
    expect(cloud.store.getDoc('shifts', last)).toMatchObject({ status: 'cancelled', cancelledByRoster: true })
    expect(placeOf(cloud, last, gateKeeper.memberId)?.status).toBe('cancelled')
    expect(inboxOf(gateKeeper.memberId, 'shiftCancelled').some((m) => String(m.body).includes('排班调整'))).toBe(true)
    // Future shifts start at 07:20 now, with three seats.
    const future = cloud.store.docs('shifts').filter((s) => s.rosterId === made.roster.id && s.status === 'published' && s._id !== held)
    expect(future.length).toBeGreaterThan(0)
    expect(future.every((s) => new Date(s.startAt as Date).toISOString().endsWith('T23:20:00.000Z') && s.capacity === 3)).toBe(true)
  })

  it('explains a pattern that cannot make shifts, field by field, and writes nothing', async () => {
    const seq = cloud.store.commitSeq
    const bad = await callAs(cloud, secretary, 'volunteer.createRoster', {
      activityId,
      ...rosterFields('2026-02-30', '2026-03-10', { leaderId: null, pattern: { fromDate: '2026-02-30', toDate: '2026-03-10', weekdays: [1], startClock: '07:30', endClock: '07:00', holidays: [] } }),
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { 'pattern.fromDate': expect.any(String), 'pattern.endClock': '结束时间应晚于开始时间' } } })
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

describe('at the shift', () => {
  it('checks in by the leader’s rotating code, then out, and refuses a meeting’s code', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { startAt: at(13, '09:00'), endAt: at(13, '10:00'), signupClosesAt: at(13, '08:00'), cancelDeadline: at(12, '18:00') })
    await ok(cloud, member, 'volunteer.signup', { shiftId, waitlist: false })
    // It starts in ten minutes.
    await moveShift(cloud, shiftId, -10, 60)
    const code = await ok(cloud, leader, 'volunteer.code', { shiftId })
    expect(code.link).toMatch(/\/pages\/checkin\/index\?t=s\./)
    expect(code.counts).toEqual({ confirmed: 1, checkedIn: 0, checkedOut: 0 })
    expect(await ok(cloud, member, 'volunteer.scan', { token: code.token })).toMatchObject({ action: 'checkIn', checkOutAt: null })
    expect(await ok(cloud, member, 'volunteer.scan', { token: shiftToken(cloud, shiftId) })).toMatchObject({ action: 'repeat' })
    await patchSignup(cloud, shiftId, 'member-007', { checkInAt: new Date(Date.now() - 20 * minuteMs) })
    // During the shift a second scan asks first, and signs out only when the person says so.
    const seq = cloud.store.commitSeq
    expect(await ok(cloud, member, 'volunteer.scan', { token: shiftToken(cloud, shiftId) })).toMatchObject({ action: 'askCheckOut', checkOutAt: null })
    expect(cloud.store.commitSeq).toBe(seq)
    expect(placeOf(cloud, shiftId, 'member-007')?.checkOutAt).toBeNull()
    expect(await ok(cloud, member, 'volunteer.scan', { token: shiftToken(cloud, shiftId), checkOut: true })).toMatchObject({ action: 'checkOut' })
    expect((await ok(cloud, leader, 'volunteer.code', { shiftId })).counts).toEqual({ confirmed: 1, checkedIn: 1, checkedOut: 1 })
    // Once the leader has confirmed the hours, a scan changes nothing and shows the figure.
    await patchSignup(cloud, shiftId, 'member-007', { hoursStatus: 'credited', hours: 0.5 })
    const before = cloud.store.commitSeq
    expect(await ok(cloud, member, 'volunteer.scan', { token: shiftToken(cloud, shiftId), checkOut: true })).toMatchObject({ action: 'hoursConfirmed', hours: 0.5, hoursStatus: 'credited' })
    expect(cloud.store.commitSeq).toBe(before)

    const meeting = await ok(cloud, secretary, 'meeting.create', meetingInput({ startAt: minutesFromNow(10), endAt: minutesFromNow(70) }))
    const meetingCode = meetingToken(cloud, meeting.id)
    expect(await callAs(cloud, member, 'volunteer.scan', { token: meetingCode })).toMatchObject({ ok: false, error: { code: 'SHIFT.CODE_NOT_SHIFT' } })
    // …and a shift's code never checks anyone in to a meeting.
    expect(await callAs(cloud, member, 'checkin.scan', { token: shiftToken(cloud, shiftId) })).toMatchObject({ ok: false, error: { code: 'CHECKIN.TOKEN_FORGED' } })
    expect(cloud.store.docs('attendance').filter((a) => a.meetingId === meeting.id)).toHaveLength(0)
  })

  it('refuses a forged, an old and another shift’s code, and someone not on the shift', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { startAt: at(13, '14:00'), endAt: at(13, '15:00'), signupClosesAt: at(13, '13:00'), cancelDeadline: at(12, '18:00'), eligibility: 'allTeachers' })
    const other = await createShift(cloud, secretary, activityId, { startAt: at(13, '16:00'), endAt: at(13, '17:00'), signupClosesAt: at(13, '13:00'), cancelDeadline: at(12, '18:00'), eligibility: 'allTeachers' })
    const [person] = await addTeachers(cloud, 'codes', 1)
    await ok(cloud, person.openid, 'volunteer.signup', { shiftId, waitlist: false })
    await moveShift(cloud, shiftId, -15, 60)
    const genuine = shiftToken(cloud, shiftId)
    const cases: Array<[string, string, { token: string; shiftId?: string }, string]> = [
      ['forged', person.openid, { token: genuine.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) }, 'CHECKIN.TOKEN_FORGED'],
      ['old', person.openid, { token: shiftToken(cloud, shiftId, -3) }, 'CHECKIN.TOKEN_EXPIRED'],
      ['another shift', person.openid, { token: shiftToken(cloud, other), shiftId }, 'SHIFT.CODE_OTHER_SHIFT'],
      ['not on it', activist, { token: genuine }, 'SHIFT.NOT_SIGNED_UP'],
      ['another branch', 'demo-branch2-secretary', { token: genuine }, 'AUTH.FORBIDDEN'],
    ]
    for (const [label, who, input, code] of cases) expect([label, await callAs(cloud, who, 'volunteer.scan', input)]).toMatchObject([label, { ok: false, error: { code } }])
    expect(placeOf(cloud, shiftId, person.memberId)?.checkInAt).toBeNull()
  })

  it('checks in by location where the shift has a geofence', async () => {
    const gate = { latitude: 30.2741, longitude: 120.1551, radiusMeters: 100 }
    const shiftId = await createShift(cloud, secretary, activityId, { startAt: at(13, '18:00'), endAt: at(13, '19:00'), signupClosesAt: at(13, '17:00'), cancelDeadline: at(12, '18:00'), geofence: gate })
    await ok(cloud, probationary, 'volunteer.signup', { shiftId, waitlist: false })
    await moveShift(cloud, shiftId, -5, 30)
    expect(await callAs(cloud, probationary, 'volunteer.scan', { shiftId, location: { latitude: 30.2841, longitude: 120.1551 } })).toMatchObject({ ok: false, error: { code: 'CHECKIN.OUT_OF_RANGE' } })
    expect(await callAs(cloud, probationary, 'volunteer.scan', { shiftId })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(await ok(cloud, probationary, 'volunteer.scan', { shiftId, location: { latitude: 30.2745, longitude: 120.1552 } })).toMatchObject({ action: 'checkIn' })
    expect(placeOf(cloud, shiftId, 'member-021')?.checkInMethod).toBe('geofence')
  })
})

describe('hours', () => {
  it('suggests hours from presence, takes the leader’s confirmation, and logs a correction with its reason', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { capacity: 4, eligibility: 'allTeachers', startAt: at(10, '09:00'), endAt: at(10, '11:00'), signupClosesAt: at(10, '08:00'), cancelDeadline: at(9, '18:00') })
    const [full, partial, forgot, absent] = await addTeachers(cloud, 'hours', 4)
    for (const p of [full, partial, forgot, absent]) await ok(cloud, p.openid, 'volunteer.signup', { shiftId, waitlist: false })
    expect(await callAs(cloud, leader, 'volunteer.confirmHours', { shiftId, peopleServed: 1, entries: [] })).toMatchObject({ ok: false, error: { code: 'SHIFT.NOT_STARTED' } })
    // The shift ran three nights ago, 03:00–05:00: no shift of the demo's falls in its period, at whatever hour this runs.
    const ranAt = fromBeijing(beijingDate(addCalendar(Date.now(), -3, 'day')), '03:00')
    const { startAt, endAt } = await moveShift(cloud, shiftId, (Date.now() - ranAt.getTime()) / minuteMs, 120)
    await patchSignup(cloud, shiftId, full.memberId, { checkInAt: new Date(startAt.getTime() - 5 * minuteMs), checkOutAt: new Date(endAt.getTime() + 2 * minuteMs) })
    // 40 minutes of 120: a third, below the 60 % rule.
    await patchSignup(cloud, shiftId, partial.memberId, { checkInAt: new Date(startAt.getTime() + 80 * minuteMs), checkOutAt: endAt })
    const view = await ok(cloud, leader, 'volunteer.shift', { shiftId })
    const byId = new Map(view.people.map((p) => [p.memberId, p]))
    expect(byId.get(full.memberId)).toMatchObject({ share: 1, suggestedHours: 2 })
    expect(byId.get(partial.memberId)).toMatchObject({ suggestedHours: 0 })
    expect(byId.get(partial.memberId)?.share).toBeCloseTo(1 / 3)
    expect(byId.get(forgot.memberId)).toMatchObject({ share: null, suggestedHours: 0 })

    const entries: Array<{ memberId: string; outcome: 'credited' | 'noShow'; hours: number; reason?: string }> = [
      { memberId: full.memberId, outcome: 'credited', hours: 2 },
      { memberId: partial.memberId, outcome: 'credited', hours: 0.7 },
      { memberId: forgot.memberId, outcome: 'credited', hours: 2 },
      { memberId: absent.memberId, outcome: 'noShow', hours: 0 },
    ]
    const seq = cloud.store.commitSeq
    const missing = await callAs(cloud, leader, 'volunteer.confirmHours', { shiftId, peopleServed: 36, entries })
    expect(missing).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(Object.keys(missing.ok ? {} : (missing.error.fields ?? {})).sort()).toEqual(['entries.1.reason', 'entries.2.reason'])
    expect(cloud.store.commitSeq).toBe(seq)

    entries[1].reason = '提前离开去上课，按实际在岗计'
    entries[2].reason = '忘记签到，带队人现场确认全程在岗'
    const confirmed = await ok(cloud, leader, 'volunteer.confirmHours', { shiftId, peopleServed: 36, entries })
    expect(confirmed.peopleServed).toBe(36)
    expect(confirmed.people.map((p) => [p.memberId, p.hoursStatus, p.hours, p.confirmedBy])).toEqual([
      [full.memberId, 'credited', 2, '王丽'],
      [partial.memberId, 'credited', 0.7, '王丽'],
      [forgot.memberId, 'credited', 2, '王丽'],
      [absent.memberId, 'noShow', 0, '王丽'],
    ])
    expect(confirmed.log.filter((l) => l.kind === 'hoursCorrected').map((l) => [l.memberName, l.before, l.after, l.reason])).toEqual([
      ['志愿者hours1', '待确认', '已确认 0.7 小时', '提前离开去上课，按实际在岗计'],
      ['志愿者hours2', '待确认', '已确认 2 小时', '忘记签到，带队人现场确认全程在岗'],
    ])
    // A later change to confirmed hours needs a reason too, and is logged before and after.
    const corrected = await ok(cloud, secretary, 'volunteer.confirmHours', { shiftId, peopleServed: 36, entries: [{ memberId: full.memberId, outcome: 'credited', hours: 1.5, reason: '提前半小时离岗' }] })
    expect(corrected.log.at(-1)).toMatchObject({ kind: 'hoursCorrected', before: '已确认 2 小时', after: '已确认 1.5 小时', byName: '李红梅' })
    // Each person whose figure differs from their record is told it, with the reason; the one confirmed as recorded is not.
    expect(inboxOf(partial.memberId, 'hoursCorrected').map((m) => [m.title, m.body])).toEqual([['服务时长确认为 0.7 小时', expect.stringContaining('原因：提前离开去上课，按实际在岗计')]])
    expect(inboxOf(full.memberId, 'hoursCorrected').map((m) => m.body)).toEqual([expect.stringMatching(/已确认 1\.5 小时（原为已确认 2 小时）。原因：提前半小时离岗。确认人：李红梅/)])
    expect(inboxOf(absent.memberId, 'hoursCorrected')).toHaveLength(0)

    const mine = await ok(cloud, full.openid, 'volunteer.history', { from: addCalendar(startAt, -1, 'day').toISOString(), to: addCalendar(endAt, 1, 'day').toISOString() })
    expect(mine).toMatchObject({ hours: 1.5, shifts: 1, rows: [{ shiftId, hoursStatus: 'credited', hours: 1.5 }] })

    // The hours sheet: one row per person per shift with hours, in the fields the records need.
    const period = { from: new Date(startAt.getTime() - 60_000).toISOString(), to: new Date(endAt.getTime() + 60_000).toISOString() }
    const link = await ok(cloud, secretary, 'volunteer.exportHours', period)
    expect(link.rows).toBe(3)
    const rows = await readXlsx(Buffer.from(await (await fetch(link.url)).arrayBuffer()))
    expect(String(rows[0][0])).toMatch(/^明德实验学校第一党支部 志愿服务时长记录（\d{4}年\d{1,2}月\d{1,2}日—\d{4}年\d{1,2}月\d{1,2}日）$/)
    expect(rows[1]).toEqual(['姓名', '活动名称', '服务日期', '开始', '结束', '服务时长', '组织单位', '确认人'])
    const day = beijingDate(startAt)
    const organiser = '明德实验学校第一党支部“七彩阳光”党员志愿服务队'
    expect(rows.slice(2, 5)).toEqual([
      ['志愿者hours0', '阳光社区环境整治', day, beijingClock(startAt), beijingClock(endAt), 1.5, organiser, '李红梅'],
      ['志愿者hours1', '阳光社区环境整治', day, beijingClock(startAt), beijingClock(endAt), 0.7, organiser, '王丽'],
      ['志愿者hours2', '阳光社区环境整治', day, beijingClock(startAt), beijingClock(endAt), 2, organiser, '王丽'],
    ])
    expect(rows.map((r) => String(r[0]))).toContain('共 3 条记录，合计 4.2 小时。仅含带队人已确认的服务时长。')
    // The no-show has no row; nobody's name appears in the team's figures.
    expect(rows.some((r) => r[0] === '志愿者hours3')).toBe(false)
    const figures = await ok(cloud, secretary, 'volunteer.figures', period)
    expect(figures.byType).toEqual([{ type: 'community', activities: 1, shifts: 1, personTimes: 3, hours: 4.2, peopleServed: 36 }])
    expect(JSON.stringify(figures)).not.toContain('志愿者')
  })

  it('refuses hours from someone who neither leads the shift nor manages volunteering', async () => {
    const shiftId = await createShift(cloud, secretary, activityId, { startAt: at(11, '09:00'), endAt: at(11, '10:00'), signupClosesAt: at(11, '08:00'), cancelDeadline: at(10, '18:00') })
    await moveShift(cloud, shiftId, 120, 60)
    expect(await callAs(cloud, member, 'volunteer.confirmHours', { shiftId, peopleServed: 3, entries: [] })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('cancelling tells everyone signed up', () => {
  it('cancels an activity’s future shifts and tells each person on them once, in 消息 and by WeChat where they accepted it', async () => {
    const outing = await createActivity(cloud, secretary, { type: 'elderCare', title: '重阳敬老院慰问', place: '夕阳红敬老院' })
    const one = await createShift(cloud, secretary, outing, { capacity: 1, eligibility: 'allTeachers', startAt: at(12, '09:00'), endAt: at(12, '11:00'), signupClosesAt: at(12, '08:00'), cancelDeadline: at(11, '18:00') })
    const two = await createShift(cloud, secretary, outing, { capacity: 1, eligibility: 'allTeachers', startAt: at(12, '14:00'), endAt: at(12, '16:00'), signupClosesAt: at(12, '13:00'), cancelDeadline: at(11, '18:00') })
    const [a, b, c] = await addTeachers(cloud, 'tell', 3)
    await ok(cloud, a.openid, 'volunteer.signup', { shiftId: one, waitlist: false })
    await ok(cloud, b.openid, 'volunteer.signup', { shiftId: one, waitlist: true })
    await ok(cloud, a.openid, 'volunteer.signup', { shiftId: two, waitlist: false })
    await ok(cloud, c.openid, 'volunteer.signup', { shiftId: two, waitlist: true })
    // a allowed one 志愿服务取消通知 after signing up; b and c did not.
    await cloud.openapi.grantSubscription(a.openid, templateBinding('cancelNotice').id)
    await ok(cloud, a.openid, 'reminder.subscribe', { moment: 'afterShiftSignup', answers: { cancelNotice: 'accept' } })
    const detail = await ok(cloud, secretary, 'volunteer.cancelActivity', { activityId: outing, reason: '敬老院防疫要求，暂停探访' })
    expect(detail.status).toBe('cancelled')
    expect([one, two].map((id) => shiftDoc(cloud, id).status)).toEqual(['cancelled', 'cancelled'])
    expect(inboxOf(a.memberId, 'shiftCancelled')).toHaveLength(1)
    expect(inboxOf(a.memberId, 'shiftCancelled')[0]).toMatchObject({ title: '你报名的 2 个志愿服务班次已取消' })
    expect(String(inboxOf(a.memberId, 'shiftCancelled')[0].body)).toContain('敬老院防疫要求')
    for (const p of [b, c]) expect(inboxOf(p.memberId, 'shiftCancelled')).toHaveLength(1)
    const wechat = cloud.openapi.outbox({ touser: a.openid }).filter((m) => m.templateId === templateBinding('cancelNotice').id)
    expect(wechat).toHaveLength(1)
    expect(wechat[0]).toMatchObject({ delivered: true, page: 'pages/volunteer/index' })
    const fields = wechat[0].data as Record<string, { value: string }>
    expect(fields.thing1.value).toBe('重阳敬老院慰问')
    expect(fields.thing3.value).toBe('敬老院防疫要求，暂停探访')
    expect(fields.thing4.value).toContain('已取消')
    for (const p of [b, c]) expect(cloud.openapi.outbox({ touser: p.openid })).toHaveLength(0)
    // The manager sees who was reached and who was not.
    const deliveries = await ok(cloud, secretary, 'reminder.deliveries', { subjectType: 'shift', subjectId: one })
    expect(deliveries.rows.filter((r) => r.kind === 'shiftCancelled').map((r) => [r.memberName, r.status]).sort()).toEqual([
      ['志愿者tell0', 'sent'],
      ['志愿者tell1', 'noQuota'],
    ])
    expect(placeOf(cloud, one, a.memberId)?.status).toBe('cancelled')
    const board = await ok(cloud, a.openid, 'volunteer.board', {})
    expect(board.mine.map((s) => s.id)).not.toContain(one)
  })
})

describe('malformed input writes nothing', () => {
  const bad: Array<[string, () => Promise<{ ok: boolean; error?: { code: string } }>]> = [
    ['a shift that ends before it starts', () => callAs(cloud, secretary, 'volunteer.addShift', shiftInput(activityId, { endAt: at(3, '08:00') }))],
    ['an impossible date', () => callAs(cloud, secretary, 'volunteer.addShift', shiftInput(activityId, { startAt: '2026-02-30T09:00:00+08:00' }))],
    ['an offset that does not exist', () => callAs(cloud, secretary, 'volunteer.addShift', shiftInput(activityId, { cancelDeadline: '2026-06-01T10:00:00+99:99' }))],
    ['no seats', () => callAs(cloud, secretary, 'volunteer.addShift', shiftInput(activityId, { capacity: 0 }))],
    ['a fractional capacity', () => callAs(cloud, secretary, 'volunteer.addShift', shiftInput(activityId, { capacity: 1.5 }))],
    ['an unknown field', () => callAs(cloud, member, 'volunteer.signup', { shiftId: 'x', waitlist: false, memberId: 'member-001' } as never)],
    ['no waitlist answer', () => callAs(cloud, member, 'volunteer.signup', { shiftId: 'x' } as never)],
    ['an unknown activity type', () => callAs(cloud, secretary, 'volunteer.createActivity', { type: 'party', title: '活动', description: '', place: '社区', organiser: '志愿服务队', publish: true } as never)],
    ['negative hours', () => callAs(cloud, leader, 'volunteer.confirmHours', { shiftId: 'x', peopleServed: 1, entries: [{ memberId: 'm', outcome: 'credited', hours: -1 }] })],
    ['a period that ends before it starts', () => callAs(cloud, secretary, 'volunteer.exportHours', { from: '2026-12-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' })],
    ['a scan with neither code nor place', () => callAs(cloud, member, 'volunteer.scan', {})],
  ]
  it.each(bad)('%s', async (_label, run) => {
    const seq = cloud.store.commitSeq
    expect(await run()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(cloud.store.commitSeq).toBe(seq)
  })
})
