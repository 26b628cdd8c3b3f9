import type { FileLink } from '../../shared/api/contract'
import type { BranchDoc } from '../../shared/domain/documents'
import { maskPhone, memberCategoryLabels, positionLabels } from '../../shared/domain/member'
import { rosterColumns } from '../../shared/domain/roster-import'
import { generatedPaths } from '../../shared/domain/storage'
import { beijingDate } from '../../shared/domain/time'
import { readableBranch, resolveActor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { writeWorkbook } from '../_lib/excel'
import { storeGenerated } from '../_lib/files'
import type { Handlers } from '../_lib/handler'
import { branchGroups, toView } from './entries'

/** Exporting the roster to Excel: phones in full for those who manage it, masked for an organisation admin. */

async function rosterFile(db: Db, branch: BranchDoc, canManage: boolean, now: Date): Promise<FileLink> {
  const [groups, members] = await Promise.all([branchGroups(db, branch._id), db.all('members', { branchId: branch._id })])
  const bound = new Set((await db.all('bindings', { branchId: branch._id })).map((b) => b.memberId))
  const order = [...groups.values()].map((g) => g._id)
  members.sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1) ||
      (a.groupId ? order.indexOf(a.groupId) : 999) - (b.groupId ? order.indexOf(b.groupId) : 999) ||
      a.name.localeCompare(b.name, 'zh-Hans-CN'),
  )
  const date = beijingDate(now)
  const dates = members.map((m) => toView(m, groups, false).dates)
  const content = await writeWorkbook([
    {
      name: '花名册',
      title: `${branch.name}花名册（导出日期 ${date}）`,
      columns: [
        { header: '序号', width: 6 },
        ...rosterColumns.map((c) => ({ header: c.title, width: c.key === 'group' ? 22 : c.key === 'positions' ? 18 : 14 })),
        { header: '状态', width: 8 },
        { header: '转出日期', width: 12 },
        { header: '微信绑定', width: 10 },
      ],
      rows: members.map((m, i) => [
        i + 1,
        m.name,
        memberCategoryLabels[m.category],
        m.groupId ? (groups.get(m.groupId)?.name ?? '') : '',
        m.positions.map((p) => positionLabels[p]).join('、'),
        canManage ? m.phone : maskPhone(m.phone),
        m.joinedPartyAt ?? '',
        // The same columns as the import template: a re-import of this sheet changes nothing.
        dates[i].joinedBranchOn,
        dates[i].activistOn ?? '',
        dates[i].candidateOn ?? '',
        dates[i].fullOn ?? '',
        m.status === 'active' ? '在册' : '已转出',
        dates[i].leftOn ?? '',
        bound.has(m._id) ? '已绑定' : '未绑定',
      ]),
    },
  ])
  return storeGenerated(generatedPaths.rosterExport(branch._id, date, newId().slice(0, 8)), content, `${branch.name}花名册-${date}.xlsx`)
}

export const exportHandlers: Pick<Handlers<'roster'>, 'roster.export'> = {
  'roster.export': async ({ branchId }, ctx) => {
    const actor = await resolveActor(ctx)
    const { branch, canManage } = await readableBranch(ctx.db, actor, branchId, 'manageRoster')
    return rosterFile(ctx.db, branch, canManage, ctx.now)
  },
}
