import type { ActionInput } from '../../shared/api/contract'
import type { GradingItemView, TestOverviewView } from '../../shared/api/areas/exam'
import { AppError, fail } from '../../shared/errors'
import type { AttemptDoc, GroupDoc, TheoryTestDoc } from '../../shared/domain/documents'
import { averageScore, distribution, finalScore, isValidShortScore, takesTheoryTests, totalPoints } from '../../shared/domain/theory-test'
import type { Actor } from '../_lib/actor'
import { groupsOf } from '../_lib/common'
import type { Db } from '../_lib/db'
import { settleOverdue } from './attempts'
import { summary } from './summary'
import { managedTest } from './tests'

/** Short answers graded by sheet without names, and the test's overview for those who run it. */

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

/** For the secretary: who has not taken it, who is taking it, and the branch's distribution (no names with scores). */
export async function testOverview(db: Db, actor: Actor, testId: string, now: Date): Promise<TestOverviewView> {
  const { test, canManage } = await managedTest(db, actor, testId, 'read')
  const [members, stored, groups, branch] = await Promise.all([
    db.allCounted('members', { branchId: test.branchId, status: 'active' }),
    db.allCounted('testAttempts', { testId }),
    groupsOf(db, test.branchId),
    db.get('branches', test.branchId),
  ])
  const attempts = await settleOverdue(db, test, stored, now)
  const expected = members.filter(takesTheoryTests)
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
    average: averageScore(scores),
  }
}

/** Short answers to grade, sheet by sheet, without the writers' names. */
export async function gradingQueue(db: Db, actor: Actor, testId: string, now: Date): Promise<GradingItemView[]> {
  const { test, canManage } = await managedTest(db, actor, testId)
  if (!canManage) fail('AUTH.FORBIDDEN')
  const attempts = await settleOverdue(db, test, await db.allCounted('testAttempts', { testId }), now)
  return gradingItems(test, attempts)
}

/** A reviewer's score for one short answer; the final score appears when the last one is in. */
export async function gradeAnswer(db: Db, actor: Actor, { testId, attemptKey, questionId, points }: ActionInput<'exam.grade'>): Promise<GradingItemView> {
  const { test, canManage } = await managedTest(db, actor, testId)
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
}
