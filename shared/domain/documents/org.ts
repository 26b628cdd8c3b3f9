import type { ComplianceRulesSetting } from '../compliance'

/** The organisation and its branches and groups, and who administers an organisation. */

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
  /** Changes that took the 书记 position from someone: written so that two never overlap. */
  secretaryChanges?: number
  /** The branch's own 三会一课 rules over the defaults (党课 monthly, days of warning…). */
  complianceRules?: ComplianceRulesSetting
}

/** 党小组. */
export interface GroupDoc {
  _id: string
  branchId: string
  name: string
  order: number
}

/** An administrator of an organisation (党委/党总支): sees every branch of it. `_id` is the OPENID. */
export interface OrgAdminDoc {
  _id: string
  orgId: string
  name: string
}
