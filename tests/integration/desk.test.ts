import ExcelJS from 'exceljs'
import { computeFigures, figuresParagraph, tallyMeetings, yearPeriod } from '../../shared/domain/figures'
import { figureSections } from '../../shared/domain/figure-lines'
import { beijingParts } from '../../shared/domain/time'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { generateYear, yearDocuments } from '../support/year-records'

let cloud: LocalCloud
// Last year, complete: the figures of a year that is over.
const year = beijingParts(new Date()).year - 1
const gen = generateYear({ seed: 11, year, members: 50 })
const secretary = 'gen-secretary'

beforeAll(async () => {
  cloud = await startSeededCloud()
  await cloud.store.commit(yearDocuments(gen, { id: 'branch-gen', orgId: 'org-mingde', name: '明德实验学校第三党支部', secretaryOpenid: secretary }))
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
    // Study records are not in the database yet: those figures are zero.
    const expected = computeFigures({ ...gen, studyTasks: [], notes: [], tests: [] }, yearPeriod(year), new Date())
    expect(view.period).toEqual({ from: `${year}-01-01`, to: `${year}-12-31`, kind: 'year', label: `${year}年` })
    expect(view.figures.meetings.byType.map((t) => [t.type, t.held.value, t.expected, t.attended, t.personTimes])).toEqual(expected.meetings.byType.map((t) => [t.type, t.held.value, t.expected, t.attended, t.personTimes]))
    expect(view.figures.members.byCategory.map((c) => c.count.value)).toEqual(expected.members.byCategory.map((c) => c.count.value))
    expect(view.figures.members.confirmed.ids.sort()).toEqual(expected.members.confirmed.ids.sort())
    expect(view.figures.partyLectures.bySecretary.value).toBe(expected.partyLectures.bySecretary.value)
    expect(view.paragraph).toBe(figuresParagraph(expected))
    expect(view.paragraph).toMatch(new RegExp(`^本年度支部共召开支部党员大会\\d+次、支委会\\d+次、党小组会\\d+次`))
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
    expect(view.paragraph).toContain(`开展“七彩阳光”党员志愿服务活动${team.total.activities}项`)
  })

  it('counts a quarter on its own', async () => {
    const view = await ok(cloud, secretary, 'desk.figures', { from: `${year}-04-01`, to: `${year}-06-30` })
    expect(view.period.label).toBe(`${year}年第二季度`)
    const inQ2 = gen.meetings.filter((m) => m.status === 'published' && beijingParts(m.startAt).quarter === 2 && beijingParts(m.startAt).year === year)
    expect(view.figures.meetings.total.value).toBe(inQ2.length)
    expect(view.paragraph.startsWith('本季度支部共召开')).toBe(true)
  })

  it('refuses a period that ends before it starts, writing nothing', async () => {
    const before = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'desk.figures', { from: `${year}-06-30`, to: `${year}-04-01` })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { to: '结束日期不能早于开始日期' } } })
    expect(await callAs(cloud, secretary, 'desk.figures', { from: `${year}-02-30`, to: `${year}-04-01` })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } })
    expect(cloud.store.commitSeq).toBe(before)
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
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '会议台账', '签到表', '会议记录', '请假与补学', '志愿服务', '学习心得', '测试成绩', '花名册'])
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
    const dataRows = (sheet: ExcelJS.Worksheet, from: number) => {
      const rows: unknown[][] = []
      sheet.eachRow((row, n) => {
        if (n >= from && typeof row.getCell(1).value === 'number') rows.push((row.values as unknown[]).slice(1))
      })
      return rows
    }
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
    expect((records.getRow(3).values as unknown[]).slice(1)).toEqual(['会议名称', '会议类型', '会议时间', '会议地点', '主持人', '记录人', '应到人数', '实到人数', '缺席人员及原因', '会议内容与决议'])
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
    const lines = figureSections(figures).flatMap((section) => section.lines)
    const printed = new Map<string, unknown>()
    summary.eachRow((row) => printed.set(`${row.getCell(1).value}|${row.getCell(2).value}`, row.getCell(3).value))
    for (const l of lines) expect(printed.get(`${l.label}|${l.value}`)).toBe(l.note)
  })

  it('gives each meeting its record in the platforms’ fields, to copy', async () => {
    const meeting = gen.meetings.find((m) => m.type === 'generalMeeting' && m.status === 'published' && beijingParts(m.startAt).year === year)!
    const record = await ok(cloud, secretary, 'desk.meetingRecord', { meetingId: meeting.id })
    expect(record.fields.map((f) => f.label)).toEqual(['会议名称', '会议类型', '会议时间', '会议地点', '主持人', '记录人', '应到人数', '实到人数', '缺席人员及原因', '会议内容与决议'])
    expect(record.fields[1].value).toBe('支部党员大会')
    expect(record.fields[4].value).toBe(gen.members[0].name)
    expect(record.text.split('\n')[0]).toBe(`会议名称：${meeting.title}`)
    expect(record.text).toContain('议题：1. 学习传达上级精神；2. 研究支部工作')
    expect(await callAs(cloud, 'demo-secretary', 'desk.meetingRecord', { meetingId: meeting.id })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
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
    expect(view.paragraph.startsWith('本年度明德实验学校党总支所属3个支部共召开')).toBe(true)
    expect(gen3.compliance.due).toBeGreaterThan(0)
  })

  it('binds the organisation’s workbook with a 支部 column', async () => {
    const book = await workbookOf(await ok(cloud, 'demo-org-admin', 'desk.orgLedger', { year }))
    expect((book.getWorksheet('会议台账')!.getRow(4).values as unknown[]).slice(1, 4)).toEqual(['序号', '支部', '日期'])
    expect(await callAs(cloud, secretary, 'desk.orgLedger', { year })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

function dataRowsByText(sheet: ExcelJS.Worksheet, from: number): number {
  let n = 0
  sheet.eachRow((row, i) => {
    if (i >= from && row.getCell(1).value) n++
  })
  return n
}
