import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The mini-program's colours live in one file, styles/_theme.scss: a colour changed there changes
 * everywhere, and the text colours are chosen to be readable (WCAG AA, 4.5:1) on every surface.
 */
const src = path.resolve(__dirname, '../../miniprogram/src')
const themeFile = path.join(src, 'styles', '_theme.scss')

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full, ext) : ext.test(name) ? [full] : []
  })
}

const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')

/** A written-out colour: hex, rgb()/hsl() with numbers, or a CSS colour keyword used as a value. */
const rawColour = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(\s*[\d.]|:\s*(?:white|black|red|green|blue|gr[ae]y|orange|yellow|silver|gold)\s*[;!]/g

type Rgba = [number, number, number, number]

/** The theme's variables, references resolved ($danger: $party-red). */
function themeColours(): Map<string, Rgba> {
  const raw = new Map<string, string>()
  for (const match of stripComments(readFileSync(themeFile, 'utf8')).matchAll(/^\s*\$([\w-]+)\s*:\s*([^;]+);/gm)) raw.set(match[1], match[2].trim())
  const resolve = (value: string, seen = 0): string => (value.startsWith('$') && seen < 10 ? resolve(raw.get(value.slice(1)) ?? value, seen + 1) : value)
  const colours = new Map<string, Rgba>()
  for (const [name, value] of raw) {
    const parsed = parseColour(resolve(value))
    if (parsed) colours.set(name, parsed)
  }
  return colours
}

function parseColour(value: string): Rgba | null {
  const hex = value.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1]
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1]
  }
  const fn = value.match(/^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/)
  return fn ? [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])] : null
}

/** A translucent colour as it shows over an opaque one. */
const over = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1) as Rgba

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

function contrast(text: Rgba, background: Rgba): number {
  const fg = luminance(over(text, background))
  const bg = luminance(background)
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)
}

describe('the mini-program theme', () => {
  const theme = themeColours()
  const colour = (name: string): Rgba => {
    const c = theme.get(name)
    if (!c) throw new Error(`_theme.scss has no colour $${name}`)
    return c
  }

  it('is the only stylesheet that writes a colour out', () => {
    const offenders = files(src, /\.scss$/)
      .filter((f) => f !== themeFile)
      .flatMap((f) => [...stripComments(readFileSync(f, 'utf8')).matchAll(rawColour)].map((m) => `${path.relative(src, f)}: ${m[0]}`))
    expect(offenders).toEqual([])
  })

  it('leaves no colour in the pages and components: JavaScript takes the theme’s values from styles/colors.ts', () => {
    const colorsFile = path.join(src, 'styles', 'colors.ts')
    const offenders = files(src, /\.tsx?$/)
      .filter((f) => f !== colorsFile)
      .flatMap((f) => [...stripComments(readFileSync(f, 'utf8')).matchAll(/(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b|\b(?:rgba?|hsla?)\(\s*\d/g)].map((m) => `${path.relative(src, f)}: ${m[0]}`))
    expect(offenders).toEqual([])

    const used = [...readFileSync(colorsFile, 'utf8').matchAll(/#[0-9a-fA-F]{6}\b/g)].map((m) => m[0].toLowerCase())
    expect(used.length).toBeGreaterThan(0)
    const known = new Set([...theme.values()].filter((c) => c[3] === 1).map((c) => `#${c.slice(0, 3).map((n) => n.toString(16).padStart(2, '0')).join('')}`))
    expect(used.filter((c) => !known.has(c))).toEqual([])
  })

  it('keeps every text level readable (4.5:1) on every surface', () => {
    const pairs: Array<[string, string]> = []
    for (const text of ['text', 'text-secondary', 'text-muted', 'party-red', 'success', 'warning', 'pending']) {
      for (const surface of ['bg', 'card', 'surface-sunken', 'surface-highlight']) pairs.push([text, surface])
    }
    for (const [text, tint] of [['success', 'success-tint'], ['warning', 'warning-tint'], ['danger', 'danger-tint'], ['danger-strong', 'danger-tint'], ['pending', 'pending-tint'], ['party-red', 'brand-tint'], ['text-secondary', 'info-tint'], ['text-muted', 'info-tint']]) pairs.push([text, tint])
    for (const solid of ['party-red', 'party-red-dark', 'success', 'warning', 'danger']) pairs.push(['on-brand', solid])
    pairs.push(['on-brand-muted', 'party-red-dark'])
    const weak = pairs.map(([t, b]) => ({ pair: `$${t} on $${b}`, ratio: Math.round(contrast(colour(t), colour(b)) * 100) / 100 })).filter((p) => p.ratio < 4.5)
    expect(weak).toEqual([])
  })
})
