/**
 * The grammar of check-in codes, built and parsed here only, by the functions and the app alike:
 *
 * - a rotating token `<meetingId>.<slot>.<signature>`: the meeting's id (32 hex), the 15-second
 *   slot it was shown in (base 36), and the server's signature (22 base64url characters);
 * - the link the host's QR code carries: `<base>/pages/checkin/index?t=<token>`, which opens the
 *   check-in page in WeChat's scanner (ordinary-link rule, passed as `q`), the app and a browser;
 * - a printed mini-program code's scene `c=<code>`: the meeting's 8-character static code;
 * - a volunteer shift's rotating token `s.<shiftId>.<slot>.<signature>`: the same machinery with
 *   its purpose first and inside the signed text (see signedText), so a meeting's code never
 *   passes at a shift nor a shift's at a meeting. Its link opens the same check-in page.
 */

/** Rotating codes change every 15 s; the current and the previous slot are accepted. */
export const tokenSlotMs = 15_000

export function tokenSlot(now: Date): number {
  return Math.floor(now.getTime() / tokenSlotMs)
}

export function isSlotAccepted(slot: number, now: Date): boolean {
  const current = tokenSlot(now)
  return slot === current || slot === current - 1
}

/** Milliseconds until the code shown now is replaced. */
export function msUntilNextSlot(now: Date): number {
  return tokenSlotMs - (now.getTime() % tokenSlotMs)
}

export const signatureLength = 22

/** What a signed code is for: checking in to a meeting, or to a volunteer shift. */
export type CodePurpose = 'meeting' | 'shift'
const purposePrefix: Record<CodePurpose, string> = { meeting: '', shift: 's.' }
const signedCodePattern = /^(s\.)?([0-9a-f]{32})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/

export function formatToken(subjectId: string, slot: number, signature: string, purpose: CodePurpose = 'meeting'): string {
  return `${purposePrefix[purpose]}${subjectId}.${slot.toString(36)}.${signature}`
}

/** The text a code's signature covers. A meeting's is what it always was, so codes on screen stay valid. */
export function signedText(purpose: CodePurpose, subjectId: string, slot: number): string {
  return purpose === 'meeting' ? `${subjectId}.${slot}` : `${purpose}:${subjectId}.${slot}`
}

/** Any signed code: its purpose, the meeting or shift it names, its slot and signature. */
export function parseSignedCode(token: string): { purpose: CodePurpose; id: string; slot: number; signature: string } | null {
  const match = token.match(signedCodePattern)
  if (!match) return null
  const slot = parseInt(match[3], 36)
  return Number.isSafeInteger(slot) ? { purpose: match[1] ? 'shift' : 'meeting', id: match[2], slot, signature: match[4] } : null
}

/** A meeting's token; null for anything else, a shift's code included. */
export function parseToken(token: string): { meetingId: string; slot: number; signature: string } | null {
  const parsed = parseSignedCode(token)
  return parsed?.purpose === 'meeting' ? { meetingId: parsed.id, slot: parsed.slot, signature: parsed.signature } : null
}

/** The static code of a meeting: 8 characters without look-alikes (no 0/O, 1/I). */
export const staticCodeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const staticCodeLength = 8
const scenePattern = new RegExp(`^c=([${staticCodeAlphabet}]{${staticCodeLength}})$`)

/** A static code from random bytes (one byte per character). */
export function staticCodeFrom(bytes: ArrayLike<number>): string {
  return Array.from({ length: staticCodeLength }, (_x, i) => staticCodeAlphabet[bytes[i] % staticCodeAlphabet.length]).join('')
}

/** The scene of a meeting's printed mini-program code. */
export function staticScene(code: string): string {
  return `c=${code}`
}

/** Decodes a URL component once; null when it is malformed. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/**
 * The static code in a scene, as WeChat hands it over (URL-encoded once, `c%3DABCD2345`) or
 * already decoded; null for anything else.
 */
export function staticCodeOfScene(scene: string): string | null {
  const text = decoded(scene)
  return text === null ? null : (text.match(scenePattern)?.[1] ?? null)
}

/** The page a check-in link opens, without a leading slash (as WeChat's APIs want it). */
export const checkinPage = 'pages/checkin/index'

/** The link the host's rotating QR code carries. */
export function checkinLink(base: string, token: string): string {
  return `${base.replace(/\/$/, '')}/${checkinPage}?t=${token}`
}

/** What a scanned code stands for. */
export type ScanCode = { token: string } | { scene: string }

/** The value of `key` in a query string, decoded; null when absent or malformed. */
function queryValue(query: string, key: string): string | null {
  for (const pair of query.split('&')) {
    const [k, value = ''] = pair.split('=')
    if (k === key && value) return decoded(value)
  }
  return null
}

/**
 * What a scanned text stands for: a check-in link (…/pages/checkin/index?t=…), a mini-program
 * code's path (pages/checkin/index?scene=c%3D…) or raw scene (c=…), or a bare token.
 */
export function parseScanned(text: string | undefined | null): ScanCode | null {
  if (!text) return null
  const raw = text.trim()
  const query = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : ''
  if (query) {
    const token = queryValue(query, 't')
    if (token) return { token }
    const scene = queryValue(query, 'scene')
    if (scene) return { scene }
  }
  if (staticCodeOfScene(raw)) return { scene: decoded(raw) as string }
  if (parseSignedCode(raw)) return { token: raw }
  return null
}

/**
 * The code the check-in page was opened with: `t` (the rotating link), `scene` (a printed
 * mini-program code, still URL-encoded) or `q` (WeChat's scanner opening an ordinary link).
 */
export function codeFromPageParams(params: Partial<Record<string, string>>): ScanCode | null {
  if (params.t) return { token: params.t }
  if (params.scene) return { scene: decoded(params.scene) ?? params.scene }
  return parseScanned(params.q ? decoded(params.q) : null)
}

/** The app's URL of the check-in page for a code. */
export function checkinPageUrl(code: ScanCode): string {
  return 'token' in code ? `/${checkinPage}?t=${encodeURIComponent(code.token)}` : `/${checkinPage}?scene=${encodeURIComponent(code.scene)}`
}

/** Whether a scanned code checks in to a volunteer shift rather than a meeting. */
export function isShiftCode(code: ScanCode): boolean {
  return 'token' in code && parseSignedCode(code.token)?.purpose === 'shift'
}
