import type { ActivityType } from '../../../shared/domain/volunteer-labels'
import { activityTypeLabels, activityTypes } from '../../../shared/domain/volunteer-labels'

export type TypeFilter = ActivityType | 'all'

/**
 * The 报名 list's filter by activity type: a term of daily 礼让斑马线 shifts would otherwise push
 * the month's 社区志愿服务 and 送教上门 far down. Only types that have open shifts, with their
 * counts; nothing when there is one type only.
 */
export function typeFilters(shifts: ReadonlyArray<{ activityType: ActivityType }>): Array<{ value: TypeFilter; label: string }> {
  const present = activityTypes.filter((type) => shifts.some((s) => s.activityType === type))
  if (present.length < 2) return []
  const count = (type: ActivityType) => shifts.filter((s) => s.activityType === type).length
  return [{ value: 'all', label: `全部 ${shifts.length}` }, ...present.map((type) => ({ value: type, label: `${activityTypeLabels[type]} ${count(type)}` }))]
}

export function filterByType<T extends { activityType: ActivityType }>(shifts: readonly T[], filter: TypeFilter): T[] {
  return filter === 'all' ? [...shifts] : shifts.filter((s) => s.activityType === filter)
}
