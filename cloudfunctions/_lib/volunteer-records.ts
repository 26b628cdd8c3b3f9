import type { ShiftDoc } from '../../shared/domain/documents'
import type { FigureService } from '../../shared/domain/figures'
import type { Db } from './db'

/**
 * A period's volunteer records of one branch or several: the published shifts that started in it
 * (those held by `now`), and every service credited on them. Two paged reads, whatever the number
 * of shifts or branches. The team's figures, the hours sheet and the desk all read through here,
 * so the numbers on every page come from the same records.
 */
export async function volunteerRecords(db: Db, branchIds: readonly string[], period: { from: Date; to: Date }, now: Date): Promise<{ held: ShiftDoc[]; services: FigureService[] }> {
  const branchId = branchIds.length === 1 ? branchIds[0] : { $in: [...branchIds] }
  const startAt = { $gte: period.from, $lt: period.to }
  const [shiftDocs, recordDocs] = await Promise.all([
    db.all('shifts', { branchId, status: 'published', startAt }, ['startAt', 'asc']),
    db.all('signups', { branchId, status: 'confirmed', hoursStatus: 'credited', startAt }, ['startAt', 'asc']),
  ])
  const shifts = new Map(shiftDocs.map((s) => [s._id, s]))
  const services = recordDocs.flatMap((r): FigureService[] => {
    const shift = shifts.get(r.shiftId)
    if (!shift) return []
    return [
      {
        shiftId: shift._id,
        branchId: shift.branchId,
        memberName: r.memberName,
        activityId: shift.activityId,
        activityTitle: shift.activityTitle,
        activityType: shift.activityType,
        organiser: shift.organiser,
        startAt: r.startAt,
        endAt: r.endAt,
        hours: r.hours ?? 0,
        confirmedBy: r.confirmedBy ?? '',
      },
    ]
  })
  return { held: [...shifts.values()].filter((s) => s.startAt.getTime() <= now.getTime()), services }
}
