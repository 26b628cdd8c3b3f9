import type { AttemptView, GradingItemView, QuestionForTaking, TestOverviewView, TestResultView } from '../../shared/api/areas/exam'
import { AppError, fail } from '../../shared/errors'
import type { AttemptDoc, GroupDoc, TheoryTestDoc } from '../../shared/domain/documents'
import {
  answerDecision,
  attemptDeadline,
  correctAnswerText,
  describeRowErrors,
  distribution,
  finalScore,
  formatAnswer,
  gradeObjective,
  isAnswerShaped,
  isOverdueAttempt,
  isValidShortScore,
  maxQuestions,
  parseQuestionSheet,
  questionColumns,
  resultsVisible,
  startDecision,
  takesTheoryTests,
  testWindow,
  totalPoints,
  type Answers,
  type Question,
} from '../../shared/domain/theory-test'
import { formatDateTime } from '../../shared/domain/time'
import { mayReadDesk, orgAdminMayChange } from '../../shared/domain/permissions'
import { testWindowProblem } from '../../shared/domain/date-ranges'
import { memberActor, requireCapability, requireMember, resolveActor, type Actor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { readSheet, writeWorkbook } from '../_lib/excel'
import { readUploaded, storeGenerated } from '../_lib/files'
import { generatedPaths, maxImportBytes } from '../../shared/domain/storage'
import { defineFunction } from '../_lib/handler'
import { issueUpload, ownUploads } from '../_lib/uploads'
import { inboxMessage } from '../_lib/inbox'
import { groupsOf, isoOf, memberKey, settingBranches } from '../_lib/study'
import { attemptState, summary, testsFor, times } from './summary'
import { branchRoster } from '../_lib/meetings'
import { settledTestAudience } from '../_lib/test-audience'

async function testOfBranch(db: Db, actor: MemberActor, testId: string): Promise<TheoryTestDoc> {
  const test = await db.get('theoryTests', testId)
  if (!test || test.branchId !== actor.member.branchId) fail('TEST.NOT_FOUND')
  return test
}

/** A test a manager looks after: their branch's (manageStudy), or any of an organisation admin's branches. */
async function managedTest(db: Db, actor: Actor, testId: string, read?: 'read'): Promise<{ test: TheoryTestDoc; canManage: boolean }> {
  const test = await db.get('theoryTests', testId)
  if (actor.kind === 'orgAdmin') {
    if (!test || test.orgId !== actor.admin.orgId) fail('TEST.NOT_FOUND')
    return { test, canManage: false }
  }
  const member = requireMember(actor)
  const canManage = member.capabilities.includes('manageStudy')
  // Those who read the desk open, read-only, the tests its figures count.
  if (!canManage && !(read && mayReadDesk(member.capabilities))) fail('AUTH.FORBIDDEN')
  if (!test || test.branchId !== member.member.branchId) fail('TEST.NOT_FOUND')
  return { test, canManage }
}

function forTaking(q: Question): QuestionForTaking {
  return q.type === 'single' || q.type === 'multiple'
    ? { id: q.id, type: q.type, stem: q.stem, options: q.options, points: q.points }
    : { id: q.id, type: q.type, stem: q.stem, options: [], points: q.points }
}

/** Keeps only answers to this test's questions, each shaped like its question; refuses anything else. */
function checkAnswers(test: TheoryTestDoc, answers: Answers): Answers {
  const byId = new Map(test.questions.map((q) => [q.id, q]))
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = byId.get(questionId)
    if (!question || !isAnswerShaped(question, answer)) {
      const number = question ? test.questions.indexOf(question) + 1 : null
      fail('TEST.ANSWER_INVALID', number ? `第 ${number} 题的答案与题目不符，请重新作答` : undefined, { [`answers.${questionId}`]: '答案与题目不符' })
    }
  }
  return answers
}

/**
 * Hands an attempt in with its answers and objective grade, once: a conditional update from
 * inProgress to submitted, so two submissions at once (or a submission racing the deadline
 * finaliser) grade it one time. Returns the attempt as stored and whether this call did it.
 */
async function handIn(db: Db, test: TheoryTestDoc, attempt: AttemptDoc, answers: Answers, now: Date): Promise<{ attempt: AttemptDoc; already: boolean }> {
  const deadline = attemptState(attempt, test).deadline
  const late = now.getTime() >= deadline.getTime()
  const grade = gradeObjective(test.questions, answers)
  const hasShort = grade.shortPending.length > 0
  const changes = {
    status: 'submitted' as const,
    submittedAt: late ? deadline : now,
    autoSubmitted: late,
    objective: grade.objective,
    earned: grade.earned,
    score: hasShort ? null : grade.objective,
  }
  // Objects merge into the stored ones: every key of `answers` and `earned` is written.
  const updated = await db.updateWhere('testAttempts', { _id: attempt._id, status: 'inProgress' }, { ...changes, answers })
  if (updated === 1) return { attempt: { ...attempt, ...changes, answers }, already: false }
  const stored = await db.get('testAttempts', attempt._id)
  if (!stored) fail('TEST.NOT_STARTED')
  return { attempt: stored, already: true }
}

/** Attempts whose time ran out count as handed in at the deadline with what was saved. */
async function settleOverdue(db: Db, test: TheoryTestDoc, attempts: AttemptDoc[], now: Date): Promise<AttemptDoc[]> {
  return Promise.all(attempts.map(async (a) => (isOverdueAttempt(attemptState(a, test), now) ? (await handIn(db, test, a, a.answers ?? {}, now)).attempt : a)))
}

/** An attempt's key as reviewers see it: a sheet, not a person. */
const sheetOrder = (a: AttemptDoc, b: AttemptDoc) => (a.gradingKey < b.gradingKey ? -1 : 1)

function gradingItems(test: TheoryTestDoc, attempts: AttemptDoc[]): GradingItemView[] {
  const sheets = attempts.filter((a) => a.status === 'submitted').sort(sheetOrder)
  return test.questions.flatMap((q) =>
    q.type !== 'short'
      ? []
      : sheets.map((a, i) => ({
          attemptKey: a.gradingKey,
          sheetNo: i + 1,
          questionId: q.id,
          stem: q.stem,
          reference: q.reference,
          points: q.points,
          answer: typeof a.answers?.[q.id] === 'string' ? (a.answers[q.id] as string) : '',
          given: a.shortScores?.[q.id] ?? null,
        })),
  )
}

const templateRows: Array<Array<string | number>> = [
  ['单选', '中国共产党的根本宗旨是？', '全心全意为人民服务', '实现共同富裕', '发展生产力', '', '', '', 'A', 2],
  ['多选', '“三会一课”包括哪些？', '支部党员大会', '支部委员会', '党小组会', '党课', '', '', 'ABCD', 3],
  ['判断', '预备党员享有表决权。', '', '', '', '', '', '', '错', 1],
  ['简答', '结合教育教学工作，谈谈如何发挥党员先锋模范作用。', '', '', '', '', '', '', '言之有理即可', 10],
]

export const main = defineFunction('exam', {
  /** The caller's tests: newest first, with their own attempt; managers see the branch's tests too. */
  'exam.list': async (_input, ctx) => testsFor(ctx.db, await resolveActor(ctx), ctx.now),

  /** 设置测试: manageStudy for their branch; an organisation admin for every branch of the organisation. */
  'exam.create': async (input, ctx) => {
    const { db, now } = ctx
    const actor = await resolveActor(ctx)
    const { branches, by } = await settingBranches(db, actor)
    const closesAt = new Date(input.closesAt)
    if (closesAt.getTime() <= now.getTime()) fail('INPUT.INVALID', '结束时间已过', { closesAt: '结束时间已过' })
    const outOfRange = testWindowProblem(new Date(input.opensAt), closesAt, now)
    if (outOfRange) fail('INPUT.DATE_OUT_OF_RANGE', outOfRange.message, { [outOfRange.field]: outOfRange.message })
    const questions = input.questions.map((q, i) => ({ ...q, id: `q${i + 1}` })) as Question[]
    const orgTestId = actor.kind === 'orgAdmin' ? `orgtest-${now.getTime().toString(36)}-${newId().slice(0, 8)}` : null
    const tests: TheoryTestDoc[] = branches.map((branch) => ({
      _id: `test-${now.getTime().toString(36)}-${newId().slice(0, 12)}`,
      branchId: branch._id,
      orgId: branch.orgId,
      orgTestId,
      title: input.title,
      description: input.description,
      questions,
      timeLimitMinutes: input.timeLimitMinutes,
      opensAt: new Date(input.opensAt),
      closesAt,
      closedEarlyAt: null,
      createdBy: by.id,
      createdByName: by.name,
      createdAt: now,
    }))
    await db.addMany('theoryTests', tests)
    const members = (await db.all('members', { branchId: { $in: branches.map((b) => b._id) }, status: 'active' })).filter(takesTheoryTests)
    const messages = tests.flatMap((test) =>
      members
        .filter((m) => m.branchId === test.branchId)
        .map((m) =>
          inboxMessage({
            memberId: m._id,
            branchId: m.branchId,
            kind: 'theoryTest',
            title: '理论测试通知',
            body: `“${test.title}”将于${formatDateTime(test.opensAt, now)}开放，${formatDateTime(test.closesAt, now)}截止，限时 ${test.timeLimitMinutes} 分钟，每人一次`,
            link: `packageStudy/test/index?id=${test._id}`,
            createdAt: now,
          }),
        ),
    )
    if (messages.length) await db.addMany('inbox', messages)
    return { ids: tests.map((t) => t._id), branches: tests.length }
  },

  /** The question sheet template, with one example of each type. */
  'exam.template': async (_input, ctx) => {
    const { now } = ctx
    const actor = await resolveActor(ctx)
    if (actor.kind !== 'orgAdmin' && !requireMember(actor).capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
    const content = await writeWorkbook([
      {
        name: '题目',
        columns: questionColumns.map((c) => ({ header: c.title, width: c.key === 'stem' ? 40 : c.key === 'type' || c.key === 'points' || c.key === 'answer' ? 10 : 18 })),
        // Above the header, so the import reads it as a title and not as a question.
        title: '题型填单选、多选、判断或简答；选择题答案填选项字母（多选如 ABD），判断题填“对”或“错”，简答题填参考答案；分值可不填',
        rows: templateRows,
      },
    ])
    return storeGenerated(generatedPaths.questionTemplate(now.getTime(), newId().slice(0, 8)), content, '理论测试题目模板.xlsx')
  },

  /** A name for a question sheet to import, issued to the caller for their branch. */
  'exam.prepareImport': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageStudy')
    return issueUpload(ctx.db, actor, { purpose: 'questionSheet', branchId: actor.member.branchId }, ctx.now)
  },

  /** Reads a question sheet, all or nothing: every bad row reported as 第N行：原因. */
  'exam.importQuestions': async ({ fileID }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageStudy')
    // Only a sheet this person uploaded for this branch: never another person's file.
    if (!(await ownUploads(ctx.db, actor, [fileID], { purpose: 'questionSheet', branchId: actor.member.branchId })).has(fileID)) fail('FILE.NOT_FOUND')
    const { header, rows } = await readSheet(await readUploaded(fileID, maxImportBytes), '题型', maxQuestions)
    const parsed = parseQuestionSheet(header, rows)
    if ('headerMissing' in parsed) fail('IMPORT.HEADER', `表头缺少：${parsed.headerMissing.join('、')}，请使用下载的模板`)
    if (parsed.errors.length) {
      fail('IMPORT.ROWS_INVALID', `表格中有 ${parsed.errors.length} 行错误，未导入任何题目，请修改后重新上传`, describeRowErrors(parsed.errors))
    }
    if (!parsed.questions.length) fail('IMPORT.EMPTY', '表格中没有题目')
    return { questions: parsed.questions }
  },

  /** 开始答题, or come back to an attempt in progress (another phone, a dropped connection). */
  'exam.start': async ({ testId }, ctx): Promise<AttemptView> => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const test = await testOfBranch(db, actor, testId)
    if (!takesTheoryTests(actor.member)) fail('TEST.NOT_IN_AUDIENCE')
    const key = memberKey(testId, actor.member._id)
    let attempt = await db.get('testAttempts', key)
    const decision = startDecision(times(test), attempt ? attemptState(attempt, test) : null, now)
    if (!decision.ok) fail(decision.code)
    if (!attempt) {
      const fresh: AttemptDoc = {
        _id: key,
        testId,
        branchId: test.branchId,
        memberId: actor.member._id,
        status: 'inProgress',
        startedAt: now,
        deadline: attemptDeadline(times(test), now),
        answers: {},
        savedAt: null,
        submittedAt: null,
        autoSubmitted: false,
        objective: null,
        earned: {},
        shortScores: {},
        score: null,
        gradingKey: newId().slice(0, 16),
      }
      try {
        await db.add('testAttempts', fresh)
        attempt = fresh
      } catch (error) {
        // Started at the same moment on another phone: carry on with that attempt.
        if (!isDuplicateKey(error)) throw error
        attempt = await db.get('testAttempts', key)
        if (!attempt) throw error
      }
    }
    return {
      testId,
      title: test.title,
      questions: test.questions.map(forTaking),
      answers: attempt.answers ?? {},
      startedAt: isoOf(attempt.startedAt),
      deadline: isoOf(attemptState(attempt, test).deadline),
      serverNow: now.toISOString(),
    }
  },

  /** Answers saved as they go (merged), until the deadline. */
  'exam.answer': async ({ testId, answers }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const test = await testOfBranch(db, actor, testId)
    const attempt = await db.get('testAttempts', memberKey(testId, actor.member._id))
    const state = attempt ? attemptState(attempt, test) : null
    const decision = answerDecision(state, now)
    if (!decision.ok) fail(decision.code)
    checkAnswers(test, answers)
    if (Object.keys(answers).length) {
      // A nested object merges into the stored answers; an array (multiple choice) replaces its own.
      const updated = await db.updateWhere('testAttempts', { _id: (attempt as AttemptDoc)._id, status: 'inProgress' }, { answers, savedAt: now })
      if (updated !== 1) fail('TEST.ALREADY_TAKEN')
    }
    return { savedAt: now.toISOString(), deadline: isoOf((state as { deadline: Date }).deadline) }
  },

  /** 交卷: graded at once (objective questions); a second submission, even at the same moment, changes nothing. */
  'exam.submit': async ({ testId, answers }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const test = await testOfBranch(db, actor, testId)
    const attempt = await db.get('testAttempts', memberKey(testId, actor.member._id))
    if (!attempt) fail('TEST.NOT_STARTED')
    const state = attemptState(attempt, test)
    // Answers sent with the submission count only before the deadline; after it, what was saved.
    const inTime = now.getTime() < state.deadline.getTime()
    const final = inTime && answers ? { ...(attempt.answers ?? {}), ...checkAnswers(test, answers) } : (attempt.answers ?? {})
    const result = attempt.status === 'submitted' ? { attempt, already: true } : await handIn(db, test, attempt, final, now)
    return {
      submittedAt: isoOf(result.attempt.submittedAt as Date),
      already: result.already,
      autoSubmitted: result.attempt.autoSubmitted,
      resultsFrom: isoOf(test.closesAt),
    }
  },

  /** 我的成绩: once the window has closed, the score and each question with the correct answer. */
  'exam.result': async ({ testId }, ctx): Promise<TestResultView> => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const test = await testOfBranch(db, actor, testId)
    const stored = await db.get('testAttempts', memberKey(testId, actor.member._id))
    if (!stored) fail('TEST.NOT_STARTED')
    const [attempt] = await settleOverdue(db, test, [stored], now)
    if (attempt.status !== 'submitted') fail('TEST.NOT_STARTED', '答卷尚未提交')
    const visible = resultsVisible(times(test), now)
    const total = totalPoints(test.questions)
    return {
      testId,
      title: test.title,
      submittedAt: isoOf(attempt.submittedAt as Date),
      autoSubmitted: attempt.autoSubmitted,
      visible,
      closesAt: isoOf(test.closesAt),
      totalPoints: total,
      score: visible ? attempt.score : null,
      shortPending: attempt.score === null,
      questions: visible
        ? test.questions.map((q) => ({
            id: q.id,
            type: q.type,
            stem: q.stem,
            options: q.type === 'single' || q.type === 'multiple' ? q.options : [],
            points: q.points,
            myAnswer: formatAnswer(q, attempt.answers?.[q.id]),
            correctAnswer: correctAnswerText(q),
            earned: q.type === 'short' ? (attempt.shortScores?.[q.id] ?? null) : (attempt.earned?.[q.id] ?? 0),
          }))
        : [],
    }
  },

  /** For the secretary: who has not taken it, who is taking it, and the branch's distribution (no names with scores). */
  'exam.overview': async ({ testId }, ctx): Promise<TestOverviewView> => {
    const { db, now } = ctx
    const actor = await resolveActor(ctx)
    const { test, canManage } = await managedTest(db, actor, testId, 'read')
    const [roster, stored, groups, branch] = await Promise.all([
      branchRoster(db, test.branchId),
      db.allCounted('testAttempts', { testId }),
      groupsOf(db, test.branchId),
      db.get('branches', test.branchId),
    ])
    const attempts = await settleOverdue(db, test, stored, now)
    // A closed test keeps whom it asked, whatever the roster says since.
    const asked = new Set(await settledTestAudience(db, test, roster.people, attempts.map((a) => a.memberId), now))
    const expected = roster.members.filter((m) => asked.has(m._id))
    const started = new Set(attempts.map((a) => a.memberId))
    const submitted = attempts.filter((a) => a.status === 'submitted')
    const scores = submitted.filter((a) => a.score !== null).map((a) => a.score as number)
    const total = totalPoints(test.questions)
    return {
      test: summary(test, null, false, canManage, now),
      branchName: branch?.name ?? '',
      expected: expected.length,
      submitted: submitted.length,
      inProgress: attempts.length - submitted.length,
      notTaken: expected
        .filter((m) => !started.has(m._id))
        .map((m) => ({ memberId: m._id, name: m.name, groupName: m.groupId ? ((groups as Map<string, GroupDoc>).get(m.groupId)?.name ?? null) : null })),
      gradingPending: gradingItems(test, submitted).filter((i) => i.given === null).length,
      distribution: distribution(scores, total),
      graded: scores.length,
      average: scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10 : null,
    }
  },

  /** Short answers to grade, sheet by sheet, without the writers' names. */
  'exam.gradingQueue': async ({ testId }, ctx) => {
    const { db, now } = ctx
    const { test, canManage } = await managedTest(db, await resolveActor(ctx), testId)
    if (!canManage) fail('AUTH.FORBIDDEN')
    const attempts = await settleOverdue(db, test, await db.allCounted('testAttempts', { testId }), now)
    return gradingItems(test, attempts)
  },

  /** A reviewer's score for one short answer; the final score appears when the last one is in. */
  'exam.grade': async ({ testId, attemptKey, questionId, points }, ctx) => {
    const { db } = ctx
    const { test, canManage } = await managedTest(db, await resolveActor(ctx), testId)
    if (!canManage) fail('AUTH.FORBIDDEN')
    const question = test.questions.find((q) => q.id === questionId)
    if (!question) fail('TEST.NOT_FOUND', '题目不存在')
    if (question.type !== 'short') fail('TEST.NOT_SHORT_ANSWER')
    if (!isValidShortScore(question, points)) fail('TEST.SCORE_INVALID', `分数应在 0 到 ${question.points} 之间，可以是半分`, { points: `分数应在 0 到 ${question.points} 分之间` })
    const [found] = await db.some('testAttempts', { testId, gradingKey: attemptKey }, 1)
    if (!found || found.status !== 'submitted') fail('TEST.NOT_FOUND', '答卷不存在或尚未提交')
    const updated = await db.transaction(async (tx) => {
      const attempt = await tx.get('testAttempts', found._id)
      if (!attempt || attempt.status !== 'submitted') throw new AppError('TEST.NOT_FOUND')
      const shortScores = { ...(attempt.shortScores ?? {}), [questionId]: points }
      const score = finalScore(test.questions, attempt.objective ?? 0, shortScores)
      await tx.update('testAttempts', found._id, { shortScores, score })
      return { ...attempt, shortScores, score }
    })
    const sheets = (await db.allCounted('testAttempts', { testId, status: 'submitted' })).map((a) => (a._id === updated._id ? updated : a))
    const item = gradingItems(test, sheets).find((i) => i.attemptKey === attemptKey && i.questionId === questionId)
    return item as GradingItemView
  },

  /** 提前结束: closes the window now; attempts in progress are handed in with what they saved. */
  'exam.close': async ({ testId }, ctx) => {
    const { db, now } = ctx
    const actor = await resolveActor(ctx)
    const { test } = await managedTest(db, actor, testId)
    if (actor.kind === 'member' && test.orgTestId) fail('AUTH.FORBIDDEN', '党总支设置的测试由党总支结束')
    if (actor.kind === 'orgAdmin' && !orgAdminMayChange(test)) fail('AUTH.FORBIDDEN', '支部设置的测试由支部结束')
    if (testWindow(times(test), now) !== 'closed') {
      const opensAt = new Date(Math.min(new Date(test.opensAt).getTime(), now.getTime()))
      const data = { closesAt: now, opensAt, closedEarlyAt: now }
      // The organisation closes its test in every branch at once.
      if (actor.kind === 'orgAdmin' && test.orgTestId) await db.updateWhere('theoryTests', { orgTestId: test.orgTestId, closesAt: { $gt: now } }, data)
      else await db.update('theoryTests', testId, data)
      test.closesAt = now
      test.opensAt = opensAt
      test.closedEarlyAt = now
    }
    return summary(test, null, false, actor.kind === 'member', now)
  },
})
