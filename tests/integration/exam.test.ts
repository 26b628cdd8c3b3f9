import type { ActionInput } from '../../shared/api/contract'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok, uploadTo, xlsx } from '../support/api'

/**
 * The quarterly theory test through the real functions: import, set, take once with answers saved
 * as they go, graded at once, short answers graded without names, results after the window, the
 * secretary's view of who has not taken it and the distribution.
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const member = 'demo-member' // 孙伟
const probationary = 'demo-probationary' // 谢雨婷
const groupLeader = 'demo-group-leader' // 陈志强
const minutesFromNow = (n: number) => new Date(Date.now() + n * 60_000).toISOString()

const questions: ActionInput<'exam.create'>['questions'] = [
  { type: 'single', stem: '中国共产党的根本宗旨是？', options: ['全心全意为人民服务', '实现共同富裕', '发展生产力'], correct: 0, points: 2 },
  { type: 'multiple', stem: '“三会一课”包括？', options: ['支部党员大会', '支委会', '党小组会', '党课', '座谈会'], correct: [0, 1, 2, 3], points: 4 },
  { type: 'trueFalse', stem: '预备党员享有表决权。', correct: false, points: 2 },
  { type: 'short', stem: '谈谈如何在教学中发挥党员先锋模范作用。', reference: '言之有理即可', points: 10 },
]
async function newTest(overrides: Partial<ActionInput<'exam.create'>> = {}): Promise<string> {
  const result = await ok(cloud, secretary, 'exam.create', {
    title: '2026年第一季度党员理论测试',
    description: '以考促学',
    questions,
    timeLimitMinutes: 30,
    opensAt: minutesFromNow(-1),
    closesAt: minutesFromNow(60),
    ...overrides,
  })
  return result.ids[0]
}
/** A question sheet the secretary uploads from the phone, to the name the server issued. */
const sheet = (content: Buffer) => uploadTo(cloud, secretary, 'exam.prepareImport', {}, content)
const code = async (promise: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const r = await promise
  return r.ok ? 'ok' : r.error?.code
}

describe('question import', () => {
  const header = ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '答案', '分值']
  it('reads a good sheet into questions', async () => {
    const fileID = await sheet(await xlsx([header, ['单选', '党的最高理想是？', '实现共产主义', '全面小康', '', '', 'A', 2], ['判断', '党员应按时交纳党费。', '', '', '', '', '对', ''], ['简答', '谈谈学习体会。', '', '', '', '', '', 10]], { title: '第一季度测试题' }))
    const seq = cloud.store.commitSeq
    const { questions: read } = await ok(cloud, secretary, 'exam.importQuestions', { fileID })
    expect(read.map((q) => q.type)).toEqual(['single', 'trueFalse', 'short'])
    expect(cloud.store.commitSeq).toBe(seq)
  })

  it('refuses the whole sheet when any row is bad, naming each row', async () => {
    const fileID = await sheet(await xlsx([header, ['单选', '好题目', '甲', '乙', '', '', 'A', 2], ['单选', '坏题目', '甲', '乙', '', '', 'E', 2], ['填空', '又一题', '', '', '', '', 'x', '']]))
    const result = await callAs(cloud, secretary, 'exam.importQuestions', { fileID })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IMPORT.ROWS_INVALID', fields: { 第3行: '答案“E”中有不存在的选项', 第4行: '题型“填空”无法识别（可填：单选、多选、判断、简答）' } },
    })
  })

  it('imports only a sheet the caller uploaded', async () => {
    const fileID = await sheet(await xlsx([header, ['判断', '党员应按时交纳党费。', '', '', '', '', '对', '']]))
    expect(await code(callAs(cloud, 'demo-publicity', 'exam.importQuestions', { fileID }))).toBe('FILE.NOT_FOUND')
    const stray = await cloud.storage.store(`imports/branch-mingde-1/${'a'.repeat(32)}.xlsx`, await xlsx([header]))
    expect(await code(callAs(cloud, secretary, 'exam.importQuestions', { fileID: stray as string }))).toBe('FILE.NOT_FOUND')
  })

  it('names the missing columns of a sheet that is not the template', async () => {
    const fileID = await sheet(await xlsx([['题型', '内容'], ['单选', 'x']]))
    expect(await callAs(cloud, secretary, 'exam.importQuestions', { fileID })).toMatchObject({ ok: false, error: { code: 'IMPORT.HEADER' } })
  })

  it('hands out a template with one example of each type that imports cleanly', async () => {
    const template = await ok(cloud, secretary, 'exam.template', {})
    const content = await (await fetch(template.url)).arrayBuffer()
    const fileID = await sheet(Buffer.from(content))
    expect((await ok(cloud, secretary, 'exam.importQuestions', { fileID })).questions.map((q) => q.type)).toEqual(['single', 'multiple', 'trueFalse', 'short'])
  })
})

describe('taking the test', () => {
  it('saves answers as they go, so another phone picks up where the first left off, and grades once on submission', async () => {
    const testId = await newTest()
    const started = await ok(cloud, member, 'exam.start', { testId })
    expect(started.questions.map((q) => Object.keys(q).sort())).toEqual(started.questions.map(() => ['id', 'options', 'points', 'stem', 'type']))
    const [q1, q2, q3, q4] = started.questions.map((q) => q.id)
    await ok(cloud, member, 'exam.answer', { testId, answers: { [q1]: 0 } })
    await ok(cloud, member, 'exam.answer', { testId, answers: { [q2]: [0, 1, 2, 3] } })
    // The connection drops; the teacher opens the test again.
    const again = await ok(cloud, member, 'exam.start', { testId })
    expect(again.answers).toEqual({ [q1]: 0, [q2]: [0, 1, 2, 3] })
    expect(again.deadline).toBe(started.deadline)
    const submitted = await ok(cloud, member, 'exam.submit', { testId, answers: { [q3]: false, [q4]: '立足课堂，做学生的引路人。' } })
    expect(submitted).toMatchObject({ already: false, autoSubmitted: false })
    const stored = cloud.store.getDoc('testAttempts', `${testId}_member-007`) as Record<string, unknown>
    expect(stored).toMatchObject({ status: 'submitted', objective: 8, score: null })

    // Taken once.
    expect(await code(callAs(cloud, member, 'exam.start', { testId }))).toBe('TEST.ALREADY_TAKEN')
    const seq = cloud.store.commitSeq
    expect(await code(callAs(cloud, member, 'exam.answer', { testId, answers: { [q1]: 1 } }))).toBe('TEST.ALREADY_TAKEN')
    expect(cloud.store.commitSeq).toBe(seq)

    // Before the window closes: handed in, no score, no answers.
    const result = await ok(cloud, member, 'exam.result', { testId })
    expect(result).toMatchObject({ visible: false, score: null, questions: [] })
  })

  it('grades a test submitted many times at once exactly once', async () => {
    const testId = await newTest({ title: '并发交卷' })
    const started = await ok(cloud, probationary, 'exam.start', { testId })
    await ok(cloud, probationary, 'exam.answer', { testId, answers: { [started.questions[0].id]: 0, [started.questions[2].id]: true } })
    const seq = cloud.store.commitSeq
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => callAs(cloud, probationary, 'exam.submit', { testId })))
    const data = results.map((r) => (r.status === 'fulfilled' && r.value.ok ? r.value.data : null))
    expect(data.every(Boolean)).toBe(true)
    expect(data.filter((d) => d && !d.already)).toHaveLength(1)
    expect(new Set(data.map((d) => d?.submittedAt)).size).toBe(1)
    // One write: the conditional update that handed it in.
    expect(cloud.store.commitSeq).toBe(seq + 1)
    expect(cloud.store.getDoc('testAttempts', `${testId}_member-021`)).toMatchObject({ status: 'submitted', objective: 2 })
  })

  it('refuses answers shaped unlike their question and writes nothing', async () => {
    const testId = await newTest({ title: '答案格式' })
    const started = await ok(cloud, groupLeader, 'exam.start', { testId })
    const [q1, q2, q3] = started.questions.map((q) => q.id)
    for (const answers of [{ [q1]: 7 }, { [q1]: [0] }, { [q2]: [1, 1] }, { [q3]: 'true' }, { q99: 0 }]) {
      const seq = cloud.store.commitSeq
      const result = await callAs(cloud, groupLeader, 'exam.answer', { testId, answers })
      expect(result.ok ? 'ok' : result.error.code).toMatch(/^(TEST.ANSWER_INVALID|INPUT.INVALID)$/)
      expect(cloud.store.commitSeq).toBe(seq)
    }
  })

  it('keeps the test for Party members, inside its window', async () => {
    const testId = await newTest({ title: '对象' })
    expect(await code(callAs(cloud, 'demo-activist', 'exam.start', { testId }))).toBe('TEST.NOT_IN_AUDIENCE')
    expect(await code(callAs(cloud, 'demo-branch2-secretary', 'exam.start', { testId }))).toBe('TEST.NOT_FOUND')
    const later = await newTest({ title: '尚未开始', opensAt: minutesFromNow(30), closesAt: minutesFromNow(90) })
    expect(await code(callAs(cloud, member, 'exam.start', { testId: later }))).toBe('TEST.NOT_OPEN')
  })

  it('refuses malformed tests and writes nothing', async () => {
    const base: ActionInput<'exam.create'> = { title: '格式', description: '', questions, timeLimitMinutes: 30, opensAt: minutesFromNow(0), closesAt: minutesFromNow(60) }
    const bad: ActionInput<'exam.create'>[] = [
      { ...base, closesAt: minutesFromNow(-5), opensAt: minutesFromNow(-10) },
      { ...base, closesAt: base.opensAt },
      { ...base, opensAt: '2026-02-30T08:00:00+08:00' },
      { ...base, questions: [] },
      { ...base, questions: [{ type: 'single', stem: '题目', options: ['甲', '乙'], correct: 2, points: 1 }] },
      { ...base, questions: [{ type: 'multiple', stem: '题目', options: ['甲', '乙', '丙'], correct: [0], points: 1 }] },
      { ...base, questions: [{ type: 'trueFalse', stem: '题目', correct: true, points: 0.3 }] },
      { ...base, timeLimitMinutes: 1 },
    ]
    for (const input of bad) {
      const seq = cloud.store.commitSeq
      expect(await code(callAs(cloud, secretary, 'exam.create', input))).toBe('INPUT.INVALID')
      expect(cloud.store.commitSeq).toBe(seq)
    }
  })
})

describe('after the test', () => {
  it('hands in what was saved when time runs out, grades short answers without names, and shows results after the window', async () => {
    const testId = await newTest({ title: '季度测试（结束后看成绩）' })
    const a = await ok(cloud, member, 'exam.start', { testId })
    const [q1, q2, q3, q4] = a.questions.map((q) => q.id)
    await ok(cloud, member, 'exam.submit', { testId, answers: { [q1]: 0, [q2]: [0, 1, 2, 3], [q3]: false, [q4]: '以身作则，言传身教。' } })
    // This one saves two answers and then the phone goes quiet.
    await ok(cloud, probationary, 'exam.start', { testId })
    await ok(cloud, probationary, 'exam.answer', { testId, answers: { [q1]: 1, [q3]: false } })

    const during = await ok(cloud, secretary, 'exam.overview', { testId })
    expect(during).toMatchObject({ submitted: 1, inProgress: 1 })
    expect(during.notTaken.map((m) => m.name)).toContain('李红梅')
    expect(during.notTaken.map((m) => m.name)).not.toContain('孙伟')
    expect(during.notTaken.map((m) => m.name)).not.toContain('许诺') // activists do not take it

    // 提前结束: the window closes now; the open attempt is handed in with what it saved.
    await ok(cloud, secretary, 'exam.close', { testId })
    const after = await ok(cloud, secretary, 'exam.overview', { testId })
    expect(after).toMatchObject({ submitted: 2, inProgress: 0, gradingPending: 2, graded: 0 })
    expect(cloud.store.getDoc('testAttempts', `${testId}_member-021`)).toMatchObject({ status: 'submitted', autoSubmitted: true, objective: 2 })

    // Short answers as sheets, not people.
    const queue = await ok(cloud, secretary, 'exam.gradingQueue', { testId })
    expect(queue).toHaveLength(2)
    expect(JSON.stringify(queue)).not.toMatch(/孙伟|谢雨婷|member-0/)
    const sunSheet = queue.find((i) => i.answer === '以身作则，言传身教。')!
    const xieSheet = queue.find((i) => i.answer === '')!
    expect(await code(callAs(cloud, secretary, 'exam.grade', { testId, attemptKey: sunSheet.attemptKey, questionId: q4, points: 10.5 }))).toBe('TEST.SCORE_INVALID')
    expect(await code(callAs(cloud, secretary, 'exam.grade', { testId, attemptKey: sunSheet.attemptKey, questionId: q1, points: 1 }))).toBe('TEST.NOT_SHORT_ANSWER')
    expect(await ok(cloud, secretary, 'exam.grade', { testId, attemptKey: sunSheet.attemptKey, questionId: q4, points: 8.5 })).toMatchObject({ given: 8.5 })
    await ok(cloud, secretary, 'exam.grade', { testId, attemptKey: xieSheet.attemptKey, questionId: q4, points: 0 })

    const graded = await ok(cloud, secretary, 'exam.overview', { testId })
    expect(graded).toMatchObject({ gradingPending: 0, graded: 2, average: 9.3 })
    // 16.5 of 18 (≥ 90%) and 2 of 18: counts by band, no names.
    expect(graded.distribution.map((b) => b.count)).toEqual([1, 0, 0, 0, 1])

    const result = await ok(cloud, member, 'exam.result', { testId })
    expect(result).toMatchObject({ visible: true, score: 16.5, totalPoints: 18, shortPending: false })
    expect(result.questions.map((q) => [q.myAnswer, q.correctAnswer, q.earned])).toEqual([
      ['A', 'A', 2],
      ['ABCD', 'ABCD', 4],
      ['错', '错', 2],
      ['以身作则，言传身教。', '言之有理即可', 8.5],
    ])
    const theirs = await ok(cloud, probationary, 'exam.result', { testId })
    expect(theirs).toMatchObject({ autoSubmitted: true, score: 2 })
    expect((await ok(cloud, member, 'exam.list', {})).find((t) => t.id === testId)?.my).toMatchObject({ status: 'submitted', score: 16.5 })
  })

  it('lets the organisation set one test for every branch and see each branch', async () => {
    const result = await ok(cloud, 'demo-org-admin', 'exam.create', { title: '党总支统一测试', description: '', questions, timeLimitMinutes: 30, opensAt: minutesFromNow(-1), closesAt: minutesFromNow(60) })
    expect(result.branches).toBe(2)
    const branch2 = await ok(cloud, 'demo-branch2-secretary', 'exam.list', {})
    const copy = branch2.find((t) => t.title === '党总支统一测试')!
    expect(copy.fromOrg).toBe(true)
    expect((await ok(cloud, 'demo-org-admin', 'exam.overview', { testId: copy.id })).branchName).toBe('明德实验学校第二党支部')
    // A branch does not end the organisation's test on its own.
    expect(await code(callAs(cloud, 'demo-branch2-secretary', 'exam.close', { testId: copy.id }))).toBe('AUTH.FORBIDDEN')
    await ok(cloud, 'demo-org-admin', 'exam.close', { testId: copy.id })
    expect(result.ids.map((id) => (cloud.store.getDoc('theoryTests', id) as unknown as { closedEarlyAt: unknown }).closedEarlyAt !== null)).toEqual([true, true])
  })
})
