import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { kb, mainPackageBudgetBytes, mainPackageFiles } from '../../scripts/main-package'

const root = path.resolve(__dirname, '../..')
const weapp = path.join(root, 'build', 'weapp')
const functionsDir = path.join(root, 'build', 'cloudfunctions')
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full) : [full]
  })
}

beforeAll(() => {
  // build/weapp is made by `npm run build` (npm test runs it first).
  expect({ built: existsSync(path.join(weapp, 'app.json')) }).toEqual({ built: true })
})

describe('weapp build', () => {
  // Every teacher downloads the main package before the check-in page opens: keep it small
  // (WeChat's own limit is 2 MB; subpackages hold the admin and meeting-running pages).
  it('keeps the main package within 500 KB', () => {
    const files = mainPackageFiles(weapp)
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0)
    process.stdout.write(`weapp main package: ${kb(bytes)} KB in ${files.length} files\n`)
    // Over budget, the failure says where the bytes are: the next person starts from the largest
    // files. Pages only some members open belong in a subpackage (app.config.ts); modules only
    // subpackages use should not be imported by main pages.
    const over = bytes > mainPackageBudgetBytes ? { mainPackageKB: kb(bytes), budgetKB: kb(mainPackageBudgetBytes), largest: files.slice(0, 8).map((f) => `${kb(f.bytes)} KB  ${f.file}`) } : null
    expect(over).toBeNull()
  })

  it('contains no wx-server-sdk, Node built-in or local-gateway code', () => {
    const builtins = builtinModules.filter((m) => !m.startsWith('_')).join('|')
    const forbidden = new RegExp(`wx-server-sdk|@cloudbase/node-sdk|require\\(["'](node:)?(${builtins})["']\\)|/gateway/call|localcloud`)
    const hits = walk(weapp)
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => {
        const match = readFileSync(f, 'utf8').match(forbidden)
        return match ? [`${path.relative(weapp, f)}: ${match[0]}`] : []
      })
    expect(hits).toEqual([])
  })

  it('is opened by WeChat DevTools from the repository root', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8'))
    expect(config.miniprogramRoot).toBe('build/weapp/')
    expect(config.cloudfunctionRoot).toBe('build/cloudfunctions/')
    expect(existsSync(path.join(root, config.miniprogramRoot, 'app.json'))).toBe(true)
  })
})

describe('cloud function bundles', () => {
  const names = readdirSync(path.join(root, 'cloudfunctions')).filter((n) => !n.startsWith('_') && existsSync(path.join(root, 'cloudfunctions', n, 'index.ts')))

  it('builds one deployable folder per function', () => {
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const dir = path.join(functionsDir, name)
      expect(readdirSync(dir).sort()).toEqual(['config.json', 'index.js', 'package.json'])
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
      expect(pkg.dependencies).toEqual({ 'wx-server-sdk': rootPackage.dependencies['wx-server-sdk'] })
      expect(rootPackage.dependencies['wx-server-sdk']).toMatch(/^\d+\.\d+\.\d+$/)
      JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))
    }
  })

  it('loads each bundle on its own, with only wx-server-sdk installed beside it', () => {
    const sandbox = mkdtempSync(path.join(tmpdir(), 'fn-bundle-'))
    try {
      mkdirSync(path.join(sandbox, 'node_modules'))
      symlinkSync(path.join(root, 'node_modules', 'wx-server-sdk'), path.join(sandbox, 'node_modules', 'wx-server-sdk'))
      for (const name of names) {
        cpSync(path.join(functionsDir, name), path.join(sandbox, name), { recursive: true })
        const out = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require('./${name}/index.js').main)`], {
          cwd: sandbox,
          env: { PATH: process.env.PATH, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', TENCENTCLOUD_RUNENV: 'SCF', SCF_NAMESPACE: 'env', TENCENTCLOUD_REGION: 'ap-shanghai', NODE_PATH: '' },
        }).toString()
        expect([name, out]).toEqual([name, 'function'])
      }
    } finally {
      rmSync(sandbox, { recursive: true, force: true })
    }
  })

  it('fails the build on an import that does not resolve', async () => {
    const { buildFunctions } = await import('../../scripts/build-functions')
    const src = mkdtempSync(path.join(tmpdir(), 'fn-src-'))
    try {
      mkdirSync(path.join(src, 'broken'))
      require('node:fs').writeFileSync(path.join(src, 'broken', 'index.ts'), "import { x } from './missing'\nexport const main = async () => x\n")
      await expect(buildFunctions(src, path.join(src, 'out'), { quiet: true })).rejects.toThrow(/Could not resolve/)
    } finally {
      rmSync(src, { recursive: true, force: true })
    }
  })
})
