/** A roster entry as the roster's screens, sheet and history name it. */
import type { RosterMemberView } from '../../shared/api/contract'
import type { GroupDoc, MemberDoc } from '../../shared/domain/documents'
import { maskPhone, memberCategoryLabels, positionLabels, type Position } from '../../shared/domain/member'
import { applyDates, describeDateChanges, type DatedEntry } from '../../shared/domain/membership'
import { beijingDate } from '../../shared/domain/time'
import type { Db } from '../_lib/db'

export function toView(member: MemberDoc, groups: Map<string, GroupDoc>, bound: boolean): RosterMemberView {
  return {
    id: member._id,
    name: member.name,
    category: member.category,
    positions: member.positions,
    groupId: member.groupId,
    groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
    phoneMasked: maskPhone(member.phone),
    joinedPartyAt: member.joinedPartyAt ?? null,
    dates: {
      joinedBranchOn: member.dates?.joinedBranchOn || beijingDate(member.createdAt),
      activistOn: member.dates?.activistOn ?? null,
      candidateOn: member.dates?.candidateOn ?? null,
      fullOn: member.dates?.fullOn ?? null,
      leftOn: member.dates?.leftOn || (member.status === 'transferredOut' ? beijingDate(member.transferredAt ?? member.updatedAt) : null),
    },
    status: member.status,
    bound,
  }
}

export async function branchGroups(db: Db, branchId: string): Promise<Map<string, GroupDoc>> {
  const groups = await db.all('groups', { branchId }, ['order', 'asc'])
  return new Map(groups.map((g) => [g._id, g]))
}

const positionText = (list: Position[]) => (list.length ? list.map((p) => positionLabels[p]).join('、') : '无')

/** Describes what changed, in the words the secretary used: 党小组：一组 → 二组；… */
export function describeChanges(before: MemberDoc, after: MemberDoc, groups: Map<string, GroupDoc>): string {
  const groupName = (id: string | null) => (id ? (groups.get(id)?.name ?? '未知党小组') : '无')
  const parts: string[] = []
  if (before.name !== after.name) parts.push(`姓名：${before.name} → ${after.name}`)
  if (before.category !== after.category) parts.push(`类别：${memberCategoryLabels[before.category]} → ${memberCategoryLabels[after.category]}`)
  if (before.groupId !== after.groupId) parts.push(`党小组：${groupName(before.groupId)} → ${groupName(after.groupId)}`)
  if (before.positions.join() !== after.positions.join()) parts.push(`职务：${positionText(before.positions)} → ${positionText(after.positions)}`)
  if (before.phone !== after.phone) parts.push(`手机号：${maskPhone(before.phone)} → ${maskPhone(after.phone)}`)
  const dated = applyDates(datedEntry(before), { ...after.dates, joinedPartyAt: after.joinedPartyAt ?? null }, '9999-12-31').changed
  if (dated.length) parts.push(describeDateChanges(dated))
  return parts.join('；')
}

/** A roster entry's category and dates, as the membership rules take them. */
export const datedEntry = (m: Pick<MemberDoc, 'category' | 'joinedPartyAt' | 'dates'>): DatedEntry => ({ category: m.category, joinedPartyAt: m.joinedPartyAt ?? null, dates: m.dates ?? {} })
