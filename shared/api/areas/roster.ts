import { z } from 'zod'
import type { MemberHistoryAction } from '../../domain/documents'
import { memberCategories, positions, type MemberCategory, type Position } from '../../domain/member'
import { capabilities, type Capability } from '../../domain/permissions'
import { calendarDate, cloudFileId, id, mobile, noInput, output, personName, type FileLink, type UploadName } from '../fields'

/** One roster entry as lists show it: the phone is always masked. */
export interface RosterMemberView {
  id: string
  name: string
  category: MemberCategory
  positions: Position[]
  groupId: string | null
  groupName: string | null
  phoneMasked: string
  joinedPartyAt: string | null
  /** The date each roster fact became true; 加入支部 falls back to the day the entry was created. */
  dates: { joinedBranchOn: string; activistOn: string | null; candidateOn: string | null; fullOn: string | null; leftOn: string | null }
  status: 'active' | 'transferredOut'
  bound: boolean
}

export interface RosterView {
  branch: { id: string; name: string; inviteCode: string }
  groups: Array<{ id: string; name: string; memberCount: number }>
  members: RosterMemberView[]
  /** Whether the caller may edit (else an organisation admin's read-only view). */
  canManage: boolean
}

export interface MemberHistoryEntry {
  at: string
  byName: string
  action: MemberHistoryAction
  note: string
}

/** The secretary's view of one member, for editing: the full phone and the change history. */
export interface MemberDetailView extends RosterMemberView {
  phone: string
  grants: Capability[]
  revokes: Capability[]
  capabilities: Capability[]
  history: MemberHistoryEntry[]
  /**
   * Why the caller may not unbind, rename, re-phone or transfer out this member (themselves, or a
   * 支委 when the caller is not 书记 or 副书记), or null when they may.
   */
  accountLocked: string | null
  /** Whether the caller may bring this transferred-out member back (书记 or 副书记). */
  canReactivate: boolean
}

export interface ImportSummary {
  rows: number
  created: number
  updated: number
  unchanged: number
  groupsCreated: string[]
  /** Each member the import updates: their row, name and what changes (党小组：一组 → 二组；…). */
  changes: Array<{ row: number; name: string; change: string }>
}

const memberFields = {
  name: personName,
  category: z.enum(memberCategories, { errorMap: () => ({ message: '请选择党员类别' }) }),
  groupId: id.nullable(),
  positions: z.array(z.enum(positions)).max(6),
  phone: mobile,
  joinedPartyAt: calendarDate.nullable(),
}

/** The dates of roster facts a form may set (each a Beijing date; today when a category changes without one). */
const dateFields = {
  joinedBranchOn: calendarDate.optional(),
  activistOn: calendarDate.nullable().optional(),
  candidateOn: calendarDate.nullable().optional(),
  fullOn: calendarDate.nullable().optional(),
}

export const rosterActions = {
  'roster.list': {
    input: z.object({ branchId: id.optional(), includeTransferred: z.boolean().optional() }).strict(),
    output: output<RosterView>(),
  },
  'roster.get': {
    input: z.object({ memberId: id }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.addMember': {
    input: z.object({ ...memberFields, ...dateFields }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.updateMember': {
    input: z
      .object({ memberId: id, ...memberFields, ...dateFields })
      .partial({ name: true, category: true, groupId: true, positions: true, phone: true, joinedPartyAt: true })
      .strict(),
    output: output<MemberDetailView>(),
  },
  'roster.transferOut': {
    input: z.object({ memberId: id, note: z.string().trim().min(1, '请填写转出说明').max(200), leftOn: calendarDate.optional() }).strict(),
    output: output<MemberDetailView>(),
  },
  /** Brings a transferred-out member back onto the roster, history kept (书记 or 副书记). */
  'roster.reactivate': {
    input: z.object({ memberId: id, note: z.string().trim().min(1, '请填写恢复说明').max(200) }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.unbind': {
    input: z.object({ memberId: id }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.setCapabilities': {
    input: z.object({ memberId: id, grants: z.array(z.enum(capabilities)), revokes: z.array(z.enum(capabilities)) }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.createGroup': {
    input: z.object({ name: z.string().trim().min(1, '请填写党小组名称').max(30) }).strict(),
    output: output<{ id: string; name: string }>(),
  },
  'roster.template': {
    input: noInput,
    output: output<FileLink>(),
  },
  /** The name to upload a roster sheet to, before roster.import. */
  'roster.prepareImport': {
    input: noInput,
    output: output<UploadName>(),
  },
  'roster.import': {
    input: z.object({ fileID: cloudFileId, dryRun: z.boolean() }).strict(),
    output: output<ImportSummary>(),
  },
  'roster.export': {
    input: z.object({ branchId: id.optional() }).strict(),
    output: output<FileLink>(),
  },
} as const
