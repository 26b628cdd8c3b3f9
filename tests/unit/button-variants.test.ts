import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * The weapp build leaves NutUI's styles for Button variants the app never uses out of the main
 * package (miniprogram/config/postcss-drop-button-variants.js). A button asking for one of them
 * would render unstyled: this reads every NutUI <Button> of the app and fails first.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('../../miniprogram/config/postcss-drop-button-variants.js') as { unusedVariants: Record<'type' | 'size' | 'fill', string[]>; unusedSelector: RegExp }

const srcDir = path.resolve(__dirname, '../../miniprogram/src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.tsx') ? [full] : []
  })
}

/** Every string a NutUI <Button>'s type, size or fill can take, by the literals written there. */
function variantsAsked(): Array<{ where: string; prop: 'type' | 'size' | 'fill'; value: string }> {
  const asked: Array<{ where: string; prop: 'type' | 'size' | 'fill'; value: string }> = []
  for (const file of sources(srcDir)) {
    const text = readFileSync(file, 'utf8')
    if (!/import \{[^}]*\bButton\b[^}]*\} from '@nutui\/nutui-react-taro'/.test(text)) continue
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
    const visit = (node: ts.Node) => {
      if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText() === 'Button') {
        for (const attribute of node.attributes.properties) {
          if (!ts.isJsxAttribute(attribute) || !attribute.initializer) continue
          const prop = attribute.name.getText()
          if (prop !== 'type' && prop !== 'size' && prop !== 'fill') continue
          const where = `${path.relative(srcDir, file)}:${source.getLineAndCharacterOfPosition(attribute.getStart()).line + 1}`
          const literals = (n: ts.Node) => {
            if (ts.isStringLiteral(n)) asked.push({ where, prop, value: n.text })
            ts.forEachChild(n, literals)
          }
          literals(attribute.initializer)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return asked
}

describe('NutUI Button variants', () => {
  it('are only those whose styles the build keeps', () => {
    const asked = variantsAsked()
    // The scan reads the app's buttons: the common variants are there.
    expect(asked.length).toBeGreaterThan(100)
    expect([...new Set(asked.map((a) => `${a.prop}=${a.value}`))]).toEqual(expect.arrayContaining(['type=primary', 'type=danger', 'size=large', 'fill=outline', 'fill=none']))
    const dropped = asked.filter((a) => plugin.unusedVariants[a.prop].includes(a.value)).map((a) => `${a.where} ${a.prop}='${a.value}'`)
    expect(dropped).toEqual([])
  })

  it('lose only the styles of the variants left out', () => {
    for (const selector of ['.nut-button-info', '.nut-button-success-outline-disabled', '.nut-button-mini .nut-icon', '.nut-button-primary-dashed', '.nut-button-dashed']) {
      expect([selector, plugin.unusedSelector.test(selector)]).toEqual([selector, true])
    }
    for (const selector of ['.nut-button-primary', '.nut-button-danger-outline-disabled', '.nut-button-large .nut-button-text', '.nut-button-small-children', '.nut-button-none', '.nut-button-default-solid-disabled']) {
      expect([selector, plugin.unusedSelector.test(selector)]).toEqual([selector, false])
    }
  })
})
