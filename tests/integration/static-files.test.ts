import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { StaticFiles } from '../../localcloud/static-files'

/**
 * The built H5 app as the local cloud serves it, as a static host or CDN would: the smallest
 * encoding the browser accepts, hashed files cached for good, index.html revalidated by its ETag,
 * and a plain 404 for a file that is not there (never the app's page in its place).
 */
let dir: string
let server: Server
let base: string
const script = 'console.log("支部通");'.repeat(200)
const html = '<!doctype html><html><head><title>支部通</title></head><body><div id="app"></div></body></html>'

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'static-'))
  mkdirSync(path.join(dir, 'js'))
  writeFileSync(path.join(dir, 'index.html'), html)
  writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js'), script)
  writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js.br'), brotliCompressSync(script))
  writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js.gz'), gzipSync(script))
  writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *')
  const files = new StaticFiles({ root: dir, inject: '<a id="local">切换身份</a>' })
  server = createServer((req, res) => files.serve(new URL(req.url ?? '/', 'http://x').pathname, req, res, req.method === 'HEAD'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(base + pathname, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

it('sends a built file precompressed with brotli when the browser takes it, else gzip, else as it is', async () => {
  const br = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
  expect(br.headers['content-encoding']).toBe('br')
  expect(brotliDecompressSync(br.body).toString()).toBe(script)
  expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 5)

  const gz = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' })
  expect(gz.headers['content-encoding']).toBe('gzip')
  expect(gunzipSync(gz.body).toString()).toBe(script)

  const refusesBrotli = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' })
  expect(refusesBrotli.headers['content-encoding']).toBe('gzip')

  const plain = await get('/js/app.1a2b3c4d.js')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString()).toBe(script)
  for (const answer of [br, gz, plain]) expect(answer.headers.vary).toBe('Accept-Encoding')
})

it('caches a hashed file for good and revalidates index.html by its ETag', async () => {
  const hashed = await get('/js/app.1a2b3c4d.js')
  expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable')

  const page = await get('/pages/home/index', { 'accept-encoding': 'br' })
  expect(page.status).toBe(200)
  expect(page.headers['cache-control']).toBe('no-cache')
  expect(page.headers['content-encoding']).toBe('br')
  expect(brotliDecompressSync(page.body).toString()).toContain('切换身份')
  const etag = page.headers.etag as string
  expect(etag).toMatch(/^".+"$/)

  const again = await get('/pages/study/index', { 'if-none-match': etag })
  expect(again.status).toBe(304)
  expect(again.body.length).toBe(0)
  expect((await get('/', { 'if-none-match': '"something-else"' })).status).toBe(200)

  const unhashed = await get('/robots.txt')
  expect(unhashed.headers['cache-control']).toBe('no-cache')
  expect((await get('/robots.txt', { 'if-none-match': unhashed.headers.etag as string })).status).toBe(304)
})

it('answers 404 for a file that is not there, the favicon included, and the app for a page path', async () => {
  for (const missing of ['/favicon.ico', '/js/app.00000000.js', '/css/missing.css']) {
    const answer = await get(missing)
    expect(answer.status).toBe(404)
    expect(answer.body.toString()).not.toContain('<div id="app">')
  }
  const deepLink = await get('/packageStudy/note/index')
  expect(deepLink.status).toBe(200)
  expect(deepLink.body.toString()).toContain('<div id="app">')
  for (const outside of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/js/..%2f..%2f..%2fetc%2fpasswd']) {
    expect((await get(outside)).body.toString()).not.toContain('root:')
  }
})
