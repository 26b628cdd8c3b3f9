import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { Resvg, initWasm } from '@resvg/resvg-wasm'
import { tabs, tabIconPath } from '../miniprogram/src/tabbar'
import { themeColors } from '../miniprogram/src/styles/colors'

/**
 * Draws the tab bar icons: Tabler's outline icon in the muted text colour for a tab at rest,
 * its filled twin in Party red for the selected tab, 81 × 81 px as WeChat asks (at most 40 KB;
 * these are about 1 KB each, as small palette PNGs, since the main package is tight).
 *
 *   npx tsx scripts/tabbar-icons.ts     (rewrites miniprogram/src/assets/tabbar/*.png)
 */
export const ICON_SIZE = 81
const root = path.resolve(__dirname, '..')
const tablerDir = path.join(root, 'node_modules', '@tabler', 'icons', 'icons')

let ready: Promise<void> | null = null
function init(): Promise<void> {
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')))
  return ready
}

/** Every icon file the app config names, keyed by its path under miniprogram/src. */
export async function renderTabIcons(): Promise<Map<string, Buffer>> {
  await init()
  const files = new Map<string, Buffer>()
  for (const tab of tabs) {
    for (const selected of [false, true]) {
      const svg = readFileSync(path.join(tablerDir, selected ? 'filled' : 'outline', `${tab.icon}.svg`), 'utf8')
      const colour = selected ? themeColors.partyRed : themeColors.textMuted
      const image = new Resvg(svg.replaceAll('currentColor', colour), { fitTo: { mode: 'width', value: ICON_SIZE } }).render()
      files.set(tabIconPath(tab.icon, selected), palettePng(image.width, image.height, image.pixels, colour))
      image.free()
    }
  }
  return files
}

/**
 * A one-colour icon as an indexed PNG: 16 levels of opacity of `colour` (4 bits a pixel), a
 * quarter the size of the RGBA file.
 */
function palettePng(width: number, height: number, rgba: Uint8Array, colour: string): Buffer {
  const levels = 16
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))
  const palette = Buffer.alloc(levels * 3)
  const alpha = Buffer.alloc(levels)
  for (let i = 0; i < levels; i++) {
    palette.set([r, g, b], i * 3)
    alpha[i] = Math.round((i * 255) / (levels - 1))
  }
  const stride = Math.ceil(width / 2)
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = Math.round((rgba[(y * width + x) * 4 + 3] * (levels - 1)) / 255)
      raw[y * (stride + 1) + 1 + (x >> 1)] |= x & 1 ? index : index << 4
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([4, 3, 0, 0, 0], 8) // 4-bit, indexed, deflate, no filter method, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', alpha),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  let crc = 0xffffffff
  for (const byte of body) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4)
  return out
}

if (require.main === module) {
  void renderTabIcons().then((files) => {
    for (const [file, png] of files) {
      const target = path.join(root, 'miniprogram', 'src', file)
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, png)
      console.log(`${file}  ${png.length} bytes`)
    }
  })
}
