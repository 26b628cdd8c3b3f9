import { audienceRole, type MeetingAudience } from './meeting'
import type { MemberCategory } from './member'
import { dayOf, membersOn, type RosterPerson } from './membership'
import type { Instant } from './time'

/**
 * A meeting's expected list (应到): who was expected, with each one's category that day (the
 * quorum counts 正式党员), and their 党小组. Until the meeting ends it follows the roster's dates;
 * once it has ended it is written into the meeting's record (`FrozenRoll`) and every screen, sheet,
 * export and figure reads that list, so no later roster edit changes a closed record. A change
 * after the end is a logged correction of the list.
 */

export interface RollPerson {
  memberId: string
  name: string
  groupId: string | null
  category: MemberCategory
}

/** One change to a closed meeting's expected list: who, when, before, after, why. */
export interface RollCorrection {
  at: Date
  byMemberId: string
  byName: string
  memberId: string
  /** The person's entry before (null: added) and after (null: removed). */
  before: RollPerson | null
  after: RollPerson | null
  reason: string
}

/** The expected list as written when the meeting ended, and every correction since. */
export interface FrozenRoll {
  frozenAt: Date
  expected: RollPerson[]
  corrections: RollCorrection[]
}

/** Who is expected at a meeting from the roster as its dates say on the meeting's (Beijing) day. */
export function expectedOn(meeting: { audience: MeetingAudience; startAt: Instant }, roster: readonly RosterPerson[]): RollPerson[] {
  return membersOn(roster, dayOf(meeting.startAt)).flatMap(({ member, category }) =>
    audienceRole(meeting.audience, { _id: member.id, groupId: member.groupId, positions: member.positions, category }) === 'expected'
      ? [{ memberId: member.id, name: member.name, groupId: member.groupId, category }]
      : [],
  )
}

/** The one expected list of a meeting: the frozen one once written, else the roster's on its day. */
export function expectedOf(meeting: { audience: MeetingAudience; startAt: Instant; roll?: FrozenRoll | null }, roster: readonly RosterPerson[]): RollPerson[] {
  return meeting.roll ? meeting.roll.expected : expectedOn(meeting, roster)
}

/** The list a meeting that has ended keeps. */
export function freezeRoll(meeting: { audience: MeetingAudience; startAt: Instant }, roster: readonly RosterPerson[], now: Date): FrozenRoll {
  return { frozenAt: now, expected: expectedOn(meeting, roster), corrections: [] }
}

export type RollChange = { kind: 'add'; person: RollPerson } | { kind: 'remove'; memberId: string } | { kind: 'category'; memberId: string; category: MemberCategory }

/**
 * A correction applied to a frozen list, or why it cannot be: adding someone already on it,
 * removing or changing someone who is not, a category that is already theirs.
 */
export function correctRoll(roll: FrozenRoll, change: RollChange, by: { memberId: string; name: string }, reason: string, at: Date): { roll: FrozenRoll } | { problem: string } {
  const memberId = change.kind === 'add' ? change.person.memberId : change.memberId
  const before = roll.expected.find((p) => p.memberId === memberId) ?? null
  let after: RollPerson | null
  if (change.kind === 'add') {
    if (before) return { problem: `${before.name}已在应到名单中` }
    after = change.person
  } else if (!before) {
    return { problem: '此人不在应到名单中' }
  } else if (change.kind === 'remove') {
    after = null
  } else {
    if (before.category === change.category) return { problem: '类别没有变化' }
    after = { ...before, category: change.category }
  }
  const expected = after ? (before ? roll.expected.map((p) => (p.memberId === memberId ? after! : p)) : [...roll.expected, after]) : roll.expected.filter((p) => p.memberId !== memberId)
  return { roll: { ...roll, expected, corrections: [...roll.corrections, { at, byMemberId: by.memberId, byName: by.name, memberId, before, after, reason }] } }
}
