/**
 * The words of the 三会一课 calendar, apart from its rules (compliance.ts) so that the desk's
 * pages carry the labels without the figures and volunteer rules the calendar is judged by.
 */

export const frequencies = ['month', 'quarter', 'year'] as const
export type Frequency = (typeof frequencies)[number]

export const frequencyLabels: Record<Frequency, string> = { month: '每月', quarter: '每季度', year: '每年' }

export type CellStatus = 'green' | 'amber' | 'red' | 'grey'

export const cellStatusLabels: Record<CellStatus, string> = { green: '已召开', amber: '即将到期', red: '未召开', grey: '未到期' }

/** A period that ended before the branch's records begin: not required, not 未到期 either. */
export const beforeRecordsLabel = '建档前'

/** A calendar cell in words. */
export const cellWords = (cell: { status: CellStatus; beforeRecords: boolean }) => (cell.beforeRecords ? beforeRecordsLabel : cellStatusLabels[cell.status])
