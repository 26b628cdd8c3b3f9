import { existsSync, readFileSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { contentTypeOf, decodePath } from './http'

export interface StaticFilesOptions {
  /** The built H5 app. */
  root?: string
  /** HTML added at the end of the app's page (e.g. a local-only link), or nothing. */
  inject?: string
}

/**
 * Serves the built H5 app: its files with long caching, and index.html for every other path so
 * the app's own router handles it.
 */
export class StaticFiles {
  constructor(private readonly options: StaticFilesOptions) {}

  serve(pathname: string, res: ServerResponse, headOnly: boolean): void {
    const relative = decodePath(pathname)
    const root = this.options.root
    if (!root || !existsSync(path.join(root, 'index.html'))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 app is not built: run npm run build:h5')
      return
    }
    const file = path.normalize(path.join(root, relative))
    const inside = file.startsWith(path.normalize(root + path.sep))
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : path.join(root, 'index.html')
    const isIndex = target === path.join(root, 'index.html')
    let body = readFileSync(target)
    if (isIndex && this.options.inject) body = Buffer.from(withInjected(body.toString('utf8'), this.options.inject))
    res.writeHead(200, {
      'content-type': contentTypeOf(target),
      'content-length': body.length,
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
    })
    res.end(headOnly ? undefined : body)
  }
}

function withInjected(html: string, snippet: string): string {
  const at = html.lastIndexOf('</body>')
  return at < 0 ? html + snippet : html.slice(0, at) + snippet + html.slice(at)
}
