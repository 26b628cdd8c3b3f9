import type { MyHoursView, TeamFiguresView } from '../../shared/api/areas/volunteer'
import type { FileLink } from '../../shared/api/contract'
import type { ShiftDoc } from '../../shared/domain/documents'
import { generatedPaths } from '../../shared/domain/storage'
import { formatFullDate } from '../../shared/domain/time'
import { hoursSheetColumns, hoursSheetRows, roundHours, teamFigures } from '../../shared/domain/volunteer'
import { readableBranch, type Actor, type MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { storeGenerated } from '../_lib/files'
import { volunteerRecords } from '../_lib/volunteer-records'

interface Period {
  from: string
  to: string
}

const inPeriod = (period: Period) => ({ $gte: new Date(period.from), $lt: new Date(period.to) })

/** My shifts, hours and history over a period: what I served, was removed from or missed. */
export async function myHours(db: Db, actor: MemberActor, period: Period): Promise<MyHoursView> {
  const records = await db.all('signups', { memberId: actor.member._id, startAt: inPeriod(period), status: { $in: ['confirmed', 'removed'] } }, ['startAt', 'desc'])
  const ids = [...new Set(records.map((r) => r.shiftId))]
  const shifts = new Map<string, ShiftDoc>()
  // A year of shifts is read by id a thousand at a time.
  for (let i = 0; i < ids.length; i += 1000) for (const s of await db.all('shifts', { _id: { $in: ids.slice(i, i + 1000) } })) shifts.set(s._id, s)
  const rows = records
    .filter((r) => shifts.get(r.shiftId)?.status !== 'cancelled')
    .map((r) => {
      const shift = shifts.get(r.shiftId)
      return {
        shiftId: r.shiftId,
        activityTitle: shift?.activityTitle ?? '',
        activityType: shift?.activityType ?? 'other',
        startAt: r.startAt.toISOString(),
        endAt: r.endAt.toISOString(),
        status: r.status,
        hours: r.hours,
        hoursStatus: r.hoursStatus,
      }
    })
  const credited = rows.filter((r) => r.hoursStatus === 'credited' && (r.hours ?? 0) > 0)
  return { from: period.from, to: period.to, hours: roundHours(credited.reduce((sum, r) => sum + (r.hours ?? 0), 0)), shifts: credited.length, rows }
}

/** Everything the figures and the sheet need for a branch and period (see volunteerRecords). */
const periodRecords = (db: Db, branchId: string, period: Period, now: Date) => volunteerRecords(db, [branchId], { from: new Date(period.from), to: new Date(period.to) }, now)

/** The team's figures for any period, by activity type: for the secretary, never a list of people. */
export async function figures(db: Db, actorIn: Actor, input: Period & { branchId?: string }, now: Date): Promise<TeamFiguresView> {
  const { branch } = await readableBranch(db, actorIn, input.branchId, 'manageVolunteer')
  const { held, services } = await periodRecords(db, branch._id, input, now)
  return { branchName: branch.name, from: input.from, to: input.to, ...teamFigures(held, services) }
}

/** 志愿服务时长 sheet: one row per person per shift with confirmed hours, in the fields the records need. */
export async function exportHours(db: Db, actorIn: Actor, input: Period & { branchId?: string }, now: Date): Promise<FileLink & { rows: number }> {
  const { branch } = await readableBranch(db, actorIn, input.branchId, 'manageVolunteer')
  const { services } = await periodRecords(db, branch._id, input, now)
  const rows = hoursSheetRows(services)
  const total = roundHours(rows.reduce((sum, r) => sum + r[5], 0))
  const span = `${formatFullDate(input.from)}—${formatFullDate(new Date(Date.parse(input.to) - 1))}`
  // The workbook library is large: loaded only by this action, so sign-ups start instances fast.
  const { writeWorkbook } = await import('../_lib/excel')
  const content = await writeWorkbook([
    {
      name: '志愿服务时长',
      title: `${branch.name} 志愿服务时长记录（${span}）`,
      columns: hoursSheetColumns.map((header, i) => ({ header, width: [10, 24, 12, 8, 8, 10, 30, 10][i] })),
      rows,
      notes: [`共 ${rows.length} 条记录，合计 ${total} 小时。仅含带队人已确认的服务时长。`, `导出时间：${formatFullDate(now)}`],
    },
  ])
  const link = await storeGenerated(generatedPaths.volunteerHours(branch._id, now.getTime()), content, `志愿服务时长${span}.xlsx`)
  return { ...link, rows: rows.length }
}
