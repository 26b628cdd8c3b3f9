import {
  checkinLink,
  checkinPageUrl,
  codeFromPageParams,
  formatToken,
  isShiftCode,
  parseScanned,
  parseSignedCode,
  parseToken,
  signedText,
  staticCodeFrom,
  staticCodeOfScene,
  staticScene,
  tokenSlot,
  tokenSlotMs,
} from '../../shared/domain/checkin-code'

const meetingId = '0123456789abcdef0123456789abcdef'
const signature = 'AbCdEfGhIjKlMnOpQrSt_-'
const token = formatToken(meetingId, 1_234_567, signature)

describe('rotating tokens', () => {
  it('carry the meeting, the slot and the signature, and read back the same', () => {
    expect(parseToken(token)).toEqual({ meetingId, slot: 1_234_567, signature })
    expect(parseToken(`${token}x`)).toBeNull()
    expect(parseToken('not-a-token')).toBeNull()
  })

  it('change every 15 seconds', () => {
    expect(tokenSlotMs).toBe(15_000)
    expect(tokenSlot(new Date('2026-11-25T08:30:14.999Z'))).toBe(tokenSlot(new Date('2026-11-25T08:30:00Z')))
    expect(tokenSlot(new Date('2026-11-25T08:30:15Z'))).toBe(tokenSlot(new Date('2026-11-25T08:30:00Z')) + 1)
  })
})

describe('codes for a volunteer shift', () => {
  const shiftToken = formatToken(meetingId, 1_234_567, signature, 'shift')

  it('carry their purpose first, so a shift code is never read as a meeting token', () => {
    expect(shiftToken).toBe(`s.${token}`)
    expect(parseSignedCode(shiftToken)).toEqual({ purpose: 'shift', id: meetingId, slot: 1_234_567, signature })
    expect(parseSignedCode(token)).toEqual({ purpose: 'meeting', id: meetingId, slot: 1_234_567, signature })
    expect(parseToken(shiftToken)).toBeNull()
    expect(parseSignedCode(`x.${token}`)).toBeNull()
  })

  it('sign their purpose with the rest, and a meeting what it always signed', () => {
    expect(signedText('meeting', meetingId, 7)).toBe(`${meetingId}.7`)
    expect(signedText('shift', meetingId, 7)).toBe(`shift:${meetingId}.7`)
  })

  it('open the same check-in page, which tells them apart', () => {
    const scanned = parseScanned(checkinLink('https://zbt.example.cn', shiftToken))
    expect(scanned).toEqual({ token: shiftToken })
    expect(isShiftCode(scanned as { token: string })).toBe(true)
    expect(isShiftCode({ token })).toBe(false)
    expect(isShiftCode({ scene: 'c=ABCD2345' })).toBe(false)
  })
})

describe('printed codes', () => {
  it('are 8 characters without look-alikes, in a scene c=…', () => {
    const code = staticCodeFrom([0, 1, 2, 3, 4, 5, 6, 255])
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    expect(staticScene(code)).toBe(`c=${code}`)
  })

  it('are read from a scene as WeChat hands it over, URL-encoded once, or already decoded', () => {
    expect(staticCodeOfScene('c%3DABCD2345')).toBe('ABCD2345')
    expect(staticCodeOfScene('c=ABCD2345')).toBe('ABCD2345')
    expect(staticCodeOfScene('c=ABCD')).toBeNull()
    expect(staticCodeOfScene('c=ABCD0123')).toBeNull()
    expect(staticCodeOfScene('c%3DAB%')).toBeNull()
  })
})

describe('what a scan stands for', () => {
  it('reads the host’s link, a mini-program code’s path or scene, and a bare token', () => {
    const link = checkinLink('https://zbt.example.cn/', token)
    expect(link).toBe(`https://zbt.example.cn/pages/checkin/index?t=${token}`)
    expect(parseScanned(link)).toEqual({ token })
    expect(parseScanned('pages/checkin/index?scene=c%3DABCD2345')).toEqual({ scene: 'c=ABCD2345' })
    expect(parseScanned('c%3DABCD2345')).toEqual({ scene: 'c=ABCD2345' })
    expect(parseScanned(token)).toEqual({ token })
    expect(parseScanned('https://example.com/')).toBeNull()
    expect(parseScanned('')).toBeNull()
  })

  it('takes the code the check-in page was opened with: t, a printed code’s scene, or WeChat’s q', () => {
    expect(codeFromPageParams({ t: token })).toEqual({ token })
    expect(codeFromPageParams({ scene: 'c%3DABCD2345' })).toEqual({ scene: 'c=ABCD2345' })
    expect(codeFromPageParams({ q: encodeURIComponent(checkinLink('https://zbt.example.cn', token)) })).toEqual({ token })
    expect(codeFromPageParams({})).toBeNull()
  })

  it('opens the check-in page for either kind of code', () => {
    expect(checkinPageUrl({ token })).toBe(`/pages/checkin/index?t=${encodeURIComponent(token)}`)
    expect(checkinPageUrl({ scene: 'c=ABCD2345' })).toBe('/pages/checkin/index?scene=c%3DABCD2345')
  })
})
