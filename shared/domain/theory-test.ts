import type { RawCell, SheetRow } from './roster-import'

/**
 * The quarterly theory test (党员基本理论素养测试, "以考促学"): questions, the window and the
 * time limit, grading, and the question sheet import. Pure rules; callers pass `now`.
 */

export const questionTypes = ['single', 'multiple', 'trueFalse', 'short'] as const
export type QuestionType = (typeof questionTypes)[number]

export const questionTypeLabels: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  trueFalse: '判断题',
  short: '简答题',
}

interface QuestionBase {
  id: string
  stem: string
  points: number
}
export type Question =
  | (QuestionBase & { type: 'single'; options: string[]; correct: number })
  | (QuestionBase & { type: 'multiple'; options: string[]; correct: number[] })
  | (QuestionBase & { type: 'trueFalse'; correct: boolean })
  | (QuestionBase & { type: 'short'; reference: string })

/** A question before it has an id (as imported or written). */
export type QuestionDraft = Question extends infer Q ? (Q extends Question ? Omit<Q, 'id'> : never) : never

/** single: option index; multiple: option indexes; trueFalse: true/false; short: text. */
export type Answer = number | number[] | boolean | string
export type Answers = Record<string, Answer>

export const maxOptions = 6
export const maxQuestions = 200
export const maxShortAnswerChars = 2000
export const optionLetters = ['A', 'B', 'C', 'D', 'E', 'F'] as const

/** "B", "ACD", "对". */
export function formatAnswer(question: QuestionDraft, answer: Answer | undefined): string {
  if (answer === undefined) return '未作答'
  switch (question.type) {
    case 'single':
      return typeof answer === 'number' ? (optionLetters[answer] ?? '?') : '?'
    case 'multiple':
      return Array.isArray(answer) ? [...answer].sort((a, b) => a - b).map((i) => optionLetters[i] ?? '?').join('') || '未作答' : '?'
    case 'trueFalse':
      return answer === true ? '对' : answer === false ? '错' : '?'
    case 'short':
      return typeof answer === 'string' ? answer : '?'
  }
}

export function correctAnswerText(question: QuestionDraft): string {
  switch (question.type) {
    case 'single':
      return optionLetters[question.correct]
    case 'multiple':
      return formatAnswer(question, question.correct)
    case 'trueFalse':
      return question.correct ? '对' : '错'
    case 'short':
      return question.reference
  }
}

/** Whether an answer has the shape its question takes; a wrongly shaped answer is refused, not stored. */
export function isAnswerShaped(question: Question, answer: Answer): boolean {
  switch (question.type) {
    case 'single':
      return Number.isInteger(answer) && (answer as number) >= 0 && (answer as number) < question.options.length
    case 'multiple':
      return (
        Array.isArray(answer) &&
        answer.length <= question.options.length &&
        new Set(answer).size === answer.length &&
        answer.every((i) => Number.isInteger(i) && i >= 0 && i < question.options.length)
      )
    case 'trueFalse':
      return typeof answer === 'boolean'
    case 'short':
      return typeof answer === 'string' && answer.length <= maxShortAnswerChars
  }
}

// --- Grading -----------------------------------------------------------------------------------

/**
 * Objective questions are right or wrong, with no part marks: a multiple choice earns its points
 * only with exactly the right options (少选、多选、错选均不得分), as these tests are usually scored.
 */
export function isCorrect(question: Exclude<Question, { type: 'short' }>, answer: Answer | undefined): boolean {
  if (answer === undefined) return false
  switch (question.type) {
    case 'single':
      return answer === question.correct
    case 'multiple': {
      if (!Array.isArray(answer) || answer.length !== question.correct.length) return false
      const chosen = new Set(answer)
      return question.correct.every((i) => chosen.has(i))
    }
    case 'trueFalse':
      return answer === question.correct
  }
}

export interface ObjectiveGrade {
  /** Points earned on objective questions. */
  objective: number
  /** Points the objective questions are worth. */
  objectiveMax: number
  /** Question id → points earned (objective questions only). */
  earned: Record<string, number>
  /** Short answers waiting for a reviewer. */
  shortPending: string[]
}

export function gradeObjective(questions: readonly Question[], answers: Answers): ObjectiveGrade {
  const grade: ObjectiveGrade = { objective: 0, objectiveMax: 0, earned: {}, shortPending: [] }
  for (const q of questions) {
    if (q.type === 'short') {
      grade.shortPending.push(q.id)
      continue
    }
    grade.objectiveMax += q.points
    const points = isCorrect(q, answers[q.id]) ? q.points : 0
    grade.earned[q.id] = points
    grade.objective += points
  }
  return grade
}

export const totalPoints = (questions: ReadonlyArray<{ points: number }>) => questions.reduce((sum, q) => sum + q.points, 0)

/** Points a reviewer may give a short answer: whole or half points from 0 to the question's worth. */
export function isValidShortScore(question: Question, points: number): boolean {
  return question.type === 'short' && points >= 0 && points <= question.points && Number.isInteger(points * 2)
}

/** The final score once every short answer is graded; null while any waits. */
export function finalScore(questions: readonly Question[], objective: number, shortScores: Record<string, number>): number | null {
  let total = objective
  for (const q of questions) {
    if (q.type !== 'short') continue
    const points = shortScores[q.id]
    if (points === undefined) return null
    total += points
  }
  return total
}

/** The test is for Party members (党员基本理论素养测试), not activists or applicants. */
export function takesTheoryTests(member: { category: string }): boolean {
  return member.category === 'full' || member.category === 'probationary'
}

// --- Window, time limit, attempts ------------------------------------------------------------------

export interface TestTimes {
  opensAt: Date
  closesAt: Date
  timeLimitMinutes: number
}

export type TestWindowState = 'notOpen' | 'open' | 'closed'

export function testWindow(test: TestTimes, now: Date): TestWindowState {
  if (now.getTime() < test.opensAt.getTime()) return 'notOpen'
  if (now.getTime() >= test.closesAt.getTime()) return 'closed'
  return 'open'
}

/** When an attempt must be in: the time limit from its start, and never after the window closes. */
export function attemptDeadline(test: TestTimes, startedAt: Date): Date {
  return new Date(Math.min(startedAt.getTime() + test.timeLimitMinutes * 60_000, test.closesAt.getTime()))
}

export interface AttemptState {
  status: 'inProgress' | 'submitted'
  deadline: Date
}

export type TestRefusal = 'TEST.NOT_OPEN' | 'TEST.CLOSED' | 'TEST.ALREADY_TAKEN' | 'TEST.TIME_UP' | 'TEST.NOT_STARTED'

/** Starting (or coming back to) a test: once per member, inside the window. */
export function startDecision(test: TestTimes, attempt: AttemptState | null, now: Date): { ok: true; resume: boolean } | { ok: false; code: TestRefusal } {
  if (attempt?.status === 'submitted') return { ok: false, code: 'TEST.ALREADY_TAKEN' }
  if (attempt && now.getTime() >= attempt.deadline.getTime()) return { ok: false, code: 'TEST.ALREADY_TAKEN' }
  if (attempt) return { ok: true, resume: true }
  const window = testWindow(test, now)
  if (window === 'notOpen') return { ok: false, code: 'TEST.NOT_OPEN' }
  if (window === 'closed') return { ok: false, code: 'TEST.CLOSED' }
  return { ok: true, resume: false }
}

/** Saving an answer: only during one's own attempt and before its deadline. */
export function answerDecision(attempt: AttemptState | null, now: Date): { ok: true } | { ok: false; code: TestRefusal } {
  if (!attempt) return { ok: false, code: 'TEST.NOT_STARTED' }
  if (attempt.status === 'submitted') return { ok: false, code: 'TEST.ALREADY_TAKEN' }
  if (now.getTime() >= attempt.deadline.getTime()) return { ok: false, code: 'TEST.TIME_UP' }
  return { ok: true }
}

/**
 * An attempt still open when its deadline passed counts as handed in at the deadline, with what
 * was saved by then: nobody loses answers to a dropped connection or a closed phone.
 */
export function isOverdueAttempt(attempt: AttemptState, now: Date): boolean {
  return attempt.status === 'inProgress' && now.getTime() >= attempt.deadline.getTime()
}

/** Each member sees their score and the correct answers once the window has closed. */
export function resultsVisible(test: TestTimes, now: Date): boolean {
  return testWindow(test, now) === 'closed'
}

// --- Distribution (no ranking) ------------------------------------------------------------------------

export const scoreBands = [
  { label: '90% 及以上', min: 0.9 },
  { label: '80%–89%', min: 0.8 },
  { label: '70%–79%', min: 0.7 },
  { label: '60%–69%', min: 0.6 },
  { label: '60% 以下', min: 0 },
] as const

/** How many scores fall in each band of the full marks; names never appear next to scores. */
export function distribution(scores: readonly number[], max: number): Array<{ label: string; count: number }> {
  const counts = scoreBands.map((b) => ({ label: b.label, count: 0 }))
  for (const score of scores) {
    const share = max > 0 ? score / max : 0
    const index = scoreBands.findIndex((b) => share >= b.min - 1e-9)
    counts[index].count++
  }
  return counts
}

/** The branch's average score, to one decimal; null before any sheet is fully graded. */
export function averageScore(scores: readonly number[]): number | null {
  return scores.length ? Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10 : null
}

// --- Question sheet import ------------------------------------------------------------------------------

export const questionColumns = [
  { key: 'type', title: '题型', aliases: ['题型', '题目类型', '类型'], required: true },
  { key: 'stem', title: '题目', aliases: ['题目', '题干', '试题', '题目内容'], required: true },
  ...optionLetters.map((l, i) => ({ key: `option${i}` as const, title: `选项${l}`, aliases: [`选项${l}`, l], required: i < 2 })),
  { key: 'answer', title: '答案', aliases: ['答案', '正确答案', '参考答案'], required: true },
  { key: 'points', title: '分值', aliases: ['分值', '分数', '每题分值'], required: false },
] as const
type QuestionColumnKey = (typeof questionColumns)[number]['key']

const typeByLabel = new Map<string, QuestionType>([
  ['单选', 'single'],
  ['单选题', 'single'],
  ['单项选择', 'single'],
  ['单项选择题', 'single'],
  ['多选', 'multiple'],
  ['多选题', 'multiple'],
  ['多项选择', 'multiple'],
  ['多项选择题', 'multiple'],
  ['判断', 'trueFalse'],
  ['判断题', 'trueFalse'],
  ['简答', 'short'],
  ['简答题', 'short'],
  ['问答', 'short'],
  ['问答题', 'short'],
])

const trueWords = new Set(['对', '正确', '√', '✓', '是', 'T', 'TRUE', 'Y'])
const falseWords = new Set(['错', '错误', '×', '✗', '否', 'F', 'FALSE', 'N'])

/** Points when the sheet gives none. */
export const defaultPoints: Record<QuestionType, number> = { single: 2, multiple: 3, trueFalse: 1, short: 10 }

function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return ''
  return String(cell).replace(/\u00a0/g, ' ').trim()
}

export interface QuestionImport {
  questions: QuestionDraft[]
  errors: Array<{ row: number; message: string }>
  rows: number
}

/**
 * Reads a question sheet: every row checked, every problem reported as its row number and reason,
 * and the caller stores nothing unless `errors` is empty.
 */
export function parseQuestionSheet(header: RawCell[], rows: SheetRow[]): QuestionImport | { headerMissing: string[] } {
  const columns: Partial<Record<QuestionColumnKey, number>> = {}
  header.forEach((cell, index) => {
    const title = cellText(cell).replace(/[*＊\s]/g, '')
    const column = questionColumns.find((c) => (c.aliases as readonly string[]).includes(title))
    if (column && columns[column.key] === undefined) columns[column.key] = index
  })
  const missing = questionColumns.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.title)
  if (missing.length) return { headerMissing: missing }
  const cell = (r: SheetRow, key: QuestionColumnKey) => (columns[key] === undefined ? '' : cellText(r.cells[columns[key] as number]))

  const result: QuestionImport = { questions: [], errors: [], rows: 0 }
  const stems = new Map<string, number>()
  for (const r of rows) {
    if (r.cells.every((c) => cellText(c) === '')) continue
    result.rows++
    const problems: string[] = []
    const typeText = cell(r, 'type').replace(/\s+/g, '')
    const type = typeByLabel.get(typeText)
    if (!typeText) problems.push('题型为空')
    else if (!type) problems.push(`题型“${typeText}”无法识别（可填：单选、多选、判断、简答）`)

    const stem = cell(r, 'stem')
    if (!stem) problems.push('题目为空')
    else if (stem.length > 500) problems.push('题目超过 500 字')
    else if (stems.has(stem)) problems.push(`题目与第${stems.get(stem)}行重复`)
    else stems.set(stem, r.row)

    // Options are read up to the last filled one; a gap before it is an error.
    const rawOptions = optionLetters.map((_, i) => cell(r, `option${i}` as QuestionColumnKey))
    const lastFilled = rawOptions.reduce((last, o, i) => (o ? i : last), -1)
    const options = rawOptions.slice(0, lastFilled + 1)
    const choice = type === 'single' || type === 'multiple'
    if (choice) {
      if (options.length < 2) problems.push('选择题至少需要 A、B 两个选项')
      const gap = options.findIndex((o) => !o)
      if (gap >= 0) problems.push(`选项${optionLetters[gap]}为空`)
      if (options.some((o) => o.length > 200)) problems.push('选项超过 200 字')
    } else if (type && options.length) {
      problems.push(`${questionTypeLabels[type]}不应填写选项`)
    }

    const answerText = cell(r, 'answer')
    let correct: number | number[] | boolean | string | undefined
    if (type === 'single' || type === 'multiple') {
      const letters = answerText.toUpperCase().replace(/[\s,，、;；]/g, '')
      const indexes = [...letters].map((l) => optionLetters.indexOf(l as (typeof optionLetters)[number]))
      if (!letters) problems.push('答案为空')
      else if (indexes.some((i) => i < 0)) problems.push(`答案“${answerText}”应为选项字母，如 ${type === 'single' ? 'B' : 'ACD'}`)
      else if (indexes.some((i) => i >= options.length)) problems.push(`答案“${answerText}”中有不存在的选项`)
      else if (new Set(indexes).size !== indexes.length) problems.push(`答案“${answerText}”中有重复的选项`)
      else if (type === 'single' && indexes.length !== 1) problems.push(`单选题只能有一个答案，填的是“${answerText}”`)
      else if (type === 'multiple' && indexes.length < 2) problems.push('多选题至少有两个正确选项')
      else correct = type === 'single' ? indexes[0] : indexes.sort((a, b) => a - b)
    } else if (type === 'trueFalse') {
      const word = answerText.toUpperCase()
      if (!word) problems.push('答案为空')
      else if (trueWords.has(word)) correct = true
      else if (falseWords.has(word)) correct = false
      else problems.push(`判断题答案“${answerText}”应为“对”或“错”`)
    } else if (type === 'short') {
      if (answerText.length > maxShortAnswerChars) problems.push(`参考答案超过 ${maxShortAnswerChars} 字`)
      correct = answerText
    }

    const pointsText = cell(r, 'points')
    let points = type ? defaultPoints[type] : 0
    if (pointsText) {
      const n = Number(pointsText)
      if (!Number.isFinite(n) || n <= 0 || n > 100 || !Number.isInteger(n * 2)) problems.push(`分值“${pointsText}”应为 0.5 到 100 之间的数`)
      else points = n
    }

    if (problems.length || !type || correct === undefined) {
      result.errors.push({ row: r.row, message: problems.join('；') || '无法读取' })
      continue
    }
    if (type === 'single') result.questions.push({ type, stem, options, correct: correct as number, points })
    else if (type === 'multiple') result.questions.push({ type, stem, options, correct: correct as number[], points })
    else if (type === 'trueFalse') result.questions.push({ type, stem, correct: correct as boolean, points })
    else result.questions.push({ type, stem, reference: correct as string, points })
  }
  if (result.rows > maxQuestions) result.errors.push({ row: 0, message: `一次最多导入 ${maxQuestions} 道题` })
  return result
}

/** "第3行：题型为空" lines, as the roster import reports them. */
export function describeRowErrors(errors: ReadonlyArray<{ row: number; message: string }>): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const e of errors) fields[e.row > 0 ? `第${e.row}行` : '表格'] = e.message
  return fields
}
