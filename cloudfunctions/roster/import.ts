import type { ImportSummary } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { newMember, type GroupDoc, type MemberDoc, type MemberHistoryDoc } from '../../shared/domain/documents'
import { applyDates, newMemberDates } from '../../shared/domain/membership'
import { beijingDate } from '../../shared/domain/time'
import { lastSecretaryProblem, positionChangeProblem } from '../../shared/domain/member'
import { maxImportRows, planRosterImport, rosterColumns, type ImportPlan } from '../../shared/domain/roster-import'
import { generatedPaths, maxImportBytes } from '../../shared/domain/storage'
import { requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { readSheet, writeWorkbook } from '../_lib/excel'
import { readUploaded, storeGenerated } from '../_lib/files'
import type { Handlers, HandlerContext } from '../_lib/handler'
import { categoryChange, recordHistory } from '../_lib/history'
import { issueUpload, ownUploads } from '../_lib/uploads'
import { branchGroups, datedEntry, describeChanges } from './entries'

/** Importing the roster from Excel: the template, every row checked, nothing half-imported. */

function importErrors(plan: ImportPlan): never {
  const fields: Record<string, string> = {}
  for (const { row, message } of plan.errors) fields[`第${row}行`] = message
  return fail('IMPORT.ROWS_INVALID', `表格中有 ${plan.errors.length} 行错误，未导入任何数据，请修改后重新上传`, fields)
}

/**
 * What an import would write: the groups it creates, and each updated member before and after,
 * with every group (new ones included) by id for describing the change.
 */
function importWrites(plan: ImportPlan, branchId: string, groups: Map<string, GroupDoc>, members: Map<string, MemberDoc>, today: string) {
  const groupIdByName = new Map([...groups.values()].map((g) => [g.name, g._id]))
  const newGroups: GroupDoc[] = plan.groupsToCreate.map((name, i) => ({ _id: newId(), branchId, name, order: groups.size + i + 1 }))
  for (const g of newGroups) groupIdByName.set(g.name, g._id)
  const groupOf = (name: string | null) => (name ? (groupIdByName.get(name) as string) : null)
  const allGroups = new Map(groups)
  for (const g of newGroups) allGroups.set(g._id, g)
  const updates = plan.updates.map(({ memberId, after }) => {
    const before = members.get(memberId) as MemberDoc
    // A category that changes takes its date from the row, else today (membership.ts applyDates).
    const dated = applyDates(datedEntry(before), { category: after.category, ...after.dates, joinedPartyAt: after.joinedPartyAt ?? undefined }, today)
    const next: MemberDoc = {
      ...before,
      category: after.category,
      groupId: groupOf(after.groupName),
      positions: after.positions,
      joinedPartyAt: dated.entry.joinedPartyAt,
      dates: dated.entry.dates,
    }
    return { before, next, row: after.row, dates: dated.changed }
  })
  return { newGroups, groupOf, allGroups, updates }
}

async function applyImport(db: Db, actor: MemberActor, plan: ImportPlan, writes: ReturnType<typeof importWrites>, now: Date): Promise<void> {
  const branchId = actor.member.branchId
  const { newGroups, groupOf, allGroups, updates } = writes

  const created: MemberDoc[] = plan.creates.map((m) =>
    newMember(
      {
      _id: newId(),
      branchId,
      groupId: groupOf(m.groupName),
      name: m.name,
      category: m.category,
      positions: m.positions,
      phone: m.phone,
      joinedPartyAt: m.joinedPartyAt,
      },
      now,
    ),
  ).map((member, i) => ({ ...member, dates: newMemberDates(plan.creates[i].dates, beijingDate(now)) }))
  try {
    if (newGroups.length) await db.addMany('groups', newGroups)
    if (created.length) await db.addMany('members', created)
  } catch (error) {
    // Undo what landed so the roster is never half-imported.
    const ids = created.map((m) => m._id)
    if (ids.length) await db.removeWhere('members', { _id: { $in: ids } }).catch(() => undefined)
    if (newGroups.length) await db.removeWhere('groups', { _id: { $in: newGroups.map((g) => g._id) } }).catch(() => undefined)
    if (isDuplicateKey(error)) fail('CONFLICT', '导入时花名册被其他人修改，请重新导入')
    throw error
  }
  const notes: Array<Pick<MemberHistoryDoc, 'memberId' | 'branchId' | 'action' | 'note' | 'category' | 'dates'>> = created.map((m) => ({
    memberId: m._id,
    branchId,
    action: 'imported',
    note: '由 Excel 导入',
  }))
  const fields = (m: MemberDoc) => ({ category: m.category, groupId: m.groupId, positions: m.positions, joinedPartyAt: m.joinedPartyAt, dates: m.dates ?? {} })
  const written: MemberDoc[] = []
  try {
    // A few at a time in parallel: a large re-import finishes well inside the function's time.
    for (let i = 0; i < updates.length; i += 20) {
      await Promise.all(
        updates.slice(i, i + 20).map(async ({ before, next }) => {
          await db.update('members', before._id, { ...fields(next), updatedAt: now })
          written.push(before)
        }),
      )
    }
  } catch (error) {
    // Put back what changed and remove what was added: the roster is never half-imported.
    await Promise.all(
      written.map(async (before) => {
        await db.update('members', before._id, { ...fields(before), updatedAt: before.updatedAt }).catch(() => undefined)
      }),
    )
    const ids = created.map((m) => m._id)
    if (ids.length) await db.removeWhere('members', { _id: { $in: ids } }).catch(() => undefined)
    if (newGroups.length) await db.removeWhere('groups', { _id: { $in: newGroups.map((g) => g._id) } }).catch(() => undefined)
    throw error
  }
  for (const { before, next, dates } of updates) {
    notes.push({ memberId: before._id, branchId, action: 'imported', note: `Excel 导入更新：${describeChanges(before, next, allGroups)}`, ...categoryChange(before, next), ...(dates.length ? { dates } : {}) })
  }
  await recordHistory(db, actor, now, notes)
}

export const importHandlers: Pick<Handlers<'roster'>, 'roster.template' | 'roster.prepareImport' | 'roster.import'> = {
  'roster.template': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const groups = [...(await branchGroups(db, actor.member.branchId)).values()]
    const example = groups[0]?.name ?? '第一党小组'
    // The data sheet holds only the header, so a sheet filled in below it imports as it is; the
    // instructions and examples live on a sheet of their own, which the importer does not read.
    const content = await writeWorkbook([
      {
        name: '花名册',
        columns: rosterColumns.map((c) => ({ header: c.title, width: c.key === 'group' ? 22 : 14 })),
        rows: [],
      },
      {
        name: '填写说明',
        title: '花名册填写说明（请在“花名册”工作表中填写，本页不会被导入）',
        columns: [
          { header: '栏目', width: 14 },
          { header: '怎么填', width: 60 },
          { header: '示例', width: 22 },
        ],
        rows: [
          ['姓名（必填）', '与本人身份证一致的姓名。', '张三'],
          ['党员类别（必填）', '正式党员、预备党员、发展对象、入党积极分子、群众。', '正式党员'],
          ['党小组', '填写已有党小组的名称；新名称会新建党小组。', example],
          ['职务', '书记、副书记、组织委员、宣传委员、纪检委员、党小组长，多个用“、”分隔；无职务留空。', '党小组长'],
          ['手机号（必填）', '11 位手机号，用于老师加入支部时核对身份，必须准确。', '13800000001'],
          ['入党时间', '成为预备党员的日期，如 2012-07-01；积极分子等可留空。', '2012-07-01'],
          ['加入支部日期', '调入或加入本支部的日期；留空则按导入当天计。统计某天的应到人数和党员人数时按此日期判断。', '2019-09-01'],
          ['确定积极分子日期', '确定为入党积极分子的日期；不是积极分子可留空。', '2024-03-15'],
          ['确定发展对象日期', '确定为发展对象的日期；可留空。', '2025-04-20'],
          ['转正日期', '预备党员转为正式党员的日期；类别改为正式党员而未填时，按导入当天计。', '2013-07-01'],
        ],
        notes: [`一次最多导入 ${maxImportRows} 行；空行会被忽略。再次导入时，手机号相同的成员会被更新而不会重复。`],
      },
    ])
    return storeGenerated(generatedPaths.rosterTemplate(now.getTime(), newId().slice(0, 6)), content, '花名册导入模板.xlsx')
  },
  'roster.prepareImport': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    return issueUpload(ctx.db, actor, { purpose: 'rosterSheet', branchId: actor.member.branchId }, ctx.now)
  },
  'roster.import': async ({ fileID, dryRun }, ctx: HandlerContext): Promise<ImportSummary> => {
    const { db } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    // Only a sheet this person uploaded for this branch: never another person's file.
    if (!(await ownUploads(db, actor, [fileID], { purpose: 'rosterSheet', branchId: actor.member.branchId })).has(fileID)) fail('FILE.NOT_FOUND')
    const content = await readUploaded(fileID, maxImportBytes)
    const sheet = await readSheet(content, '姓名', maxImportRows)
    const [groups, members] = await Promise.all([
      branchGroups(db, actor.member.branchId),
      db.all('members', { branchId: actor.member.branchId }),
    ])
    const plan = planRosterImport(sheet.header, sheet.rows, {
      groups: [...groups.values()].map((g) => ({ id: g._id, name: g.name })),
      members: members.map((m) => ({
        id: m._id,
        name: m.name,
        phone: m.phone,
        category: m.category,
        groupId: m.groupId,
        positions: m.positions,
        joinedPartyAt: m.joinedPartyAt ?? null,
        dates: m.dates ?? {},
        status: m.status,
      })),
    }, beijingDate(ctx.now))
    if ('headerMissing' in plan) fail('IMPORT.HEADER', `表头缺少：${plan.headerMissing.join('、')}。请使用下载的模板`)
    if (plan.rows === 0) fail('IMPORT.EMPTY')
    const self = { id: actor.member._id, positions: actor.member.positions }
    for (const created of plan.creates) {
      const problem = positionChangeProblem(self, '', [], created.positions)
      if (problem) plan.errors.push({ row: created.row, message: problem })
    }
    for (const { memberId, before, after } of plan.updates) {
      const problem = positionChangeProblem(self, memberId, before.positions, after.positions)
      if (problem) plan.errors.push({ row: after.row, message: problem })
    }
    // A branch keeps a 书记, whatever the sheet says.
    const updated = new Set(plan.updates.map((u) => u.memberId))
    const secretariesAfter =
      members.filter((m) => m.status === 'active' && !updated.has(m._id) && m.positions.includes('secretary')).length +
      plan.updates.filter((u) => u.after.positions.includes('secretary')).length +
      plan.creates.filter((c) => c.positions.includes('secretary')).length
    for (const { before, after } of plan.updates) {
      const problem = lastSecretaryProblem(before.positions, after.positions, secretariesAfter)
      if (problem) plan.errors.push({ row: after.row, message: problem })
    }
    plan.errors.sort((a, b) => a.row - b.row)
    if (plan.errors.length) importErrors(plan)
    const writes = importWrites(plan, actor.member.branchId, groups, new Map(members.map((m) => [m._id, m])), beijingDate(ctx.now))
    if (!dryRun) await applyImport(db, actor, plan, writes, ctx.now)
    const { updates, allGroups } = writes
    return {
      rows: plan.rows,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      groupsCreated: plan.groupsToCreate,
      // Who is updated and how, in the words the history will keep.
      changes: updates.map(({ before, next, row }) => ({ row, name: before.name, change: describeChanges(before, next, allGroups) })),
    }
  },
}
