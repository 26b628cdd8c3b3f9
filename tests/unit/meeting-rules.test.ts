import {
  arrivalStatus,
  audienceRole,
  checkinWindow,
  defaultCheckinPolicy,
  distanceMeters,
  quorum,
  type MeetingAudience,
} from '../../shared/domain/meeting'
import { isSlotAccepted, msUntilNextSlot, tokenSlot } from '../../shared/domain/checkin-code'

// 16:30–17:30 Beijing time on 25 November 2026 (08:30–09:30 UTC).
const meeting = { startAt: new Date('2026-11-25T08:30:00Z'), endAt: new Date('2026-11-25T09:30:00Z'), checkin: defaultCheckinPolicy }
const at = (beijing: string) => new Date(`2026-11-25T${beijing}:00+08:00`)

describe('check-in window', () => {
  it('opens 30 minutes before the start and closes at the end', () => {
    expect(checkinWindow(meeting, at('15:59')).state).toBe('notOpen')
    expect(checkinWindow(meeting, at('16:00')).state).toBe('open')
    expect(checkinWindow(meeting, at('17:30')).state).toBe('open')
    expect(checkinWindow(meeting, at('17:31')).state).toBe('closed')
  })
})

describe('lateness', () => {
  it('is on time until the start plus the grace, late after', () => {
    expect(arrivalStatus(meeting, at('16:35'))).toBe('present')
    expect(arrivalStatus(meeting, new Date(at('16:35').getTime() + 1000))).toBe('late')
  })
})

describe('rotating code slots', () => {
  const now = new Date('2026-11-25T08:30:07Z')
  it('accepts the current and the previous 15-second slot only', () => {
    const slot = tokenSlot(now)
    expect(isSlotAccepted(slot, now)).toBe(true)
    expect(isSlotAccepted(slot - 1, now)).toBe(true)
    expect(isSlotAccepted(slot - 2, now)).toBe(false)
    expect(isSlotAccepted(slot + 1, now)).toBe(false)
  })
  it('tells the host screen when the code changes', () => {
    expect(msUntilNextSlot(new Date('2026-11-25T08:30:07Z'))).toBe(8000)
  })
})

describe('audience', () => {
  const branch: MeetingAudience = { kind: 'branch', groupId: null, memberIds: [], allowObservers: true }
  const member = (category: 'full' | 'probationary' | 'activist' | 'nonMember', extra: object = {}) => ({ _id: 'm', groupId: 'g1', positions: [], category, ...extra })
  it('expects party members of the branch and lets activists observe where allowed', () => {
    expect(audienceRole(branch, member('full'))).toBe('expected')
    expect(audienceRole(branch, member('probationary'))).toBe('expected')
    expect(audienceRole(branch, member('activist'))).toBe('observer')
    expect(audienceRole({ ...branch, allowObservers: false }, member('activist'))).toBe('outside')
  })
  it('expects the committee at a 支委会 and one group at its 党小组会', () => {
    expect(audienceRole({ ...branch, kind: 'committee', allowObservers: false }, member('full', { positions: ['organizationCommittee'] }))).toBe('expected')
    expect(audienceRole({ ...branch, kind: 'committee', allowObservers: false }, member('full', { positions: ['groupLeader'] }))).toBe('outside')
    expect(audienceRole({ ...branch, kind: 'group', groupId: 'g2', allowObservers: false }, member('full'))).toBe('outside')
    expect(audienceRole({ kind: 'members', groupId: null, memberIds: ['m'], allowObservers: false }, member('nonMember'))).toBe('expected')
  })
})

describe('quorum', () => {
  const people = (full: number, probationary: number) => [
    ...Array.from({ length: full }, (_, i) => ({ _id: `f${i}`, category: 'full' as const })),
    ...Array.from({ length: probationary }, (_, i) => ({ _id: `p${i}`, category: 'probationary' as const })),
  ]
  it('needs more than half of the 正式党员 at a 支部党员大会; 预备党员 do not count', () => {
    const expected = people(20, 3)
    const attended = (n: number) => new Set([...expected.slice(0, n).map((m) => m._id), 'p0', 'p1', 'p2'])
    expect(quorum('generalMeeting', expected, attended(10))).toEqual({ required: 11, present: 10, base: 20, met: false })
    expect(quorum('generalMeeting', expected, attended(11))?.met).toBe(true)
  })
  it('needs more than half of the committee at a 支委会, and none elsewhere', () => {
    const committee = people(5, 0)
    expect(quorum('committeeMeeting', committee, new Set(['f0', 'f1', 'f2']))).toEqual({ required: 3, present: 3, base: 5, met: true })
    expect(quorum('themedPartyDay', committee, new Set())).toBeNull()
  })
})

describe('distance', () => {
  it('measures metres between two points', () => {
    expect(distanceMeters({ latitude: 31.2304, longitude: 121.4737 }, { latitude: 31.2304, longitude: 121.4837 })).toBeGreaterThan(940)
    expect(distanceMeters({ latitude: 31.2304, longitude: 121.4737 }, { latitude: 31.2304, longitude: 121.4837 })).toBeLessThan(960)
  })
})
