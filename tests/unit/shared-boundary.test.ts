import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const sharedDir = path.resolve(__dirname, '../../shared')
const allowedPackages = new Set(['zod', 'dayjs'])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : []
  })
}

describe('shared/', () => {
  it('imports nothing from Taro, WeChat or Node, so both sides can use it', () => {
    const offenders: string[] = []
    for (const file of files(sharedDir)) {
      const source = readFileSync(file, 'utf8')
      for (const match of source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g)) {
        const spec = match[1] ?? match[2] ?? match[3]
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec)
          if (!target.startsWith(sharedDir)) offenders.push(`${path.relative(sharedDir, file)} → ${spec}`)
          continue
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
        if (!allowedPackages.has(pkg)) offenders.push(`${path.relative(sharedDir, file)} → ${spec}`)
      }
      if (/\b(process\.|wx\.|Taro\.|__dirname|Buffer\b)/.test(source)) offenders.push(`${path.relative(sharedDir, file)} uses a platform global`)
    }
    expect(offenders).toEqual([])
  })
})
