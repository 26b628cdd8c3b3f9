import type { DateFields } from './date-fields'
import type { Answers, Question } from '../theory-test'

/** The theory test (理论测试) and each member's attempt. */

/** 理论测试, one per branch; an organisation's test is copied to each of its branches. */
export interface TheoryTestDoc {
  _id: string
  branchId: string
  orgId: string
  orgTestId: string | null
  title: string
  description: string
  questions: Question[]
  timeLimitMinutes: number
  opensAt: Date
  closesAt: Date
  closedEarlyAt: Date | null
  createdBy: string
  createdByName: string
  createdAt: Date
}

export const theoryTestDateFields: DateFields<TheoryTestDoc> = { opensAt: true, closesAt: true, closedEarlyAt: true, createdAt: true }

/** One member's go at a test: `_id` is `${testId}_${memberId}`, so a member takes it once. */
export interface AttemptDoc {
  _id: string
  testId: string
  branchId: string
  memberId: string
  status: 'inProgress' | 'submitted'
  startedAt: Date
  deadline: Date
  answers: Answers
  savedAt: Date | null
  submittedAt: Date | null
  autoSubmitted: boolean
  /** Objective points, graded at submission. */
  objective: number | null
  earned: Record<string, number>
  /** Short answers graded by a reviewer: question id → points. */
  shortScores: Record<string, number>
  /** Final score once every short answer is graded. */
  score: number | null
  /** Names the answer sheet to reviewers without naming the member. */
  gradingKey: string
}

export const attemptDateFields: DateFields<AttemptDoc> = { startedAt: true, deadline: true, savedAt: true, submittedAt: true }
