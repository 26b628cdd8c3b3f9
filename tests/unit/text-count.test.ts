import { characters, countCharacters, countChinese, piecesForCheck } from '../../shared/domain/text'

describe('counting what a teacher writes (字数)', () => {
  it('counts each Chinese character and punctuation mark as one', () => {
    expect(countCharacters('学习二十届四中全会精神。')).toBe(12)
    expect(countChinese('学习二十届四中全会精神。')).toBe(11)
  })

  it('counts Latin letters and digits one each, and leaves spaces and line breaks out', () => {
    expect(countCharacters('AI 赋能 education 2025')).toBe(2 + 2 + 9 + 4)
    expect(countCharacters('第一段\n\n  第二段\u3000完')).toBe(7)
  })

  it('counts an emoji as one, whatever it is built of', () => {
    expect(countCharacters('👍')).toBe(1)
    expect(countCharacters('👍🏽')).toBe(1) // skin tone
    expect(countCharacters('👨‍👩‍👧')).toBe(1) // joined family
    expect(countCharacters('🇨🇳🇨🇳')).toBe(2) // two flags, four regional indicators
    expect(countCharacters('1️⃣')).toBe(1) // keycap
    expect(countCharacters('❤️')).toBe(1) // with a variation selector
  })

  it('counts mixed Chinese, Latin and emoji as a person would', () => {
    const text = '我爱China👍🏽！'
    expect(countCharacters(text)).toBe(2 + 5 + 1 + 1)
    expect(text.length).toBe(12) // UTF-16 units: what a naive count says
    expect(new TextEncoder().encode(text).length).toBe(22) // bytes
  })

  it('counts a letter with a combining accent as one', () => {
    expect(countCharacters('café')).toBe(4)
    expect(countCharacters('cafe\u0301')).toBe(4)
  })

  it('counts characters outside the basic plane (rare 汉字) as one each', () => {
    expect(countCharacters('𠀀𪚥')).toBe(2)
    expect(countChinese('𠀀𪚥')).toBe(2)
  })

  it('returns the characters themselves, blanks removed', () => {
    expect(characters('a 👍🏽 中')).toEqual(['a', '👍🏽', '中'])
    expect(countCharacters('')).toBe(0)
    expect(countCharacters(' \n\t\u3000')).toBe(0)
  })
})

describe('pieces for the content check', () => {
  it('sends a short text whole', () => {
    expect(piecesForCheck('一段心得')).toEqual(['一段心得'])
  })

  it('cuts a long text into pieces of at most 2500 units that overlap, never inside an emoji', () => {
    const text = '学'.repeat(2499) + '😀' + '习'.repeat(3000)
    const pieces = piecesForCheck(text)
    expect(pieces.every((p) => p.length <= 2500)).toBe(true)
    expect(pieces.some((p) => p.includes('😀'))).toBe(true)
    expect(pieces.every((p) => !/[\ud800-\udbff]$/.test(p) && !/^[\udc00-\udfff]/.test(p))).toBe(true)
    expect(pieces.join('').length).toBeGreaterThanOrEqual(text.length)
  })

  it('sees a word that straddles a cut in one piece', () => {
    const text = '好'.repeat(2499) + '赌博' + '好'.repeat(100)
    expect(piecesForCheck(text).some((p) => p.includes('赌博'))).toBe(true)
  })
})
