import ExcelJS from 'exceljs'
import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { historyColumns } from '../shared/domain/history-import'
import { meetingTypeLabels, type MeetingType } from '../shared/domain/meeting'
import { addCalendar, beijingDate, beijingParts } from '../shared/domain/time'

async function call(cloud: LocalCloud, openid: string, action: string, input: object) {
  const outcome = await cloud.invoke(action.slice(0, action.indexOf('.')), { action, input }, { openid })
  const result = outcome.result as { ok: boolean; data?: unknown; error?: unknown } | undefined
  if (!result?.ok) throw new Error(`${action}: ${JSON.stringify(result?.error ?? outcome.error)}`)
  return outcome
}

/**
 * 历史补录 at scale: a branch of 30 enters 500 past meetings from one sheet (batched writes, not a
 * round trip per row); and the figures of an 18-month range, which must cost about what a year's
 * cost (`desk.yearFigures.dbOps`), not a read per month.
 */
export async function historyCosts(cloud: LocalCloud): Promise<Record<string, number>> {
  const results: Record<string, number> = {}
  const branchId = 'bench-history-branch'
  const secretary = 'bench-history-secretary'
  const names = Array.from({ length: 30 }, (_, i) => `补录成员${String(i + 1).padStart(2, '0')}`)
  const changes: Change[] = [
    { coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: '补录基准支部', inviteCode: 'BHIST1' } },
    ...names.map((name, i) => ({
      coll: 'members',
      id: `bh-m${i}`,
      doc: { _id: `bh-m${i}`, branchId, groupId: null, name, category: 'full', positions: i === 0 ? ['secretary'] : [], phone: `1390000${String(i).padStart(4, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: new Date('2018-01-01T00:00:00Z'), updatedAt: new Date('2018-01-01T00:00:00Z') },
    })),
    { coll: 'bindings', id: secretary, doc: { _id: secretary, memberId: 'bh-m0', branchId, boundAt: new Date() } },
  ]
  await cloud.store.commit(changes)

  // 500 meetings, one a day backwards from a month ago, each with 25 present, 3 late and 2 on leave.
  const types: MeetingType[] = ['committeeMeeting', 'themedPartyDay', 'generalMeeting', 'partyLecture', 'groupStudy']
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('历史会议')
  sheet.addRow(historyColumns.map((c) => c.title))
  const start = addCalendar(new Date(), -30, 'day')
  for (let i = 0; i < 500; i++) {
    const day = beijingDate(addCalendar(start, -i, 'day'))
    const values: Record<string, string> = {
      date: day,
      start: '15:30',
      end: '16:30',
      type: meetingTypeLabels[types[i % types.length]],
      title: `补录会议${i + 1}`,
      venue: '会议室',
      audience: types[i % types.length] === 'committeeMeeting' ? '全体党员' : '',
      host: names[0],
      present: names.slice(0, 25).join('、'),
      late: names.slice(25, 28).join('、'),
      leave: names.slice(28).join('、'),
      agenda: '学习；讨论',
    }
    sheet.addRow(historyColumns.map((c) => values[c.key] ?? null))
  }
  const content = Buffer.from(await book.xlsx.writeBuffer())
  const { cloudPath } = ((await call(cloud, secretary, 'meeting.prepareHistoryImport', {})).result as { data: { cloudPath: string } }).data
  const { fileID } = await cloud.storage.clientWrite(secretary, cloudPath, content)
  if (!fileID) throw new Error('history sheet upload refused')
  await call(cloud, secretary, 'meeting.importHistory', { fileID, dryRun: true })
  const started = Date.now()
  const imported = await call(cloud, secretary, 'meeting.importHistory', { fileID, dryRun: false })
  results['history.import500meetings.ms'] = Date.now() - started
  results['history.import500meetings.dbOps'] = imported.stats.dbOps

  // 18 months of the 50-member bench branch (deskCosts' generated year and the half year before it).
  const year = beijingParts(new Date()).year - 1
  const period = `${year - 1}-07-01~${year}-12-31`
  await call(cloud, 'bench50-secretary', 'desk.figures', { period })
  results['figures.range18months.dbOps'] = (await call(cloud, 'bench50-secretary', 'desk.figures', { period })).stats.dbOps
  return results
}
