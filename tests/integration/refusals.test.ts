import type { ActionName } from '../../shared/api/contract'
import type { ErrorCode } from '../../shared/errors'
import type { LocalCloud } from '../../localcloud/server'
import { addCalendar, beijingDate } from '../../shared/domain/time'
import { dailyUploadLimit } from '../../shared/domain/storage'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { inMinutes } from '../support/meetings'
import { at, createActivity, createShift, moveShift, shiftToken } from '../support/volunteer'

/**
 * Every refusal of the study, theory test, volunteer, desk and reminder areas writes nothing: each
 * refused call below runs between two readings of the store's commit sequence, which must not
 * move (as the permission matrix checks for the refusals by role). The world each case needs is
 * built before the first reading.
 */
let cloud: LocalCloud
const secretary = 'demo-secretary'
const member = 'demo-member'
const activist = 'demo-activist'
const publicity = 'demo-publicity'
const otherBranch = 'demo-branch2-secretary'
const inDays = (n: number) => beijingDate(addCalendar(new Date(), n, 'day'))
const body = '认真学习党的创新理论，结合教育教学实际，立足岗位作表率。'

beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

async function task(noteRequired = true, minChars = 0): Promise<string> {
  return (await ok(cloud, secretary, 'study.createTask', { title: '拒绝测试任务', materials: { text: '材料', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: inDays(5), noteRequired, minChars })).ids[0]
}
async function note(status: 'draft' | 'submitted' | 'returned' | 'approved', grade: 'excellent' | 'pass' | null = null, shared = false): Promise<string> {
  const saved = await ok(cloud, member, status === 'draft' ? 'study.saveNote' : 'study.submitNote', { taskId: null, title: '拒绝测试心得', body, photos: [] })
  if (status === 'returned') await ok(cloud, publicity, 'study.review', { noteId: saved.id, decision: 'return', comment: '请结合实际' })
  if (status === 'approved') await ok(cloud, publicity, 'study.review', { noteId: saved.id, decision: 'approve', grade: grade ?? 'pass' })
  if (shared) await ok(cloud, member, 'study.share', { noteId: saved.id, share: true })
  return saved.id
}
const questions = [
  { type: 'single' as const, stem: '题目一', options: ['甲', '乙'], correct: 0, points: 2 },
  { type: 'short' as const, stem: '题目二', reference: '', points: 8 },
]
async function test(opensIn = -1, closesIn = 60, limit = 30): Promise<string> {
  return (await ok(cloud, secretary, 'exam.create', { title: '拒绝测试', description: '', questions, timeLimitMinutes: limit, opensAt: inMinutes(opensIn), closesAt: inMinutes(closesIn) })).ids[0]
}
async function submitted(): Promise<{ testId: string; attemptKey: string }> {
  const testId = await test()
  await ok(cloud, member, 'exam.start', { testId })
  await ok(cloud, member, 'exam.submit', { testId, answers: { q1: 0, q2: '答案' } })
  const attempt = cloud.store.getDoc('testAttempts', `${testId}_member-007`) as unknown as { gradingKey: string }
  return { testId, attemptKey: attempt.gradingKey }
}
/** An attempt whose deadline passed without a hand-in. */
async function overdue(): Promise<string> {
  const testId = await test()
  await ok(cloud, member, 'exam.start', { testId })
  await cloud.store.commit([{ coll: 'testAttempts', id: `${testId}_member-007`, doc: { ...(cloud.store.getDoc('testAttempts', `${testId}_member-007`) as { _id: string }), deadline: new Date(Date.now() - 60_000) } }])
  return testId
}
let day = 30
async function shift(overrides: Parameters<typeof createShift>[3] = {}): Promise<string> {
  const d = ++day
  return createShift(cloud, secretary, await createActivity(cloud, secretary), { startAt: at(d, '09:00'), endAt: at(d, '10:00'), signupClosesAt: at(d, '08:00'), cancelDeadline: at(d - 1, '18:00'), ...overrides })
}

type Case = [string, string, ActionName, () => Promise<unknown>, ErrorCode]
const cases: Case[] = [
  // Study tasks.
  ['a task that does not exist', member, 'study.task', async () => ({ taskId: 'no-such-task' }), 'STUDY.TASK_NOT_FOUND'],
  ['another branch’s task', otherBranch, 'study.pending', async () => ({ taskId: await task() }), 'STUDY.TASK_NOT_FOUND'],
  ['confirming a task meant for party members, as an activist', activist, 'study.confirmTask', async () => ({ taskId: await task(false) }), 'STUDY.NOT_IN_AUDIENCE'],
  ['confirming a task that needs a note', member, 'study.confirmTask', async () => ({ taskId: await task(true) }), 'STUDY.NOTE_REQUIRED'],
  ['reminding twice within the interval', secretary, 'study.remind', async () => {
    const taskId = await task()
    await ok(cloud, secretary, 'study.remind', { taskId })
    return { taskId }
  }, 'STUDY.REMINDED_RECENTLY'],
  ['a task due in 9999', secretary, 'study.createTask', async () => ({ title: '远期任务', materials: { text: '', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: '9999-12-31', noteRequired: false, minChars: 0 }), 'INPUT.DATE_OUT_OF_RANGE'],
  ['a task due yesterday', secretary, 'study.createTask', async () => ({ title: '过期任务', materials: { text: '', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: inDays(-1), noteRequired: false, minChars: 0 }), 'INPUT.INVALID'],
  ['a material file nobody issued', secretary, 'study.createTask', async () => ({ title: '带附件', materials: { text: '', links: [], files: [{ fileID: `cloud://zhibutong-local.local-bucket/study/branch-mingde-1/${'a'.repeat(32)}.pdf`, name: 'a.pdf' }] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: inDays(3), noteRequired: false, minChars: 0 }), 'STUDY.FILE_FOREIGN'],
  // Notes: content and every illegal move.
  ['a note shorter than the task asks', member, 'study.submitNote', async () => ({ taskId: await task(true, 500), title: '短', body: '太短了', photos: [] }), 'NOTE.TOO_SHORT'],
  ['a note over 10000 字', member, 'study.saveNote', async () => ({ taskId: null, title: '长', body: '字'.repeat(10001), photos: [] }), 'NOTE.TOO_LONG'],
  ['a note WeChat finds risky', member, 'study.submitNote', async () => ({ taskId: null, title: '体会', body: body + '赌博', photos: [] }), 'NOTE.CONTENT_RISKY'],
  ['a photo nobody issued', member, 'study.saveNote', async () => ({ taskId: null, title: '体会', body, photos: [`cloud://zhibutong-local.local-bucket/notes/member-007/${'b'.repeat(32)}.jpg`] }), 'NOTE.PHOTO_FOREIGN'],
  ['a photo name beyond the day’s allowance', member, 'study.preparePhoto', async () => {
    const id = `upload:${member}:${beijingDate(new Date())}`
    await cloud.store.commit([{ coll: 'rateLimits', id, doc: { _id: id, count: dailyUploadLimit, windowStart: 0 } }])
    return { ext: 'jpg' }
  }, 'FILE.QUOTA'],
  ['someone else’s note', activist, 'study.saveNote', async () => ({ noteId: await note('draft'), taskId: null, title: '改别人的', body, photos: [] }), 'NOTE.NOT_FOUND'],
  ['editing a note under review', member, 'study.saveNote', async () => ({ noteId: await note('submitted'), taskId: null, title: '改', body, photos: [] }), 'NOTE.UNDER_REVIEW'],
  ['submitting twice', member, 'study.submitNote', async () => ({ noteId: await note('submitted'), taskId: null, title: '再交', body, photos: [] }), 'NOTE.ALREADY_SUBMITTED'],
  ['editing an approved note', member, 'study.saveNote', async () => ({ noteId: await note('approved'), taskId: null, title: '改', body, photos: [] }), 'NOTE.ALREADY_APPROVED'],
  ['reviewing a draft', publicity, 'study.review', async () => ({ noteId: await note('draft'), decision: 'approve', grade: 'pass' }), 'NOTE.NOT_FOUND'],
  ['reviewing a returned note', publicity, 'study.review', async () => ({ noteId: await note('returned'), decision: 'approve', grade: 'pass' }), 'NOTE.AWAITING_REVISION'],
  ['reviewing a reviewed note', publicity, 'study.review', async () => ({ noteId: await note('approved'), decision: 'return', comment: '再改改' }), 'NOTE.ALREADY_REVIEWED'],
  ['sharing a note not yet approved', member, 'study.share', async () => ({ noteId: await note('submitted'), share: true }), 'NOTE.NOT_APPROVED'],
  ['sharing a 合格 note', member, 'study.share', async () => ({ noteId: await note('approved', 'pass'), share: true }), 'NOTE.NOT_EXCELLENT'],
  ['sharing a shared note', member, 'study.share', async () => ({ noteId: await note('approved', 'excellent', true), share: true }), 'NOTE.ALREADY_SHARED'],
  ['withdrawing a note never shared', member, 'study.share', async () => ({ noteId: await note('approved', 'excellent'), share: false }), 'NOTE.NOT_SHARED'],
  // The theory test.
  ['a test that does not exist', member, 'exam.start', async () => ({ testId: 'no-such-test' }), 'TEST.NOT_FOUND'],
  ['a test for party members, as an activist', activist, 'exam.start', async () => ({ testId: await test() }), 'TEST.NOT_IN_AUDIENCE'],
  ['a test not open yet', member, 'exam.start', async () => ({ testId: await test(60, 120) }), 'TEST.NOT_OPEN'],
  ['a test closed', member, 'exam.start', async () => {
    const testId = await test()
    await ok(cloud, secretary, 'exam.close', { testId })
    return { testId }
  }, 'TEST.CLOSED'],
  ['a second go at a test', member, 'exam.start', async () => ({ testId: (await submitted()).testId }), 'TEST.ALREADY_TAKEN'],
  ['an answer before starting', member, 'exam.answer', async () => ({ testId: await test(), answers: { q1: 0 } }), 'TEST.NOT_STARTED'],
  ['an answer after the time limit', member, 'exam.answer', async () => ({ testId: await overdue(), answers: { q1: 1 } }), 'TEST.TIME_UP'],
  ['an answer that does not fit the question', member, 'exam.answer', async () => {
    const testId = await test()
    await ok(cloud, member, 'exam.start', { testId })
    return { testId, answers: { q1: 5 } }
  }, 'TEST.ANSWER_INVALID'],
  ['grading a choice question', secretary, 'exam.grade', async () => ({ ...(await submitted()), questionId: 'q1', points: 1 }), 'TEST.NOT_SHORT_ANSWER'],
  ['a score above the question’s points', secretary, 'exam.grade', async () => ({ ...(await submitted()), questionId: 'q2', points: 9 }), 'TEST.SCORE_INVALID'],
  ['a test closing in 9999', secretary, 'exam.create', async () => ({ title: '远期测试', description: '', questions, timeLimitMinutes: 30, opensAt: inMinutes(60), closesAt: '9999-12-31T23:59:59Z' }), 'INPUT.DATE_OUT_OF_RANGE'],
  ['the organisation admin closing a branch’s test', 'demo-org-admin', 'exam.close', async () => ({ testId: await test() }), 'AUTH.FORBIDDEN'],
  // Volunteer service (a swap taken is left out here: its own area checks it).
  ['a shift that does not exist', member, 'volunteer.signup', async () => ({ shiftId: 'no-such-shift', waitlist: false }), 'SHIFT.NOT_FOUND'],
  ['a full shift without the waitlist', member, 'volunteer.signup', async () => {
    const shiftId = await shift({ capacity: 1 })
    await ok(cloud, secretary, 'volunteer.signup', { shiftId, waitlist: false })
    return { shiftId, waitlist: false }
  }, 'SHIFT.FULL'],
  ['a shift at the same time as another of theirs', member, 'volunteer.signup', async () => {
    const first = await shift()
    await ok(cloud, member, 'volunteer.signup', { shiftId: first, waitlist: false })
    const d = day
    return { shiftId: await createShift(cloud, secretary, await createActivity(cloud, secretary), { startAt: at(d, '09:30'), endAt: at(d, '10:30'), signupClosesAt: at(d, '08:00'), cancelDeadline: at(d - 1, '18:00') }), waitlist: false }
  }, 'SHIFT.OVERLAP'],
  ['a shift for party members, as an activist', activist, 'volunteer.signup', async () => ({ shiftId: await shift({ eligibility: 'partyMembers' }), waitlist: false }), 'SHIFT.NOT_ELIGIBLE'],
  ['cancelling a shift they are not on', member, 'volunteer.cancel', async () => ({ shiftId: await shift() }), 'SHIFT.NOT_SIGNED_UP'],
  ['fewer seats than are taken', secretary, 'volunteer.updateShift', async () => {
    const shiftId = await shift({ capacity: 3 })
    await ok(cloud, member, 'volunteer.signup', { shiftId, waitlist: false })
    await ok(cloud, secretary, 'volunteer.signup', { shiftId, waitlist: false })
    return { shiftId, capacity: 1 }
  }, 'SHIFT.CAPACITY_BELOW_TAKEN'],
  ['an activity that does not exist', secretary, 'volunteer.updateActivity', async () => ({ activityId: 'no-such-activity', title: '改名' }), 'VOLUNTEER.ACTIVITY_NOT_FOUND'],
  ['another shift’s code', member, 'volunteer.scan', async () => {
    const mine = await shift()
    await ok(cloud, member, 'volunteer.signup', { shiftId: mine, waitlist: false })
    await moveShift(cloud, mine, -10, 60)
    const other = await shift()
    await moveShift(cloud, other, -10, 60)
    return { token: shiftToken(cloud, other) }
  }, 'SHIFT.NOT_SIGNED_UP'],
  // The desk and reminders.
  ['another branch’s figures', secretary, 'desk.figures', async () => ({ branchId: 'branch-mingde-2' }), 'AUTH.FORBIDDEN'],
  ['delivery of a reminder subject of another branch', otherBranch, 'reminder.deliveries', async () => ({ subjectType: 'task', subjectId: await task() }), 'NOT_FOUND'],
]

it.each(cases)('refusing %s writes nothing', async (_name, caller, action, input, code) => {
  const given = await input()
  const seq = cloud.store.commitSeq
  const result = await callAs(cloud, caller, action, given as never)
  expect(result.ok ? 'ok' : result.error.code).toBe(code)
  expect(cloud.store.commitSeq).toBe(seq)
})
