import { correctRoll, expectedOf, expectedOn, freezeRoll } from '../../shared/domain/meeting-roll'
import { studyAudienceOn } from '../../shared/domain/study'
import type { MeetingAudience } from '../../shared/domain/meeting'
import { applyDates, branchFactsOn, categoryOn, dayOf, describeDateChanges, newMemberDates, inBranchOn, memberDatesProblems, membersOn, membershipFacts, periodMembershipFacts, stepsIn, type RosterPerson } from '../../shared/domain/membership'
import { beijingDate, fromBeijing } from '../../shared/domain/time'

/** A roster entry created at `created` (Beijing), with the dates given. */
const person = (id: string, fields: Partial<RosterPerson> & { created?: string } = {}): RosterPerson => ({
  id,
  name: id,
  groupId: 'g1',
  positions: [],
  category: 'full',
  joinedPartyAt: null,
  since: fromBeijing(fields.created ?? '2026-01-10', '10:00'),
  leftAt: null,
  ...fields,
})

describe('membership on a Beijing date', () => {
  it('holds from the day the branch was joined, up to the day before the transfer out', () => {
    const facts = membershipFacts(person('a', { dates: { joinedBranchOn: '2025-09-01', leftOn: '2026-03-05' } }))
    expect(inBranchOn(facts, '2025-08-31')).toBe(false)
    expect(inBranchOn(facts, '2025-09-01')).toBe(true)
    expect(inBranchOn(facts, '2026-03-04')).toBe(true)
    expect(inBranchOn(facts, '2026-03-05')).toBe(false)
  })

  it('takes an entry without dates as in the branch from the Beijing day it was created', () => {
    // Created at 23:59 Beijing on 1月9日 (15:59 UTC): a member from 1月9日, not 1月10日.
    const late = membershipFacts({ ...person('a'), since: fromBeijing('2026-01-09', '23:59') })
    expect(late.inBranchFrom).toBe('2026-01-09')
    // Created at 00:00 Beijing on 1月10日 (16:00 UTC the day before): from 1月10日.
    const midnight = membershipFacts({ ...person('b'), since: fromBeijing('2026-01-10', '00:00') })
    expect(midnight.inBranchFrom).toBe('2026-01-10')
    expect(inBranchOn(midnight, '2026-01-09')).toBe(false)
  })

  it('takes a transfer entered without a date as leaving on the Beijing day it was entered', () => {
    const facts = membershipFacts(person('a', { leftAt: fromBeijing('2026-03-05', '00:00') }))
    expect(facts.leftOn).toBe('2026-03-05')
    expect(inBranchOn(facts, '2026-03-04')).toBe(true)
    expect(inBranchOn(facts, '2026-03-05')).toBe(false)
  })

  it('gives the category each step had reached on the day: 积极分子, 发展对象, 预备, 转正', () => {
    const facts = membershipFacts(person('a', { category: 'full', joinedPartyAt: '2025-06-30', dates: { activistOn: '2023-03-01', candidateOn: '2024-09-01', fullOn: '2026-06-30' } }))
    expect(categoryOn(facts, '2023-02-28')).toBe('nonMember')
    expect(categoryOn(facts, '2023-03-01')).toBe('activist')
    expect(categoryOn(facts, '2024-09-01')).toBe('candidate')
    expect(categoryOn(facts, '2025-06-29')).toBe('candidate')
    expect(categoryOn(facts, '2025-06-30')).toBe('probationary')
    expect(categoryOn(facts, '2026-06-29')).toBe('probationary')
    expect(categoryOn(facts, '2026-06-30')).toBe('full')
  })

  it('keeps an undated present category throughout, and an undated lower step until the next dated one', () => {
    expect(categoryOn(membershipFacts(person('a', { category: 'full', joinedPartyAt: '2001-07-01' })), '2020-01-01')).toBe('full')
    // 转正 dated, 入党 not: 预备党员 before the 转正.
    expect(categoryOn(membershipFacts(person('b', { category: 'full', dates: { fullOn: '2026-05-01' } })), '2026-04-30')).toBe('probationary')
    expect(categoryOn(membershipFacts(person('c', { category: 'nonMember' })), '2026-04-30')).toBe('nonMember')
  })

  it('falls back to the day a category change was logged when the change has no date', () => {
    const member = person('a', { category: 'full', categoryChanges: [{ at: fromBeijing('2026-02-01', '23:30'), from: 'probationary', to: 'full' }] })
    expect(categoryOn(membershipFacts(member), '2026-01-31')).toBe('probationary')
    expect(categoryOn(membershipFacts(member), '2026-02-01')).toBe('full')
    // A date the secretary entered wins over the log.
    expect(categoryOn(membershipFacts({ ...member, dates: { fullOn: '2025-12-01' } }), '2026-01-01')).toBe('full')
  })

  it('lists who was in the branch on a day, each with the category then', () => {
    const roster = [
      person('a'),
      person('b', { dates: { joinedBranchOn: '2026-03-01' } }),
      person('c', { category: 'probationary', joinedPartyAt: '2026-02-01' }),
      person('d', { dates: { leftOn: '2026-02-15' } }),
    ]
    expect(membersOn(roster, '2026-02-10').map((m) => [m.member.id, m.category])).toEqual([
      ['a', 'full'],
      ['c', 'probationary'],
      ['d', 'full'],
    ])
    const facts = branchFactsOn(roster, [{ id: 'g1' }, { id: 'g2' }], '2026-03-01')
    expect(facts).toMatchObject({ date: '2026-03-01', groups: 2 })
    expect(facts.members.byCategory.full.sort()).toEqual(['a', 'b'])
    expect(facts.members.partyMembers.sort()).toEqual(['a', 'b', 'c'])
  })

  it('counts new 积极分子, 发展对象, 预备党员 and 转正 of a span by their dates, both ends included, only while in the branch', () => {
    const roster = [
      person('a', { category: 'activist', dates: { activistOn: '2026-01-01', joinedBranchOn: '2025-01-01' } }),
      person('b', { category: 'candidate', dates: { activistOn: '2025-05-01', candidateOn: '2026-06-30', joinedBranchOn: '2025-01-01' } }),
      person('c', { category: 'probationary', joinedPartyAt: '2026-03-15', dates: { joinedBranchOn: '2025-01-01' } }),
      person('d', { category: 'full', joinedPartyAt: '2025-07-01', dates: { fullOn: '2026-07-01', joinedBranchOn: '2025-01-01' } }),
      // Became 预备 in another branch, then transferred in: not this branch's new member.
      person('e', { category: 'probationary', joinedPartyAt: '2026-02-01', dates: { joinedBranchOn: '2026-04-01' } }),
    ]
    expect(stepsIn(roster, { from: '2026-01-01', to: '2026-06-30' })).toEqual({ activists: ['a'], candidates: ['b'], probationary: ['c'], confirmed: [] })
    expect(stepsIn(roster, { from: '2026-07-01', to: '2026-12-31' })).toEqual({ activists: [], candidates: [], probationary: [], confirmed: ['d'] })
    const half = periodMembershipFacts(roster, [], { from: '2026-01-01', to: '2026-06-30' })
    expect(half.members.partyMembers.sort()).toEqual(['c', 'd', 'e'])
    expect(half.members.byCategory.probationary.sort()).toEqual(['c', 'd', 'e'])
  })

  it('refuses dates after today, steps out of order and steps above the category', () => {
    expect(memberDatesProblems({ category: 'full', joinedPartyAt: '2020-07-01', fullOn: '2021-07-01', joinedBranchOn: '2026-12-08' }, '2026-12-08')).toEqual({})
    expect(memberDatesProblems({ category: 'full', joinedBranchOn: '2026-12-09' }, '2026-12-08')).toEqual({ joinedBranchOn: '加入支部日期不能晚于今天' })
    expect(memberDatesProblems({ category: 'full', joinedPartyAt: '2021-07-01', fullOn: '2020-07-01' }, '2026-12-08')).toEqual({ fullOn: '转正日期不能早于入党时间' })
    expect(memberDatesProblems({ category: 'probationary', fullOn: '2020-07-01' }, '2026-12-08')).toEqual({ fullOn: '预备党员没有转正日期' })
    expect(memberDatesProblems({ category: 'full', joinedBranchOn: '2025-01-01', leftOn: '2024-01-01' }, '2026-12-08')).toEqual({ leftOn: '转出日期不能早于加入支部日期' })
    expect(memberDatesProblems({ category: 'full', fullOn: '2025-02-30' }, '2026-12-08')).toEqual({ fullOn: '转正日期不是有效日期' })
  })
})

describe("a meeting's expected list", () => {
  const branch: MeetingAudience = { kind: 'branch', groupId: null, memberIds: [], allowObservers: true }
  const roster = [
    person('a'),
    person('b', { category: 'probationary', joinedPartyAt: '2026-03-01' }),
    person('c', { category: 'activist' }),
    person('d', { dates: { leftOn: '2026-04-01' } }),
  ]
  // A meeting at 23:30 Beijing on 3月31日 (15:30 UTC): the day that counts is 3月31日.
  const meeting = { audience: branch, startAt: fromBeijing('2026-03-31', '23:30') }

  it('names the Party members in the branch on the meeting’s Beijing day, with their category that day', () => {
    expect(expectedOn(meeting, roster)).toEqual([
      { memberId: 'a', name: 'a', groupId: 'g1', category: 'full' },
      { memberId: 'b', name: 'b', groupId: 'g1', category: 'probationary' },
      { memberId: 'd', name: 'd', groupId: 'g1', category: 'full' },
    ])
    expect(expectedOn({ ...meeting, startAt: fromBeijing('2026-04-01', '00:00') }, roster).map((p) => p.memberId)).toEqual(['a', 'b'])
  })

  it('once frozen, keeps its list whatever the roster says later', () => {
    const roll = freezeRoll(meeting, roster, fromBeijing('2026-04-01', '08:00'))
    const later = roster.map((m) => (m.id === 'a' ? { ...m, dates: { joinedBranchOn: '2026-04-02' } } : m))
    expect(expectedOf({ ...meeting, roll }, later).map((p) => p.memberId)).toEqual(['a', 'b', 'd'])
    expect(expectedOf(meeting, later).map((p) => p.memberId)).toEqual(['b', 'd'])
  })

  it('changes a frozen list only by a correction that keeps who, when, before, after and why', () => {
    const roll = freezeRoll(meeting, roster, fromBeijing('2026-04-01', '08:00'))
    const by = { memberId: 'sec', name: '李红梅' }
    const at = fromBeijing('2026-04-02', '09:00')
    const removed = correctRoll(roll, { kind: 'remove', memberId: 'd' }, by, '已于3月转出', at)
    if (!('roll' in removed)) throw new Error(removed.problem)
    expect(removed.roll.expected.map((p) => p.memberId)).toEqual(['a', 'b'])
    expect(removed.roll.corrections).toEqual([{ at, byMemberId: 'sec', byName: '李红梅', memberId: 'd', before: roll.expected[2], after: null, reason: '已于3月转出' }])
    expect(roll.expected).toHaveLength(3)
    expect(correctRoll(removed.roll, { kind: 'remove', memberId: 'd' }, by, '再删', at)).toEqual({ problem: '此人不在应到名单中' })
    expect(correctRoll(removed.roll, { kind: 'add', person: roll.expected[0] }, by, '重复', at)).toEqual({ problem: 'a已在应到名单中' })
    const changed = correctRoll(removed.roll, { kind: 'category', memberId: 'b', category: 'full' }, by, '3月已转正', at)
    expect('roll' in changed && changed.roll.expected.find((p) => p.memberId === 'b')?.category).toBe('full')
  })
})

describe('an edit of dated facts', () => {
  const probationary = { category: 'probationary' as const, joinedPartyAt: '2025-06-30', dates: { joinedBranchOn: '2020-09-01' } }

  it('dates a 转正 on the day given, else today (Beijing), and keeps who changed what for the history', () => {
    const given = applyDates(probationary, { category: 'full', fullOn: '2026-06-30' }, '2026-12-08')
    expect(given.entry).toEqual({ category: 'full', joinedPartyAt: '2025-06-30', dates: { joinedBranchOn: '2020-09-01', fullOn: '2026-06-30' } })
    expect(given.changed).toEqual([{ field: 'fullOn', before: null, after: '2026-06-30' }])
    expect(describeDateChanges(given.changed)).toBe('转正日期：未填 → 2026-06-30')
    expect(applyDates(probationary, { category: 'full' }, '2026-12-08').entry.dates.fullOn).toBe('2026-12-08')
  })

  it('drops the dates above a category that went down, and refuses only the problems the edit brings', () => {
    const full = { category: 'full' as const, joinedPartyAt: '2025-06-30', dates: { fullOn: '2026-06-30' } }
    expect(applyDates(full, { category: 'probationary' }, '2026-12-08').entry).toEqual({ category: 'probationary', joinedPartyAt: '2025-06-30', dates: { fullOn: null } })
    const odd = { category: 'full' as const, joinedPartyAt: '2027-01-01', dates: {} }
    expect(applyDates(odd, { joinedBranchOn: '2020-01-01' }, '2026-12-08').problems).toEqual({})
    expect(applyDates(probationary, { fullOn: '2026-01-01' }, '2026-12-08').problems).toEqual({ fullOn: '预备党员没有转正日期' })
  })

  it('puts a new member in the branch from today unless a date is given', () => {
    expect(newMemberDates({}, '2026-12-08')).toEqual({ joinedBranchOn: '2026-12-08' })
    expect(newMemberDates({ joinedBranchOn: '2019-09-01', activistOn: '2024-03-01' }, '2026-12-08')).toEqual({ joinedBranchOn: '2019-09-01', activistOn: '2024-03-01' })
  })
})

describe("a study task's audience on its due date", () => {
  it('names who was in the branch and the audience that day, with the category then', () => {
    const roster = [
      person('a'),
      person('b', { category: 'probationary', joinedPartyAt: '2026-03-02' }),
      person('c', { dates: { leftOn: '2026-03-01' } }),
      person('d', { groupId: 'g2' }),
    ]
    expect(studyAudienceOn({ kind: 'branch', groupId: null, memberIds: [] }, roster, '2026-03-01')).toEqual(['a', 'd'])
    expect(studyAudienceOn({ kind: 'group', groupId: 'g1', memberIds: [] }, roster, '2026-03-02')).toEqual(['a', 'b'])
    expect(studyAudienceOn({ kind: 'members', groupId: null, memberIds: ['c', 'd'] }, roster, '2026-02-28')).toEqual(['c', 'd'])
  })
})

describe('the day of an instant', () => {
  it('is the Beijing date, as beijingDate gives it, either side of midnight', () => {
    for (const [date, clock] of [['2026-12-18', '23:59'], ['2026-12-19', '00:00'], ['2026-01-01', '00:00'], ['2025-12-31', '23:59']]) {
      const at = fromBeijing(date, clock)
      expect(dayOf(at)).toBe(date)
      expect(dayOf(at.getTime())).toBe(beijingDate(at))
      expect(dayOf(at.toISOString())).toBe(date)
    }
  })
})
