import { createHmac, timingSafeEqual } from 'node:crypto'
import { formatToken, signatureLength, signedText, type CodePurpose } from '../../shared/domain/checkin-code'

/** A meeting or a volunteer shift: what a rotating code names, with the key that signs its codes. */
export interface CodeSubject {
  _id: string
  secret: string
}

/**
 * Signs rotating check-in tokens (their grammar is in shared/domain/checkin-code.ts): an HMAC of
 * the subject, its purpose and the 15-second slot under the subject's own secret. Only the server
 * can make one; a token names its meeting (or shift) and the moment it was shown.
 */
export function signToken(subject: CodeSubject, slot: number, purpose: CodePurpose = 'meeting'): string {
  return formatToken(subject._id, slot, signature(subject, slot, purpose), purpose)
}

function signature(subject: CodeSubject, slot: number, purpose: CodePurpose): string {
  return createHmac('sha256', subject.secret).update(signedText(purpose, subject._id, slot)).digest('base64url').slice(0, signatureLength)
}

export function isGenuine(subject: CodeSubject, slot: number, given: string, purpose: CodePurpose = 'meeting'): boolean {
  const expected = Buffer.from(signature(subject, slot, purpose))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/** The public H5 origin that check-in links open (set APP_LINK_BASE in the function's environment). */
export function appLinkBase(): string {
  return (process.env.APP_LINK_BASE || 'https://zhibutong.example.cn').replace(/\/$/, '')
}
