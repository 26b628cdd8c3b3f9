/**
 * Counting what a person writes the way a person counts it (字数): every Chinese character,
 * letter, digit, punctuation mark or emoji is one, whatever its bytes or UTF-16 length; spaces
 * and line breaks are not counted. An emoji built of several code points (👍🏽, 👨‍👩‍👧, 🇨🇳, 1️⃣)
 * is one, and so is a letter with combining accents.
 *
 * Written without Intl.Segmenter or Unicode property escapes: the WeChat runtime on some phones
 * lacks Intl, and the count shown while typing must equal the one the server checks.
 */

const zwj = 0x200d

/** Code points that never start a character of their own: they extend the one before. */
function extendsPrevious(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritical marks
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) || // combining marks for symbols, keycap ⃣
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors (emoji / text presentation)
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin tones
    (cp >= 0xe0020 && cp <= 0xe007f) || // tag sequences (subdivision flags)
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === zwj
  )
}

const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff

/** Not counted: whitespace (also the full-width space) and invisible format characters. */
function isBlank(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0xa0 ||
    cp === 0x3000 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200c) ||
    (cp >= 0x2028 && cp <= 0x202f) ||
    cp === 0x205f ||
    cp === 0x2060 ||
    cp === 0xfeff
  )
}

/** The user-perceived characters of a text, blanks left out. */
export function characters(text: string): string[] {
  const out: string[] = []
  let current = ''
  let previous = -1
  let regionalRun = 0
  for (const char of text) {
    const cp = char.codePointAt(0) as number
    const joinsPrevious =
      current !== '' &&
      (extendsPrevious(cp) || previous === zwj || (isRegionalIndicator(cp) && isRegionalIndicator(previous) && regionalRun % 2 === 1))
    if (joinsPrevious) {
      current += char
    } else {
      if (current && !isBlank(current.codePointAt(0) as number)) out.push(current)
      current = char
    }
    regionalRun = isRegionalIndicator(cp) ? regionalRun + 1 : 0
    previous = cp
  }
  if (current && !isBlank(current.codePointAt(0) as number)) out.push(current)
  return out
}

/** 字数: how many characters a person counts in the text. */
export function countCharacters(text: string): number {
  return characters(text).length
}

/** How many Chinese characters (汉字) the text holds. */
export function countChinese(text: string): number {
  let n = 0
  for (const char of text) {
    const cp = char.codePointAt(0) as number
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0xf900 && cp <= 0xfaff)) n++
  }
  return n
}

/**
 * Splits a text into pieces of at most `max` UTF-16 units for WeChat's content check (≤ 2500
 * characters a call), never inside a character, each piece overlapping the last by `overlap`
 * characters so a word across a cut is still seen whole.
 */
export function piecesForCheck(text: string, max = 2500, overlap = 20): string[] {
  const chars = Array.from(text)
  if (text.length <= max) return [text]
  const pieces: string[] = []
  let start = 0
  while (start < chars.length) {
    let end = start
    let units = 0
    while (end < chars.length && units + chars[end].length <= max) units += chars[end++].length
    pieces.push(chars.slice(start, end).join(''))
    if (end >= chars.length) break
    start = Math.max(start + 1, end - overlap)
  }
  return pieces
}
