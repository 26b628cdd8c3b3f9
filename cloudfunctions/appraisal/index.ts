import { memberActor, memberActorWith } from '../_lib/actor'
import { defineFunction, type HandlerContext } from '../_lib/handler'
import { roundOfBranch } from './access'
import { closeRound, concludeRound, openRound } from './round'
import { recordCorrectionOutcome, recordVerdict } from './verdict'
import { listRounds, roundView } from './views'
import { participation, saveSelf, vote } from './vote'

/** The caller with the round asked for, read in one operation. */
const withRound = (ctx: HandlerContext, roundId: string) => memberActorWith(ctx, 'appraisalRounds', roundId)

/** The round as it now is, for the answer to a change. */
async function fresh(ctx: HandlerContext, roundId: string) {
  const { actor, doc } = await withRound(ctx, roundId)
  return roundView(ctx.db, actor, roundOfBranch(actor, doc))
}

/**
 * 民主评议党员: a round opened by the 书记 with a frozen list, 个人自评, secret ballots in four
 * grades, the 支委会's 评定意见 with the 优秀 cap, each member told, 限期改正 tracked.
 */
export const main = defineFunction('appraisal', {
  'appraisal.list': async (_input, ctx) => listRounds(ctx.db, await memberActor(ctx)),

  'appraisal.round': async ({ roundId }, ctx) => fresh(ctx, roundId),

  'appraisal.open': async (input, ctx) => {
    const actor = await memberActor(ctx)
    return fresh(ctx, await openRound(ctx.db, actor, input, ctx.now))
  },

  'appraisal.saveSelf': async ({ roundId, text, submit }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    await saveSelf(ctx.db, actor, doc, text, submit, ctx.now)
    return roundView(ctx.db, actor, roundOfBranch(actor, doc))
  },

  'appraisal.vote': async ({ roundId, grades }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    return vote(ctx.db, actor, doc, grades)
  },

  'appraisal.participation': async ({ roundId }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    return participation(ctx.db, actor, doc)
  },

  'appraisal.close': async ({ roundId }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    await closeRound(ctx.db, actor, doc, ctx.now)
    return fresh(ctx, roundId)
  },

  'appraisal.verdict': async ({ roundId, ...input }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    await recordVerdict(ctx.db, actor, doc, input, ctx.now)
    return fresh(ctx, roundId)
  },

  'appraisal.conclude': async ({ roundId }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    await concludeRound(ctx.db, actor, doc, ctx.now)
    return fresh(ctx, roundId)
  },

  'appraisal.correctionOutcome': async ({ roundId, ...input }, ctx) => {
    const { actor, doc } = await withRound(ctx, roundId)
    await recordCorrectionOutcome(ctx.db, actor, doc, input, ctx.now)
    return fresh(ctx, roundId)
  },
})
