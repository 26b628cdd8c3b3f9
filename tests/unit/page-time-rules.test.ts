import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * Pages ask shared/ for their rules: when a shift may still be cancelled, when a task is overdue,
 * when a meeting's leave closes. A page that works out a time window for itself (the clock plus
 * or minus some milliseconds, a minute written as 60 * 1000) holds a copy of a rule that the
 * server enforces elsewhere, and the two drift apart. This scan finds such arithmetic in every
 * module of the app.
 */

const srcDir = path.resolve(__dirname, '../../miniprogram/src')

/**
 * What may compute with the clock, and why: none of these is a rule the server also decides.
 * An entry that no longer matches anything fails the test, so the list stays short and true.
 */
const allowed: Array<{ file: string; code: string; why: string }> = [
  { file: 'services/transport.h5.ts', code: 'Date.now() - first.at', why: 'how old the answer the page fetched ahead is: transport, no rule' },
]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}

const unwrap = (node: ts.Node): ts.Node => (ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node)

/** `Date.now()`, `Date.parse(x)`, `x.getTime()`, `x.valueOf()`: an instant as milliseconds. */
function readsClock(node: ts.Node): boolean {
  const n = unwrap(node)
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return false
  const { expression: target, name } = n.expression
  if (ts.isIdentifier(target) && target.text === 'Date' && (name.text === 'now' || name.text === 'parse')) return true
  return name.text === 'getTime' || name.text === 'valueOf'
}

const minute = 60_000
const numberOf = (node: ts.Node): number | null => {
  const n = unwrap(node)
  return ts.isNumericLiteral(n) ? Number(n.text.replace(/_/g, '')) : null
}
/** A whole number of minutes (or hours, days) in milliseconds or seconds: 60_000, 3600_000, 86400. */
const isDurationLiteral = (value: number) => (value >= minute && value % minute === 0) || value === 3600 || value === 86400
/** The time module's units (minuteMs, hourMs, dayMs) or a local copy of one. */
const isTimeUnit = (node: ts.Node) => {
  const n = unwrap(node)
  return ts.isIdentifier(n) && /^(minute|hour|day|week)(Ms)?$/i.test(n.text)
}

interface Finding {
  file: string
  line: number
  code: string
  what: string
}

function scan(file: string, text = readFileSync(file, 'utf8')): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: Finding[] = []
  const report = (node: ts.Node, what: string) =>
    found.push({ file: path.relative(srcDir, file).split(path.sep).join('/'), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, code: node.getText(), what })
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind
      const additive = op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken || op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken
      if (additive && (readsClock(node.left) || readsClock(node.right))) report(node, 'arithmetic on the clock')
      if (op === ts.SyntaxKind.AsteriskToken) {
        const [a, b] = [numberOf(node.left), numberOf(node.right)]
        if (a !== null && b !== null && isDurationLiteral(a * b)) report(node, 'a duration from raw numbers')
        else if ((a !== null && isTimeUnit(node.right)) || (b !== null && isTimeUnit(node.left))) report(node, 'a duration from time units')
      }
    }
    if (ts.isNumericLiteral(node) && isDurationLiteral(Number(node.text.replace(/_/g, '')))) {
      // Inside a product it is reported once, as the product.
      const inProduct = ts.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === ts.SyntaxKind.AsteriskToken
      if (!inProduct) report(node, 'a duration in milliseconds')
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('pages and services', () => {
  const findings = sources(srcDir).flatMap((file) => scan(file))
  const isAllowed = (f: Finding) => allowed.some((a) => a.file === f.file && a.code === f.code)

  it('compute no time window from raw numbers: the rule is asked of shared/ with `now`', () => {
    // Every page, its components and services, the subpackages' included.
    expect(sources(srcDir).filter((f) => f.includes(`${path.sep}package`)).length).toBeGreaterThan(50)
    const offenders = findings.filter((f) => !isAllowed(f)).map((f) => `${f.file}:${f.line} ${f.what}: ${f.code}`)
    expect(offenders).toEqual([])
  })

  it('keep no allowance that nothing needs', () => {
    const unused = allowed.filter((a) => !findings.some((f) => f.file === a.file && f.code === a.code)).map((a) => `${a.file}: ${a.code}`)
    expect(unused).toEqual([])
  })

  it('are scanned for each way of writing a window by hand, and not for timers or shared rules', () => {
    const what = (text: string) => scan(path.join(srcDir, 'pages/probe.tsx'), text).map((f) => f.what)
    expect(what('const closes = Date.parse(shift.startAt) - 2 * 3600_000')).toEqual(['arithmetic on the clock', 'a duration from raw numbers'])
    expect(what('const left = deadline - Date.now()')).toEqual(['arithmetic on the clock'])
    expect(what('const end = new Date(start.getTime() + length)')).toEqual(['arithmetic on the clock'])
    expect(what('const step = 10 * minuteMs')).toEqual(['a duration from time units'])
    expect(what('const ms = 60 * 1000')).toEqual(['a duration from raw numbers'])
    expect(what('const day = 86400000')).toEqual(['a duration in milliseconds'])
    expect(what('setTimeout(retry, 3_000); const late = pastDue(task.dueAt, now); const open = Date.now() < Date.parse(x)')).toEqual([])
  })
})
