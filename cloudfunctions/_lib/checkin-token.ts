import { createHmac, timingSafeEqual } from 'node:crypto'
import { formatToken, signatureLength } from '../../shared/domain/checkin-code'

/**
 * Signs rotating check-in tokens (their grammar is in shared/domain/checkin-code.ts): an HMAC of
 * meeting and 15-second slot under the meeting's own secret. Only the server can make one; a
 * token names its meeting and the moment it was shown.
 */
export function signToken(meeting: { _id: string; secret: string }, slot: number): string {
  return formatToken(meeting._id, slot, signature(meeting, slot))
}

function signature(meeting: { _id: string; secret: string }, slot: number): string {
  return createHmac('sha256', meeting.secret).update(`${meeting._id}.${slot}`).digest('base64url').slice(0, signatureLength)
}

export function isGenuine(meeting: { _id: string; secret: string }, slot: number, given: string): boolean {
  const expected = Buffer.from(signature(meeting, slot))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/** The public H5 origin that check-in links open (set APP_LINK_BASE in the function's environment). */
export function appLinkBase(): string {
  return (process.env.APP_LINK_BASE || 'https://zhibutong.example.cn').replace(/\/$/, '')
}
