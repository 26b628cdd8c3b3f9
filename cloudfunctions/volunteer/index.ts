import { memberActor, requireCapability, resolveActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'
import { shiftOfBranch } from '../_lib/volunteer'
import { cancelOwn, confirmHours, offerSwap, removePerson, scan, shiftCode, takeSwap } from './day'
import { activityDetail, addShift, cancelActivity, cancelShift, createActivity, manageView, publishActivity, updateActivity, updateShift } from './manage'
import { createRoster, updateRoster } from './rosters'
import { exportHours, figures, myHours } from './records'
import { signup } from './signup'
import { board, shiftDetail } from './views'

/**
 * 志愿服务 (“七彩阳光” 党员志愿服务队): sign-up with a waitlist, rosters, swaps, check-in at the
 * shift, hours and the team's figures. Any bound member signs up; a shift's leader runs it on
 * the day; members with manageVolunteer set activities, shifts and rosters up.
 */
export const main = defineFunction('volunteer', {
  'volunteer.board': async (_input, ctx) => board(ctx.db, await memberActor(ctx), ctx.now),

  'volunteer.shift': async ({ shiftId }, ctx) => shiftDetail(ctx.db, await memberActor(ctx), shiftId, ctx.now),

  'volunteer.signup': async ({ shiftId, waitlist }, ctx) => signup(ctx.db, await memberActor(ctx), shiftId, waitlist, ctx.now),

  'volunteer.cancel': async ({ shiftId }, ctx) => {
    const actor = await memberActor(ctx)
    await cancelOwn(ctx.db, actor, shiftId, ctx.now)
    return shiftDetail(ctx.db, actor, shiftId, ctx.now)
  },

  'volunteer.remove': async (input, ctx) => {
    const actor = await memberActor(ctx)
    await removePerson(ctx.db, actor, input, ctx.now)
    return shiftDetail(ctx.db, actor, input.shiftId, ctx.now)
  },

  'volunteer.offerSwap': async ({ shiftId, offer }, ctx) => {
    const actor = await memberActor(ctx)
    await offerSwap(ctx.db, actor, shiftId, offer, ctx.now)
    return shiftDetail(ctx.db, actor, shiftId, ctx.now)
  },

  'volunteer.takeSwap': async ({ shiftId, fromMemberId }, ctx) => {
    const actor = await memberActor(ctx)
    await takeSwap(ctx.db, actor, shiftId, fromMemberId, ctx.now)
    return shiftDetail(ctx.db, actor, shiftId, ctx.now)
  },

  'volunteer.code': async ({ shiftId }, ctx) => shiftCode(ctx.db, await memberActor(ctx), shiftId, ctx.now),

  'volunteer.scan': async (input, ctx) => scan(ctx, input),

  'volunteer.confirmHours': async (input, ctx) => {
    const actor = await memberActor(ctx)
    await confirmHours(ctx.db, actor, input, ctx.now)
    return shiftDetail(ctx.db, actor, input.shiftId, ctx.now)
  },

  'volunteer.history': async (input, ctx) => myHours(ctx.db, await memberActor(ctx), input),

  'volunteer.figures': async (input, ctx) => figures(ctx.db, await resolveActor(ctx), input, ctx.now),

  'volunteer.exportHours': async (input, ctx) => exportHours(ctx.db, await resolveActor(ctx), input, ctx.now),

  'volunteer.manage': async ({ includeCancelled }, ctx) => manageView(ctx.db, await resolveActor(ctx), Boolean(includeCancelled), ctx.now),

  'volunteer.activity': async ({ activityId }, ctx) => activityDetail(ctx.db, await resolveActor(ctx), activityId, ctx.now),

  'volunteer.createActivity': async (input, ctx) => {
    const actor = await resolveActor(ctx)
    return activityDetail(ctx.db, actor, await createActivity(ctx.db, actor, input, ctx.now), ctx.now)
  },

  'volunteer.updateActivity': async (input, ctx) => {
    const actor = await resolveActor(ctx)
    await updateActivity(ctx.db, actor, input, ctx.now)
    return activityDetail(ctx.db, actor, input.activityId, ctx.now)
  },

  'volunteer.publishActivity': async ({ activityId }, ctx) => {
    const actor = await resolveActor(ctx)
    await publishActivity(ctx.db, actor, activityId, ctx.now)
    return activityDetail(ctx.db, actor, activityId, ctx.now)
  },

  'volunteer.cancelActivity': async ({ activityId, reason }, ctx) => {
    const actor = await resolveActor(ctx)
    await cancelActivity(ctx.db, actor, activityId, reason, ctx.now)
    return activityDetail(ctx.db, actor, activityId, ctx.now)
  },

  'volunteer.addShift': async (input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageVolunteer')
    return shiftDetail(ctx.db, actor, await addShift(ctx.db, actor, input, ctx.now), ctx.now)
  },

  'volunteer.updateShift': async (input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageVolunteer')
    await updateShift(ctx.db, actor, await shiftOfBranch(ctx.db, actor, input.shiftId), input, ctx.now)
    return shiftDetail(ctx.db, actor, input.shiftId, ctx.now)
  },

  'volunteer.cancelShift': async ({ shiftId, reason }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageVolunteer')
    await cancelShift(ctx.db, await shiftOfBranch(ctx.db, actor, shiftId), reason, ctx.now)
    return shiftDetail(ctx.db, actor, shiftId, ctx.now)
  },

  'volunteer.createRoster': async (input, ctx) => createRoster(ctx.db, await resolveActor(ctx), input, ctx.now),

  'volunteer.updateRoster': async (input, ctx) => updateRoster(ctx.db, await resolveActor(ctx), input, ctx.now),
})
