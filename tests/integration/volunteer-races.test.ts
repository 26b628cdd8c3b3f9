import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { addTeachers, at, createActivity, createShift } from '../support/volunteer'
import { cancel10, cancelDuringBurst, doubleTap10, mixed40, overlapWhileWaitlisted } from '../support/volunteer-races'

/**
 * Each defect the seats once had, raced through the real local cloud with the function's own
 * instances: the counts of what went wrong must be zero.
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
  await cloud.runner.provision('volunteer', 20)
})
afterAll(() => cloud.close())

it('lets ten confirmed people cancel at once without a system error, the line moving up', async () => {
  expect(await cancel10(cloud, 'ten', 27)).toEqual({ internal: 0, refused: [], mismatch: 0 })
})

it('counts no seat nobody holds when one person taps ten times beside three others, and answers every tap alike', async () => {
  for (const round of [1, 2, 3]) {
    expect(await doubleTap10(cloud, `tap${round}`, 20 + round)).toEqual({ ghostSeats: 0, wrongAnswers: 0, strayPromotions: 0, internal: 0 })
  }
})

it('never leaves a person on the line of one shift and in a seat of an overlapping one', async () => {
  expect(await overlapWhileWaitlisted(cloud, 'overlap', 25)).toEqual({ violations: 0, internal: 0 })
})

it('tells everyone who was told they had a place when the activity is cancelled during a sign-up burst, and leaves no place open', async () => {
  expect(await cancelDuringBurst(cloud, 'burst', 26)).toEqual({ untold: 0, openPlaces: 0, internal: 0 })
})

it('answers forty mixed requests at once without a system error, the seats and the line adding up, in the order accepted', async () => {
  expect(await mixed40(cloud, 'mixed', 28)).toEqual({ internal: 0, mismatch: 0, outOfOrder: 0 })
})

it('writes nothing when a swap is refused', async () => {
  const activityId = await createActivity(cloud, 'demo-secretary', { title: '换班拒绝' })
  const shiftId = await createShift(cloud, 'demo-secretary', activityId, { eligibility: 'allTeachers', startAt: at(29, '09:00'), endAt: at(29, '10:00'), signupClosesAt: at(29, '09:00'), cancelDeadline: at(28, '12:00') })
  const [holder, taker] = await addTeachers(cloud, 'noswap', 2)
  await ok(cloud, holder.openid, 'volunteer.signup', { shiftId, waitlist: false })
  // The taker has signed up elsewhere, so their roster entry keeps places that a refusal must not touch.
  const elsewhere = await createShift(cloud, 'demo-secretary', activityId, { eligibility: 'allTeachers', startAt: at(29, '14:00'), endAt: at(29, '15:00'), signupClosesAt: at(29, '14:00'), cancelDeadline: at(28, '12:00') })
  await ok(cloud, taker.openid, 'volunteer.signup', { shiftId: elsewhere, waitlist: false })
  const seq = cloud.store.commitSeq
  const entry = JSON.stringify(cloud.store.getDoc('members', taker.memberId))
  const refused = await callAs(cloud, taker.openid, 'volunteer.takeSwap', { shiftId, fromMemberId: holder.memberId })
  expect(refused).toMatchObject({ ok: false, error: { code: 'SHIFT.SWAP_UNAVAILABLE' } })
  expect(cloud.store.commitSeq).toBe(seq)
  expect(JSON.stringify(cloud.store.getDoc('members', taker.memberId))).toBe(entry)
})
