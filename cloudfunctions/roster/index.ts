import type { FileLink, ImportSummary, MemberDetailView, RosterMemberView, RosterView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { lastSecretaryProblem, maskPhone, memberCategoryLabels, positionChangeProblem, positionLabels, type Position } from '../../shared/domain/member'
import { capabilitiesOf } from '../../shared/domain/permissions'
import { maxImportRows, planRosterImport, rosterColumns, type ImportPlan } from '../../shared/domain/roster-import'
import type { BranchDoc, GroupDoc, MemberDoc } from '../../shared/domain/documents'
import { generatedPaths, isImportFile, maxImportBytes } from '../../shared/domain/storage'
import { beijingDate } from '../../shared/domain/time'
import { readableBranch, requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { readSheet, writeWorkbook } from '../_lib/excel'
import { readUploaded, storeGenerated } from '../_lib/files'
import { defineFunction, type HandlerContext } from '../_lib/handler'
import { recordHistory } from '../_lib/history'


function toView(member: MemberDoc, groups: Map<string, GroupDoc>, bound: boolean): RosterMemberView {
  return {
    id: member._id,
    name: member.name,
    category: member.category,
    positions: member.positions,
    groupId: member.groupId,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    phoneMasked: maskPhone(member.phone),
    joinedPartyAt: member.joinedPartyAt ?? null,
    status: member.status,
    bound,
  }
}

async function branchGroups(db: Db, branchId: string): Promise<Map<string, GroupDoc>> {
  const groups = await db.all('groups', { branchId }, ['order', 'asc'])
  return new Map(groups.map((g) => [g._id, g]))
}

/** A member of the caller's own branch, or AUTH.FORBIDDEN. */
async function memberOfBranch(db: Db, actor: MemberActor, memberId: string): Promise<MemberDoc> {
  const member = await db.get('members', memberId)
  if (!member) fail('ROSTER.MEMBER_NOT_FOUND')
  if (member.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
  return member
}

async function detail(db: Db, member: MemberDoc): Promise<MemberDetailView> {
  const [groups, binding, history] = await Promise.all([
    branchGroups(db, member.branchId),
    db.some('bindings', { memberId: member._id }, 1),
    db.some('memberHistory', { memberId: member._id }, 50, ['at', 'desc']),
  ])
  return {
    ...toView(member, groups, binding.length > 0),
    phone: member.phone,
    grants: member.grants ?? [],
    revokes: member.revokes ?? [],
    capabilities: capabilitiesOf(member),
    history: history.map((h) => ({ at: new Date(h.at).toISOString(), byName: h.byName, action: h.action, note: h.note })),
  }
}

async function requireGroupOfBranch(db: Db, groupId: string | null | undefined, branchId: string): Promise<void> {
  if (!groupId) return
  const group = await db.get('groups', groupId)
  if (!group) fail('ROSTER.GROUP_NOT_FOUND')
  if (group.branchId !== branchId) fail('AUTH.FORBIDDEN')
}

const positionText = (list: Position[]) => (list.length ? list.map((p) => positionLabels[p]).join('、') : '无')

/** Describes what changed, in the words the secretary used: 党小组：一组 → 二组；… */
function describeChanges(before: MemberDoc, after: MemberDoc, groups: Map<string, GroupDoc>): string {
  const groupName = (id: string | null) => (id ? (groups.get(id)?.name ?? '未知党小组') : '无')
  const parts: string[] = []
  if (before.name !== after.name) parts.push(`姓名：${before.name} → ${after.name}`)
  if (before.category !== after.category) parts.push(`类别：${memberCategoryLabels[before.category]} → ${memberCategoryLabels[after.category]}`)
  if (before.groupId !== after.groupId) parts.push(`党小组：${groupName(before.groupId)} → ${groupName(after.groupId)}`)
  if (before.positions.join() !== after.positions.join()) parts.push(`职务：${positionText(before.positions)} → ${positionText(after.positions)}`)
  if (before.phone !== after.phone) parts.push(`手机号：${maskPhone(before.phone)} → ${maskPhone(after.phone)}`)
  if ((before.joinedPartyAt ?? null) !== (after.joinedPartyAt ?? null)) parts.push(`入党时间：${before.joinedPartyAt ?? '未填'} → ${after.joinedPartyAt ?? '未填'}`)
  return parts.join('；')
}

/** A branch keeps a 书记: refuses a change that would take the position from the last one. */
async function requireAnotherSecretary(db: Db, member: MemberDoc, positionsAfter: readonly Position[]): Promise<void> {
  if (!member.positions.includes('secretary') || positionsAfter.includes('secretary')) return
  const others = await db.some('members', { branchId: member.branchId, status: 'active', positions: 'secretary', _id: { $ne: member._id } }, 1)
  const problem = lastSecretaryProblem(member.positions, positionsAfter, others.length)
  if (problem) fail('AUTH.FORBIDDEN', problem)
}

async function guardPhoneWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isDuplicateKey(error)) fail('ROSTER.PHONE_TAKEN')
    throw error
  }
}

function importErrors(plan: ImportPlan): never {
  const fields: Record<string, string> = {}
  for (const { row, message } of plan.errors) fields[`第${row}行`] = message
  return fail('IMPORT.ROWS_INVALID', `表格中有 ${plan.errors.length} 行错误，未导入任何数据，请修改后重新上传`, fields)
}

async function applyImport(db: Db, actor: MemberActor, plan: ImportPlan, groups: Map<string, GroupDoc>, members: Map<string, MemberDoc>, now: Date): Promise<void> {
  const branchId = actor.member.branchId
  const groupIdByName = new Map([...groups.values()].map((g) => [g.name, g._id]))
  const newGroups = plan.groupsToCreate.map((name, i) => ({ _id: newId(), branchId, name, order: groups.size + i + 1 }))
  for (const g of newGroups) groupIdByName.set(g.name, g._id)
  const groupOf = (name: string | null) => (name ? (groupIdByName.get(name) as string) : null)

  const created: MemberDoc[] = plan.creates.map((m) => ({
    _id: newId(),
    branchId,
    groupId: groupOf(m.groupName),
    name: m.name,
    category: m.category,
    positions: m.positions,
    phone: m.phone,
    joinedPartyAt: m.joinedPartyAt,
    status: 'active',
    grants: [],
    revokes: [],
    createdAt: now,
    updatedAt: now,
  }))
  const allGroups = new Map(groups)
  for (const g of newGroups) allGroups.set(g._id, g)
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
  const notes: Array<{ memberId: string; branchId: string; action: 'imported'; note: string }> = created.map((m) => ({
    memberId: m._id,
    branchId,
    action: 'imported',
    note: '由 Excel 导入',
  }))
  const updates = plan.updates.map(({ memberId, after }) => {
    const before = members.get(memberId) as MemberDoc
    const next: MemberDoc = {
      ...before,
      category: after.category,
      groupId: groupOf(after.groupName),
      positions: after.positions,
      joinedPartyAt: after.joinedPartyAt ?? before.joinedPartyAt,
    }
    return { before, next }
  })
  const fields = (m: MemberDoc) => ({ category: m.category, groupId: m.groupId, positions: m.positions, joinedPartyAt: m.joinedPartyAt })
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
  for (const { before, next } of updates) {
    notes.push({ memberId: before._id, branchId, action: 'imported', note: `Excel 导入更新：${describeChanges(before, next, allGroups)}` })
  }
  await recordHistory(db, actor, now, notes)
}

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
  const content = await writeWorkbook([
    {
      name: '花名册',
      title: `${branch.name}花名册（导出日期 ${date}）`,
      columns: [
        { header: '序号', width: 6 },
        ...rosterColumns.map((c) => ({ header: c.title, width: c.key === 'group' ? 22 : c.key === 'positions' ? 18 : 14 })),
        { header: '状态', width: 8 },
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
        m.status === 'active' ? '在册' : '已转出',
        bound.has(m._id) ? '已绑定' : '未绑定',
      ]),
    },
  ])
  return storeGenerated(generatedPaths.rosterExport(branch._id, date, newId().slice(0, 8)), content, `${branch.name}花名册-${date}.xlsx`)
}

export const main = defineFunction('roster', {
  'roster.list': async (input, ctx): Promise<RosterView> => {
    const { db } = ctx
    const actor = await resolveActor(ctx)
    const { branch, canManage } = await readableBranch(db, actor, input.branchId, 'manageRoster')
    const [groups, members, bindings] = await Promise.all([
      branchGroups(db, branch._id),
      db.all('members', input.includeTransferred ? { branchId: branch._id } : { branchId: branch._id, status: 'active' }),
      db.all('bindings', { branchId: branch._id }),
    ])
    const bound = new Set(bindings.map((b) => b.memberId))
    const order = [...groups.keys()]
    const views = members
      .map((m) => toView(m, groups, bound.has(m._id)))
      .sort(
        (a, b) =>
          (a.groupId ? order.indexOf(a.groupId) : 999) - (b.groupId ? order.indexOf(b.groupId) : 999) ||
          a.name.localeCompare(b.name, 'zh-Hans-CN'),
      )
    return {
      branch: { id: branch._id, name: branch.name, inviteCode: canManage ? branch.inviteCode : '' },
      groups: [...groups.values()].map((g) => ({
        id: g._id,
        name: g.name,
        memberCount: members.filter((m) => m.groupId === g._id && m.status === 'active').length,
      })),
      members: views,
      canManage,
    }
  },

  'roster.get': async ({ memberId }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db } = ctx
    return detail(db, await memberOfBranch(db, actor, memberId))
  },

  'roster.addMember': async (input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const branchId = actor.member.branchId
    await requireGroupOfBranch(db, input.groupId, branchId)
    const problem = positionChangeProblem({ id: actor.member._id, positions: actor.member.positions }, '', [], input.positions)
    if (problem) fail('AUTH.FORBIDDEN', problem)
    const member: MemberDoc = {
      _id: newId(),
      branchId,
      groupId: input.groupId,
      name: input.name,
      category: input.category,
      positions: [...new Set(input.positions)],
      phone: input.phone,
      joinedPartyAt: input.joinedPartyAt,
      status: 'active',
      grants: [],
      revokes: [],
      createdAt: now,
      updatedAt: now,
    }
    await guardPhoneWrite(() => db.add('members', member))
    await recordHistory(db, actor, now, [{ memberId: member._id, branchId, action: 'created', note: '添加成员' }])
    return detail(db, member)
  },

  'roster.updateMember': async ({ memberId, ...changes }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const before = await memberOfBranch(db, actor, memberId)
    if (before.status === 'transferredOut') fail('ROSTER.TRANSFERRED')
    if (changes.groupId !== undefined) await requireGroupOfBranch(db, changes.groupId, before.branchId)
    if (changes.positions) {
      const problem = positionChangeProblem({ id: actor.member._id, positions: actor.member.positions }, memberId, before.positions, changes.positions)
      if (problem) fail('AUTH.FORBIDDEN', problem)
      await requireAnotherSecretary(db, before, changes.positions)
    }
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<MemberDoc>
    if (defined.positions) defined.positions = [...new Set(defined.positions)]
    const after: MemberDoc = { ...before, ...defined, updatedAt: now }
    const note = describeChanges(before, after, await branchGroups(db, before.branchId))
    if (!note) return detail(db, before)
    await guardPhoneWrite(() => db.update('members', memberId, { ...defined, updatedAt: now }))
    await recordHistory(db, actor, now, [{ memberId, branchId: before.branchId, action: 'updated', note }])
    return detail(db, after)
  },

  'roster.transferOut': async ({ memberId, note }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const member = await memberOfBranch(db, actor, memberId)
    if (member.status === 'transferredOut') fail('ROSTER.TRANSFERRED')
    if (member._id === actor.member._id) fail('AUTH.FORBIDDEN', '不能将自己转出，请由其他支委操作')
    await requireAnotherSecretary(db, member, [])
    await db.update('members', memberId, { status: 'transferredOut', transferredAt: now, updatedAt: now })
    // A member who left the branch no longer acts in it.
    await db.removeWhere('bindings', { memberId })
    await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'transferredOut', note }])
    return detail(db, { ...member, status: 'transferredOut', updatedAt: now })
  },

  'roster.unbind': async ({ memberId }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const member = await memberOfBranch(db, actor, memberId)
    if ((await db.removeWhere('bindings', { memberId })) > 0) {
      await recordHistory(db, actor, now, [{ memberId, branchId: member.branchId, action: 'unbound', note: '解除微信绑定' }])
    }
    return detail(db, member)
  },

  'roster.setCapabilities': async ({ memberId, grants, revokes }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    // Adjusting permissions is the secretary's (or deputy's) call, not every roster manager's.
    if (!actor.member.positions.some((p) => p === 'secretary' || p === 'deputySecretary')) fail('AUTH.FORBIDDEN')
    const member = await memberOfBranch(db, actor, memberId)
    const next = { grants: [...new Set(grants)], revokes: [...new Set(revokes)].filter((c) => !grants.includes(c)) }
    await db.update('members', memberId, { ...next, updatedAt: now })
    const after = { ...member, ...next }
    await recordHistory(db, actor, now, [
      { memberId, branchId: member.branchId, action: 'capabilitiesChanged', note: `权限调整：增加 ${next.grants.length} 项，取消 ${next.revokes.length} 项` },
    ])
    return detail(db, after)
  },

  'roster.createGroup': async ({ name }, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db } = ctx
    const groups = await branchGroups(db, actor.member.branchId)
    if ([...groups.values()].some((g) => g.name === name)) fail('ROSTER.GROUP_EXISTS')
    const group: GroupDoc = { _id: newId(), branchId: actor.member.branchId, name, order: groups.size + 1 }
    try {
      await db.add('groups', group)
    } catch (error) {
      if (isDuplicateKey(error)) fail('ROSTER.GROUP_EXISTS')
      throw error
    }
    return { id: group._id, name }
  },

  'roster.template': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    const { db, now } = ctx
    const groups = [...(await branchGroups(db, actor.member.branchId)).values()]
    const example = groups[0]?.name ?? '第一党小组'
    const content = await writeWorkbook([
      {
        name: '花名册',
        columns: rosterColumns.map((c) => ({ header: c.title, width: c.key === 'group' ? 22 : 14 })),
        rows: [
          ['张三', '正式党员', example, '党小组长', '13800000001', '2012-07-01'],
          ['李四', '预备党员', example, '', '13800000002', '2025-06-20'],
          ['王五', '入党积极分子', example, '', '13800000003', ''],
        ],
        notes: [
          '填写说明（导入前请删除以上示例行）：',
          '党员类别：正式党员、预备党员、发展对象、入党积极分子、群众。',
          '职务：书记、副书记、组织委员、宣传委员、纪检委员、党小组长，多个用“、”分隔。',
          '党小组：填写已有党小组的名称；新名称会新建党小组。手机号用于老师绑定微信，必须准确。',
          `一次最多导入 ${maxImportRows} 行；再次导入时，手机号相同的成员会被更新而不会重复。`,
        ],
      },
    ])
    return storeGenerated(generatedPaths.rosterTemplate(now.getTime(), newId().slice(0, 6)), content, '花名册导入模板.xlsx')
  },

  'roster.import': async ({ fileID, dryRun }, ctx: HandlerContext): Promise<ImportSummary> => {
    const { db } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageRoster')
    if (!isImportFile(fileID)) fail('FILE.NOT_FOUND')
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
        status: m.status,
      })),
    })
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
    plan.errors.sort((a, b) => a.row - b.row)
    if (plan.errors.length) importErrors(plan)
    if (!dryRun) await applyImport(db, actor, plan, groups, new Map(members.map((m) => [m._id, m])), ctx.now)
    return {
      rows: plan.rows,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      groupsCreated: plan.groupsToCreate,
    }
  },

  'roster.export': async ({ branchId }, ctx) => {
    const actor = await resolveActor(ctx)
    const { branch, canManage } = await readableBranch(ctx.db, actor, branchId, 'manageRoster')
    return rosterFile(ctx.db, branch, canManage, ctx.now)
  },
})
