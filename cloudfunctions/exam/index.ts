import { memberActor, requireCapability, resolveActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'
import { issueUpload } from '../_lib/uploads'
import { resultOf, saveAnswers, startAttempt, submitAttempt } from './attempts'
import { gradeAnswer, gradingQueue, testOverview } from './grading'
import { testsFor } from './summary'
import { closeTest, createTest, importQuestions, questionTemplate } from './tests'

/**
 * 理论测试: the quarterly theory test, set by those who run the branch's study (or the
 * organisation for every branch), taken once by each Party member within its window and time
 * limit, objective questions graded at once and short answers by sheet without names.
 */
export const main = defineFunction('exam', {
  /** The caller's tests: newest first, with their own attempt; managers see the branch's tests too. */
  'exam.list': async (_input, ctx) => testsFor(ctx.db, await resolveActor(ctx), ctx.now),

  'exam.create': async (input, ctx) => createTest(ctx.db, await resolveActor(ctx), input, ctx.now),

  'exam.template': async (_input, ctx) => questionTemplate(await resolveActor(ctx), ctx.now),

  /** A name for a question sheet to import, issued to the caller for their branch. */
  'exam.prepareImport': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageStudy')
    return issueUpload(ctx.db, actor, { purpose: 'questionSheet', branchId: actor.member.branchId }, ctx.now)
  },

  'exam.importQuestions': async ({ fileID }, ctx) => importQuestions(ctx.db, requireCapability(await resolveActor(ctx), 'manageStudy'), fileID),

  'exam.start': async ({ testId }, ctx) => startAttempt(ctx.db, await memberActor(ctx), testId, ctx.now),

  'exam.answer': async (input, ctx) => saveAnswers(ctx.db, await memberActor(ctx), input, ctx.now),

  'exam.submit': async (input, ctx) => submitAttempt(ctx.db, await memberActor(ctx), input, ctx.now),

  'exam.result': async ({ testId }, ctx) => resultOf(ctx.db, await memberActor(ctx), testId, ctx.now),

  'exam.overview': async ({ testId }, ctx) => testOverview(ctx.db, await resolveActor(ctx), testId, ctx.now),

  'exam.gradingQueue': async ({ testId }, ctx) => gradingQueue(ctx.db, await resolveActor(ctx), testId, ctx.now),

  'exam.grade': async (input, ctx) => gradeAnswer(ctx.db, await resolveActor(ctx), input),

  'exam.close': async ({ testId }, ctx) => closeTest(ctx.db, await resolveActor(ctx), testId, ctx.now),
})
