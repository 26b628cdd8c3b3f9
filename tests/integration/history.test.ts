import ExcelJS from 'exceljs'
import type { LocalCloud } from '../../localcloud/server'
import { historyColumns } from '../../shared/domain/history-import'
import { parsePeriod, periodLabel } from '../../shared/domain/period'
import { addCalendar, beijingDate, formatFullDate, fromBeijing } from '../../shared/domain/time'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok, uploadTo, xlsx } from '../support/api'
import { fireReminderTimer } from '../support/reminders'

/**
 * A branch that adopts the app today enters its last 18 months from the paper 台账 (历史补录), from
 * one sheet, and asks the period's figures: every count and the paragraph, and nobody notified.
 */
let cloud: LocalCloud
const branchId = 'branch-history'
const secretary = 'history-secretary'
const now = new Date()
const today = beijingDate(now)
// The 18 whole months before this one.
const firstMonth = beijingDate(addCalendar(fromBeijing(`${today.slice(0, 7)}-01`), -18, 'month')).slice(0, 7)
const lastDay = beijingDate(new Date(fromBeijing(`${today.slice(0, 7)}-01`).getTime() - 1))
const periodKey = `${firstMonth}-01~${lastDay}`

// 第一党小组: m01–m06, all 正式; 第二党小组: m07–m10 正式, m11 预备, m12 积极分子.
const names = ['李书记', '王组织', '赵一', '钱二', '孙三', '周四', '吴五', '郑六', '冯七', '陈八', '褚预备', '卫积极']
const member = (i: number) => ({
  _id: `h-m${String(i + 1).padStart(2, '0')}`,
  branchId,
  groupId: i < 6 ? 'h-g1' : 'h-g2',
  name: names[i],
  category: i < 10 ? 'full' : i === 10 ? 'probationary' : 'activist',
  positions: i === 0 ? ['secretary'] : i === 1 ? ['organizationCommittee'] : [],
  phone: `1370000${String(i).padStart(4, '0')}`,
  joinedPartyAt: null,
  status: 'active',
  grants: [],
  revokes: [],
  // On the roll since before the period (their dates entered with the roster).
  createdAt: new Date('2020-01-01T00:00:00Z'),
  updatedAt: new Date('2020-01-01T00:00:00Z'),
})
const party = names.slice(0, 11)
const g1 = names.slice(0, 6)
const g2 = names.slice(6, 11)
const except = (list: string[], ...out: string[]) => list.filter((n) => !out.includes(n)).join('、')

/** The sheet: per month a 支委会, two 党小组会 and a 主题党日; each quarter a 支部党员大会 and a 党课; four on a subject or of a kind once. */
function historyRows(): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = []
  const add = (values: Partial<Record<(typeof historyColumns)[number]['key'], string>>) => rows.push(historyColumns.map((c) => values[c.key] ?? null))
  for (let i = 0; i < 18; i++) {
    const month = beijingDate(addCalendar(fromBeijing(`${firstMonth}-01`), i, 'month')).slice(0, 7)
    const base = { start: '15:30', end: '16:30', venue: '三楼会议室', host: '李书记', recorder: '王组织' }
    add({ ...base, date: `${month}-05`, type: '支委会', title: `${month} 支委会`, audience: '支委', present: '李书记、王组织' })
    add({ ...base, date: `${month}-10`, type: '党小组会', title: `${month} 第一党小组会`, audience: '第一党小组', present: except(g1, '赵一') })
    add({ ...base, date: `${month}-11`, type: '党小组会', title: `${month} 第二党小组会`, audience: '第二党小组', present: except(g2, '褚预备'), late: '褚预备' })
    add({ ...base, date: `${month}-15`, type: '主题党日', title: `${month} 主题党日`, present: except(party, '钱二'), leave: '钱二', observer: '卫积极' })
    if (i % 3 === 0) {
      add({ ...base, date: `${month}-20`, type: '支部党员大会', title: `${month} 党员大会`, present: party.join('、'), agenda: '传达上级精神；讨论发展工作' })
      add({ ...base, date: `${month}-21`, type: '党课', title: `${month} 书记讲党课`, present: party.join('、') })
    }
    const once: Record<number, Partial<Record<(typeof historyColumns)[number]['key'], string>>> = {
      6: { type: '组织生活会', subject: '师德师风建设', title: '师德师风建设专题组织生活会' },
      7: { type: '民主评议党员', title: '民主评议党员大会' },
      8: { type: '其他', subject: '警示教育专题', title: '警示教育专题会' },
      9: { type: '理论学习中心组学习', title: '中心组学习' },
    }
    if (once[i]) add({ ...base, date: `${month}-25`, present: party.join('、'), ...once[i] })
  }
  return rows
}

beforeAll(async () => {
  cloud = await startSeededCloud()
  await cloud.store.commit([
    { coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: '明德实验学校历史支部', inviteCode: 'HIST01' } },
    { coll: 'groups', id: 'h-g1', doc: { _id: 'h-g1', branchId, name: '第一党小组', order: 1 } },
    { coll: 'groups', id: 'h-g2', doc: { _id: 'h-g2', branchId, name: '第二党小组', order: 2 } },
    ...names.map((_, i) => ({ coll: 'members', id: member(i)._id, doc: member(i) })),
    { coll: 'bindings', id: secretary, doc: { _id: secretary, memberId: 'h-m01', branchId, boundAt: new Date() } },
  ])
})
afterAll(() => cloud.close())

const upload = async (rows: Array<Array<string | null>>) => uploadTo(cloud, secretary, 'meeting.prepareHistoryImport', {}, await xlsx([historyColumns.map((c) => c.title), ...rows]))
const ofBranch = (coll: string) => cloud.store.docs(coll).filter((d) => d.branchId === branchId)

describe('18 months entered through 历史补录', () => {
  it('refuses a sheet with a bad row as 第N行, importing nothing', async () => {
    const rows = historyRows()
    rows[3] = rows[3].map((c, k) => (historyColumns[k].key === 'present' ? '李书记、张无名' : c))
    const seq = cloud.store.commitSeq
    const fileID = await upload(rows)
    const uploaded = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'meeting.importHistory', { fileID, dryRun: false })).toMatchObject({
      ok: false,
      error: { code: 'IMPORT.ROWS_INVALID', fields: { 第5行: '出席人员“张无名”不在花名册中' } },
    })
    expect(uploaded).toBeGreaterThan(seq)
    expect(cloud.store.commitSeq).toBe(uploaded)
    expect(ofBranch('meetings')).toEqual([])
  })

  it('imports the whole sheet as held meetings marked 补录, telling nobody', async () => {
    const fileID = await upload(historyRows())
    const preview = await ok(cloud, secretary, 'meeting.importHistory', { fileID, dryRun: true })
    expect(preview).toMatchObject({ rows: 88, meetings: 88, from: `${firstMonth}-05` })
    expect(ofBranch('meetings')).toEqual([])
    expect(await ok(cloud, secretary, 'meeting.importHistory', { fileID, dryRun: false })).toEqual(preview)
    const meetings = ofBranch('meetings')
    expect(meetings).toHaveLength(88)
    expect(meetings.every((m) => m.status === 'published' && (m.backfilled as { byName: string }).byName === '李书记')).toBe(true)
    // Present, late, leave and observers each have a record: 18 × (2 + 5 + 5 + 12) + 16 × 11.
    expect(ofBranch('attendance')).toHaveLength(18 * 24 + 16 * 11)
    // No 会议通知, no reminder queued, also when the reminder timer runs.
    await fireReminderTimer(cloud, now)
    expect(ofBranch('inbox')).toEqual([])
    expect(ofBranch('reminders')).toEqual([])
    expect(cloud.openapi.outbox({ touser: secretary })).toEqual([])
  })

  it('refuses the same sheet a second time: every meeting is already on record', async () => {
    const result = await callAs(cloud, secretary, 'meeting.importHistory', { fileID: await upload(historyRows().slice(0, 2)), dryRun: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT.ROWS_INVALID', fields: { 第2行: expect.stringMatching(/^这次会议已经登记过/), 第3行: expect.stringMatching(/^这次会议已经登记过/) } } })
    expect(ofBranch('meetings')).toHaveLength(88)
  })

  it('counts the period from the entered history: every figure and the paragraph', async () => {
    const view = await ok(cloud, secretary, 'desk.figures', { period: periodKey })
    const label = periodLabel(parsePeriod(periodKey)!)
    expect(view.period).toMatchObject({ key: periodKey, kind: 'range', label, from: `${firstMonth}-01`, to: lastDay, notice: null })
    const held = Object.fromEntries(view.figures.meetings.byType.filter((t) => t.held.value > 0).map((t) => [t.type, [t.held.value, t.expected, t.attended, t.personTimes]]))
    expect(held).toEqual({
      committeeMeeting: [18, 36, 36, 36],
      groupMeeting: [36, 18 * 11, 18 * 10, 18 * 10],
      themedPartyDay: [18, 18 * 11, 18 * 10, 18 * 11],
      generalMeeting: [6, 66, 66, 66],
      partyLecture: [6, 66, 66, 66],
      orgLifeMeeting: [1, 11, 11, 11],
      memberAppraisal: [1, 11, 11, 11],
      other: [1, 11, 11, 11],
      theoryStudyGroup: [1, 11, 11, 11],
    })
    expect(view.figures.meetings).toMatchObject({ expected: 608, attended: 572, personTimes: 590 })
    expect(view.figures.meetings.total.value).toBe(88)
    expect(view.figures.meetings.bySubject.map((s) => [s.type, s.subject, s.held.value])).toEqual([
      ['orgLifeMeeting', '师德师风建设', 1],
      ['other', '警示教育', 1],
    ])
    expect(view.figures.meetings.appraised.value).toBe(11)
    expect(view.figures.partyLectures.bySecretary.value).toBe(6)
    expect(view.figures.members.byCategory.filter((c) => c.count.value > 0).map((c) => [c.category, c.count.value])).toEqual([
      ['full', 10],
      ['probationary', 1],
      ['activist', 1],
    ])
    expect(view.paragraph).toBe(
      `${label}，明德实验学校历史支部下设2个党小组，现有党员11名，其中正式党员10名、预备党员1名；入党积极分子1名。` +
        '期间支部共召开支部党员大会6次、支委会18次、党小组会36次；讲党课6次（其中书记讲党课6次）；开展主题党日活动18次；组织理论学习中心组学习1次；' +
        '召开师德师风建设专题组织生活会1次、警示教育专题会1次；开展民主评议党员，参加评议党员11人。党员参加组织生活590人次，平均出勤率94.1%。',
    )
    // "Since" the same first month counts the same records, labelled as reports do.
    const since = await ok(cloud, secretary, 'desk.figures', { period: `${firstMonth}-01~` })
    expect(since.period.label).toBe(`${Number(firstMonth.slice(0, 4))}年${Number(firstMonth.slice(5))}月以来`)
    expect(since.figures.meetings).toMatchObject({ expected: 608, attended: 572, personTimes: 590 })
  })

  it('says the records are complete only from the day the secretary sets, in the figures, the paragraph and the 台账', async () => {
    expect(await ok(cloud, secretary, 'meeting.recordsFrom', {})).toEqual({ recordsFrom: '2020-01-01', firstDay: '2020-01-01', canEdit: true })
    expect(await ok(cloud, secretary, 'meeting.recordsFrom', { recordsFrom: today })).toMatchObject({ recordsFrom: today })
    const notice = `本支部自${formatFullDate(fromBeijing(today))}起使用本系统记录，此前的数据为补录，可能不完整。`
    const view = await ok(cloud, secretary, 'desk.figures', { period: periodKey })
    expect(view.period.notice).toBe(notice)
    expect(view.paragraph.endsWith(notice)).toBe(true)
    const table = await ok(cloud, secretary, 'desk.table', { period: periodKey, table: 'members' })
    expect(table.notes[0]).toBe(notice)
    // The 台账: the notice on every sheet, each meeting marked 补录 with who entered it, no check-in times.
    const link = await ok(cloud, secretary, 'desk.ledger', { period: periodKey })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await (await fetch(link.url)).arrayBuffer()) as ArrayBuffer)
    const texts = (name: string) => book.getWorksheet(name)!.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map((c) => String(c ?? '')) : []))
    for (const sheet of book.worksheets) expect({ sheet: sheet.name, notice: texts(sheet.name).includes(notice) }).toEqual({ sheet: sheet.name, notice: true })
    expect(texts('会议台账').filter((t) => t.endsWith('（补录）'))).toHaveLength(88)
    expect(texts('会议台账')).toContain('师德师风建设专题组织生活会')
    const signIn = book.getWorksheet('签到表')!
    // 赵一 missed each 第一党小组会 and came to everything else.
    const rows = (signIn.getSheetValues() as unknown[]).filter((r): r is unknown[] => Array.isArray(r) && r.includes('赵一') && r[7] === '缺席')
    expect(rows.map((r) => [r[6] ?? '', r[8]])).toEqual(Array.from({ length: 18 }, () => ['', '补录（李书记）']))
    expect(await callAs(cloud, secretary, 'meeting.recordsFrom', { recordsFrom: beijingDate(addCalendar(now, 2, 'day')) })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '记录起始日期不能晚于今天' } })
  })
})
