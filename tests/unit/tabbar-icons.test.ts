import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { ICON_SIZE, renderTabIcons } from '../../scripts/tabbar-icons'
import { tabIconPath, tabs } from '../../miniprogram/src/tabbar'
import { themeColors } from '../../miniprogram/src/styles/colors'

const src = path.resolve(__dirname, '../../miniprogram/src')

/** The opaque colours an icon is drawn in. */
function inks(file: string): Set<string> {
  const png = PNG.sync.read(readFileSync(path.join(src, file)))
  const colours = new Set<string>()
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] > 200) colours.add(`#${[0, 1, 2].map((c) => png.data[i + c].toString(16).padStart(2, '0')).join('')}`)
  }
  return colours
}

describe('tab bar icons', () => {
  it('gives every tab an icon at rest (muted) and selected (Party red), 81 × 81 and small', () => {
    for (const tab of tabs) {
      for (const selected of [false, true]) {
        const file = tabIconPath(tab.icon, selected)
        expect([file, existsSync(path.join(src, file))]).toEqual([file, true])
        const png = PNG.sync.read(readFileSync(path.join(src, file)))
        expect([file, png.width, png.height]).toEqual([file, ICON_SIZE, ICON_SIZE])
        expect(readFileSync(path.join(src, file)).length).toBeLessThan(40 * 1024)
        expect([file, [...inks(file)]]).toEqual([file, [selected ? themeColors.partyRed : themeColors.textMuted]])
      }
    }
  })

  it('are the files the script draws from the icon set', async () => {
    const drawn = await renderTabIcons()
    expect([...drawn.keys()].sort()).toEqual(tabs.flatMap((t) => [tabIconPath(t.icon, false), tabIconPath(t.icon, true)]).sort())
    for (const [file, png] of drawn) expect([file, png.equals(readFileSync(path.join(src, file)))]).toEqual([file, true])
  })
})
