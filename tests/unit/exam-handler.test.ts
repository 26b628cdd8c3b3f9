import { main } from '../../cloudfunctions/exam/index'
import type { AttemptDoc, InboxDoc, TheoryTestDoc } from '../../shared/domain/documents'
import { minuteMs } from '../../shared/domain/time'
import type { ActionInput } from '../../shared/api/contract'
import type { Answers } from '../../shared/domain/theory-test'
import type { MemoryDb } from '../support/memory-db'
import { branchWorld, caller, data, people, refusal } from '../support/handler-world'

/**
 * The theory test's handlers through `main.run`, with a fixed `now` and the in-memory database:
 * setting a test up and closing it, taking it once, grading short answers by sheet, results only
 * after the window, and who has not taken it.
 */
const now = new Date('2026-03-02T10:00:00+08:00')
const at = (minutes: number) => new Date(now.getTime() + minutes * minuteMs)
const opensAt = at(60)
const closesAt = at(3 * 24 * 60)
const afterWindow = at(3 * 24 * 60 + 1)

const testInput = (over: Partial<ActionInput<'exam.create'>> = {}): ActionInput<'exam.create'> => ({
  title: '第一季度理论测试',
  description: '学习贯彻全会精神',
  questions: [
    { type: 'single', stem: '中国共产党的根本宗旨是？', options: ['全心全意为人民服务', '实现共同富裕'], correct: 0, points: 2 },
    { type: 'multiple', stem: '“三会一课”包括哪些？', options: ['支部党员大会', '支部委员会', '课外活动'], correct: [0, 1], points: 3 },
    { type: 'trueFalse', stem: '预备党员享有表决权。', correct: false, points: 1 },
    { type: 'short', stem: '谈谈如何发挥党员先锋模范作用。', reference: '言之有理即可', points: 10 },
  ],
  timeLimitMinutes: 30,
  opensAt: opensAt.toISOString(),
  closesAt: closesAt.toISOString(),
  ...over,
})

const allRight = { q1: 0, q2: [1, 0], q3: false, q4: '立足岗位，做好教书育人' }

function world() {
  const { db } = branchWorld()
  const call = caller(main, db)
  const inbox = (memberId: string) => [...(db.collections.get('inbox')?.values() ?? [])].filter((m) => m.memberId === memberId) as unknown as InboxDoc[]
  const attempt = (testId: string, memberId: string) => db.peek('testAttempts', `${testId}_${memberId}`) as AttemptDoc | undefined
  return { db, call, inbox, attempt }
}
type World = ReturnType<typeof world>

async function setTest(w: World, over: Partial<ActionInput<'exam.create'>> = {}, who: 'publicity' | 'admin' = 'publicity'): Promise<string> {
  return data(await w.call(who, 'exam.create', testInput(over), now)).ids[0]
}

const snapshot = (db: MemoryDb) => JSON.stringify([...db.collections].map(([name, docs]) => [name, [...docs.values()]]))

describe('setting a theory test up', () => {
  it('tells each Party member of the branch when it opens and closes; activists and other branches hear nothing', async () => {
    const w = world()
    const testId = await setTest(w)
    expect(w.db.peek('theoryTests', testId)).toMatchObject({ branchId: 'b1', title: '第一季度理论测试', timeLimitMinutes: 30, opensAt, closesAt, createdByName: '王强' })
    expect((w.db.peek('theoryTests', testId) as TheoryTestDoc).questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4'])
    for (const who of ['secretary', 'publicity', 'member', 'probationary'] as const) {
      expect(w.inbox(people[who]._id).map((m) => [m.title, m.body, m.link])).toEqual([['理论测试通知', '“第一季度理论测试”将于3月2日 11:00开放，3月5日 10:00截止，限时 30 分钟，每人一次', `packageStudy/test/index?id=${testId}`]])
    }
    expect(w.inbox(people.activist._id)).toEqual([])
    expect(w.inbox(people.otherSecretary._id)).toEqual([])
    expect(data(await w.call('member', 'exam.list', {}, now))).toEqual([expect.objectContaining({ id: testId, window: 'notOpen', questionCount: 4, totalPoints: 16, my: expect.objectContaining({ status: 'notStarted' }) })])
    expect(data(await w.call('activist', 'exam.list', {}, now))).toEqual([])
  })

  it('refuses a member without 管理学习, a window already over or opening before yesterday, and writes nothing', async () => {
    const w = world()
    const before = snapshot(w.db)
    expect(refusal(await w.call('member', 'exam.create', testInput(), now)).code).toBe('AUTH.FORBIDDEN')
    expect(refusal(await w.call('publicity', 'exam.create', testInput({ opensAt: at(-120).toISOString(), closesAt: at(-60).toISOString() }), now))).toMatchObject({ code: 'INPUT.INVALID', fields: { closesAt: '结束时间已过' } })
    expect(refusal(await w.call('publicity', 'exam.create', testInput({ opensAt: at(-3 * 24 * 60).toISOString() }), now))).toMatchObject({ code: 'INPUT.DATE_OUT_OF_RANGE', fields: { opensAt: '开始时间不能早于昨天' } })
    expect(refusal(await w.call('member', 'exam.template', {}, now)).code).toBe('AUTH.FORBIDDEN')
    expect(snapshot(w.db)).toBe(before)
  })

  it('closes early for those who set it: attempts in progress are handed in with what they saved', async () => {
    const w = world()
    const testId = await setTest(w)
    data(await w.call('member', 'exam.start', { testId }, at(70)))
    data(await w.call('member', 'exam.answer', { testId, answers: { q1: 0 } }, at(75)))
    expect(refusal(await w.call('member', 'exam.close', { testId }, at(80))).code).toBe('AUTH.FORBIDDEN')
    expect(data(await w.call('publicity', 'exam.close', { testId }, at(80)))).toMatchObject({ window: 'closed', closesAt: at(80).toISOString() })
    expect(refusal(await w.call('probationary', 'exam.start', { testId }, at(81))).code).toBe('TEST.CLOSED')
    const result = data(await w.call('member', 'exam.result', { testId }, at(81)))
    expect(result).toMatchObject({ visible: true, autoSubmitted: true, submittedAt: at(80).toISOString(), shortPending: true })
    expect(result.questions.map((q) => [q.myAnswer, q.earned])).toEqual([
      ['A', 2],
      ['未作答', 0],
      ['未作答', 0],
      ['未作答', null],
    ])
  })

  it('set by the organisation is closed by the organisation in every branch, never by a branch; a branch’s own never by the organisation', async () => {
    const w = world()
    const { ids } = data(await w.call('admin', 'exam.create', testInput(), now))
    expect(ids).toHaveLength(2)
    const ours = ids.find((id) => w.db.peek('theoryTests', id)?.branchId === 'b1') as string
    expect(refusal(await w.call('secretary', 'exam.close', { testId: ours }, at(90)))).toMatchObject({ code: 'AUTH.FORBIDDEN', message: '党总支设置的测试由党总支结束' })
    data(await w.call('admin', 'exam.close', { testId: ours }, at(90)))
    expect(ids.map((id) => w.db.peek('theoryTests', id)?.closedEarlyAt)).toEqual([at(90), at(90)])
    const branchOwn = await setTest(w)
    expect(refusal(await w.call('admin', 'exam.close', { testId: branchOwn }, at(90)))).toMatchObject({ code: 'AUTH.FORBIDDEN', message: '支部设置的测试由支部结束' })
    expect(w.db.peek('theoryTests', branchOwn)?.closedEarlyAt).toBeNull()
  })
})

describe('taking a test', () => {
  it('opens in its window to Party members of the branch only', async () => {
    const w = world()
    const testId = await setTest(w)
    expect(refusal(await w.call('member', 'exam.start', { testId }, at(59))).code).toBe('TEST.NOT_OPEN')
    expect(refusal(await w.call('activist', 'exam.start', { testId }, at(61)))).toMatchObject({ code: 'TEST.NOT_IN_AUDIENCE', message: '这次测试面向党员，你无需参加' })
    expect(refusal(await w.call('otherSecretary', 'exam.start', { testId }, at(61))).code).toBe('TEST.NOT_FOUND')
    expect(refusal(await w.call('member', 'exam.answer', { testId, answers: { q1: 0 } }, at(61))).code).toBe('TEST.NOT_STARTED')
    expect(refusal(await w.call('member', 'exam.submit', { testId }, at(61))).code).toBe('TEST.NOT_STARTED')
    expect(w.db.collections.get('testAttempts')?.size ?? 0).toBe(0)
  })

  it('starts once: another phone comes back to the same attempt with its answers, saved as they are given and merged', async () => {
    const w = world()
    const testId = await setTest(w)
    const first = data(await w.call('member', 'exam.start', { testId }, at(70)))
    expect(first).toMatchObject({ startedAt: at(70).toISOString(), deadline: at(100).toISOString(), serverNow: at(70).toISOString(), answers: {} })
    // The questions go out without their answers.
    expect(JSON.stringify(first.questions)).not.toMatch(/correct|reference|言之有理/)
    expect(data(await w.call('member', 'exam.answer', { testId, answers: { q1: 1 } }, at(71)))).toEqual({ savedAt: at(71).toISOString(), deadline: at(100).toISOString() })
    data(await w.call('member', 'exam.answer', { testId, answers: { q2: [0, 1], q1: 0 } }, at(72)))
    const again = data(await w.call('member', 'exam.start', { testId }, at(73)))
    expect(again).toMatchObject({ startedAt: at(70).toISOString(), deadline: at(100).toISOString(), answers: { q1: 0, q2: [0, 1] } })
  })

  it('refuses an answer shaped unlike its question, or to a question the test does not have, saving nothing of it', async () => {
    const w = world()
    const testId = await setTest(w)
    data(await w.call('member', 'exam.start', { testId }, at(70)))
    expect(refusal(await w.call('member', 'exam.answer', { testId, answers: { q1: true } }, at(71)))).toMatchObject({ code: 'TEST.ANSWER_INVALID', message: '第 1 题的答案与题目不符，请重新作答' })
    expect(refusal(await w.call('member', 'exam.answer', { testId, answers: { q9: 0 } }, at(71))).code).toBe('TEST.ANSWER_INVALID')
    expect(w.attempt(testId, people.member._id)?.answers).toEqual({})
  })

  it('hands in once: graded at once, a second 交卷 changes nothing, and no answer or new start is taken after', async () => {
    const w = world()
    const testId = await setTest(w)
    data(await w.call('member', 'exam.start', { testId }, at(70)))
    const handedIn = data(await w.call('member', 'exam.submit', { testId, answers: allRight }, at(80)))
    expect(handedIn).toEqual({ submittedAt: at(80).toISOString(), already: false, autoSubmitted: false, resultsFrom: closesAt.toISOString() })
    expect(w.attempt(testId, people.member._id)).toMatchObject({ status: 'submitted', objective: 6, earned: { q1: 2, q2: 3, q3: 1 }, score: null })
    expect(data(await w.call('member', 'exam.submit', { testId, answers: { q1: 1 } }, at(81)))).toEqual({ ...handedIn, already: true })
    expect(w.attempt(testId, people.member._id)?.answers).toEqual(allRight)
    expect(refusal(await w.call('member', 'exam.answer', { testId, answers: { q1: 1 } }, at(82))).code).toBe('TEST.ALREADY_TAKEN')
    expect(refusal(await w.call('member', 'exam.start', { testId }, at(82)))).toMatchObject({ code: 'TEST.ALREADY_TAKEN', message: '你已完成这次测试，每人只能参加一次' })
  })

  it('at the time limit takes no more answers and counts what was saved, handed in at the deadline', async () => {
    const w = world()
    const testId = await setTest(w)
    data(await w.call('member', 'exam.start', { testId }, at(70)))
    data(await w.call('member', 'exam.answer', { testId, answers: { q3: false } }, at(99)))
    expect(refusal(await w.call('member', 'exam.answer', { testId, answers: { q1: 0 } }, at(100))).code).toBe('TEST.TIME_UP')
    expect(refusal(await w.call('member', 'exam.start', { testId }, at(101))).code).toBe('TEST.ALREADY_TAKEN')
    // Answers sent with a late 交卷 do not count.
    expect(data(await w.call('member', 'exam.submit', { testId, answers: allRight }, at(105)))).toMatchObject({ submittedAt: at(100).toISOString(), autoSubmitted: true, already: false })
    expect(w.attempt(testId, people.member._id)).toMatchObject({ answers: { q3: false }, objective: 1 })
  })
})

describe('grading and results', () => {
  async function taken(w: World) {
    const testId = await setTest(w)
    const sheets: Array<['member' | 'probationary', Answers]> = [
      ['member', allRight],
      ['probationary', { q1: 1, q2: [0], q3: true, q4: '认真学习' }],
    ]
    for (const [who, answers] of sheets) {
      data(await w.call(who, 'exam.start', { testId }, at(70)))
      data(await w.call(who, 'exam.submit', { testId, answers }, at(80)))
    }
    return testId
  }

  it('short answers are graded by sheet without names; the score appears when the last is in', async () => {
    const w = world()
    const testId = await taken(w)
    const queue = data(await w.call('publicity', 'exam.gradingQueue', { testId }, at(90)))
    expect(queue).toHaveLength(2)
    expect(queue.map((i) => i.sheetNo)).toEqual([1, 2])
    expect(queue.map((i) => i.answer).sort()).toEqual(['立足岗位，做好教书育人', '认真学习'])
    expect(JSON.stringify(queue)).not.toMatch(/张伟|刘洋|m3|m4/)
    const sheet = queue.find((i) => i.answer === '立足岗位，做好教书育人')!
    const grade = (who: 'publicity' | 'member', over: Partial<ActionInput<'exam.grade'>> = {}) => w.call(who, 'exam.grade', { testId, attemptKey: sheet.attemptKey, questionId: 'q4', points: 7.5, ...over }, at(91))
    expect(refusal(await grade('member')).code).toBe('AUTH.FORBIDDEN')
    expect(refusal(await grade('publicity', { questionId: 'q1' })).code).toBe('TEST.NOT_SHORT_ANSWER')
    expect(refusal(await grade('publicity', { points: 11 }))).toMatchObject({ code: 'TEST.SCORE_INVALID', message: '分数应在 0 到 10 之间，可以是半分' })
    expect(refusal(await grade('publicity', { points: 7.3 })).code).toBe('TEST.SCORE_INVALID')
    expect(refusal(await grade('publicity', { attemptKey: 'no-such-sheet' })).code).toBe('TEST.NOT_FOUND')
    expect(w.attempt(testId, people.member._id)?.score).toBeNull()
    expect(data(await grade('publicity'))).toMatchObject({ attemptKey: sheet.attemptKey, given: 7.5 })
    expect(w.attempt(testId, people.member._id)).toMatchObject({ shortScores: { q4: 7.5 }, score: 13.5 })
    // A second score for the same answer replaces the first.
    data(await grade('publicity', { points: 8 }))
    expect(w.attempt(testId, people.member._id)?.score).toBe(14)
  })

  it('each member sees the score and the correct answers only after the window', async () => {
    const w = world()
    const testId = await taken(w)
    const sheet = data(await w.call('publicity', 'exam.gradingQueue', { testId }, at(90))).find((i) => i.answer === '立足岗位，做好教书育人')!
    data(await w.call('publicity', 'exam.grade', { testId, attemptKey: sheet.attemptKey, questionId: 'q4', points: 8 }, at(90)))
    expect(data(await w.call('member', 'exam.result', { testId }, at(90)))).toMatchObject({ visible: false, score: null, questions: [], closesAt: closesAt.toISOString() })
    expect(data(await w.call('member', 'exam.list', {}, at(90)))[0].my).toMatchObject({ status: 'submitted', score: null })
    const result = data(await w.call('member', 'exam.result', { testId }, afterWindow))
    expect(result).toMatchObject({ visible: true, score: 14, totalPoints: 16, shortPending: false })
    expect(result.questions.map((q) => [q.myAnswer, q.correctAnswer, q.earned])).toEqual([
      ['A', 'A', 2],
      ['AB', 'AB', 3],
      ['错', '错', 1],
      ['立足岗位，做好教书育人', '言之有理即可', 8],
    ])
    expect(data(await w.call('member', 'exam.list', {}, afterWindow))[0].my).toMatchObject({ status: 'submitted', score: 14 })
    expect(refusal(await w.call('secretary', 'exam.result', { testId }, afterWindow)).code).toBe('TEST.NOT_STARTED')
  })

  it('the overview shows who has not taken it, who is taking it and the distribution, never a name beside a score', async () => {
    const w = world()
    const testId = await setTest(w)
    data(await w.call('member', 'exam.start', { testId }, at(70)))
    data(await w.call('member', 'exam.submit', { testId, answers: { q1: 0, q2: [0, 1], q3: false } }, at(75)))
    data(await w.call('probationary', 'exam.start', { testId }, at(80)))
    const view = data(await w.call('secretary', 'exam.overview', { testId }, at(90)))
    expect(view).toMatchObject({ branchName: '第一党支部', expected: 4, submitted: 1, inProgress: 1, gradingPending: 1, graded: 0, average: null })
    expect(view.notTaken.map((p) => [p.name, p.groupName])).toEqual([
      ['李红梅', '第一党小组'],
      ['王强', '第一党小组'],
    ])
    expect(refusal(await w.call('member', 'exam.overview', { testId }, at(90))).code).toBe('AUTH.FORBIDDEN')
    expect(refusal(await w.call('otherSecretary', 'exam.overview', { testId }, at(90))).code).toBe('TEST.NOT_FOUND')

    // The probationary member's time runs out unsubmitted: counted as handed in at the deadline.
    const sheet = data(await w.call('publicity', 'exam.gradingQueue', { testId }, at(111)))
    expect(sheet).toHaveLength(2)
    for (const item of sheet) data(await w.call('publicity', 'exam.grade', { testId, attemptKey: item.attemptKey, questionId: 'q4', points: 5 }, at(112)))
    const graded = data(await w.call('admin', 'exam.overview', { testId }, at(113)))
    expect(graded).toMatchObject({ submitted: 2, inProgress: 0, graded: 2, average: 8, gradingPending: 0 })
    // 11 of 16 (68.75 %) and 5 of 16.
    expect(graded.distribution.map((b) => [b.label, b.count])).toEqual([
      ['90% 及以上', 0],
      ['80%–89%', 0],
      ['70%–79%', 0],
      ['60%–69%', 1],
      ['60% 以下', 1],
    ])
    expect(w.attempt(testId, people.probationary._id)).toMatchObject({ status: 'submitted', autoSubmitted: true, submittedAt: at(110) })
    expect(JSON.stringify(graded)).not.toMatch(/张伟|刘洋/)
  })
})

