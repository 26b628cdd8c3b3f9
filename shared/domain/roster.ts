import type { MemberCategory, Position } from './member'

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
  status: 'active' | 'transferredOut'
}

/** One WeChat identity ↔ one member. `_id` is the OPENID, so an identity binds at most once. */
export interface BindingDoc {
  _id: string
  memberId: string
  branchId: string
  boundAt: Date
}
