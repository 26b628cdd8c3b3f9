import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Rotating check-in tokens: `<meetingId>.<slot>.<signature>`, the signature an HMAC of meeting and
 * 15-second slot under the meeting's own secret. Only the server can make one; a token names its
 * meeting and the moment it was shown.
 */
export function signToken(meeting: { _id: string; secret: string }, slot: number): string {
  return `${meeting._id}.${slot.toString(36)}.${signature(meeting, slot)}`
}

function signature(meeting: { _id: string; secret: string }, slot: number): string {
  return createHmac('sha256', meeting.secret).update(`${meeting._id}.${slot}`).digest('base64url').slice(0, 22)
}

export function parseToken(token: string): { meetingId: string; slot: number; signature: string } | null {
  const match = token.match(/^([0-9a-f]{32})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/)
  if (!match) return null
  const slot = parseInt(match[2], 36)
  return Number.isSafeInteger(slot) ? { meetingId: match[1], slot, signature: match[3] } : null
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
