import type { ActionInput } from '../../shared/api/contract'
import type { AttemptView, QuestionForTaking, TestResultView } from '../../shared/api/areas/exam'
import { fail } from '../../shared/errors'
import type { AttemptDoc, TheoryTestDoc } from '../../shared/domain/documents'
import {
  answerDecision,
  attemptDeadline,
  correctAnswerText,
  formatAnswer,
  gradeObjective,
  isAnswerShaped,
  isOverdueAttempt,
  resultsVisible,
  startDecision,
  takesTheoryTests,
  totalPoints,
  type Answers,
  type Question,
} from '../../shared/domain/theory-test'
import type { MemberActor } from '../_lib/actor'
import { isoOf, memberKey } from '../_lib/common'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { attemptState, times } from './summary'
import { testOfBranch } from './tests'

/** A member's attempt at a test: started once, answers saved as they go, handed in, the result after the window. */

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
export async function settleOverdue(db: Db, test: TheoryTestDoc, attempts: AttemptDoc[], now: Date): Promise<AttemptDoc[]> {
  return Promise.all(attempts.map(async (a) => (isOverdueAttempt(attemptState(a, test), now) ? (await handIn(db, test, a, a.answers ?? {}, now)).attempt : a)))
}

/** 开始答题, or come back to an attempt in progress (another phone, a dropped connection). */
export async function startAttempt(db: Db, actor: MemberActor, testId: string, now: Date): Promise<AttemptView> {
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
}

/** Answers saved as they go (merged), until the deadline. */
export async function saveAnswers(db: Db, actor: MemberActor, { testId, answers }: ActionInput<'exam.answer'>, now: Date): Promise<{ savedAt: string; deadline: string }> {
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
}

/** 交卷: graded at once (objective questions); a second submission, even at the same moment, changes nothing. */
export async function submitAttempt(db: Db, actor: MemberActor, { testId, answers }: ActionInput<'exam.submit'>, now: Date) {
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
}

/** 我的成绩: once the window has closed, the score and each question with the correct answer. */
export async function resultOf(db: Db, actor: MemberActor, testId: string, now: Date): Promise<TestResultView> {
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
}
