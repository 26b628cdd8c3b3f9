import ExcelJS from 'exceljs'
import { computeFigures, tallyMeetings, yearPeriod } from '../../shared/domain/figures'
import { summaryFacts, summaryParagraph } from '../../shared/domain/summary-paragraph'
import { activityTypeLabels } from '../../shared/domain/volunteer-labels'
import { figureSections } from '../../shared/domain/figure-lines'
import { beijingParts } from '../../shared/domain/time'
import { checkInWords } from '../../shared/domain/attendance'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { generateYear, studyDocuments, yearDocuments } from '../support/year-records'

let cloud: LocalCloud
// Last year, complete: the figures of a year that is over.
const year = beijingParts(new Date()).year - 1
const gen = generateYear({ seed: 11, year, members: 50 })
const secretary = 'gen-secretary'

beforeAll(async () => {
  cloud = await startSeededCloud()
  await cloud.store.commit(yearDocuments(gen, { id: 'branch-gen', orgId: 'org-mingde', name: '明德实验学校第三党支部', secretaryOpenid: secretary, study: true }))
  // The 组织委员 and the 宣传委员 of the generated branch, signed in.
  await cloud.store.commit(
    [['gen-org-committee', gen.members[1].id], ['gen-publicity', gen.members[2].id]].map(([openid, memberId]) => ({ coll: 'bindings', id: openid, doc: { _id: openid, memberId, branchId: 'branch-gen', boundAt: new Date(`${year}-01-01`) } })),
  )
})
afterAll(() => cloud.close())

async function workbookOf(link: { url: string }): Promise<ExcelJS.Workbook> {
  const content = Buffer.from(await (await fetch(link.url)).arrayBuffer())
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(content as unknown as ArrayBuffer)
  return book
}

describe('the year figures from the database', () => {
  it('match the figures of the same records counted in memory, and name what they count', async () => {
    const view = await ok(cloud, secretary, 'desk.figures', { year })
    // The study figures are checked against the study records below.
    const expected = computeFigures({ ...gen, studyTasks: [], notes: [], tests: [] }, yearPeriod(year), new Date())
    expect(view.period).toEqual({ key: String(year), from: `${year}-01-01`, to: `${year}-12-31`, kind: 'year', label: `${year}年`, notice: view.period.notice })
    expect(view.figures.meetings.byType.map((t) => [t.type, t.held.value, t.expected, t.attended, t.personTimes])).toEqual(expected.meetings.byType.map((t) => [t.type, t.held.value, t.expected, t.attended, t.personTimes]))
    expect(view.figures.members.byCategory.map((c) => c.count.value)).toEqual(expected.members.byCategory.map((c) => c.count.value))
    expect(view.figures.members.confirmed.ids.sort()).toEqual(expected.members.confirmed.ids.sort())
    expect(view.figures.partyLectures.bySecretary.value).toBe(expected.partyLectures.bySecretary.value)
    const groups = new Set(gen.members.map((m) => m.groupId).filter(Boolean)).size
    const facts = summaryFacts({ ...expected, study: view.figures.study }, { label: `${year}年`, during: '全年', name: '明德实验学校第三党支部', branches: null, groups, notice: view.period.notice })
    expect(view.paragraph).toBe(summaryParagraph(facts))
    expect(view.paragraph).toMatch(new RegExp(`^${year}年，明德实验学校第三党支部下设${groups}个党小组，现有党员\\d+名.*全年支部共召开支部党员大会\\d+次、支委会\\d+次、党小组会\\d+次`))
    // Every meeting counted can be opened from the figure.
    for (const id of view.figures.meetings.total.ids) expect(view.refs.meeting[id]).toMatchObject({ id })
    for (const id of view.figures.members.partyMembers.ids) expect(view.refs.member[id].name).toBeTruthy()
    expect(view.missingSources).toEqual([])
  })

  it('count the notes as the study area counts each member’s year, and the theory tests taken', async () => {
    const thisYear = beijingParts(new Date()).year
    const [view, counts] = await Promise.all([ok(cloud, 'demo-secretary', 'desk.figures', { year: thisYear }), ok(cloud, 'demo-secretary', 'study.yearCounts', { year: thisYear, scope: 'branch' })])
    const sum = (key: 'notes' | 'excellent') => counts.rows.reduce((n, r) => n + r.counts[key], 0)
    expect(view.figures.study.notesSubmitted.value).toBe(sum('notes'))
    expect(view.figures.study.notesExcellent.value).toBe(sum('excellent'))
    expect(view.figures.study.notesSubmitted.value).toBeGreaterThan(0)
    expect(view.figures.study.testTaken).toBeLessThanOrEqual(view.figures.study.testExpected)
  })

  it('open the study records each study figure counts, as many as the figure says, by name and date', async () => {
    const thisYear = beijingParts(new Date()).year
    const view = await ok(cloud, 'demo-secretary', 'desk.figures', { year: thisYear })
    const { study } = view.figures
    const listed = <T>(refs: Record<string, T>, ids: string[]) => ids.map((id) => refs[id]).filter(Boolean)
    expect(study.notesSubmitted.value).toBeGreaterThan(0)
    // Each line on the page opens exactly the records its number counts.
    const lines = figureSections(view.figures).find((section) => section.key === 'study')!.lines
    expect(lines.map((l) => [l.label, l.value])).toEqual([
      ['学习任务', `${study.tasks.value} 项`],
      ['学习心得', `${study.notesSubmitted.value} 篇`],
      ['优秀心得', `${study.notesExcellent.value} 篇`],
      ['理论测试', `${study.tests.value} 次`],
    ])
    for (const l of lines) expect(listed(view.refs[l.figure!.kind] as Record<string, unknown>, l.figure!.ids)).toHaveLength(parseInt(l.value, 10))

    const notes = listed(view.refs.note, study.notesSubmitted.ids)
    for (const n of notes) expect(n).toMatchObject({ name: expect.stringMatching(/\S/), title: expect.stringMatching(/\S/), date: expect.stringMatching(new RegExp(`^${thisYear}-`)) })
    // 优秀 are the notes approved as such, among those submitted.
    expect(notes.filter((n) => n.excellent)).toHaveLength(study.notesExcellent.value)
    expect(listed(view.refs.note, study.notesExcellent.ids).every((n) => n.excellent)).toBe(true)
    for (const t of listed(view.refs.studyTask, study.tasks.ids)) expect(t.date).toMatch(new RegExp(`^${thisYear}-`))
    // Participation is the sum of each test's takers, out of those asked.
    const tests = listed(view.refs.test, study.tests.ids)
    expect(tests.reduce((n, t) => n + t.taken, 0)).toBe(study.testTaken)
    expect(tests.reduce((n, t) => n + t.expected, 0)).toBe(study.testExpected)
  })

  it('count the volunteer service as the 志愿 pages do, each shift held opening from the figure', async () => {
    const view = await ok(cloud, secretary, 'desk.figures', { year })
    const period = yearPeriod(year)
    const team = await ok(cloud, secretary, 'volunteer.figures', { from: period.from.toISOString(), to: period.to.toISOString() })
    expect(view.figures.volunteer.total).toEqual(team.total)
    expect(view.figures.volunteer.byType).toEqual(team.byType)
    // Counted independently: shifts published in the year, services credited on them.
    const shifts = gen.shifts.filter((x) => beijingParts(x.startAt).year === year)
    const credited = gen.signups.filter((x) => x.hoursStatus === 'credited' && shifts.some((sh) => sh.id === x.shiftId))
    expect(view.figures.volunteer.total).toMatchObject({ shifts: shifts.length, personTimes: credited.length, peopleServed: shifts.reduce((n, x) => n + x.peopleServed, 0) })
    expect(view.figures.volunteer.total.hours).toBeCloseTo(credited.reduce((n, x) => n + (x.hours ?? 0), 0), 5)
    for (const id of view.figures.volunteer.held.ids) expect(view.refs.volunteerShift[id].title).toBeTruthy()
    for (const t of team.byType.filter((x) => x.shifts > 0)) expect(view.paragraph).toContain(`${activityTypeLabels[t.type]}${t.shifts}次${t.peopleServed > 0 ? `、服务群众${t.peopleServed}人次` : ''}`)
  })

  it('counts a quarter on its own', async () => {
    const view = await ok(cloud, secretary, 'desk.figures', { from: `${year}-04-01`, to: `${year}-06-30` })
    expect(view.period.label).toBe(`${year}年第二季度`)
    const inQ2 = gen.meetings.filter((m) => m.status === 'published' && beijingParts(m.startAt).quarter === 2 && beijingParts(m.startAt).year === year)
    expect(view.figures.meetings.total.value).toBe(inQ2.length)
    expect(view.paragraph).toMatch(new RegExp(`^${year}年第二季度，明德实验学校第三党支部.*本季度支部共召开`))
  })

  it('refuses a period that ends before it starts, writing nothing', async () => {
    const before = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'desk.figures', { from: `${year}-06-30`, to: `${year}-04-01` })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { to: '结束日期不能早于开始日期' } } })
    expect(await callAs(cloud, secretary, 'desk.figures', { from: `${year}-02-30`, to: `${year}-04-01` })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(cloud.store.commitSeq).toBe(before)
  })
})

describe('the records behind the figures', () => {
  it.each([
    ['组织委员', 'gen-org-committee', false],
    ['宣传委员', 'gen-publicity', true],
  ])('open for the %s, read-only, every one a figure counts, without a refusal', async (_role, who, reviewsNotes) => {
    const view = await ok(cloud, who, 'desk.figures', { year })
    const ids = (kind: string) => [...new Set(figureSections(view.figures).flatMap((s) => s.lines).flatMap((l) => (l.figure?.kind === kind ? l.figure.ids : [])))]
    expect(view.opens).toEqual({ meeting: true, studyTask: true, test: true })
    const meetings = ids('meeting')
    expect(meetings.length).toBeGreaterThan(0)
    for (const meetingId of meetings) await ok(cloud, who, 'meeting.get', { meetingId })
    const tasks = ids('studyTask')
    expect(tasks.length).toBeGreaterThan(0)
    for (const taskId of tasks) expect((await ok(cloud, who, 'study.task', { taskId })).canManage).toBe(reviewsNotes)
    const tests = ids('test')
    for (const testId of tests) expect((await ok(cloud, who, 'exam.overview', { testId })).test.canManage).toBe(reviewsNotes)
    // A note opens where the study rules let its reader read it; otherwise it is a line without a link, and asked anyway the answer is the true one.
    const notes = ids('note')
    expect(notes.length).toBeGreaterThan(0)
    for (const noteId of notes) {
      if (view.refs.note[noteId].open) expect((await ok(cloud, who, 'study.note', { noteId })).id).toBe(noteId)
      else expect(await callAs(cloud, who, 'study.note', { noteId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: '这篇心得只有作者和审阅人可以查看' } })
    }
    expect(notes.every((id) => view.refs.note[id].open)).toBe(reviewsNotes)
    // Only a note that is not there is called missing.
    expect(await callAs(cloud, who, 'study.note', { noteId: 'no-such-note' })).toMatchObject({ ok: false, error: { code: 'NOTE.NOT_FOUND' } })
    const home = await ok(cloud, who, 'home.desk', {})
    expect(home.readsDesk).toBe(true)
  })

  it('keep the desk closed to a member whose work it does not count', async () => {
    expect(await callAs(cloud, 'demo-member', 'desk.figures', {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect((await ok(cloud, 'demo-member', 'home.desk', {})).readsDesk).toBe(false)
  })
})

describe('the compliance calendar from the database', () => {
  it('shows each month and quarter of the year green where a meeting was held, red where not', async () => {
    const view = await ok(cloud, secretary, 'desk.compliance', { year })
    const committee = view.rows.find((r) => r.kind === 'committeeMeeting')!
    for (const cell of committee.cells) {
      const month = Number(cell.key.slice(5))
      const held = gen.meetings.filter((m) => m.type === 'committeeMeeting' && m.status === 'published' && beijingParts(m.startAt).year === year && beijingParts(m.startAt).month === month)
      expect({ month, status: cell.status }).toEqual({ month, status: held.length ? (cell.noQuorum.length === held.length ? 'red' : 'green') : 'red' })
    }
    expect(view.rows.filter((r) => r.kind === 'groupMeeting').map((r) => r.label)).toEqual(gen.groups.map((g) => `党小组会（${g.name}）`))
    expect(view.byMonth).toHaveLength(12)
    expect(view.byQuarter.map((q) => q.key)).toEqual([1, 2, 3, 4].map((q) => `${year}-Q${q}`))
    expect(view.canEditRules).toBe(true)
  })

  it('lets the branch hold 党课 monthly, and tells the organisation admin the same calendar read-only', async () => {
    const changed = await ok(cloud, secretary, 'desk.setRules', { frequency: { partyLecture: 'month' }, dueSoonDays: 10 })
    expect(changed.rules.frequency.partyLecture).toBe('month')
    expect(changed.rules.dueSoonDays).toBe(10)
    const seen = await ok(cloud, 'demo-org-admin', 'desk.compliance', { branchId: 'branch-gen', year })
    expect(seen.rows.find((r) => r.kind === 'partyLecture')!.cells).toHaveLength(12)
    expect(seen.canEditRules).toBe(false)
    await ok(cloud, secretary, 'desk.setRules', { frequency: { partyLecture: 'quarter' }, dueSoonDays: 7 })
  })

  it('puts the same alerts on 首页 as on the calendar, in the desk’s one call', async () => {
    const [home, calendar] = await Promise.all([ok(cloud, secretary, 'home.desk', {}), ok(cloud, secretary, 'desk.compliance', {})])
    expect(home.complianceAlerts).toEqual(calendar.alerts)
    // The records end last year: the month just over is missed.
    expect(home.complianceAlerts!.some((a) => a.status === 'red' && a.kind === 'committeeMeeting')).toBe(true)
    const [demoHome, demoCalendar] = await Promise.all([ok(cloud, 'demo-secretary', 'home.desk', {}), ok(cloud, 'demo-secretary', 'desk.compliance', {})])
    expect(demoHome.complianceAlerts).toEqual(demoCalendar.alerts)
    // A member who does not review attendance is not told.
    expect((await ok(cloud, 'demo-member', 'home.desk', {})).complianceAlerts).toBeNull()
  })

  it('keeps a branch out of another branch’s desk', async () => {
    expect(await callAs(cloud, 'demo-secretary', 'desk.compliance', { branchId: 'branch-gen' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-member', 'desk.figures', {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-secretary', 'desk.org', {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('the 台账 workbook', () => {
  it('has a sheet per kind in the layout an inspector reads', async () => {
    const link = await ok(cloud, secretary, 'desk.ledger', { year })
    expect(link.fileName).toBe(`明德实验学校第三党支部${year}年台账.xlsx`)
    const book = await workbookOf(link)
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '会议台账', '签到表', '会议记录', '请假与补学', '志愿服务', '学习心得', '测试成绩', '党员年度情况', '发展党员', '花名册'])
    for (const sheet of book.worksheets) {
      expect({ sheet: sheet.name, paper: sheet.pageSetup.paperSize, orientation: sheet.pageSetup.orientation, fit: sheet.pageSetup.fitToWidth }).toEqual({ sheet: sheet.name, paper: 9, orientation: 'landscape', fit: 1 })
      expect(sheet.views[0]).toMatchObject({ state: 'frozen' })
    }
    const held = gen.meetings.filter((m) => m.status === 'published' && beijingParts(m.startAt).year === year).sort((a, b) => a.startAt.getTime() - b.startAt.getTime())

    const meetings = book.getWorksheet('会议台账')!
    expect(String(meetings.getCell('A1').value)).toBe('明德实验学校第三党支部三会一课及组织生活会议台账')
    expect(meetings.getCell('A1').isMerged).toBe(true)
    // Two header rows: 出勤情况 over 应到/实到/请假/缺席, the other headers spanning both.
    expect(meetings.getRow(3).getCell(7).value).toBe('出勤情况（人）')
    expect((meetings.getRow(4).values as unknown[]).slice(1)).toEqual(['序号', '日期', '会议类型', '会议名称', '主持人', '记录人', '应到', '实到', '请假', '缺席', '议题'])
    expect(meetings.getCell('A3').isMerged && meetings.getCell('A4').isMerged).toBe(true)
    expect(meetings.views[0]).toMatchObject({ ySplit: 4 })
    const meetingRows = dataRows(meetings, 5)
    expect(meetingRows).toHaveLength(held.length)
    expect(meetingRows.map((r) => r[3])).toEqual(held.map((m) => m.title))
    // 实到 of each meeting: the expected who came, as the figures count them.
    const figures = computeFigures({ ...gen, studyTasks: [], notes: [], tests: [] }, yearPeriod(year), new Date())
    expect(meetingRows.reduce((n, r) => n + Number(r[7]), 0)).toBe(figures.meetings.attended)

    const signIn = book.getWorksheet('签到表')!
    let signInRows = 0
    signIn.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(2).value === 'number') signInRows++
    })
    const tallies = tallyMeetings({ ...gen, meetings: held })
    expect(signInRows).toBe(held.reduce((n, m) => n + new Set([...gen.attendance.filter((a) => a.meetingId === m.id).map((a) => a.memberId), ...tallies.get(m.id)!.missing.map((x) => x.memberId)]).size, 0))
    // A meeting's name is merged down over its rows.
    expect(signIn.getCell('A5').isMerged).toBe(true)

    const records = book.getWorksheet('会议记录')!
    expect((records.getRow(3).values as unknown[]).slice(1)).toEqual(['会议名称', '会议类型', '时间', '地点', '主持人', '记录人', '应到', '实到', '缺席及原因', '列席', '议题', '内容摘要', '决议'])
    expect(dataRowsByText(records, 4)).toBe(held.length)

    const leave = book.getWorksheet('请假与补学')!
    expect(dataRows(leave, 5)).toHaveLength(gen.leaves.filter((l) => held.some((m) => m.id === l.meetingId)).length)

    const roster = book.getWorksheet('花名册')!
    expect(dataRows(roster, 4)).toHaveLength(figures.members.byCategory.reduce((n, c) => n + c.count.value, 0))
    expect(String(roster.getCell('A2').value)).toBe(`截至${year}年12月31日`)
    // The hours sheet: one row per person per shift credited, as the 志愿 pages export it.
    const service = book.getWorksheet('志愿服务')!
    expect((service.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '活动名称', '服务日期', '开始', '结束', '服务时长', '组织单位', '确认人'])
    const serviceRows = dataRows(service, 4)
    expect(serviceRows).toHaveLength(figures.volunteer.total.personTimes)
    expect(serviceRows.reduce((n, r) => n + Number(r[6]), 0)).toBeCloseTo(figures.volunteer.total.hours, 5)
    // 概况 prints the figures page's own lines.
    const summary = book.getWorksheet('概况')!
    const lines = figureSections((await ok(cloud, secretary, 'desk.figures', { year })).figures).flatMap((section) => section.lines)
    const printed = new Map<string, unknown>()
    summary.eachRow((row) => printed.set(`${row.getCell(1).value}|${row.getCell(2).value}`, row.getCell(3).value))
    for (const l of lines) expect(printed.get(`${l.label}|${l.value}`)).toBe(l.note)
  })

  it('prints a row per note, per person asked to take each test and per member of the year, adding up to the figures page', async () => {
    const [view, link] = await Promise.all([ok(cloud, secretary, 'desk.figures', { year }), ok(cloud, secretary, 'desk.ledger', { year })])
    const book = await workbookOf(link)
    const f = view.figures
    const seeded = studyDocuments(gen, 'branch-gen', 'org-mingde')
    const inYear = (at: unknown) => beijingParts(at as Date).year === year
    const headerOf = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1)

    // 学习心得登记: one row per note submitted in the year, an 积极分子's too, in date order.
    const notes = book.getWorksheet('学习心得')!
    expectWithinColumns(notes, 3)
    expect(headerOf(notes, 3)).toEqual(['序号', '姓名', '党小组', '学习任务', '心得标题', '提交时间', '字数', '评阅结果', '评阅人', '优秀展示'])
    const noteRows = dataRows(notes, 4)
    const seededNotes = seeded.filter((d) => d.coll === 'notes' && inYear(d.doc.firstSubmittedAt)).map((d) => d.doc as unknown as { title: string; authorName: string; grade: string | null; characters: number; taskId: string | null })
    expect(noteRows).toHaveLength(f.study.notesSubmitted.value)
    expect(noteRows).toHaveLength(seededNotes.length)
    expect(noteRows.map((r) => r[4]).sort()).toEqual(seededNotes.map((n) => n.title).sort())
    expect(noteRows.filter((r) => r[7] === '优秀')).toHaveLength(f.study.notesExcellent.value)
    expect(noteRows.filter((r) => r[7] === '待审阅').length).toBeGreaterThan(0)
    expect(noteRows.map((r) => String(r[5]))).toEqual(noteRows.map((r) => String(r[5])).sort())
    const first = seededNotes.find((n) => n.title === noteRows[0][4])!
    expect(noteRows[0].slice(1, 8)).toEqual([first.authorName, expect.stringMatching(/党小组$/), gen.studyTasks.find((t) => t.id === first.taskId)!.title, first.title, expect.stringMatching(new RegExp(`^${year}-`)), first.characters, first.grade === 'excellent' ? '优秀' : first.grade ? '合格' : '待审阅'])
    expect(String(notes.getCell('A2').value)).toContain(`共 ${f.study.notesSubmitted.value} 篇，其中优秀 ${f.study.notesExcellent.value} 篇`)

    // 测试成绩: every Party member on the roll for every test, who did not take it marked 未参加.
    const tests = book.getWorksheet('测试成绩')!
    expectWithinColumns(tests, 3)
    const testRows = dataRows(tests, 4)
    const attempts = seeded.filter((d) => d.coll === 'testAttempts' && inYear(gen.tests.find((t) => t.id === d.doc.testId)!.closesAt))
    expect(testRows).toHaveLength(f.study.testExpected)
    expect(testRows.filter((r) => r[4] === '已参加')).toHaveLength(f.study.testTaken)
    expect(f.study.testTaken).toBe(attempts.length)
    const absent = testRows.filter((r) => r[4] === '未参加')
    expect(absent.length).toBeGreaterThan(0)
    for (const r of absent) expect(r.slice(5, 8)).toEqual(['', '', ''])
    for (const r of testRows.filter((x) => x[4] === '已参加')) expect(typeof r[5] === 'number' || /待评分/.test(String(r[5]))).toBe(true)
    const scored = attempts.find((a) => a.doc.score !== null)!.doc
    const scoredRow = testRows.find((r) => r[2] === gen.members.find((m) => m.id === scored.memberId)!.name && r[1] === gen.tests.find((t) => t.id === scored.testId)!.title)!
    expect(scoredRow.slice(4, 7)).toEqual(['已参加', scored.score, Math.round(((scored.submittedAt as Date).getTime() - (scored.startedAt as Date).getTime()) / 60_000)])
    expect(String(tests.getCell('A2').value)).toContain(`应参测 ${f.study.testExpected} 人次，实参测 ${f.study.testTaken} 人次`)

    // 党员年度情况: a row per member of the year; its columns add up to the figures, its 合计 prints them.
    const members = book.getWorksheet('党员年度情况')!
    expectWithinColumns(members, 4)
    expect(members.getRow(3).getCell(5).value).toBe('组织生活（次）')
    expect(members.getCell('E3').master.address).toBe('E3')
    expect(members.getCell('H3').master.address).toBe('E3')
    expect(headerOf(members, 4)).toEqual(['序号', '姓名', '党小组', '类别', '应参加', '实参加', '请假', '补学完成', '提交', '优秀', '应参测', '实参测', '成绩', '次数', '时长（小时）'])
    const memberRows = dataRows(members, 5)
    expect(new Set(memberRows.map((r) => r[1])).size).toBe(memberRows.length)
    const column = (i: number) => memberRows.reduce((n, r) => n + Number(r[i]), 0)
    const totals = [f.meetings.expected, f.meetings.attended, null, null, f.study.notesSubmitted.value, f.study.notesExcellent.value, f.study.testExpected, f.study.testTaken, null, f.volunteer.total.personTimes, f.volunteer.total.hours]
    totals.forEach((t, k) => {
      if (t === null) return
      expect({ column: headerOf(members, 4)[k + 4], sum: column(k + 4) }).toEqual({ column: headerOf(members, 4)[k + 4], sum: expect.closeTo(t, 5) })
    })
    let totalRow: unknown[] = []
    members.eachRow((row) => {
      if (row.getCell(1).value === '合计') totalRow = (row.values as unknown[]).slice(1)
    })
    expect(totalRow[4]).toBe(f.meetings.expected)
    expect(totalRow[5]).toBe(f.meetings.attended)
    expect(totalRow[8]).toBe(f.study.notesSubmitted.value)
    expect(totalRow[11]).toBe(f.study.testTaken)
    expect(totalRow[13]).toBe(f.volunteer.total.personTimes)
    // One member's year, counted from the generated records.
    const held = gen.meetings.filter((m) => m.status === 'published' && inYear(m.startAt))
    const tallies = tallyMeetings({ ...gen, meetings: held })
    const someone = gen.members[6]
    const row = memberRows.find((r) => r[1] === someone.name)!
    const credited = gen.services.filter((x) => x.memberName === someone.name && inYear(x.startAt))
    expect([row[4], row[5], row[8], row[13]]).toEqual([
      [...tallies.values()].filter((t) => t.expectedIds.includes(someone.id)).length,
      [...tallies.values()].filter((t) => t.attendedIds.includes(someone.id)).length,
      seededNotes.filter((n) => n.authorName === someone.name).length,
      credited.length,
    ])
  })

  it('shows the same per-person tables on screen as the workbook prints', async () => {
    const book = await workbookOf(await ok(cloud, secretary, 'desk.ledger', { year }))
    for (const [table, name, header] of [['members', '党员年度情况', 4], ['notes', '学习心得', 3], ['tests', '测试成绩', 3]] as const) {
      const screen = await ok(cloud, secretary, 'desk.table', { year, table })
      const sheet = book.getWorksheet(name)!
      expect(screen.columns).toEqual((sheet.getRow(header).values as unknown[]).slice(1))
      expect(screen.subtitle).toBe(sheet.getCell('A2').value)
      const printed: unknown[][] = []
      sheet.eachRow((row, n) => {
        if (n > header && row.getCell(1).value !== null && !String(row.getCell(1).value).startsWith('出勤率')) printed.push(screen.columns.map((_, i) => row.getCell(i + 1).value ?? ''))
      })
      expect(screen.rows.map((r) => r.map((c) => c ?? ''))).toEqual(printed)
    }
    expect(await callAs(cloud, 'demo-secretary', 'desk.table', { branchId: 'branch-gen', year, table: 'members' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })

  it('gives each meeting its record in the platforms’ fields, to copy', async () => {
    const meeting = gen.meetings.find((m) => m.type === 'generalMeeting' && m.status === 'published' && beijingParts(m.startAt).year === year)!
    const record = await ok(cloud, secretary, 'desk.meetingRecord', { meetingId: meeting.id })
    expect(record.fields.map((f) => f.label)).toEqual(['会议类型', '时间', '地点', '主持人', '记录人', '应到', '实到', '缺席及原因', '列席', '议题', '内容摘要', '决议'])
    const value = (label: string) => record.fields.find((f) => f.label === label)!.value
    expect(value('会议类型')).toBe('支部党员大会')
    expect(value('主持人')).toBe(gen.members[0].name)
    expect(record.text.split('\n')[0]).toBe(`会议名称：${meeting.title}`)
    expect(record.text.split('\n')[1]).toBe('会议类型：支部党员大会')
    expect(record.text).toContain('议题：1. 学习传达上级精神；2. 研究支部工作')
    // 实到 names who came, late arrivals marked; 列席 names the observers; 缺席 gives the leave's reason.
    const tally = tallyMeetings({ ...gen, meetings: [meeting] }).get(meeting.id)!
    const nameOf = (id: string) => gen.members.find((m) => m.id === id)!.name
    const late = gen.attendance.filter((a) => a.meetingId === meeting.id && a.status === 'late').map((a) => nameOf(a.memberId))
    expect(value('实到')).toMatch(new RegExp(`^${tally.attended}人`))
    for (const id of tally.attendedIds) expect(value('实到')).toContain(nameOf(id))
    for (const name of late) expect(value('实到')).toContain(`${name}（迟到）`)
    expect(value('列席')).toBe(tally.observerIds.length ? `${tally.observerIds.length}人：${tally.observerIds.map(nameOf).join('、')}` : '无')
    const asked = new Set(gen.leaves.filter((l) => l.meetingId === meeting.id).map((l) => l.memberId))
    for (const m of tally.missing.filter((x) => x.status === 'leave')) expect(value('缺席及原因')).toContain(`${nameOf(m.memberId)}（请假：${asked.has(m.memberId) ? '外出教研' : '未填写事由'}）`)
    expect(await callAs(cloud, 'demo-secretary', 'desk.meetingRecord', { meetingId: meeting.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('attendance entered after the meeting', () => {
  it('is 补录 with who entered it, not a check-in time, and a leave prints its reason', async () => {
    // The committee meeting just before the year, which the year's figures do not count.
    const meeting = gen.meetings.find((m) => m.type === 'committeeMeeting' && beijingParts(m.startAt).year === year - 1)!
    const absentee = gen.members[3]
    const other = gen.members[2]
    // Recorded absent, then found on the paper sign-in sheet after the meeting.
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: absentee.id, status: 'absent', reason: '未到会' })
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: absentee.id, status: 'present', reason: '会后据签到本补录' })
    await ok(cloud, secretary, 'checkin.manual', { meetingId: meeting.id, memberId: other.id, status: 'leave', reason: '外出送考' })
    const view = await ok(cloud, secretary, 'attendance.meeting', { meetingId: meeting.id })
    const row = view.rows.find((r) => r.memberId === absentee.id)!
    expect(checkInWords(row, view.meeting, () => 'time')).toBe(`补录（${gen.members[0].name}）`)
    const book = await workbookOf(await ok(cloud, secretary, 'attendance.exportSheet', { meetingId: meeting.id }))
    const sheet = book.getWorksheet('签到表')!
    const line = (name: string) => {
      let found: unknown[] = []
      sheet.eachRow((r) => {
        if (r.getCell(2).value === name) found = (r.values as unknown[]).slice(1)
      })
      return found
    }
    expect(line(absentee.name)[4]).toBe(`补录（${gen.members[0].name}）`)
    expect(line(other.name)[6]).toBe('请假：外出送考')
    // The platform copy gives the same reason.
    const record = await ok(cloud, secretary, 'desk.meetingRecord', { meetingId: meeting.id })
    expect(record.fields.find((f) => f.label === '缺席及原因')!.value).toContain(`${other.name}（请假：外出送考）`)
  })
})

describe('the organisation view', () => {
  it('puts every branch side by side and counts the organisation as the sum of its branches', async () => {
    const view = await ok(cloud, 'demo-org-admin', 'desk.org', { year })
    expect(view.branches.map((b) => b.name)).toEqual(['明德实验学校第一党支部', '明德实验学校第三党支部', '明德实验学校第二党支部'])
    const gen3 = view.branches.find((b) => b.id === 'branch-gen')!
    const own = await ok(cloud, secretary, 'desk.figures', { year })
    expect(gen3.meetingsHeld).toBe(own.figures.meetings.total.value)
    expect(gen3.attendanceRate).toBeCloseTo(own.figures.meetings.rate!, 10)
    expect(view.figures.meetings.total.value).toBe(view.branches.reduce((n, b) => n + b.meetingsHeld, 0))
    // A branch's meeting expects its own members only: the organisation's 应到 is the branches' sum.
    const each = await Promise.all(view.branches.map((b) => ok(cloud, 'demo-org-admin', 'desk.figures', { branchId: b.id, year })))
    expect(view.figures.meetings.expected).toBe(each.reduce((n, f) => n + f.figures.meetings.expected, 0))
    expect(view.figures.meetings.attended).toBe(each.reduce((n, f) => n + f.figures.meetings.attended, 0))
    expect(view.paragraph).toMatch(new RegExp(`^${year}年，${view.org.name}下设3个党支部、\\d+个党小组，现有党员${view.figures.members.partyMembers.value}名.*全年.*共召开`))
    expect(gen3.compliance.due).toBeGreaterThan(0)
  })

  it('binds the organisation’s workbook with a 支部 column', async () => {
    const book = await workbookOf(await ok(cloud, 'demo-org-admin', 'desk.orgLedger', { year }))
    expect((book.getWorksheet('会议台账')!.getRow(4).values as unknown[]).slice(1, 4)).toEqual(['序号', '支部', '日期'])
    for (const [name, header] of [['志愿服务', 3], ['学习心得', 3], ['测试成绩', 3], ['党员年度情况', 4], ['请假与补学', 4]] as const) {
      const sheet = book.getWorksheet(name)!
      expect({ name, columns: (sheet.getRow(header).values as unknown[]).slice(1, 3) }).toEqual({ name, columns: ['序号', '支部'] })
      expectWithinColumns(sheet, header)
    }
    // The 补学 header spans exactly its three columns of the eleven.
    const leave = book.getWorksheet('请假与补学')!
    expect([leave.getCell('I3').value, leave.getCell('K3').master.address, leave.getCell('L3').isMerged]).toEqual(['补学', 'I3', false])
    expect(await callAs(cloud, secretary, 'desk.orgLedger', { year })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

/** The numbered rows of a sheet from a row on, as arrays of cell values. */
function dataRows(sheet: ExcelJS.Worksheet, from: number): unknown[][] {
  const rows: unknown[][] = []
  sheet.eachRow((row, n) => {
    if (n >= from && typeof row.getCell(1).value === 'number') rows.push((row.values as unknown[]).slice(1))
  })
  return rows
}

/** Every merge and every value of a sheet lies within its header's columns; the title spans them all. */
function expectWithinColumns(sheet: ExcelJS.Worksheet, headerRow: number) {
  const width = (sheet.getRow(headerRow).values as unknown[]).slice(1).length
  expect({ sheet: sheet.name, title: sheet.getCell(1, width).master.address, beyond: sheet.getCell(1, width + 1).isMerged }).toEqual({ sheet: sheet.name, title: 'A1', beyond: false })
  sheet.eachRow((row, n) => expect({ sheet: sheet.name, n, beyond: row.getCell(width + 1).value ?? null }).toEqual({ sheet: sheet.name, n, beyond: null }))
  for (const range of ((sheet.model as unknown as { merges: string[] }).merges ?? [])) {
    const last = range.split(':')[1].replace(/\d+/g, '')
    expect({ sheet: sheet.name, range, within: sheet.getColumn(last).number <= width }).toEqual({ sheet: sheet.name, range, within: true })
  }
}

function dataRowsByText(sheet: ExcelJS.Worksheet, from: number): number {
  let n = 0
  sheet.eachRow((row, i) => {
    if (i >= from && row.getCell(1).value) n++
  })
  return n
}
