import type { ActionInput } from '../../shared/api/contract'

/** An instant `n` minutes from now, as the contract takes it. */
export const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString()

/** A published whole-branch meeting in an hour, for a test to adjust. */
export function meetingInput(overrides: Partial<ActionInput<'meeting.create'>> = {}): ActionInput<'meeting.create'> {
  return {
    type: 'themedPartyDay',
    title: '测试会议',
    startAt: inMinutes(60),
    endAt: inMinutes(120),
    venue: '会议室',
    audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false },
    hostId: null,
    recorderId: null,
    agenda: [],
    checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
    publish: true,
    ...overrides,
  }
}
