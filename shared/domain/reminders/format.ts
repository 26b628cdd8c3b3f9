/**
 * Values of a subscribe message, cut and shaped to WeChat's rules per keyword type, so a send
 * never fails with 47003 (订阅消息参数值内容限制). The type of a field is its key without the
 * number: `thing3` is a `thing`, `character_string12` a `character_string`.
 *
 * Lengths are counted in UTF-16 units, the stricter of the two ways WeChat may count: a Chinese
 * or Latin character is one, an emoji two. Text is cut between whole characters (an emoji with
 * its modifiers, joiners and flags stays whole) and marked with "…" when shortened.
 */
import { beijing, type Instant } from '../time'

export const keywordTypes = [
  'thing',
  'short_thing',
  'character_string',
  'number',
  'letter',
  'symbol',
  'phrase',
  'name',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'enum',
] as const
export type KeywordType = (typeof keywordTypes)[number]

/** WeChat's limits, in characters. */
export const keywordLimits = {
  thing: 20,
  short_thing: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phrase: 5,
  /** 10 Chinese characters, or 20 Latin letters. */
  name: 10,
  nameLatin: 20,
  phone_number: 17,
  car_number: 8,
  /** Digits before the decimal point. */
  amount: 10,
} as const

/** The keyword type of a field key (`thing3` → `thing`), or null for an unknown key. */
export function keywordType(key: string): KeywordType | null {
  const base = key.replace(/\d+$/, '')
  return (keywordTypes as readonly string[]).includes(base) ? (base as KeywordType) : null
}

/** A time span for `time` and `date` fields ("2026年3月1日 08:00~10:00"). */
export interface TimeSpan {
  from: Instant
  to: Instant
}

export type KeywordValue = string | number | Date | TimeSpan | null | undefined

export interface FormatOptions {
  /** Used when nothing is left of the value (every type refuses an empty value). */
  fallback?: string
  /** The values an `enum` field accepts. */
  enumValues?: readonly string[]
}

const ellipsis = '…'

/** Characters that stay attached to the one before them. */
function attaches(code: number): boolean {
  return (
    code === 0x200d || // zero-width joiner
    (code >= 0xfe00 && code <= 0xfe0f) || // variation selectors
    (code >= 0x0300 && code <= 0x036f) || // combining marks
    (code >= 0x20d0 && code <= 0x20ff) || // combining marks for symbols (keycaps)
    (code >= 0x1f3fb && code <= 0x1f3ff) || // skin tones
    (code >= 0xe0020 && code <= 0xe007f) // tag characters (subdivision flags)
  )
}

const isRegionalIndicator = (code: number) => code >= 0x1f1e6 && code <= 0x1f1ff

/**
 * Text split into the characters a person sees: code points (never half a surrogate pair),
 * with joiners, modifiers and variation selectors kept on their base, and flag pairs together.
 */
export function visibleCharacters(text: string): string[] {
  const out: string[] = []
  let joinNext = false
  for (const ch of text) {
    const code = ch.codePointAt(0) as number
    const last = out.length - 1
    const pairsFlag = isRegionalIndicator(code) && last >= 0 && [...out[last]].length === 1 && isRegionalIndicator(out[last].codePointAt(0) as number)
    if (last >= 0 && (joinNext || attaches(code) || pairsFlag)) {
      out[last] += ch
    } else {
      out.push(ch)
    }
    joinNext = code === 0x200d
  }
  return out
}

/** Cuts text to at most `limit` UTF-16 units between whole characters, ending in "…" when cut. */
export function cutText(text: string, limit: number, mark = true): string {
  if (text.length <= limit) return text
  const chars = visibleCharacters(text)
  const budget = mark ? limit - ellipsis.length : limit
  let out = ''
  for (const ch of chars) {
    if (out.length + ch.length > budget) break
    out += ch
  }
  return mark ? out + ellipsis : out
}

/** Control characters and line breaks become spaces; runs of spaces collapse. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim()
}

const hanPattern = /[\u4e00-\u9fa5]/
const isHan = (ch: string) => hanPattern.test(ch)

/** "2026年3月1日 16:30", the form WeChat's `time` fields take (Beijing time). */
export function formatKeywordTime(instant: Instant): string {
  return beijing(instant).format('YYYY年M月D日 HH:mm')
}

/** "2026年3月1日", for `date` fields. */
export function formatKeywordDate(instant: Instant): string {
  return beijing(instant).format('YYYY年M月D日')
}

function isSpan(value: KeywordValue): value is TimeSpan {
  return Boolean(value) && typeof value === 'object' && !(value instanceof Date) && 'from' in (value as object)
}

function formatTimeLike(value: KeywordValue, withClock: boolean): string | null {
  if (value === null || value === undefined || value === '') return null
  const point = (v: Instant) => (withClock ? formatKeywordTime(v) : formatKeywordDate(v))
  if (isSpan(value)) {
    const from = beijing(value.from)
    const to = beijing(value.to)
    if (!from.isValid() || !to.isValid()) return null
    // The end repeats the date only when it differs ("2026年3月1日 08:00~10:00").
    const sameDay = from.format('YYYY-MM-DD') === to.format('YYYY-MM-DD')
    if (!withClock) return sameDay ? point(value.from) : `${point(value.from)}~${point(value.to)}`
    return `${point(value.from)}~${sameDay ? to.format('HH:mm') : point(value.to)}`
  }
  if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null
  const b = beijing(value as Instant)
  return b.isValid() ? point(value as Instant) : null
}

function numberText(value: KeywordValue): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    // Counts, hours and scores in this product are never negative.
    const n = Math.max(0, value)
    return String(Math.round(n * 100) / 100)
  }
  if (typeof value !== 'string') return null
  const digits = value.replace(/[^\d.]/g, '')
  const [whole, ...rest] = digits.split('.')
  const decimals = rest.join('')
  if (!whole && !decimals) return null
  return decimals ? `${whole || '0'}.${decimals}` : whole
}

/**
 * A value shaped for a keyword type: always a non-empty string WeChat accepts. Text is cleaned
 * of characters the type refuses and cut to its limit; times are written in Beijing time.
 */
export function formatKeywordValue(type: KeywordType, value: KeywordValue, options: FormatOptions = {}): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? plain(value) : typeof value === 'number' ? String(value) : ''
  const or = (result: string, fallback: string) => (result ? result : fallback)
  switch (type) {
    case 'thing':
      return or(cutText(text, keywordLimits.thing), options.fallback ?? '无')
    case 'short_thing':
      return or(cutText(text, keywordLimits.short_thing, false), options.fallback ?? '无')
    case 'character_string': {
      // Letters, digits and symbols only: no spaces, no Chinese.
      const ascii = text.replace(/\s+/g, '-').replace(/[^\x21-\x7e]/g, '')
      return or(ascii.slice(0, keywordLimits.character_string), options.fallback ?? '-')
    }
    case 'number': {
      const n = numberText(value)
      if (!n) return options.fallback ?? '0'
      const [whole, decimals] = n.split('.')
      if (whole.length >= keywordLimits.number) return whole.slice(0, keywordLimits.number)
      return decimals ? `${whole}.${decimals}`.slice(0, keywordLimits.number) : whole
    }
    case 'letter':
      return or(text.replace(/[^A-Za-z]/g, '').slice(0, keywordLimits.letter), options.fallback ?? 'N')
    case 'symbol':
      return or(text.replace(/[\sA-Za-z0-9\u4e00-\u9fa5]/g, '').replace(/[^\x21-\x7e]/g, '').slice(0, keywordLimits.symbol), options.fallback ?? '-')
    case 'phrase':
      return or([...text].filter(isHan).slice(0, keywordLimits.phrase).join(''), options.fallback ?? '无')
    case 'name': {
      // Mixed Chinese and Latin counts as a Chinese name: keep the Chinese part.
      const chars = [...text]
      if (chars.some(isHan)) return or(chars.filter((c) => isHan(c) || c === '·').slice(0, keywordLimits.name).join('').replace(/^·+|·+$/g, ''), options.fallback ?? '无')
      const latin = text.replace(/[^A-Za-z ]/g, '').replace(/\s+/g, ' ').trim().slice(0, keywordLimits.nameLatin).trim()
      return or(latin, options.fallback ?? '无')
    }
    case 'time':
      return formatTimeLike(value, true) ?? options.fallback ?? formatKeywordTime(0)
    case 'date':
      return formatTimeLike(value, false) ?? options.fallback ?? formatKeywordDate(0)
    case 'amount': {
      const n = numberText(value)
      if (!n) return options.fallback ?? '0元'
      const [whole, decimals = ''] = n.split('.')
      const capped = whole.length > keywordLimits.amount ? '9'.repeat(keywordLimits.amount) : whole.replace(/^0+(?=\d)/, '')
      const cents = decimals.slice(0, 2)
      return `${capped}${cents ? `.${cents}` : ''}元`
    }
    case 'phone_number':
      return or(text.replace(/[^\d+\-() ]/g, '').trim().slice(0, keywordLimits.phone_number).trim(), options.fallback ?? '-')
    case 'car_number': {
      const compact = text.replace(/\s+/g, '').toUpperCase()
      const chars = [...compact].filter((c, i, all) => /[A-Z0-9]/.test(c) || (isHan(c) && (i === 0 || i === all.length - 1)))
      return or(chars.slice(0, keywordLimits.car_number).join(''), options.fallback ?? '-')
    }
    case 'enum': {
      const allowed = options.enumValues ?? []
      if (allowed.includes(text)) return text
      return options.fallback ?? allowed[0] ?? '-'
    }
  }
}
