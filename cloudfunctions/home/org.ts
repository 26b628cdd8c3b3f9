import type { OrgDeskView } from '../../shared/api/contract'
import { tallyAttendance } from '../../shared/domain/attendance'
import type { OrgAdminDoc } from '../../shared/domain/documents'
import { endOf, startOf } from '../../shared/domain/time'
import type { Db } from '../_lib/db'
import { meetingRoll, tallyRows } from '../_lib/meetings'

/**
 * An organisation admin's 首页: each branch with its people, the meetings it holds this month
 * (Beijing) and the attendance rate of those already over, counted with the shared tally. Five
 * reads in parallel, whatever the number of branches.
 */
export async function orgDesk(db: Db, admin: OrgAdminDoc & { orgName: string }, now: Date): Promise<OrgDeskView> {
  const branches = await db.all('branches', { orgId: admin.orgId }, ['name', 'asc'])
  const ids = branches.map((b) => b._id)
  const [members, bindings, meetings] = ids.length
    ? await Promise.all([
        db.all('members', { branchId: { $in: ids }, status: 'active' }),
        db.aggregate<{ _id: string; n: number }>('bindings', [{ $match: { branchId: { $in: ids } } }, { $group: { _id: '$branchId', n: { $sum: 1 } } }]),
        db.all('meetings', { branchId: { $in: ids }, status: 'published', startAt: { $gte: startOf('month', now), $lt: endOf('month', now) } }, ['startAt', 'asc']),
      ])
    : [[], [], []]
  const over = meetings.filter((m) => m.endAt.getTime() <= now.getTime())
  const records = over.length ? await db.all('attendance', { meetingId: { $in: over.map((m) => m._id) } }) : []
  return {
    name: admin.orgName,
    adminName: admin.name,
    branches: branches.map((b) => {
      const own = members.filter((m) => m.branchId === b._id)
      // Every meeting of the month that is over, as one tally: 实到 over 应到.
      const rows = over.filter((m) => m.branchId === b._id).flatMap((m) => tallyRows(meetingRoll(m, own, records.filter((r) => r.meetingId === m._id), [])))
      const tally = tallyAttendance(rows)
      return {
        id: b._id,
        name: b.name,
        members: own.length,
        bound: bindings.find((x) => x._id === b._id)?.n ?? 0,
        meetingsThisMonth: meetings.filter((m) => m.branchId === b._id).length,
        heldThisMonth: over.filter((m) => m.branchId === b._id).length,
        attendanceRate: tally.expected ? tally.rate : null,
      }
    }),
  }
}
