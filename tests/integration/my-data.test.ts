import type { MyDataExport } from '../../shared/api/contract'
import type { CollectionName } from '../../shared/domain/documents'
import type { LocalCloud } from '../../localcloud/server'
import { addCalendar, beijingDate } from '../../shared/domain/time'
import { startSeededCloud } from '../support/cloud'
import { ok, uploadTo } from '../support/api'
import { inMinutes } from '../support/meetings'

/**
 * 我的数据 holds every record about the person: after a member has written notes (one with a
 * photo), confirmed a task, taken two theory tests (one whose results are out), been reminded and
 * allowed messages, the test walks every collection of the database, finds each document that
 * holds the member's id, and checks the export (and its Excel file) shows each one.
 */
let cloud: LocalCloud
const member = 'demo-member'
const memberId = 'member-007'
const secretary = 'demo-secretary'
const inDays = (n: number) => beijingDate(addCalendar(new Date(), n, 'day'))

/** Export section (its length) for each collection whose documents are about one member (`memberId`). */
const sections: Partial<Record<CollectionName, (mine: MyDataExport) => number>> = {
  members: (m) => (m.member ? 1 : 0),
  bindings: (m) => (m.member ? 1 : 0),
  memberHistory: (m) => m.history.length,
  joinRequests: (m) => m.joinRequests.length,
  attendance: (m) => m.attendance.length,
  attendanceLog: (m) => m.attendanceChanges.length,
  leaveRequests: (m) => m.leaveRequests.length,
  makeups: (m) => m.makeups.length,
  inbox: (m) => m.inbox.length,
  signups: (m) => m.volunteer.length,
  shiftLog: (m) => m.volunteerChanges.length,
  notes: (m) => m.notes.length,
  studyCompletions: (m) => m.studyConfirmations.length,
  testAttempts: (m) => m.testAttempts.length,
  reminders: (m) => m.reminders.length,
  subscriptions: (m) => m.subscriptions.length,
  uploads: (m) => m.uploads.length,
  appraisalParticipants: (m) => m.appraisals.length,
  duesAccounts: (m) => (m.dues ? 1 : 0),
  duesPayments: (m) => m.duesPayments.length,
  developments: (m) => (m.development ? 1 : 0),
}
/**
 * Records about something else that name the member only as who ran it, was chosen for it or
 * acted on it (a meeting they host, a task set for chosen members): they are not the person's data.
 */
const namingOnly: Partial<Record<CollectionName, string>> = {
  meetings: 'host, recorder or a chosen audience',
  minutes: 'who recorded them',
  shifts: 'the shift leader',
  volunteerRosters: 'the leader of a rostered day',
  studyTasks: 'a task for chosen members, or who set it',
  theoryTests: 'who set it',
  attendanceLog: 'who changed someone else’s attendance',
  shiftLog: 'who changed someone else’s place',
  notes: 'who reviewed someone else’s note',
  leaveRequests: 'who decided someone else’s leave',
  joinRequests: 'who decided someone else’s request',
  memberHistory: 'who changed someone else’s entry',
  developments: 'the 培养联系人 or 入党介绍人 of someone in the pipeline, or who entered one of their records',
  appraisalRounds: 'a round’s frozen list, or who opened it',
  appraisalParticipants: 'who recorded someone else’s 评定意见',
  duesAccounts: 'who entered someone else’s base',
  duesPayments: 'who recorded someone else’s payment',
}

/** Whether a value holds `id` anywhere inside it. */
function holds(value: unknown, id: string): boolean {
  if (value === id) return true
  if (Array.isArray(value)) return value.some((v) => holds(v, id))
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).some((v) => holds(v, id))
  return false
}

beforeAll(async () => {
  cloud = await startSeededCloud()
  // Study: a task with a note (and a photo), a task only to confirm, a note of their own.
  const withNote = (await ok(cloud, secretary, 'study.createTask', { title: '学习党章', materials: { text: '第一章', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: inDays(5), noteRequired: true, minChars: 0 })).ids[0]
  const toConfirm = (await ok(cloud, secretary, 'study.createTask', { title: '观看专题片', materials: { text: '', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: inDays(5), noteRequired: false, minChars: 0 })).ids[0]
  const photo = await uploadTo(cloud, member, 'study.preparePhoto', { ext: 'jpg' }, Buffer.from('jpeg bytes'))
  await ok(cloud, member, 'study.submitNote', { taskId: withNote, title: '学习党章的体会', body: '认真学习党章，牢记入党誓词，立足岗位做表率。', photos: [photo] })
  await ok(cloud, member, 'study.saveNote', { taskId: null, title: '自学草稿', body: '读原著、学原文、悟原理。', photos: [] })
  await ok(cloud, member, 'study.confirmTask', { taskId: toConfirm })
  // Theory tests: one still open, one closed with the score out.
  const questions = [
    { type: 'single' as const, stem: '党的根本宗旨是什么', options: ['全心全意为人民服务', '发展经济'], correct: 0, points: 4 },
    { type: 'trueFalse' as const, stem: '党员应按期交纳党费', correct: true, points: 6 },
  ]
  const open = (await ok(cloud, secretary, 'exam.create', { title: '第四季度理论测试', description: '', questions, timeLimitMinutes: 30, opensAt: inMinutes(-1), closesAt: inMinutes(60) })).ids[0]
  const closed = (await ok(cloud, secretary, 'exam.create', { title: '补充测试', description: '', questions, timeLimitMinutes: 30, opensAt: inMinutes(-1), closesAt: inMinutes(60) })).ids[0]
  for (const testId of [open, closed]) {
    await ok(cloud, member, 'exam.start', { testId })
    await ok(cloud, member, 'exam.submit', { testId, answers: { q1: 0, q2: false } })
  }
  await ok(cloud, secretary, 'exam.close', { testId: closed })
  // Reminders: the member allows study messages, and the secretary reminds those behind.
  await ok(cloud, member, 'reminder.subscribe', { moment: 'studyTask', answers: { studyReminder: 'accept' } })
  const third = (await ok(cloud, secretary, 'study.createTask', { title: '学习新修订的条例', materials: { text: '', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] }, dueDate: inDays(5), noteRequired: true, minChars: 0 })).ids[0]
  await ok(cloud, secretary, 'study.remind', { taskId: third })
  // 民主评议: a 自评 and a ballot; the export says the member voted, never how.
  const round = await ok(cloud, secretary, 'appraisal.open', { title: '2026年度民主评议党员', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  await ok(cloud, member, 'appraisal.saveSelf', { roundId: round.id, text: '认真履职，按时交纳党费。', submit: true })
  const mineInRound = await ok(cloud, member, 'appraisal.round', { roundId: round.id })
  await ok(cloud, member, 'appraisal.vote', { roundId: round.id, grades: (mineInRound.mine?.candidates ?? []).map((c) => ({ memberId: c.memberId, grade: 'pass' as const })) })
})
afterAll(() => cloud.close())

it('shows every document that holds the member’s id, in every collection', async () => {
  const mine = await ok(cloud, member, 'member.exportMine', {})
  const missing: string[] = []
  for (const coll of cloud.store.collectionNames().filter((c) => !c.startsWith('_'))) {
    const docs = cloud.store.docs(coll).filter((d) => holds(d, memberId))
    if (!docs.length) continue
    const about = docs.filter((d) => d.memberId === memberId || (coll === 'members' && d._id === memberId))
    const section = sections[coll as CollectionName]
    if (about.length) {
      if (!section) missing.push(`${coll}: ${about.length} records about the member, no section`)
      else if (section(mine) !== about.length) missing.push(`${coll}: ${about.length} records, the export shows ${section(mine)}`)
    }
    if (docs.length > about.length && !namingOnly[coll as CollectionName]) missing.push(`${coll}: names the member, not accounted for`)
  }
  expect(missing).toEqual([])
  // The new areas are really exercised, not empty on both sides.
  expect(mine.appraisals).toEqual([expect.objectContaining({ selfText: '认真履职，按时交纳党费。', voted: true, verdict: null })])
  expect(mine.duesPayments.length).toBeGreaterThan(0)
  expect(mine.notes.length).toBeGreaterThanOrEqual(2)
  expect(mine.testAttempts.length).toBeGreaterThanOrEqual(2)
  expect(mine.reminders.length).toBeGreaterThanOrEqual(1)
  expect(mine.uploads.length).toBeGreaterThanOrEqual(1)
})

it('holds the notes with their text and review state, and each test with its answers; a score only once results are out', async () => {
  const mine = await ok(cloud, member, 'member.exportMine', {})
  expect(mine.notes).toContainEqual(expect.objectContaining({ title: '学习党章的体会', taskTitle: '学习党章', status: '待审阅', photos: 1, body: '认真学习党章，牢记入党誓词，立足岗位做表率。' }))
  expect(mine.notes).toContainEqual(expect.objectContaining({ title: '自学草稿', taskTitle: null, status: '草稿' }))
  expect(mine.studyConfirmations).toContainEqual(expect.objectContaining({ taskTitle: '观看专题片' }))
  const open = mine.testAttempts.find((t) => t.testTitle === '第四季度理论测试')!
  expect(open).toMatchObject({ status: '已交卷', score: null, totalPoints: 10, answers: [{ question: '1. 党的根本宗旨是什么', answer: 'A' }, { question: '2. 党员应按期交纳党费', answer: '错' }] })
  expect(open.resultsFrom).not.toBeNull()
  expect(mine.testAttempts.find((t) => t.testTitle === '补充测试')).toMatchObject({ score: 4, totalPoints: 10, resultsFrom: null })
  expect(mine.subscriptions).toContainEqual(expect.objectContaining({ template: '学习任务提醒' }))
  expect(mine.reminders).toContainEqual(expect.objectContaining({ subjectTitle: '学习新修订的条例', kind: expect.any(String) }))
})

it('puts the same in the Excel file, a sheet per section in Chinese', async () => {
  const mine = await ok(cloud, member, 'member.exportMine', {})
  const file = await ok(cloud, member, 'member.exportMineFile', {})
  const ExcelJS = (await import('exceljs')).default
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await (await fetch(file.url)).arrayBuffer()) as ArrayBuffer)
  const rows = (name: string) => {
    const lines: string[] = []
    book.getWorksheet(name)!.eachRow((row) => lines.push((row.values as unknown[]).slice(1).join(' | ')))
    return lines.slice(1)
  }
  expect(rows('学习心得')).toHaveLength(mine.notes.length)
  expect(rows('学习心得').join('\n')).toContain('认真学习党章，牢记入党誓词，立足岗位做表率。')
  expect(rows('学习任务确认')).toHaveLength(mine.studyConfirmations.length)
  expect(rows('理论测试')).toHaveLength(mine.testAttempts.length)
  expect(rows('理论测试').find((l) => l.startsWith('补充测试'))).toContain('4 / 10')
  expect(rows('理论测试').join('\n')).toContain('2. 党员应按期交纳党费　错')
  expect(rows('提醒')).toHaveLength(mine.reminders.length)
  expect(rows('订阅消息')).toHaveLength(mine.subscriptions.length)
  expect(rows('上传的文件')).toHaveLength(mine.uploads.length)
})

it('holds the person’s own 发展党员 pipeline: each date, the documents received and who entered them', async () => {
  // 许诺, an 入党积极分子 in the demo pipeline, with 孙伟 (the member above) as 培养联系人.
  const mine = await ok(cloud, 'demo-activist', 'member.exportMine', {})
  const doc = cloud.store.docs('developments').find((d) => d.memberId === 'member-024')!
  expect(mine.development?.stage).toBe('入党积极分子')
  expect(mine.development?.steps).toContainEqual({ step: '递交入党申请书', date: (doc.dates as Record<string, string>).application })
  expect(mine.development?.steps.length).toBe(Object.keys(doc.dates as object).length)
  expect(mine.development?.records.length).toBe((doc.records as unknown[]).length)
  // The 培养联系人 is named in that record, not given it as their own.
  expect((await ok(cloud, member, 'member.exportMine', {})).development).toBeNull()
})
