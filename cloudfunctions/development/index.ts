import { resolveActor, type Actor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { defineFunction, type HandlerContext } from '../_lib/handler'
import { saveSettings, setDates, setFacts, setPeople, settingsView, start } from './decide'
import { personFor } from './people'
import { addRecord, recordVote } from './records'
import { list, personView } from './views'

/** The person's page as the caller may see it, read after a change so the answer shows it. */
async function person(ctx: HandlerContext, memberId: string, actor?: Actor) {
  actor ??= await resolveActor(ctx)
  const { doc, access } = await personFor(ctx.db, actor, memberId)
  return personView(ctx.db, doc, access, ctx.now)
}

/** A change, answered with the person's page as it now is. */
function thenPerson<I extends { memberId: string }>(change: (db: Db, actor: Actor, input: I, now: Date) => Promise<void>) {
  return async (input: I, ctx: HandlerContext) => {
    const actor = await resolveActor(ctx)
    await change(ctx.db, actor, input, ctx.now)
    return person(ctx, input.memberId, actor)
  }
}

/**
 * 发展党员: the branch's pipeline from 入党申请 to 转正. The committee (发展党员 and a committee
 * position) enters decisions, dates, the linked people, votes and the branch's rules; a
 * 培养联系人 or 入党介绍人 sees the people linked to them and adds their 考察 or opinion; the person
 * sees their own timeline and hands in 思想汇报; the organisation reads every branch.
 */
export const main = defineFunction('development', {
  'development.list': async ({ branchId }, ctx) => list(ctx.db, await resolveActor(ctx), branchId, ctx.now),

  'development.person': async ({ memberId }, ctx) => person(ctx, memberId),

  'development.start': thenPerson(start),

  'development.setDates': thenPerson(setDates),

  'development.setFacts': thenPerson(setFacts),

  'development.setPeople': thenPerson(setPeople),

  'development.addRecord': thenPerson(addRecord),

  'development.recordVote': thenPerson(recordVote),

  'development.settings': async (_input, ctx) => settingsView(ctx.db, await resolveActor(ctx)),

  'development.saveSettings': async (input, ctx) => saveSettings(ctx.db, await resolveActor(ctx), input, ctx.now),
})
