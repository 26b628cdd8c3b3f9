import type { TheoryTestSummaryView } from '../../shared/api/areas/exam'
import type { AttemptDoc, TheoryTestDoc } from '../../shared/domain/documents'
import { isOverdueAttempt, resultsVisible, takesTheoryTests, testWindow, totalPoints } from '../../shared/domain/theory-test'
import { requireMember, type Actor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { isoOf } from '../_lib/common'

/** A test's window, as the theory-test rules take it. */
export function times(test: TheoryTestDoc) {
  return { opensAt: test.opensAt, closesAt: test.closesAt, timeLimitMinutes: test.timeLimitMinutes }
}

/** An attempt's deadline, brought forward when the test was closed early. */
export function attemptState(attempt: AttemptDoc, test: TheoryTestDoc) {
  return { status: attempt.status, deadline: new Date(Math.min(attempt.deadline.getTime(), test.closesAt.getTime())) }
}

/** A test's list line as each reader sees it; the 学习 page reads the same lines (study.page). */
export function summary(test: TheoryTestDoc, attempt: AttemptDoc | null, forMe: boolean, canManage: boolean, now: Date): TheoryTestSummaryView {
  const visible = resultsVisible(times(test), now)
  let my: TheoryTestSummaryView['my'] = null
  if (forMe) {
    const state = attempt ? attemptState(attempt, test) : null
    const handedIn = Boolean(attempt && (attempt.status === 'submitted' || isOverdueAttempt(state!, now)))
    my = {
      status: !attempt ? 'notStarted' : handedIn ? 'submitted' : 'inProgress',
      deadline: state ? isoOf(state.deadline) : null,
      submittedAt: attempt?.submittedAt ? isoOf(attempt.submittedAt) : handedIn && state ? isoOf(state.deadline) : null,
      score: visible && attempt ? attempt.score : null,
    }
  }
  return {
    id: test._id,
    title: test.title,
    description: test.description,
    opensAt: isoOf(test.opensAt),
    closesAt: isoOf(test.closesAt),
    timeLimitMinutes: test.timeLimitMinutes,
    questionCount: test.questions.length,
    totalPoints: totalPoints(test.questions),
    window: testWindow(times(test), now),
    fromOrg: test.orgTestId !== null,
    my,
    canManage,
  }
}

/**
 * The tests the caller sees: an organisation admin every branch's, to follow each one's overview;
 * a member their branch's when they take tests or manage them.
 */
export async function testsFor(db: Db, resolved: Actor, now: Date): Promise<TheoryTestSummaryView[]> {
  if (resolved.kind === 'orgAdmin') {
    const tests = await db.some('theoryTests', { orgId: resolved.admin.orgId }, 100, ['opensAt', 'desc'])
    return tests.map((t) => summary(t, null, false, false, now))
  }
  const actor = requireMember(resolved)
  const canManage = actor.capabilities.includes('manageStudy')
  const forMe = takesTheoryTests(actor.member)
  if (!canManage && !forMe) return []
  const [tests, attempts] = await Promise.all([
    db.some('theoryTests', { branchId: actor.member.branchId }, 50, ['opensAt', 'desc']),
    db.all('testAttempts', { memberId: actor.member._id }),
  ])
  const mine = new Map(attempts.map((a) => [a.testId, a]))
  return tests.map((t) => summary(t, mine.get(t._id) ?? null, forMe, canManage, now))
}
