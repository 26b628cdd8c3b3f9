import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import { contentTypeOf, decodePath } from './http'

export interface StaticFilesOptions {
  /** The built H5 app. */
  root?: string
  /** HTML added at the end of the app's page (e.g. a local-only link), or nothing. */
  inject?: string
}

type Encoding = 'br' | 'gzip'

/** A file as sent: its bytes in each encoding it has, and a validator. */
interface Representation {
  identity: Buffer
  encoded: Partial<Record<Encoding, Buffer>>
  etag: string
}

/** A name with a content hash in it (`app.889b334a.js`, `app.889b334a3ecc66c1953a.css`): never changes. */
const hashedName = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i

/**
 * Serves the built H5 app as a static host or CDN would: hashed files cached for a year,
 * index.html revalidated by its ETag, each file in the smallest encoding the browser accepts
 * (brotli or gzip, precompressed by the build as `<file>.br` / `<file>.gz`). A path without a file
 * extension is a page of the app: index.html, so the app's router handles it; a missing file is a
 * 404, never index.html in its place.
 */
export class StaticFiles {
  private index?: { mtimeMs: number; representation: Representation }
  private readonly files = new Map<string, { mtimeMs: number; representation: Representation }>()

  constructor(private readonly options: StaticFilesOptions) {}

  serve(pathname: string, req: IncomingMessage, res: ServerResponse, headOnly: boolean): void {
    const relative = decodePath(pathname)
    const root = this.options.root
    const indexFile = root && path.join(root, 'index.html')
    if (!root || !indexFile || !existsSync(indexFile)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 app is not built: run npm run build:h5')
      return
    }
    const file = path.normalize(path.join(root, relative))
    const inside = file.startsWith(path.normalize(root + path.sep))
    const exists = inside && existsSync(file) && statSync(file).isFile()
    const isPage = !exists && !path.posix.extname(relative.replace(/\/+$/, ''))
    if (!exists && !isPage) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' })
      res.end(headOnly ? undefined : 'not found')
      return
    }
    const target = exists && file !== indexFile ? file : indexFile
    const isIndex = target === indexFile
    const representation = isIndex ? this.indexRepresentation(indexFile) : this.fileRepresentation(target)
    const cacheControl = isIndex || !hashedName.test(target) ? 'no-cache' : 'public, max-age=31536000, immutable'
    const headers: Record<string, string | number> = {
      'content-type': contentTypeOf(target),
      'cache-control': cacheControl,
      etag: representation.etag,
      vary: 'Accept-Encoding',
    }
    if (fresh(req, representation.etag)) {
      res.writeHead(304, headers)
      res.end()
      return
    }
    const encoding = chooseEncoding(req.headers['accept-encoding'], representation)
    const body = encoding ? representation.encoded[encoding]! : representation.identity
    if (encoding) headers['content-encoding'] = encoding
    headers['content-length'] = body.length
    res.writeHead(200, headers)
    res.end(headOnly ? undefined : body)
  }

  /** A built file as read at its current modification time (a rebuild replaces it). */
  private fileRepresentation(file: string): Representation {
    const { mtimeMs } = statSync(file)
    const known = this.files.get(file)
    if (known?.mtimeMs === mtimeMs) return known.representation
    const representation = readRepresentation(file)
    this.files.set(file, { mtimeMs, representation })
    return representation
  }

  /** index.html with the local snippet added, compressed once per build of the app. */
  private indexRepresentation(indexFile: string): Representation {
    const { mtimeMs } = statSync(indexFile)
    if (this.index?.mtimeMs === mtimeMs) return this.index.representation
    let html = readFileSync(indexFile, 'utf8')
    if (this.options.inject) html = withInjected(html, this.options.inject)
    const identity = Buffer.from(html)
    const representation: Representation = {
      identity,
      encoded: {
        br: brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        gzip: gzipSync(identity, { level: 9 }),
      },
      etag: etagOf(identity),
    }
    this.index = { mtimeMs, representation }
    return representation
  }
}

function readRepresentation(file: string): Representation {
  const identity = readFileSync(file)
  const encoded: Representation['encoded'] = {}
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (existsSync(file + suffix)) encoded[encoding] = readFileSync(file + suffix)
  }
  return { identity, encoded, etag: etagOf(identity) }
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`
}

/** If-None-Match names the current representation (a list or `*`; weak tags compare as strong). */
function fresh(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/** The smallest encoding the browser accepts (q > 0) that the file has; brotli before gzip. */
export function chooseEncoding(acceptEncoding: string | undefined, representation: Pick<Representation, 'encoded'>): Encoding | undefined {
  if (!acceptEncoding) return undefined
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    accepted.set(name, q ? Number(q.slice(2)) : 1)
  }
  const allowed = (name: Encoding) => {
    const q = accepted.get(name) ?? accepted.get('*')
    return q !== undefined && q > 0
  }
  for (const encoding of ['br', 'gzip'] as const) {
    if (representation.encoded[encoding] && allowed(encoding)) return encoding
  }
  return undefined
}

function withInjected(html: string, snippet: string): string {
  const at = html.lastIndexOf('</body>')
  return at < 0 ? html + snippet : html.slice(0, at) + snippet + html.slice(at)
}
