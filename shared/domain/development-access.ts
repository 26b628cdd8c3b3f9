import type { Position } from './member'
import { committeePositions } from './member'
import type { Capability } from './permissions'
import type { DevelopmentRecordKind } from './documents/development'

/**
 * Who sees and does what in 发展党员. Only the committee decides: entering a decision, a date, the
 * linked people or a vote takes 发展党员 (书记, 副书记 and 组织委员 by default) and a committee
 * position, so a grant to someone outside the committee gives nothing. A 培养联系人 sees the people
 * they are linked to and adds their 考察; an 入党介绍人 sees theirs and adds their opinion; the
 * person sees their own timeline and hands in 思想汇报. The organisation admin reads every branch's
 * pipeline and changes nothing.
 */

export interface DevelopmentViewer {
  memberId: string
  positions: readonly Position[]
  capabilities: readonly Capability[]
}

export interface DevelopmentLinks {
  memberId: string
  mentorIds: readonly string[]
  sponsorIds: readonly string[]
}

export function mayDecideDevelopment(viewer: Pick<DevelopmentViewer, 'positions' | 'capabilities'>): boolean {
  return viewer.capabilities.includes('manageDevelopment') && viewer.positions.some((p) => committeePositions.includes(p))
}

export interface DevelopmentAccess {
  see: boolean
  decide: boolean
  self: boolean
  mentor: boolean
  sponsor: boolean
}

export function developmentAccess(viewer: DevelopmentViewer, person: DevelopmentLinks): DevelopmentAccess {
  const decide = mayDecideDevelopment(viewer)
  const self = viewer.memberId === person.memberId
  const mentor = person.mentorIds.includes(viewer.memberId)
  const sponsor = person.sponsorIds.includes(viewer.memberId)
  return { see: decide || self || mentor || sponsor, decide, self, mentor, sponsor }
}

/** Who may enter a document of each kind: its author's role, or the committee receiving it. */
export function mayAddRecord(access: DevelopmentAccess, kind: DevelopmentRecordKind): boolean {
  if (access.decide) return true
  if (kind === 'thoughtReport') return access.self
  if (kind === 'assessment') return access.mentor
  return access.sponsor
}

export const recordKindLabels: Record<DevelopmentRecordKind, string> = {
  thoughtReport: '思想汇报',
  assessment: '培养考察',
  sponsorOpinion: '入党介绍人意见',
}
