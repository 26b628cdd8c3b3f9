import type { MemberCategory, Position } from './member'
import type { Capability } from './permissions'

/** 党委 / 党总支: may hold several branches. */
export interface OrgDoc {
  _id: string
  name: string
}

/** 党支部: the unit that owns records. */
export interface BranchDoc {
  _id: string
  orgId: string
  name: string
  /** Code a teacher enters to join the branch (加入码). */
  inviteCode: string
}

/** 党小组. */
export interface GroupDoc {
  _id: string
  branchId: string
  name: string
  order: number
}

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
}

/** An administrator of an organisation (党委/党总支): sees every branch of it. `_id` is the OPENID. */
export interface OrgAdminDoc {
  _id: string
  orgId: string
  name: string
}

/** Every change to a roster entry: who, when, what. */
export interface MemberHistoryDoc {
  _id: string
  memberId: string
  branchId: string
  at: Date
  byMemberId: string | null
  byName: string
  action: 'created' | 'updated' | 'imported' | 'transferredOut' | 'unbound' | 'bound' | 'capabilitiesChanged'
  note: string
}

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

/** One WeChat identity ↔ one member. `_id` is the OPENID, so an identity binds at most once. */
export interface BindingDoc {
  _id: string
  memberId: string
  branchId: string
  boundAt: Date
}
