import { networkInterfaces } from 'node:os'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import busboy from 'busboy'

/** A refusal with its HTTP status and JSON body; thrown while reading a request, sent by the router. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status} ${JSON.stringify(body)}`)
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

/** The body, or HttpError 413 once it grows past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        reject(new HttpError(413, { error: 'PAYLOAD_TOO_LARGE' }))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
    })
    req.on('error', (error) => {
      if (!done) reject(error)
    })
  })
}

/** `application/json` of `application/json; charset=utf-8`; empty when there is none. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
}

/**
 * The JSON object a JSON endpoint was sent. Only `application/json` is read: a page on another
 * site can post text/plain or a form without asking first, never JSON. An empty body is `{}`.
 */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  if (mediaType(req) !== 'application/json') throw new HttpError(415, { error: 'JSON_REQUIRED' })
  const text = (await readBody(req, limit)).toString('utf8')
  if (!text.trim()) return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new HttpError(400, { error: 'MALFORMED_JSON' })
  }
  if (!isPlainObject(value)) throw new HttpError(400, { error: 'BODY_NOT_OBJECT' })
  return value
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

/** Multipart fields as raw bytes: the open-API payload is protobuf, not text. */
export function parseMultipart(contentType: string, body: Buffer, limit: number): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, Buffer>()
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: limit } })
    } catch {
      return reject(new HttpError(400, { error: 'MALFORMED_MULTIPART' }))
    }
    parser.on('field', (name, value) => parts.set(name, Buffer.from(value, 'latin1')))
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => parts.set(name, Buffer.concat(chunks)))
    })
    parser.on('close', () => resolve(parts))
    parser.on('error', () => reject(new HttpError(400, { error: 'MALFORMED_MULTIPART' })))
    parser.end(body)
  })
}

/** Percent-decodes each segment of a URL path; HttpError 400 for broken encoding or a NUL. */
export function decodePath(encoded: string): string {
  let decoded: string
  try {
    decoded = encoded.split('/').map(decodeURIComponent).join('/')
  } catch {
    throw new HttpError(400, { error: 'MALFORMED_PATH' })
  }
  if (decoded.includes('\0')) throw new HttpError(400, { error: 'MALFORMED_PATH' })
  return decoded
}

/**
 * Where the sign-in page may send the browser back to: decided on the URL as a browser parses it
 * (it drops tabs and newlines, reads a backslash as a slash, resolves dot segments), so only
 * something that resolves to this origin is kept. What is returned is that URL's path, which must
 * itself resolve to the same place (`/.//evil.example` normalises to `//evil.example`, a link to
 * another site); anything else becomes `/`.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
  if (!next) return '/'
  let url: URL
  try {
    url = new URL(next, origin)
  } catch {
    return '/'
  }
  if (url.origin !== origin) return '/'
  const path = url.pathname + url.search + url.hash
  return new URL(path, origin).href === url.href ? path : '/'
}

/**
 * Who may talk to the server: requests must name it by an address it answers on (a rebinding
 * DNS name pointing at 127.0.0.1 is refused), and its API answers no page of another site.
 */
export class RequestGuard {
  private readonly hosts = new Set<string>()
  private readonly origins = new Set<string>()

  constructor(listenHost: string, port: number) {
    const names = new Set(['127.0.0.1', 'localhost', '[::1]'])
    const wildcard = listenHost === '0.0.0.0' || listenHost === '::' || listenHost === ''
    if (!wildcard) names.add(bracketed(listenHost.toLowerCase()))
    else {
      // Listening everywhere (to try the app from a phone): this machine's own addresses.
      for (const addresses of Object.values(networkInterfaces())) {
        for (const { address } of addresses ?? []) names.add(bracketed(address.toLowerCase()))
      }
    }
    for (const name of names) {
      this.hosts.add(`${name}:${port}`)
      if (port === 80) this.hosts.add(name)
      this.origins.add(`http://${name}${port === 80 ? '' : `:${port}`}`)
    }
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.hosts.has((req.headers.host ?? '').toLowerCase())
  }

  /** A request a browser made for a page of another origin (or of no origin at all). */
  crossSite(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return true
    const origin = req.headers.origin
    return origin !== undefined && !this.origins.has(origin.toLowerCase())
  }
}

const bracketed = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Headers for a stored file served from the app's own origin: its type from its name, but never
 * run as a page there (an uploaded .html or .svg could otherwise act with the viewer's session).
 */
export function storedFileHeaders(cloudPath: string, length: number): Record<string, string | number> {
  return {
    'content-type': contentTypeOf(cloudPath),
    'content-length': length,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
  }
}
