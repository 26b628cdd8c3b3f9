/**
 * Stands in for `lodash.kebabcase`, which NutUI's ConfigProvider uses to turn theme keys
 * (nutuiColorPrimary) into CSS variable names. lodash carries Unicode word tables (5.5 KB
 * minified) for keys that are always ASCII here: this is lodash's word splitting restricted to
 * ASCII, checked against lodash itself in tests/unit/kebab-case.test.ts.
 */
const asciiWord = new RegExp(
  [
    '[A-Z]?[a-z]+(?=[^A-Za-z0-9]|[A-Z]|$)',
    '[A-Z]+(?=[^A-Za-z0-9]|[A-Z][a-z]|$)',
    '[A-Z]?[a-z]+',
    '[A-Z]+',
    '\\d+',
  ].join('|'),
  'g',
)

export default function kebabCase(value?: unknown): string {
  const text = value == null ? '' : String(value)
  return (text.replace(/['\u2019]/g, '').match(asciiWord) ?? []).map((w) => w.toLowerCase()).join('-')
}
