import kebabCase from '../../miniprogram/src/vendor/kebab-case'

// The real thing, as NutUI installs it (it ships no types).
const lodashKebabCase = require('lodash.kebabcase') as (value: string) => string

// NutUI's ConfigProvider names a theme's CSS variables with this; the mini-program ships the
// small stand-in, so it must name every variable exactly as lodash does.
describe('the kebab-case stand-in for NutUI themes', () => {
  it('names NutUI theme variables as lodash does', () => {
    for (const key of ['nutuiColorPrimary', 'nutuiButtonBorderRadius', 'nutuiColorPrimaryStop1', 'nutuiFontSizeXl', 'nutuiCellGroupTitleFontSize', 'nutuiBrandColor', 'nutui2xlSize', 'nutuiRTLDirection', 'nutuiHTMLFontSize']) {
      expect(kebabCase(key)).toBe(lodashKebabCase(key))
    }
  })

  it('splits any ASCII text into the same words as lodash', () => {
    const alphabet = "aAbBzZ019_- .'1st2nd3rdTHth"
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let i = 0; i < 5000; i++) {
      const length = next() % 12
      const text = Array.from({ length }, () => alphabet[next() % alphabet.length]).join('')
      expect([text, kebabCase(text)]).toEqual([text, lodashKebabCase(text)])
    }
  })
})
