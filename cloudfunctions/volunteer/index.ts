import { requireCapability, requireMember, resolveActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'
import { shiftOfBranch } from '../_lib/volunteer'
import { cancelOwn, confirmHours, offerSwap, removePerson, scan, shiftCode, takeSwap } from './day'
import { activityDetail, addShift, cancelActivity, cancelShift, createActivity, createRoster, manageView, publishActivity, updateActivity, updateRoster, updateShift } from './manage'
import { exportHours, figures, myHours } from './records'
import { signup } from './signup'
import { board, shiftDetail } from './views'

/**
 * 志愿服务 (“七彩阳光” 党员志愿服务队): sign-up with a waitlist, rosters, swaps, check-in at the
 * shift, hours and the team's figures. Any bound member signs up; a shift's leader runs it on
 * the day; members with manageVolunteer set activities, shifts and rosters up.
 */
export const main = defineFunction('volunteer', {
  'volunteer.board': async (_input, { caller, now }) => board(requireMember(await resolveActor(caller)), now),

  'volunteer.shift': async ({ shiftId }, { caller, now }) => shiftDetail(requireMember(await resolveActor(caller)), shiftId, now),

  'volunteer.signup': async ({ shiftId, waitlist }, { caller, now }) => signup(requireMember(await resolveActor(caller)), shiftId, waitlist, now),

  'volunteer.cancel': async ({ shiftId }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    await cancelOwn(actor, shiftId, now)
    return shiftDetail(actor, shiftId, now)
  },

  'volunteer.remove': async (input, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    await removePerson(actor, input, now)
    return shiftDetail(actor, input.shiftId, now)
  },

  'volunteer.offerSwap': async ({ shiftId, offer }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    await offerSwap(actor, shiftId, offer, now)
    return shiftDetail(actor, shiftId, now)
  },

  'volunteer.takeSwap': async ({ shiftId, fromMemberId }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    await takeSwap(actor, shiftId, fromMemberId, now)
    return shiftDetail(actor, shiftId, now)
  },

  'volunteer.code': async ({ shiftId }, { caller, now }) => shiftCode(requireMember(await resolveActor(caller)), shiftId, now),

  'volunteer.scan': async (input, { caller, now }) => scan(requireMember(await resolveActor(caller)), input, now),

  'volunteer.confirmHours': async (input, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    await confirmHours(actor, input, now)
    return shiftDetail(actor, input.shiftId, now)
  },

  'volunteer.history': async (input, { caller }) => myHours(requireMember(await resolveActor(caller)), input),

  'volunteer.figures': async (input, { caller, now }) => figures(await resolveActor(caller), input, now),

  'volunteer.exportHours': async (input, { caller, now }) => exportHours(await resolveActor(caller), input, now),

  'volunteer.manage': async ({ includeCancelled }, { caller, now }) => manageView(await resolveActor(caller), Boolean(includeCancelled), now),

  'volunteer.activity': async ({ activityId }, { caller, now }) => activityDetail(await resolveActor(caller), activityId, now),

  'volunteer.createActivity': async (input, { caller, now }) => {
    const actor = await resolveActor(caller)
    return activityDetail(actor, await createActivity(actor, input, now), now)
  },

  'volunteer.updateActivity': async (input, { caller, now }) => {
    const actor = await resolveActor(caller)
    await updateActivity(actor, input, now)
    return activityDetail(actor, input.activityId, now)
  },

  'volunteer.publishActivity': async ({ activityId }, { caller, now }) => {
    const actor = await resolveActor(caller)
    await publishActivity(actor, activityId, now)
    return activityDetail(actor, activityId, now)
  },

  'volunteer.cancelActivity': async ({ activityId, reason }, { caller, now }) => {
    const actor = await resolveActor(caller)
    await cancelActivity(actor, activityId, reason, now)
    return activityDetail(actor, activityId, now)
  },

  'volunteer.addShift': async (input, { caller, now }) => {
    const actor = requireCapability(await resolveActor(caller), 'manageVolunteer')
    return shiftDetail(actor, await addShift(actor, input, now), now)
  },

  'volunteer.updateShift': async (input, { caller, now }) => {
    const actor = requireCapability(await resolveActor(caller), 'manageVolunteer')
    await updateShift(actor, await shiftOfBranch(actor, input.shiftId, now, { fresh: true }), input, now)
    return shiftDetail(actor, input.shiftId, now)
  },

  'volunteer.cancelShift': async ({ shiftId, reason }, { caller, now }) => {
    const actor = requireCapability(await resolveActor(caller), 'manageVolunteer')
    await cancelShift(await shiftOfBranch(actor, shiftId, now, { fresh: true }), reason, now)
    return shiftDetail(actor, shiftId, now)
  },

  'volunteer.createRoster': async (input, { caller, now }) => createRoster(await resolveActor(caller), input, now),

  'volunteer.updateRoster': async (input, { caller, now }) => updateRoster(await resolveActor(caller), input, now),
})
