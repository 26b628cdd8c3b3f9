import type { Position } from './member'

/** What a member may do in their branch. Checked on the server in every action. */
export const capabilities = [
  'manageRoster',
  'manageMeetings',
  'approveLeave',
  'reviewAttendance',
  'manageVolunteer',
  'reviewNotes',
  'manageStudy',
  'manageDevelopment',
] as const
export type Capability = (typeof capabilities)[number]

export const capabilityLabels: Record<Capability, string> = {
  manageRoster: '管理花名册',
  manageMeetings: '管理会议',
  approveLeave: '审批请假',
  reviewAttendance: '查看考勤',
  manageVolunteer: '管理志愿服务',
  reviewNotes: '审阅心得',
  manageStudy: '管理学习（任务、测试、审阅）',
  manageDevelopment: '发展党员（录入决定与材料）',
}

/** Capabilities each position brings by default; the secretary can grant or revoke per member. */
export const positionCapabilities: Record<Position, readonly Capability[]> = {
  secretary: capabilities,
  deputySecretary: capabilities,
  organizationCommittee: ['manageRoster', 'manageMeetings', 'approveLeave', 'reviewAttendance', 'manageVolunteer', 'manageDevelopment'],
  publicityCommittee: ['manageMeetings', 'reviewNotes', 'manageVolunteer', 'manageStudy'],
  disciplineCommittee: ['reviewAttendance'],
  // A group leader acts within their own group (党小组会); branch-wide capabilities are granted.
  groupLeader: [],
}

export interface CapabilitySource {
  positions: readonly Position[]
  grants?: readonly Capability[]
  revokes?: readonly Capability[]
  status?: 'active' | 'transferredOut'
}

/** What a member's positions bring by default. */
export function defaultCapabilities(positions: readonly Position[]): Set<Capability> {
  return new Set<Capability>(positions.flatMap((p) => positionCapabilities[p]))
}

/** A secretary always keeps manageRoster, so a branch can never lock itself out of its roster. */
export function isLockedCapability(positions: readonly Position[], capability: Capability): boolean {
  return capability === 'manageRoster' && positions.includes('secretary')
}

/**
 * A member's capabilities: their positions' defaults, plus grants, minus revokes, and those a
 * position locks. A member who transferred out has none.
 */
export function capabilitiesOf(member: CapabilitySource): Capability[] {
  if (member.status === 'transferredOut') return []
  const set = defaultCapabilities(member.positions)
  for (const c of member.grants ?? []) set.add(c)
  for (const c of member.revokes ?? []) set.delete(c)
  return capabilities.filter((c) => set.has(c) || isLockedCapability(member.positions, c))
}

/** The grants and revokes that give a member with these positions exactly the wanted capabilities. */
export function capabilityChanges(positions: readonly Position[], wanted: ReadonlySet<Capability>): { grants: Capability[]; revokes: Capability[] } {
  const defaults = defaultCapabilities(positions)
  return {
    grants: capabilities.filter((c) => wanted.has(c) && !defaults.has(c)),
    revokes: capabilities.filter((c) => !wanted.has(c) && defaults.has(c)),
  }
}

/** Notes are reviewed by those who review notes and by those who run the branch's study. */
export function mayReviewNotes(capabilities: readonly Capability[]): boolean {
  return capabilities.includes('reviewNotes') || capabilities.includes('manageStudy')
}

/**
 * The desk's figures and 台账 are read by those whose work they count: who reviews attendance and
 * who runs the branch's study; each may open, read-only, every record a figure counts.
 */
export function mayReadDesk(capabilities: readonly Capability[]): boolean {
  return capabilities.includes('reviewAttendance') || mayReviewNotes(capabilities)
}

/**
 * The organisation admin (党总支) follows every branch (figures, roster, who handed in a task, a
 * test's overview) and changes only what the organisation itself set: the study tasks and theory
 * tests it set for every branch at once (a test of its own it may close early, in every branch).
 * What a branch set — its tasks, tests and their grading, notes, volunteer service, meetings,
 * roster and reminders — is the branch's to change.
 */
export function orgAdminMayChange(record: { orgTaskId?: string | null; orgTestId?: string | null }): boolean {
  return Boolean(record.orgTaskId ?? record.orgTestId)
}
