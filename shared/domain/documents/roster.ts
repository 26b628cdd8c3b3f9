import type { DateFields } from './date-fields'
import type { MemberCategory, Position } from '../member'
import type { Capability } from '../permissions'
import type { ShiftPlace } from '../volunteer'

/** The roster: members, their history, join requests and the WeChat identities bound to them. */

/** Anyone on the roster, also 群众 volunteers. */
export interface MemberDoc {
  _id: string
  branchId: string
  groupId: string | null
  name: string
  category: MemberCategory
  positions: Position[]
  phone: string
  /** 入党时间, YYYY-MM-DD. */
  joinedPartyAt: string | null
  status: 'active' | 'transferredOut'
  /** Capabilities the secretary granted or revoked beyond the positions' defaults. */
  grants: Capability[]
  revokes: Capability[]
  createdAt: Date
  updatedAt: Date
  transferredAt?: Date
  /** The person's places on shifts that have not ended (see ShiftPlace); absent until their first sign-up since it was kept. */
  shiftPlaces?: ShiftPlace[]
}

export const memberDateFields: DateFields<MemberDoc> = { createdAt: true, updatedAt: true, transferredAt: true, 'shiftPlaces.startAt': true, 'shiftPlaces.endAt': true }

export type MemberHistoryAction = 'created' | 'updated' | 'imported' | 'transferredOut' | 'reactivated' | 'unbound' | 'bound' | 'capabilitiesChanged'

/** Every change to a roster entry: who, when, what. */
export interface MemberHistoryDoc {
  _id: string
  memberId: string
  branchId: string
  at: Date
  byMemberId: string | null
  byName: string
  action: MemberHistoryAction
  note: string
  /** Set when the category changed (转正 is probationary → full): the year's figures count these. */
  category?: { from: MemberCategory; to: MemberCategory }
}

export const memberHistoryDateFields: DateFields<MemberHistoryDoc> = { at: true }

/** A teacher's request to join a branch when name and phone do not match the roster exactly. `_id` is the OPENID. */
export interface JoinRequestDoc {
  _id: string
  branchId: string
  name: string
  phone: string
  status: 'pending' | 'bound' | 'rejected'
  submittedAt: Date
  decidedAt: Date | null
  decidedBy: string | null
  comment: string | null
  memberId: string | null
}

export const joinRequestDateFields: DateFields<JoinRequestDoc> = { submittedAt: true, decidedAt: true }

/** One WeChat identity ↔ one member. `_id` is the OPENID, so an identity binds at most once. */
export interface BindingDoc {
  _id: string
  memberId: string
  branchId: string
  boundAt: Date
}

export const bindingDateFields: DateFields<BindingDoc> = { boundAt: true }

/** Who a member is, as the roster, an import or a join request gives them. */
export type NewMemberFields = Pick<MemberDoc, '_id' | 'branchId' | 'groupId' | 'name' | 'category' | 'positions' | 'phone' | 'joinedPartyAt'>

/** A member just put on the roster: active, with only their positions' capabilities. */
export function newMember(fields: NewMemberFields, now: Date): MemberDoc {
  return { ...fields, status: 'active', grants: [], revokes: [], createdAt: now, updatedAt: now }
}
