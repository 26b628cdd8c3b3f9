import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** The weapp main package's budget: every teacher downloads it before the first page opens. */
export const mainPackageBudgetBytes = 500 * 1024

export interface PackageFile {
  file: string
  bytes: number
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full) : [full]
  })
}

/**
 * The files of a weapp build that WeChat puts in the main package (everything outside the
 * subpackage roots app.json lists), largest first, paths relative to the build.
 */
export function mainPackageFiles(weappDir: string): PackageFile[] {
  const app = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => path.join(weappDir, p.root) + path.sep)
  return walk(weappDir)
    .filter((f) => !subRoots.some((r) => f.startsWith(r)) && !f.endsWith('.LICENSE.txt'))
    .map((f) => ({ file: path.relative(weappDir, f), bytes: statSync(f).size }))
    .sort((a, b) => b.bytes - a.bytes)
}

export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
