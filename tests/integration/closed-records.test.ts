import ExcelJS from 'exceljs'
import type { LocalCloud } from '../../localcloud/server'
import { defaultCheckinPolicy } from '../../shared/domain/meeting'
import { dueInstant } from '../../shared/domain/study'
import { beijingDate, beijingParts, hourMs, minuteMs, startOf } from '../../shared/domain/time'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'

/**
 * A closed record keeps the people it was about. A branch of 23 正式党员 held a 支部党员大会 where 20
 * came (23 / 20 / 87 %, quorum over 23), a theory test that 3 of the 23 took has closed and a study
 * task 5 did has fallen due. Then a member who came is transferred out: no screen, sheet or figure
 * of any of these records changes.
 */
let cloud: LocalCloud
const secretary = 'cr-secretary'
const orgAdmin = 'demo-org-admin'
const branchId = 'branch-closed-records'
const meetingId = 'cr-general-meeting'
const testId = 'cr-theory-test'
const taskId = 'cr-study-task'
const ids = Array.from({ length: 23 }, (_, i) => `cr-${String(i + 1).padStart(2, '0')}`)
const now = new Date()
// Earlier today (or this month's first minutes, just after midnight on the 1st): this month's, this year's.
const startAt = new Date(Math.max(startOf('month', now).getTime() + minuteMs, now.getTime() - 3 * hourMs))
const endAt = new Date(startAt.getTime() + Math.min(hourMs, (now.getTime() - startAt.getTime()) / 2))
const year = beijingParts(startAt).year

beforeAll(async () => {
  cloud = await startSeededCloud()
  const since = new Date(now.getTime() - 60 * 24 * hourMs)
  const put = (coll: string, id: string, doc: Record<string, unknown>) => ({ coll, id, doc: { _id: id, ...doc } })
  await cloud.store.commit([
    put('branches', branchId, { orgId: 'org-mingde', name: '明德实验学校第九党支部', inviteCode: 'CRTEST09' }),
    put('groups', 'cr-g1', { branchId, name: '第一党小组', order: 1 }),
    ...ids.map((id, i) =>
      put('members', id, {
        branchId,
        groupId: 'cr-g1',
        name: `成员${'一二三四五六七八九十'[i % 10]}${i}`,
        category: 'full',
        positions: i === 0 ? ['secretary'] : [],
        phone: `1371234${String(i).padStart(4, '0')}`,
        joinedPartyAt: '2010-07-01',
        status: 'active',
        grants: [],
        revokes: [],
        createdAt: since,
        updatedAt: since,
      }),
    ),
    put('bindings', secretary, { memberId: ids[0], branchId, boundAt: since }),
    put('meetings', meetingId, {
      branchId,
      type: 'generalMeeting',
      title: '支部党员大会',
      startAt,
      endAt,
      venue: '会议室',
      audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false },
      hostId: ids[0],
      recorderId: null,
      agenda: ['讨论发展党员'],
      checkin: defaultCheckinPolicy,
      status: 'published',
      cancelReason: null,
      code: 'CRGM01',
      secret: 'cr'.repeat(16),
      createdBy: ids[0],
      createdAt: since,
      updatedAt: since,
    }),
    // The first 20 came; 21–23 did not.
    ...ids.slice(0, 20).map((memberId) =>
      put('attendance', `${meetingId}_${memberId}`, { meetingId, branchId, memberId, status: 'present', checkedInAt: startAt, method: 'rotating', distanceMeters: null, updatedAt: startAt }),
    ),
    put('theoryTests', testId, {
      branchId,
      orgId: 'org-mingde',
      orgTestId: null,
      title: '第四季度理论测试',
      description: '',
      questions: [{ id: 'q1', type: 'single', stem: '党的最高理想是什么？', points: 100, options: ['共产主义', '其他'], correct: 0 }],
      timeLimitMinutes: 30,
      opensAt: startAt,
      closesAt: endAt,
      closedEarlyAt: null,
      createdBy: ids[0],
      createdByName: '成员一0',
      createdAt: since,
    }),
    // A study task that fell due yesterday: 5 handed in.
    put('studyTasks', taskId, {
      branchId,
      orgId: 'org-mingde',
      orgTaskId: null,
      title: '学习党章',
      materials: { text: '学习党章', links: [], files: [] },
      audience: { kind: 'branch', groupId: null, memberIds: [] },
      dueDate: beijingDate(new Date(now.getTime() - 24 * hourMs)),
      dueAt: dueInstant(beijingDate(new Date(now.getTime() - 24 * hourMs))),
      noteRequired: false,
      minChars: 0,
      createdBy: ids[0],
      createdByName: '成员一0',
      createdAt: since,
      lastRemindedAt: null,
    }),
    ...ids.slice(0, 5).map((memberId) => put('studyCompletions', `${taskId}_${memberId}`, { taskId, branchId, memberId, confirmedAt: since })),
    ...ids.slice(0, 3).map((memberId) =>
      put('testAttempts', `${testId}_${memberId}`, {
        testId,
        branchId,
        memberId,
        status: 'submitted',
        startedAt: startAt,
        deadline: endAt,
        answers: { q1: 0 },
        savedAt: startAt,
        submittedAt: startAt,
        autoSubmitted: false,
        objective: 100,
        earned: { q1: 100 },
        shortScores: {},
        score: 100,
        gradingKey: `k-${memberId}`,
      }),
    ),
  ])
})
afterAll(() => cloud.close())

async function rowsOf(link: { url: string }, sheet: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await (await fetch(link.url)).arrayBuffer()) as ArrayBuffer)
  const rows: unknown[][] = []
  book.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

/** What every screen, sheet and figure says of the meeting and the test. */
async function everywhere() {
  const review = await ok(cloud, secretary, 'attendance.meeting', { meetingId })
  const sheet = await rowsOf(await ok(cloud, secretary, 'attendance.exportSheet', { meetingId }), '签到表')
  const record = await ok(cloud, secretary, 'desk.meetingRecord', { meetingId })
  const figures = (await ok(cloud, secretary, 'desk.figures', { year })).figures
  const ledger = await rowsOf(await ok(cloud, secretary, 'desk.ledger', { year }), '会议台账')
  const home = (await ok(cloud, orgAdmin, 'home.desk', {})).org!.branches.find((b) => b.id === branchId)!
  const side = (await ok(cloud, orgAdmin, 'desk.org', { year })).branches.find((b) => b.id === branchId)!
  const test = await ok(cloud, secretary, 'exam.overview', { testId })
  const task = await ok(cloud, secretary, 'study.pending', { taskId })
  const general = figures.meetings.byType.find((t) => t.type === 'generalMeeting')!
  return {
    review: { expected: review.expected, attended: review.attended, rate: review.rate, quorum: review.quorum, names: review.rows.map((r) => r.name) },
    sheet: { rows: sheet.length, summary: sheet.map((r) => r.join('')).find((r) => r.startsWith('应到')) },
    record: record.fields.filter((f) => ['应到', '实到'].includes(f.label)),
    figures: { expected: general.expected, attended: general.attended, rate: general.rate, testExpected: figures.study.testExpected, testTaken: figures.study.testTaken, testRate: figures.study.testRate },
    ledger: ledger.filter((r) => r.some((c) => String(c).includes('支部党员大会'))),
    home: home.attendanceRate,
    side: side.attendanceRate,
    test: { expected: test.expected, submitted: test.submitted, notTaken: test.notTaken.length },
    task: { audience: task.audience, handedIn: task.handedIn, pending: task.pending.length },
  }
}

describe('closed records after a transfer', () => {
  it('keep the meeting’s 应到 / 实到 / rate and quorum, and the test’s participation, on every screen and export', async () => {
    const before = await everywhere()
    expect(before.review).toMatchObject({ expected: 23, attended: 20, rate: 0.87, quorum: { base: 23, present: 20, required: 12, met: true } })
    expect(before.sheet.summary).toContain('应到 23 人，实到 20 人')
    expect(before.record.map((f) => f.value)).toEqual([expect.stringMatching(/^23/), expect.stringMatching(/^20/)])
    expect(before.figures).toMatchObject({ expected: 23, attended: 20, testExpected: 23, testTaken: 3 })
    expect(before.figures.rate).toBeCloseTo(20 / 23)
    expect(before.home).toBeCloseTo(0.87)
    expect(before.side).toBeCloseTo(before.home!)
    expect(before.test).toEqual({ expected: 23, submitted: 3, notTaken: 20 })
    expect(before.task).toEqual({ audience: 23, handedIn: 5, pending: 18 })

    // 成员 20 came to the meeting and did not take the test; transferred out today.
    const gone = ids[19]
    await ok(cloud, secretary, 'roster.transferOut', { memberId: gone, note: '调往区教育局' })
    expect((await ok(cloud, secretary, 'roster.list', {})).members.map((m) => m.id)).not.toContain(gone)

    expect(await everywhere()).toEqual(before)
  })

  it('change a closed meeting’s 应到 only by a logged correction, and refuse one before the end', async () => {
    const corrected = await ok(cloud, secretary, 'attendance.correctRoll', { meetingId, change: { kind: 'remove', memberId: ids[22] }, reason: '长期病休，经支委会同意不计入' })
    expect(corrected).toMatchObject({ expected: 22, attended: 20 })
    expect(corrected.roll.corrections).toEqual([{ at: expect.any(String), byName: '成员一0', memberName: expect.any(String), before: '应到（正式党员）', after: '不在应到名单', reason: '长期病休，经支委会同意不计入' }])
    expect((await ok(cloud, secretary, 'desk.figures', { year })).figures.meetings.byType.find((t) => t.type === 'generalMeeting')).toMatchObject({ expected: 22, attended: 20 })
    const again = await callAs(cloud, secretary, 'attendance.correctRoll', { meetingId, change: { kind: 'remove', memberId: ids[22] }, reason: '重复' })
    expect(again).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '此人不在应到名单中' } })

    const upcoming = await ok(cloud, secretary, 'meeting.create', {
      type: 'generalMeeting',
      title: '下次党员大会',
      startAt: new Date(now.getTime() + 24 * hourMs).toISOString(),
      endAt: new Date(now.getTime() + 25 * hourMs).toISOString(),
      venue: '会议室',
      audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false },
      hostId: ids[0],
      recorderId: null,
      agenda: [],
      checkin: defaultCheckinPolicy,
      publish: true,
    })
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'attendance.correctRoll', { meetingId: upcoming.id, change: { kind: 'remove', memberId: ids[1] }, reason: '不参加' })).toMatchObject({ ok: false, error: { code: 'MEETING.ROLL_OPEN' } })
    expect(cloud.store.commitSeq).toBe(seq)
  })
})
