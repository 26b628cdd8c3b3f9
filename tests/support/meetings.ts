import type { ActionInput } from '../../shared/api/contract'
import { hourMs, minuteMs } from '../../shared/domain/time'
import type { LocalCloud } from '../../localcloud/server'
import { tokenSlot } from '../../shared/domain/checkin-code'
import { signToken } from '../../cloudfunctions/_lib/checkin-token'

/** An instant `n` minutes from now, as the contract takes it. */
export const inMinutes = (n: number) => new Date(Date.now() + n * minuteMs).toISOString()

/** The instant `n` hours before now. */
export const hoursAgo = (n: number) => new Date(Date.now() - n * hourMs)

/**
 * Moves a meeting in the store to another time, as if it had been held then: the functions never
 * set a meeting in the past, and a test needs meetings that are over.
 */
export async function moveMeeting(cloud: LocalCloud, meetingId: string, startAt: Date, endAt: Date): Promise<void> {
  const doc = cloud.store.getDoc('meetings', meetingId)!
  await cloud.store.commit([{ coll: 'meetings', id: meetingId, doc: { ...doc, startAt, endAt } }])
}

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

/** The meeting's rotating check-in token a scan would carry now (or `slotOffset` slots away). */
export function meetingToken(cloud: LocalCloud, meetingId: string, slotOffset = 0): string {
  const meeting = cloud.store.getDoc('meetings', meetingId) as unknown as { _id: string; secret: string }
  return signToken(meeting, tokenSlot(new Date()) + slotOffset)
}
