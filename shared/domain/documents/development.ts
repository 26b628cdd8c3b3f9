import type { DateFields } from './date-fields'
import type { DateKey } from '../development'
import type { DevelopmentSettings } from '../development-rules'
import type { VoteCount } from '../development-vote'
import type { CalendarEntry } from '../workdays'

/**
 * 发展党员's documents: one per person in the pipeline (`developments`, `_id` = the roster entry's
 * id, so a person is in it once) holding the dates entered, the people linked to them and the
 * documents received, and one per branch for its settings (`developmentSettings`, `_id` = branch).
 * Everything a person's timeline needs is in their one document, changed in one transaction by id.
 */

/** Who entered something, and when. */
export interface EnteredBy {
  memberId: string
  name: string
  at: Date
}

export type DevelopmentRecordKind = 'thoughtReport' | 'assessment' | 'sponsorOpinion'

/** A document received: 思想汇报 (by its date), a 培养联系人's 考察, an 介绍人's opinion. */
export interface DevelopmentRecord {
  id: string
  kind: DevelopmentRecordKind
  /** The day the document is dated. */
  date: string
  summary: string
  by: EnteredBy
}

export type VoteKind = 'admission' | 'confirmation'

/** The 支部党员大会's vote, as counted, with what the rule made of it. */
export interface DevelopmentVote extends VoteCount {
  kind: VoteKind
  meetingId: string
  /** The meeting's Beijing date: the 党员大会's date (预备期 from it, for an admission). */
  date: string
  passed: boolean
  by: EnteredBy
}

/** One change to a person's dates or facts: before and after, who and when. */
export interface DevelopmentLogEntry {
  at: Date
  by: string
  byName: string
  what: string
  before: string | null
  after: string | null
}

export interface DevelopmentDoc {
  _id: string
  branchId: string
  memberId: string
  name: string
  dates: Partial<Record<DateKey, string>>
  activistCarriedFrom: string | null
  mentorIds: string[]
  sponsorIds: string[]
  politicalReview: { conclusion: string; by: EnteredBy } | null
  training: { days: number; hours: number; by: EnteredBy } | null
  leavingOn: string | null
  extensionMonths: number | null
  transferredInProbationary: boolean
  records: DevelopmentRecord[]
  votes: DevelopmentVote[]
  log: DevelopmentLogEntry[]
  createdAt: Date
  updatedAt: Date
}

export const developmentDateFields: DateFields<DevelopmentDoc> = {
  'politicalReview.by.at': true,
  'training.by.at': true,
  'records.by.at': true,
  'votes.by.at': true,
  'log.at': true,
  createdAt: true,
  updatedAt: true,
}

export interface DevelopmentSettingsDoc {
  _id: string
  settings: Partial<DevelopmentSettings>
  /** The branch's own days off and days worked over the national calendar. */
  calendar: CalendarEntry[]
  updatedAt: Date
  updatedBy: string
}

export const developmentSettingsDateFields: DateFields<DevelopmentSettingsDoc> = { updatedAt: true }
