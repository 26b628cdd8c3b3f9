import ExcelJS from 'exceljs'
import type { LocalCloud } from '../../localcloud/server'
import type { DateKey } from '../../shared/api/contract'
import { fromBeijing } from '../../shared/domain/time'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'

/**
 * One teacher walked through the whole of 发展党员 through the local cloud, from the 入党申请书 in
 * March 2023 to 转正 in autumn 2025: the secretary enters each decision as it is made, the
 * 培养联系人 (孙伟) adds the 考察, the teacher hands in 思想汇报 on her own phone, two 支部党员大会
 * vote. Every date is fixed in the past, so the walk reads the same on any day it runs.
 */
let cloud: LocalCloud
const secretary = 'demo-secretary'
const mentor = 'demo-member'
const walker = 'dev-walker'
const memberId = 'dev-walker-member'
const fullMembers = Array.from({ length: 20 }, (_, i) => `member-${String(i + 1).padStart(3, '0')}`)

/** A 支部党员大会 held on a day, its 20 正式党员 expected and 12 checked in. */
async function generalMeeting(id: string, date: string): Promise<void> {
  const startAt = fromBeijing(date, '15:00')
  const endAt = fromBeijing(date, '16:30')
  await cloud.store.commit([
    {
      coll: 'meetings',
      id,
      doc: { _id: id, branchId: 'branch-mingde-1', type: 'generalMeeting', title: '支部党员大会', startAt, endAt, venue: '会议室', audience: { kind: 'members', groupId: null, memberIds: fullMembers, allowObservers: true }, hostId: 'member-001', recorderId: null, agenda: ['讨论发展党员'], checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null }, status: 'published', cancelReason: null, code: id.slice(-8).toUpperCase(), secret: 'walk', createdBy: 'member-001', createdAt: startAt, updatedAt: startAt },
    },
    ...fullMembers.slice(0, 12).map((m) => ({ coll: 'attendance', id: `${id}_${m}`, doc: { _id: `${id}_${m}`, meetingId: id, branchId: 'branch-mingde-1', memberId: m, status: 'present', checkedInAt: startAt, method: 'rotating', distanceMeters: null, updatedAt: startAt } })),
  ])
}

beforeAll(async () => {
  cloud = await startSeededCloud()
  const at = new Date()
  await cloud.store.commit([
    { coll: 'members', id: memberId, doc: { _id: memberId, branchId: 'branch-mingde-1', groupId: 'group-1-1', name: '林晓', category: 'nonMember', positions: [], phone: '13712345678', joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: at, updatedAt: at } },
    { coll: 'bindings', id: walker, doc: { _id: walker, memberId, branchId: 'branch-mingde-1', boundAt: at } },
  ])
  await generalMeeting('walk-admission', '2024-08-28')
  await generalMeeting('walk-confirmation', '2025-09-05')
})
afterAll(() => cloud.close())

const setDate = (key: DateKey, date: string) => ok(cloud, secretary, 'development.setDates', { memberId, dates: { [key]: date } })
const thoughtReport = (date: string) => ok(cloud, walker, 'development.addRecord', { memberId, kind: 'thoughtReport', date, summary: `${date.slice(0, 7)} 思想汇报` })
const assessment = (date: string) => ok(cloud, mentor, 'development.addRecord', { memberId, kind: 'assessment', date, summary: '培养考察：表现积极' })
const vote = (kind: 'admission' | 'confirmation', meetingId: string) => ok(cloud, secretary, 'development.recordVote', { memberId, kind, meetingId, yes: 12, no: 0, abstain: 0, writtenYes: 1, writtenNo: 0, writtenAbstain: 0 })

it('首页 counts what is late and due within 30 days among the people each follows', async () => {
  // The demo's pipeline: 许诺's 思想汇报 and 考察 are late; 邓佳怡's 党员大会 and next 思想汇报 fall due within the month.
  const desk = async (openid: string) => (await ok(cloud, openid, 'home.desk', {})).development
  expect(await desk(secretary)).toEqual({ people: 2, overdue: 2, dueSoon: 2 })
  expect(await desk(mentor)).toEqual({ people: 2, overdue: 2, dueSoon: 2 })
  expect(await desk('demo-group-leader')).toEqual({ people: 1, overdue: 0, dueSoon: 2 })
  expect(await desk('demo-activist')).toEqual({ people: 1, overdue: 2, dueSoon: 0 })
  expect(await desk('demo-probationary')).toBeNull()
  expect(await desk('demo-org-admin')).toBeNull()
  // Another branch's secretary decides there, where nobody is in the pipeline yet.
  expect(await desk('demo-branch2-secretary')).toEqual({ people: 0, overdue: 0, dueSoon: 0 })
})

it('walks one person through every step, each done on time, to 转正', async () => {
  let view = await ok(cloud, secretary, 'development.start', { memberId, application: '2023-03-01' })
  expect(view.steps.find((s) => s.key === 'applicantTalk')?.by).toEqual({ date: '2023-04-01', rule: 'talkWithinMonth' })

  const walk: Array<[DateKey, string] | (() => Promise<unknown>)> = [
    ['applicantTalk', '2023-03-15'],
    ['activist', '2023-06-01'],
    () => ok(cloud, secretary, 'development.setPeople', { memberId, mentorIds: ['member-007'], sponsorIds: [] }),
    ['mentors', '2023-06-01'],
    ['activistFiled', '2023-06-05'],
    () => thoughtReport('2023-08-31'),
    () => assessment('2023-11-30'),
    () => thoughtReport('2023-11-30'),
    () => thoughtReport('2024-02-28'),
    () => assessment('2024-05-20'),
    () => thoughtReport('2024-05-28'),
    ['candidateOpinions', '2024-06-03'],
    ['candidate', '2024-06-05'],
    ['candidateFiled', '2024-06-07'],
    ['candidateNotice', '2024-06-11'],
    ['candidateNoticeEnd', '2024-06-17'],
    () => ok(cloud, secretary, 'development.setPeople', { memberId, mentorIds: ['member-007'], sponsorIds: ['member-004', 'member-008'] }),
    ['sponsors', '2024-06-20'],
    () => ok(cloud, secretary, 'development.setFacts', { memberId, politicalReviewConclusion: '政治历史清楚，政治审查合格', training: { days: 3, hours: 24 } }),
    ['politicalReview', '2024-07-10'],
    ['training', '2024-07-15'],
    ['committeeReview', '2024-07-22'],
    ['preReview', '2024-08-01'],
    ['applicationForm', '2024-08-05'],
    () => thoughtReport('2024-08-26'),
    () => vote('admission', 'walk-admission'),
    ['partyTalk', '2024-09-10'],
    ['admissionApproval', '2024-10-20'],
    ['oath', '2024-11-05'],
    () => thoughtReport('2024-11-25'),
    () => thoughtReport('2025-02-24'),
    () => thoughtReport('2025-05-23'),
    () => thoughtReport('2025-08-20'),
    ['confirmationRequest', '2025-08-20'],
    ['confirmationNotice', '2025-08-21'],
    ['confirmationNoticeEnd', '2025-08-27'],
    () => vote('confirmation', 'walk-confirmation'),
    ['confirmationApproval', '2025-10-15'],
    ['archived', '2025-10-20'],
  ]
  for (const step of walk) {
    if (typeof step === 'function') await step()
    else {
      view = await setDate(step[0], step[1])
      // Each step lands done and on time: nothing to correct at any point of the walk.
      const landed = view.steps.find((s) => s.key === step[0])
      if (landed) expect([step[0], landed.status]).toEqual([step[0], 'done'])
    }
    view = await ok(cloud, secretary, 'development.person', { memberId })
    expect(view.violations.map((v) => v.message)).toEqual([])
  }

  expect(view.steps.filter((s) => s.status !== 'done')).toEqual([])
  expect(view.stage).toBe('full')
  expect(view.dates).toMatchObject({ probationStart: '2024-08-28', probationEnd: '2025-08-28', partyStandingFrom: '2025-08-28' })
  expect(view.votes.map((v) => [v.kind, v.entitled, v.present, v.yes + v.writtenYes, v.passed])).toEqual([
    ['admission', 20, 12, 13, true],
    ['confirmation', 20, 12, 13, true],
  ])
  expect(view.records.filter((r) => r.kind === 'assessment').every((r) => r.by.name === '孙伟')).toBe(true)
  expect(view.records.filter((r) => r.kind === 'thoughtReport').every((r) => r.by.name === '林晓')).toBe(true)
  // The 公示 of 2024 was counted Monday to Friday: no 2024 notice is in the calendar.
  expect(view.steps.find((s) => s.key === 'committeeReview')?.from).toMatchObject({ date: '2024-06-18', provisional: true })

  // The person sees the same timeline on her own phone; the 培养联系人 finds her in the list.
  const own = await ok(cloud, walker, 'development.person', { memberId })
  expect(own.steps).toEqual(view.steps)
  expect(own.may).toEqual({ decide: false, addThoughtReport: true, addAssessment: false, addSponsorOpinion: false })
  const mentorList = await ok(cloud, mentor, 'development.list', {})
  expect(mentorList.people.find((p) => p.memberId === memberId)).toMatchObject({ name: '林晓', stage: 'full', links: ['mentor'] })
})

it('binds a 发展党员 sheet into the 台账: a row per person with each step’s date as entered by the period’s end', async () => {
  const year = 2024
  const link = await ok(cloud, secretary, 'desk.ledger', { year })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await (await fetch(link.url)).arrayBuffer()) as ArrayBuffer)
  const sheet = book.getWorksheet('发展党员')!
  expect(String(sheet.getCell('A1').value)).toBe('明德实验学校第一党支部发展党员工作台账')
  const header = (sheet.getRow(3).values as unknown[]).slice(1)
  expect(header.slice(0, 5)).toEqual(['序号', '姓名', '阶段', '递交入党申请书', '党组织派人谈话'])
  const rows: unknown[][] = []
  sheet.eachRow((row, n) => {
    if (n > 3) rows.push((row.values as unknown[]).slice(1))
  })
  // At the end of 2024 林晓 was a 预备党员; what happened in 2025 is not in the 2024 台账.
  const walked = rows.find((r) => r[1] === '林晓')!
  const at = (name: string) => walked[header.indexOf(name)]
  expect([at('阶段'), at('递交入党申请书'), at('支部党员大会讨论接收预备党员'), at('入党宣誓'), at('支部党员大会讨论转正')]).toEqual(['预备党员', '2023-03-01', '2024-08-28', '2024-11-05', ''])
  expect(at('思想汇报（份）')).toBe(6)
})

it('refuses a vote at a meeting without quorum and writes nothing', async () => {
  const id = 'walk-thin'
  await generalMeeting(id, '2025-10-30')
  await cloud.store.commit(fullMembers.slice(0, 12).map((m) => ({ coll: 'attendance', id: `${id}_${m}`, doc: { _id: `${id}_${m}`, meetingId: id, branchId: 'branch-mingde-1', memberId: m, status: m > 'member-010' ? 'absent' : 'present', checkedInAt: null, method: 'manual', distanceMeters: null, updatedAt: new Date() } })))
  const seq = cloud.store.commitSeq
  const result = await callAs(cloud, secretary, 'development.recordVote', { memberId: 'member-025', kind: 'admission', meetingId: id, yes: 10, no: 0, abstain: 0, writtenYes: 0, writtenNo: 0, writtenAbstain: 0 })
  expect(result.ok ? 'ok' : result.error.code).toBe('DEVELOPMENT.VOTE_NO_QUORUM')
  expect(cloud.store.commitSeq).toBe(seq)
})
