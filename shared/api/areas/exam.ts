import { z } from 'zod'
import { maxOptions, maxQuestions, maxShortAnswerChars, type Answers, type QuestionDraft, type QuestionType, type TestWindowState } from '../../domain/theory-test'
import { cloudFileId, id, isoTime, noInput, output, type FileLink, type UploadName } from '../fields'

/**
 * 理论测试: the quarterly theory test (党员基本理论素养测试). Action names use the area `exam`.
 * The client imports only the types of this file.
 */


/** A question as a member sees it while taking the test: no answer in it. */
export type QuestionForTaking =
  | { id: string; type: 'single' | 'multiple'; stem: string; options: string[]; points: number }
  | { id: string; type: 'trueFalse' | 'short'; stem: string; options: []; points: number }

export interface MyAttemptState {
  status: 'notStarted' | 'inProgress' | 'submitted'
  deadline: string | null
  submittedAt: string | null
  /** Score shown once the window has closed and every short answer is graded. */
  score: number | null
}

export interface TheoryTestSummaryView {
  id: string
  title: string
  description: string
  opensAt: string
  closesAt: string
  timeLimitMinutes: number
  questionCount: number
  totalPoints: number
  window: TestWindowState
  fromOrg: boolean
  /** The caller's attempt; null when the test is not for them. */
  my: MyAttemptState | null
  canManage: boolean
}

export interface AttemptView {
  testId: string
  title: string
  questions: QuestionForTaking[]
  answers: Answers
  startedAt: string
  deadline: string
  /** The server's clock, so the countdown does not trust the phone's. */
  serverNow: string
}

export interface TestResultView {
  testId: string
  title: string
  submittedAt: string
  /** Handed in by the time limit, not by the member. */
  autoSubmitted: boolean
  /** Results and correct answers are shown once the window has closed. */
  visible: boolean
  closesAt: string
  totalPoints: number
  /** Null until visible and every short answer is graded. */
  score: number | null
  shortPending: boolean
  questions: Array<{
    id: string
    type: QuestionType
    stem: string
    options: string[]
    points: number
    myAnswer: string
    correctAnswer: string
    /** Null for a short answer not yet graded. */
    earned: number | null
  }>
}

export interface TestOverviewView {
  test: TheoryTestSummaryView
  branchName: string
  expected: number
  submitted: number
  inProgress: number
  notTaken: Array<{ memberId: string; name: string; groupName: string | null }>
  /** Short answers waiting for a score. */
  gradingPending: number
  /** Bands of the final scores of fully graded attempts; no names. */
  distribution: Array<{ label: string; count: number }>
  graded: number
  average: number | null
}

export interface GradingItemView {
  /** Opaque: which answer sheet, never who wrote it. */
  attemptKey: string
  sheetNo: number
  questionId: string
  stem: string
  reference: string
  points: number
  answer: string
  given: number | null
}

const points = z.number().min(0.5, '分值至少 0.5').max(100, '分值不能超过 100').refine((n) => Number.isInteger(n * 2), '分值只能是整数或半分')
const stem = z.string().trim().min(2, '题目至少 2 个字').max(500, '题目不能超过 500 字')
const options = z.array(z.string().trim().min(1, '选项不能为空').max(200, '选项不能超过 200 字')).min(2, '至少两个选项').max(maxOptions, `最多 ${maxOptions} 个选项`)
const question = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('single'), stem, options, correct: z.number().int().min(0), points }).strict(),
    z.object({ type: z.literal('multiple'), stem, options, correct: z.array(z.number().int().min(0)).min(2, '多选题至少两个正确选项'), points }).strict(),
    z.object({ type: z.literal('trueFalse'), stem, correct: z.boolean(), points }).strict(),
    z.object({ type: z.literal('short'), stem, reference: z.string().trim().max(maxShortAnswerChars), points }).strict(),
  ])
  .superRefine((q, ctx) => {
    if (q.type === 'single' && q.correct >= q.options.length) ctx.addIssue({ code: 'custom', message: '正确答案不在选项中', path: ['correct'] })
    if (q.type === 'multiple' && (q.correct.some((i) => i >= q.options.length) || new Set(q.correct).size !== q.correct.length)) {
      ctx.addIssue({ code: 'custom', message: '正确答案不在选项中或有重复', path: ['correct'] })
    }
  })

const answer = z.union([z.number().int().min(0).max(maxOptions - 1), z.array(z.number().int().min(0).max(maxOptions - 1)).max(maxOptions), z.boolean(), z.string().max(maxShortAnswerChars, `简答不能超过 ${maxShortAnswerChars} 字`)])
const answers = z.record(id, answer).refine((a) => Object.keys(a).length <= maxQuestions, '答案过多')

const testFields = {
  title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题不能超过 60 个字'),
  description: z.string().trim().max(500, '说明不能超过 500 字'),
  questions: z.array(question).min(1, '请至少添加一道题').max(maxQuestions, `最多 ${maxQuestions} 道题`),
  timeLimitMinutes: z.number().int().min(5, '答题时间至少 5 分钟').max(300, '答题时间不能超过 300 分钟'),
  opensAt: isoTime,
  closesAt: isoTime,
}

export const examActions = {
  'exam.list': {
    input: noInput,
    output: output<TheoryTestSummaryView[]>(),
  },
  'exam.create': {
    input: z
      .object(testFields)
      .strict()
      .refine((t) => new Date(t.closesAt).getTime() > new Date(t.opensAt).getTime(), { message: '结束时间应晚于开始时间', path: ['closesAt'] }),
    output: output<{ ids: string[]; branches: number }>(),
  },
  'exam.template': {
    input: noInput,
    output: output<FileLink>(),
  },
  'exam.prepareImport': {
    input: noInput,
    output: output<UploadName>(),
  },
  'exam.importQuestions': {
    input: z.object({ fileID: cloudFileId }).strict(),
    output: output<{ questions: QuestionDraft[] }>(),
  },
  'exam.start': {
    input: z.object({ testId: id }).strict(),
    output: output<AttemptView>(),
  },
  'exam.answer': {
    input: z.object({ testId: id, answers }).strict(),
    output: output<{ savedAt: string; deadline: string }>(),
  },
  'exam.submit': {
    input: z.object({ testId: id, answers: answers.optional() }).strict(),
    output: output<{ submittedAt: string; already: boolean; autoSubmitted: boolean; resultsFrom: string }>(),
  },
  'exam.result': {
    input: z.object({ testId: id }).strict(),
    output: output<TestResultView>(),
  },
  'exam.overview': {
    input: z.object({ testId: id }).strict(),
    output: output<TestOverviewView>(),
  },
  'exam.gradingQueue': {
    input: z.object({ testId: id }).strict(),
    output: output<GradingItemView[]>(),
  },
  'exam.grade': {
    input: z.object({ testId: id, attemptKey: id, questionId: id, points: z.number().min(0).max(100) }).strict(),
    output: output<GradingItemView>(),
  },
  'exam.close': {
    input: z.object({ testId: id }).strict(),
    output: output<TheoryTestSummaryView>(),
  },
} as const
