import {
  answerDecision,
  attemptDeadline,
  averageScore,
  distribution,
  finalScore,
  formatAnswer,
  gradeObjective,
  isAnswerShaped,
  isOverdueAttempt,
  isValidShortScore,
  parseQuestionSheet,
  resultsVisible,
  startDecision,
  testWindow,
  totalPoints,
  type Question,
} from '../../shared/domain/theory-test'
import type { SheetRow } from '../../shared/domain/roster-import'

const questions: Question[] = [
  { id: 'q1', type: 'single', stem: '党的最高理想和最终目标是？', options: ['实现共产主义', '全面小康', '现代化'], correct: 0, points: 2 },
  { id: 'q2', type: 'multiple', stem: '“四个意识”包括？', options: ['政治意识', '大局意识', '核心意识', '看齐意识', '服务意识'], correct: [0, 1, 2, 3], points: 4 },
  { id: 'q3', type: 'trueFalse', stem: '预备党员没有表决权。', correct: true, points: 1 },
  { id: 'q4', type: 'short', stem: '谈谈你对“以考促学”的理解。', reference: '结合实际', points: 10 },
]

describe('grading', () => {
  it('grades objective questions at once and leaves short answers for a reviewer', () => {
    const grade = gradeObjective(questions, { q1: 0, q2: [3, 2, 1, 0], q3: true, q4: '以考促学……' })
    expect(grade).toEqual({ objective: 7, objectiveMax: 7, earned: { q1: 2, q2: 4, q3: 1 }, shortPending: ['q4'] })
  })

  it('gives a multiple choice nothing for a missing, an extra or a wrong option', () => {
    expect(gradeObjective(questions, { q2: [0, 1, 2] }).earned.q2).toBe(0)
    expect(gradeObjective(questions, { q2: [0, 1, 2, 3, 4] }).earned.q2).toBe(0)
    expect(gradeObjective(questions, { q2: [0, 1, 2, 4] }).earned.q2).toBe(0)
  })

  it('scores an unanswered question zero', () => {
    expect(gradeObjective(questions, {}).objective).toBe(0)
  })

  it('has a final score only when every short answer is graded', () => {
    expect(finalScore(questions, 7, {})).toBe(null)
    expect(finalScore(questions, 7, { q4: 8.5 })).toBe(15.5)
    expect(totalPoints(questions)).toBe(17)
  })

  it('lets a reviewer give whole or half points up to the question’s worth, on short answers only', () => {
    expect(isValidShortScore(questions[3], 10)).toBe(true)
    expect(isValidShortScore(questions[3], 7.5)).toBe(true)
    expect(isValidShortScore(questions[3], 7.3)).toBe(false)
    expect(isValidShortScore(questions[3], 11)).toBe(false)
    expect(isValidShortScore(questions[3], -1)).toBe(false)
    expect(isValidShortScore(questions[0], 1)).toBe(false)
  })

  it('accepts only answers shaped like their question', () => {
    expect(isAnswerShaped(questions[0], 2)).toBe(true)
    expect(isAnswerShaped(questions[0], 3)).toBe(false)
    expect(isAnswerShaped(questions[0], [0])).toBe(false)
    expect(isAnswerShaped(questions[1], [0, 0])).toBe(false)
    expect(isAnswerShaped(questions[1], [])).toBe(true)
    expect(isAnswerShaped(questions[2], 'true')).toBe(false)
    expect(isAnswerShaped(questions[3], 'x'.repeat(2001))).toBe(false)
  })

  it('writes answers as a teacher reads them', () => {
    expect(formatAnswer(questions[1], [3, 0, 2])).toBe('ACD')
    expect(formatAnswer(questions[2], false)).toBe('错')
    expect(formatAnswer(questions[0], undefined)).toBe('未作答')
  })
})

describe('window and time limit', () => {
  // Open 1–7 April 2026 (Beijing), 30 minutes each.
  const test = { opensAt: new Date('2026-04-01T00:00:00+08:00'), closesAt: new Date('2026-04-08T00:00:00+08:00'), timeLimitMinutes: 30 }
  const at = (iso: string) => new Date(`${iso}+08:00`)

  it('opens and closes on the Beijing clock', () => {
    expect(testWindow(test, at('2026-03-31T23:59:59'))).toBe('notOpen')
    expect(testWindow(test, at('2026-04-01T00:00:00'))).toBe('open')
    expect(testWindow(test, at('2026-04-07T23:59:59'))).toBe('open')
    expect(testWindow(test, at('2026-04-08T00:00:00'))).toBe('closed')
  })

  it('gives each attempt the time limit, cut short by the window’s close', () => {
    expect(attemptDeadline(test, at('2026-04-03T10:00:00')).toISOString()).toBe(at('2026-04-03T10:30:00').toISOString())
    expect(attemptDeadline(test, at('2026-04-07T23:50:00')).toISOString()).toBe(at('2026-04-08T00:00:00').toISOString())
  })

  it('starts once inside the window, resumes an attempt in progress, and refuses a second go', () => {
    expect(startDecision(test, null, at('2026-03-31T12:00:00'))).toEqual({ ok: false, code: 'TEST.NOT_OPEN' })
    expect(startDecision(test, null, at('2026-04-08T12:00:00'))).toEqual({ ok: false, code: 'TEST.CLOSED' })
    expect(startDecision(test, null, at('2026-04-02T12:00:00'))).toEqual({ ok: true, resume: false })
    const running = { status: 'inProgress' as const, deadline: at('2026-04-02T12:30:00') }
    expect(startDecision(test, running, at('2026-04-02T12:10:00'))).toEqual({ ok: true, resume: true })
    expect(startDecision(test, running, at('2026-04-02T12:30:00'))).toEqual({ ok: false, code: 'TEST.ALREADY_TAKEN' })
    expect(startDecision(test, { ...running, status: 'submitted' }, at('2026-04-02T12:10:00'))).toEqual({ ok: false, code: 'TEST.ALREADY_TAKEN' })
  })

  it('saves answers until the deadline, and counts an attempt left open as handed in at it', () => {
    const running = { status: 'inProgress' as const, deadline: at('2026-04-02T12:30:00') }
    expect(answerDecision(null, at('2026-04-02T12:00:00'))).toEqual({ ok: false, code: 'TEST.NOT_STARTED' })
    expect(answerDecision(running, at('2026-04-02T12:29:59'))).toEqual({ ok: true })
    expect(answerDecision(running, at('2026-04-02T12:30:00'))).toEqual({ ok: false, code: 'TEST.TIME_UP' })
    expect(answerDecision({ ...running, status: 'submitted' }, at('2026-04-02T12:00:00'))).toEqual({ ok: false, code: 'TEST.ALREADY_TAKEN' })
    expect(isOverdueAttempt(running, at('2026-04-02T12:29:59'))).toBe(false)
    expect(isOverdueAttempt(running, at('2026-04-02T12:30:00'))).toBe(true)
  })

  it('shows results and correct answers only after the window closes', () => {
    expect(resultsVisible(test, at('2026-04-07T23:59:59'))).toBe(false)
    expect(resultsVisible(test, at('2026-04-08T00:00:00'))).toBe(true)
  })
})

describe('distribution', () => {
  it('counts scores in bands of the full marks, with no names', () => {
    expect(distribution([100, 95, 90, 89.5, 80, 72, 60, 59.5, 0], 100)).toEqual([
      { label: '90% 及以上', count: 3 },
      { label: '80%–89%', count: 2 },
      { label: '70%–79%', count: 1 },
      { label: '60%–69%', count: 1 },
      { label: '60% 以下', count: 2 },
    ])
  })

  it('averages the graded scores to one decimal, and has none before a sheet is graded', () => {
    expect(averageScore([13.5, 8, 10])).toBe(10.5)
    expect(averageScore([10, 10, 11])).toBe(10.3)
    expect(averageScore([])).toBeNull()
  })
})

describe('question sheet import', () => {
  const header = ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '答案', '分值']
  const row = (n: number, cells: Array<string | number | null>): SheetRow => ({ row: n, cells })

  it('reads every type of question, with default points where none is given', () => {
    const result = parseQuestionSheet(header, [
      row(2, ['单选', '中国共产党的根本宗旨是？', '全心全意为人民服务', '发展经济', null, null, 'a', 2]),
      row(3, ['多选题', '下列属于“三会一课”的有？', '支部党员大会', '支委会', '党小组会', '座谈会', 'A,B、C', null]),
      row(4, ['判断', '党员应按时交纳党费。', null, null, null, null, '√', '']),
      row(5, ['简答', '简述新时代党的建设总要求。', null, null, null, null, '坚持和加强党的全面领导……', 10]),
      row(6, [null, null, null, null, null, null, null, null]),
    ])
    expect(result).toEqual({
      rows: 4,
      errors: [],
      questions: [
        { type: 'single', stem: '中国共产党的根本宗旨是？', options: ['全心全意为人民服务', '发展经济'], correct: 0, points: 2 },
        { type: 'multiple', stem: '下列属于“三会一课”的有？', options: ['支部党员大会', '支委会', '党小组会', '座谈会'], correct: [0, 1, 2], points: 3 },
        { type: 'trueFalse', stem: '党员应按时交纳党费。', correct: true, points: 1 },
        { type: 'short', stem: '简述新时代党的建设总要求。', reference: '坚持和加强党的全面领导……', points: 10 },
      ],
    })
  })

  it('reports every bad row as 第N行 with the reason', () => {
    const result = parseQuestionSheet(header, [
      row(2, ['填空', '题目一', 'x', 'y', null, null, 'A', null]),
      row(3, ['单选', '', '甲', '乙', null, null, 'A', null]),
      row(4, ['单选', '题目三', '甲', '乙', null, null, 'C', null]),
      row(5, ['单选', '题目四', '甲', '乙', null, null, 'AB', null]),
      row(6, ['多选', '题目五', '甲', null, '丙', null, 'AC', null]),
      row(7, ['判断', '题目六', null, null, null, null, '也许', null]),
      row(8, ['判断', '题目八', null, null, null, null, '对', 'abc']),
      row(9, ['判断', '题目三', null, null, null, null, '对', 1]),
    ])
    expect('errors' in result && result.errors).toEqual([
      { row: 2, message: '题型“填空”无法识别（可填：单选、多选、判断、简答）' },
      { row: 3, message: '题目为空' },
      { row: 4, message: '答案“C”中有不存在的选项' },
      { row: 5, message: '单选题只能有一个答案，填的是“AB”' },
      { row: 6, message: '选项B为空' },
      { row: 7, message: '判断题答案“也许”应为“对”或“错”' },
      { row: 8, message: '分值“abc”应为 0.5 到 100 之间的数' },
      { row: 9, message: '题目与第4行重复' },
    ])
  })

  it('names the missing columns when the header is not the template’s', () => {
    expect(parseQuestionSheet(['题目', '选项A', '选项B'], [])).toEqual({ headerMissing: ['题型', '答案'] })
  })
})
