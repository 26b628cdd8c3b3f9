import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ErrorCode } from '../../shared/errors'
import { checkinLink, formatToken, msUntilNextSlot, signatureLength, signedText, tokenSlot, type CodePurpose } from '../../shared/domain/checkin-code'
import { minuteMs } from '../../shared/domain/time'
import type { Db } from './db'
import { FailureLimit } from './rate-limit'

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

/** What the screen showing a rotating code needs for the current slot: the token, its link as text and as a QR image, and how long it stands. */
export async function rotatingCode(subject: CodeSubject, purpose: CodePurpose, now: Date): Promise<{ token: string; link: string; qr: string; expiresInMs: number }> {
  const token = signToken(subject, tokenSlot(now), purpose)
  const link = checkinLink(appLinkBase(), token)
  // Loaded on the first screen, not on every cold start of a function that mostly scans.
  const { toDataURL } = await import('qrcode')
  return { token, link, qr: await toDataURL(link, { margin: 1, width: 560, errorCorrectionLevel: 'M' }), expiresInMs: msUntilNextSlot(now) }
}

/** A check-in window as the contract sends it. */
export function windowView<S extends string>(window: { state: S; opensAt: Date; closesAt: Date }): { state: S; opensAt: string; closesAt: string } {
  return { state: window.state, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() }
}

/** Ten wrong codes in five minutes from one person, then a pause: at meetings and at shifts alike, each counted apart. */
const wrongCodes = new FailureLimit(10, 5 * minuteMs)

export function refuseWrongCode(db: Db, purpose: CodePurpose, openid: string, code: ErrorCode, now: Date, message?: string): Promise<never> {
  return wrongCodes.refuse(db, `${purpose === 'meeting' ? 'checkin' : 'shift'}:${openid}`, now, '签到码错误次数过多，请 5 分钟后再试', code, message)
}
