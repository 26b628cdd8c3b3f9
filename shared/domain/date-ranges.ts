import { addCalendar, dayMs } from './time'

/**
 * How far from today a date someone enters may lie, by what it is for. A year typed as 9999 or
 * 2062 is a slip of the finger, not a plan: it is refused with INPUT.DATE_OUT_OF_RANGE and the
 * field's message, before anything is stored. Each rule takes `now`.
 */
export interface DateRangeProblem {
  field: string
  message: string
}

/**
 * A theory test's window: it may open at the latest a year from now and close within that year
 * (a quarterly test is set weeks ahead, not years), and may open at the earliest a day ago (a test
 * opened "now", entered a little late), never backdated further.
 */
export function testWindowProblem(opensAt: Date, closesAt: Date, now: Date): DateRangeProblem | null {
  if (opensAt.getTime() < now.getTime() - dayMs) return { field: 'opensAt', message: '开始时间不能早于昨天' }
  if (closesAt.getTime() > addCalendar(now, 1, 'year').getTime()) return { field: 'closesAt', message: '结束时间应在一年以内' }
  return null
}

/** A study task's due date: within two years from now (this school year and the next). */
export function dueDateProblem(dueAt: Date, now: Date): DateRangeProblem | null {
  if (dueAt.getTime() > addCalendar(now, 2, 'year').getTime()) return { field: 'dueDate', message: '截止日期应在两年以内' }
  return null
}
