import { developmentSteps, stageOf, stageLabels, stepLabels, type DateKey } from '../../shared/domain/development'
import type { BranchDoc, DevelopmentDoc, DevelopmentSettingsDoc } from '../../shared/domain/documents'
import { timelineOf } from '../_lib/development'
import type { Db } from '../_lib/db'
import type { SheetSpec } from '../_lib/excel'

/** The people of these branches in the 发展党员 pipeline, and each branch's own rules: two reads. */
export async function developmentsOf(db: Db, branchIds: string[]): Promise<{ people: DevelopmentDoc[]; settings: DevelopmentSettingsDoc[] }> {
  const inBranches = branchIds.length === 1 ? branchIds[0] : { $in: branchIds }
  const [people, settings] = await Promise.all([db.all('developments', { branchId: inBranches }), db.all('developmentSettings', { _id: { $in: branchIds } })])
  return { people, settings }
}

/** Columns of the steps, the two 公示 with their last day beside them. */
type DateColumn = { key: DateKey; header: string }
const dateColumns: DateColumn[] = developmentSteps.flatMap((key): DateColumn[] => {
  const own: DateColumn = { key, header: stepLabels[key] }
  if (key === 'candidateNotice') return [own, { key: 'candidateNoticeEnd', header: '发展对象公示结束' }]
  if (key === 'confirmationNotice') return [own, { key: 'confirmationNoticeEnd', header: '转正公示结束' }]
  return [own]
})

/**
 * 发展党员: a row per person who had entered the pipeline by the period's end — each step's date
 * as entered, their stage at the period's end, the documents received, and how many dates the
 * rules find wrong — so the inspector reads the whole path on one line.
 */
export function developmentSheet(input: { owner: string; subtitle: string; end: Date; endDate: string; branches: BranchDoc[]; people: DevelopmentDoc[]; settings: DevelopmentSettingsDoc[]; manyBranches: boolean }): SheetSpec {
  const branchName = new Map(input.branches.map((b) => [b._id, b.name]))
  const settingsOf = new Map(input.settings.map((s) => [s._id, s]))
  // As things stood at the period's end: later dates are left out.
  const rows = input.people
    .filter((p) => p.dates.application && p.dates.application <= input.endDate)
    .map((p) => ({ ...p, dates: Object.fromEntries(Object.entries(p.dates).filter(([, d]) => d && d <= input.endDate)) as DevelopmentDoc['dates'], records: p.records.filter((r) => r.date <= input.endDate) }))
    .sort((a, b) => a.branchId.localeCompare(b.branchId) || (a.dates.application ?? '').localeCompare(b.dates.application ?? '') || a.name.localeCompare(b.name, 'zh'))
  return {
    name: '发展党员',
    title: `${input.owner}发展党员工作台账`,
    subtitle: input.subtitle,
    columns: [
      { header: '序号', width: 6 },
      ...(input.manyBranches ? [{ header: '支部', width: 18 }] : []),
      { header: '姓名', width: 10 },
      { header: '阶段', width: 12 },
      ...dateColumns.map((c) => ({ header: c.header, width: 12 })),
      { header: '思想汇报（份）', width: 10 },
      { header: '培养考察（次）', width: 10 },
      { header: '需核对的日期', width: 40 },
    ],
    rows: rows.map((p, i) => {
      const timeline = timelineOf(p, settingsOf.get(p.branchId), input.end)
      return [
        i + 1,
        ...(input.manyBranches ? [branchName.get(p.branchId) ?? ''] : []),
        p.name,
        stageLabels[stageOf(p.dates)],
        ...dateColumns.map((c) => p.dates[c.key] ?? ''),
        p.records.filter((r) => r.kind === 'thoughtReport').length,
        p.records.filter((r) => r.kind === 'assessment').length,
        timeline.violations.map((v) => v.message).join('\n'),
      ]
    }),
    wrap: true,
    landscape: true,
  }
}
