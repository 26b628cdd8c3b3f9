import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { interpret } from '../../miniprogram/src/services/envelope'
import { errorMessages, isErrorCode } from '../../shared/errors'

const functionsDir = path.resolve(__dirname, '../../cloudfunctions')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : []
  })
}

/**
 * Every `fail('CODE', message)` the functions write, with the message as the phone would receive
 * it: a literal as written, a template with its blanks filled, a computed one (a shared rule's
 * sentence) as a sample sentence.
 */
function failSites(): Array<{ where: string; code: string; message: string }> {
  const sites: Array<{ where: string; code: string; message: string }> = []
  for (const file of sources(functionsDir)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/\bfail\(\s*'([A-Z_.]+)'\s*,\s*('[^']*'|`[^`]*`|[A-Za-z_][\w.]*)/g)) {
      const [, code, expr] = match
      const message = expr.startsWith("'") ? expr.slice(1, -1) : expr.startsWith('`') ? expr.slice(1, -1).replace(/\$\{[^}]*\}/g, '19:00') : '规则给出的说明'
      sites.push({ where: `${path.relative(functionsDir, file)}: ${code}`, code, message })
    }
  }
  return sites
}

describe('what the server says reaches the person', () => {
  const sites = failSites()

  it('finds the functions’ own messages', () => {
    expect(sites.length).toBeGreaterThan(20)
    for (const site of sites) expect([site.where, isErrorCode(site.code)]).toEqual([site.where, true])
  })

  it('keeps the server’s Chinese message of every fail(code, message) call site', () => {
    for (const site of sites) {
      const result = interpret({ ok: false, error: { code: site.code, message: site.message } })
      expect([site.where, result]).toEqual([site.where, { ok: false, error: { code: site.code, message: site.message } }])
    }
  })

  it('keeps a server-written message and its field messages whatever the code', () => {
    for (const code of Object.keys(errorMessages)) {
      const result = interpret({ ok: false, error: { code, message: '服务器写的说明', fields: { phone: '这个手机号已登记', junk: 42 } } })
      expect(result).toEqual({ ok: false, error: { code, message: '服务器写的说明', fields: { phone: '这个手机号已登记' } } })
    }
  })

  it('shows the code’s own sentence when the server sent none in Chinese', () => {
    expect(interpret({ ok: false, error: { code: 'CHECKIN.NOT_OPEN', message: 'not open' } })).toEqual({ ok: false, error: { code: 'CHECKIN.NOT_OPEN', message: errorMessages['CHECKIN.NOT_OPEN'] } })
  })

  it('passes data through and reads anything malformed as INTERNAL', () => {
    expect(interpret({ ok: true, data: { n: 1 } })).toEqual({ ok: true, data: { n: 1 } })
    for (const raw of [null, 'ok', { ok: false }, { ok: false, error: { code: 'NOPE', message: '未知' } }, { data: 1 }]) {
      expect(interpret(raw)).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL } })
    }
  })
})
