import { memberActor, requireCapability, resolveActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'
import { issueUpload } from '../_lib/uploads'
import { testsFor } from '../exam/summary'
import { saveNote, shareNote, submitNote } from './notes'
import { myNotes, overviewOf, sharedNotes, yearCountsOf } from './overview'
import { pendingView, remindPending } from './pending'
import { readNote, requireReviewer, reviewNote, reviewQueue } from './review'
import { confirmTask, createTask, manageTasks, people, taskPage } from './tasks'

/**
 * 学习: study tasks set by those who run the branch's study (or the organisation), notes (心得体会)
 * written, checked, reviewed and shared, who still owes a task and the reminder to them, and the
 * counts per member per year. The theory test is the exam function's.
 */
export const main = defineFunction('study', {
  /** The 学习 tab in one call: what study.overview and exam.list answer, or who the caller is instead. */
  'study.page': async (_input, ctx) => {
    const { db, now } = ctx
    const actor = await resolveActor(ctx)
    if (actor.kind === 'orgAdmin') {
      const org = await db.get('orgs', actor.admin.orgId)
      return { orgAdmin: { orgName: org?.name ?? '' }, overview: null, tests: [] }
    }
    if (actor.kind !== 'member') return { orgAdmin: null, overview: null, tests: [] }
    const [overview, tests] = await Promise.all([overviewOf(db, actor, now), testsFor(db, actor, now)])
    return { orgAdmin: null, overview, tests }
  },

  'study.overview': async (_input, ctx) => overviewOf(ctx.db, await memberActor(ctx), ctx.now),

  'study.createTask': async (input, ctx) => createTask(ctx.db, await resolveActor(ctx), input, ctx.now),

  'study.people': async (_input, ctx) => people(ctx.db, await memberActor(ctx)),

  /** A name for a photo of the caller's notes. */
  'study.preparePhoto': async ({ ext }, ctx) => {
    const actor = await memberActor(ctx)
    return issueUpload(ctx.db, actor, { purpose: 'notePhoto', memberId: actor.member._id, ext }, ctx.now)
  },

  /** A name for a document to attach to a task of the caller's branch. */
  'study.prepareMaterial': async ({ ext }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageStudy')
    return issueUpload(ctx.db, actor, { purpose: 'studyMaterial', branchId: actor.member.branchId, ext }, ctx.now)
  },

  'study.task': async ({ taskId }, ctx) => taskPage(ctx.db, await memberActor(ctx), taskId, ctx.now),

  'study.manageTasks': async (_input, ctx) => manageTasks(ctx.db, await resolveActor(ctx), ctx.now),

  'study.confirmTask': async ({ taskId }, ctx) => confirmTask(ctx.db, await memberActor(ctx), taskId, ctx.now),

  'study.pending': async ({ taskId }, ctx) => pendingView(ctx.db, await resolveActor(ctx), taskId, ctx.now),

  'study.remind': async ({ taskId }, ctx) => remindPending(ctx.db, await resolveActor(ctx), taskId, ctx.now, ctx.wechat),

  'study.saveNote': async (input, ctx) => saveNote(ctx.db, await memberActor(ctx), input, ctx.now),

  'study.submitNote': async (input, ctx) => submitNote(ctx.db, await memberActor(ctx), input, ctx.now, ctx.wechat),

  'study.note': async ({ noteId }, ctx) => readNote(ctx.db, await memberActor(ctx), noteId),

  'study.myNotes': async (_input, ctx) => myNotes(ctx.db, await memberActor(ctx)),

  'study.reviewQueue': async (_input, ctx) => reviewQueue(ctx.db, requireReviewer(await resolveActor(ctx))),

  'study.review': async (input, ctx) => reviewNote(ctx.db, requireReviewer(await resolveActor(ctx)), input, ctx.now, ctx.wechat),

  'study.share': async ({ noteId, share }, ctx) => shareNote(ctx.db, await memberActor(ctx), noteId, share, ctx.now),

  'study.shared': async (_input, ctx) => sharedNotes(ctx.db, await memberActor(ctx)),

  'study.yearCounts': async ({ year, scope }, ctx) => yearCountsOf(ctx.db, await memberActor(ctx), year, scope),
})
