import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(__dirname, '../..')
const roots = ['shared', 'cloudfunctions', 'miniprogram/src'].map((dir) => path.join(root, dir))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}

/** The file a relative specifier names, as the bundlers resolve it; null for packages and assets. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = path.resolve(path.dirname(from), spec)
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]
  return candidates.find((file) => /\.tsx?$/.test(file) && existsSync(file) && statSync(file).isFile()) ?? null
}

/**
 * Every relative import of a file, type-only ones included: a type cycle compiles, but it ties
 * the files into one knot that no area can be read (or moved) without the others.
 */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles.map(({ fileName }) => resolve(file, fileName)).filter((target): target is string => target !== null)
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, index.size)
    low.set(node, index.get(node)!)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

describe('the import structure', () => {
  const graph = new Map<string, string[]>()
  for (const file of roots.flatMap(sources)) graph.set(file, importsOf(file))

  it('sees the imports it is meant to see', () => {
    // Guards the walker itself: a type-only import, a re-export and a directory index all count.
    const rel = (file: string) => path.relative(root, file)
    expect(graph.size).toBeGreaterThan(200)
    expect(importsOf(path.join(root, 'shared/domain/permissions.ts')).map(rel)).toContain('shared/domain/member.ts')
    expect(importsOf(path.join(root, 'shared/api/contract.ts')).map(rel)).toContain('shared/api/fields.ts')
    const documentsUsers = [...graph.values()].flat().filter((file) => rel(file) === 'shared/domain/documents/index.ts')
    expect(documentsUsers.length).toBeGreaterThan(10)
  })

  it('has no cycle among shared/, the cloud functions and the mini-program, type-only imports included', () => {
    const found = cycles(graph).map((component) => component.map((file) => path.relative(root, file)))
    expect(found).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const a = '/a.ts'
    const b = '/b.ts'
    const c = '/c.ts'
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, [a]]]))).toEqual([[a, b, c]])
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, []]]))).toEqual([])
  })
})
