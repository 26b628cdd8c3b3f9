import http from 'node:http'
import { seedDemo } from '../../demo/demo-data'
import { renderSignInPage } from '../../demo/sign-in-page'
import type { LocalCloud } from '../../localcloud/server'
import { sdkFor, startTestCloud } from '../support/cloud'

/**
 * The local cloud tried from outside: payloads built to break it, requests that are not what
 * they claim, and pages of other sites. None stops a function, none answers 500, and none from
 * another site reads or writes anything.
 */
let cloud: LocalCloud
let port: number
beforeAll(async () => {
  const identities = [{ openid: 'demo-secretary', name: '李红梅', description: '书记' }]
  cloud = await startTestCloud({ signIn: { page: (next) => renderSignInPage({ title: '支部通', identities, next }) } })
  await seedDemo(cloud.store)
  port = Number(new URL(cloud.url).port)
})
afterAll(() => cloud.close())

interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** One HTTP request with exactly these headers (fetch would not send a forged Host). */
function raw(method: string, path: string, { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode as number, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const json = { 'content-type': 'application/json' }

async function signIn(openid: string): Promise<string> {
  const res = await raw('POST', '/gateway/login', { headers: json, body: JSON.stringify({ openid }) })
  expect(res.status).toBe(200)
  return String(res.headers['set-cookie']).split(';')[0]
}

/** `[[[…]]]` nested `levels` deep, as text (too deep to build as an object and stringify). */
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

describe('a payload nested 20,000 levels deep', () => {
  const ping = async (cookie: string) => {
    const res = await raw('POST', '/gateway/call', { headers: { ...json, cookie }, body: JSON.stringify({ name: 'system', data: { action: 'system.ping', input: {} } }) })
    return { status: res.status, body: JSON.parse(res.text) as { result: { ok: boolean } } }
  }

  it('is refused at the gateway, 21 times over, and the function still answers', async () => {
    const cookie = await signIn('demo-member')
    for (const name of ['system', 'checkin']) {
      const body = `{"name":"${name}","data":{"action":"${name}.ping","input":${nested(20_000)}}}`
      const answers = await Promise.all(Array.from({ length: 21 }, () => raw('POST', '/gateway/call', { headers: { ...json, cookie }, body })))
      expect(answers.map((a) => a.status)).toEqual(Array(21).fill(400))
    }
    expect(await ping(cookie)).toMatchObject({ status: 200, body: { result: { ok: true } } })
    const scan = await raw('POST', '/gateway/call', { headers: { ...json, cookie }, body: JSON.stringify({ name: 'checkin', data: { action: 'checkin.scan', input: { token: 'not-a-token' } } }) })
    expect(scan.status).toBe(200)
    expect((JSON.parse(scan.text) as { result: { ok: boolean } }).result.ok).toBe(false)
  })

  it('is refused by the local invoke tool, and the function still answers', async () => {
    const body = `{"name":"system","openid":"demo-member","event":{"action":"system.ping","input":${nested(20_000)}}}`
    const answers = await Promise.all(Array.from({ length: 21 }, () => raw('POST', '/localcloud/invoke', { headers: json, body })))
    expect(answers.map((a) => a.status)).toEqual(Array(21).fill(400))
    expect(JSON.parse(answers[0].text)).toMatchObject({ ok: false, error: { errCode: -501007 } })
    const normal = await raw('POST', '/localcloud/invoke', { headers: json, body: JSON.stringify({ name: 'system', event: { action: 'system.ping', input: {} } }) })
    expect(JSON.parse(normal.text)).toMatchObject({ ok: true, result: { ok: true } })
  })

  it('is refused when a function calls another with it through the SDK, and calls still work', async () => {
    const sdk = sdkFor(cloud)
    let deep: unknown = []
    for (let i = 0; i < 1000; i++) deep = [deep]
    const refusals = await Promise.allSettled(Array.from({ length: 21 }, () => sdk.callFunction({ name: 'system', data: { action: 'system.ping', input: deep } })))
    for (const refusal of refusals) {
      expect(refusal.status).toBe('rejected')
      expect((refusal as PromiseRejectedResult).reason).toMatchObject({ code: 'INVALID_PARAM' })
    }
    const answer = (await sdk.callFunction({ name: 'system', data: { action: 'system.ping', input: {} } })) as { result: { ok: boolean } }
    expect(answer.result.ok).toBe(true)
  })
})

describe('malformed requests', () => {
  it.each([
    ['POST', '/gateway/call', 'null'],
    ['POST', '/gateway/login', 'null'],
    ['POST', '/localcloud/invoke', 'null'],
    ['POST', '/gateway/call', '{not json'],
    ['POST', '/gateway/login', '[1,2]'],
    ['POST', '/localcloud/invoke', '"system"'],
    ['POST', '/localcloud/invoke', '{"name":5}'],
    ['POST', '/admin', 'null'],
    ['POST', '/admin', '{not json'],
  ])('%s %s with body %s gets a 4xx', async (method, path, body) => {
    const cookie = await signIn('demo-member')
    const before = cloud.store.commitSeq
    const res = await raw(method, path, { headers: { ...json, cookie }, body })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(cloud.store.commitSeq).toBe(before)
  })

  it('refuses an upload path with a NUL byte or a 300-character file name', async () => {
    const cookie = await signIn('demo-secretary')
    for (const cloudPath of ['minutes/m1/a\u0000b.png', `minutes/m1/${'长'.repeat(300)}.png`, `imports/${'x'.repeat(300)}.xlsx`]) {
      const res = await raw('POST', `/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { headers: { cookie, 'content-type': 'application/octet-stream' }, body: 'png' })
      expect(res.status).toBe(400)
    }
  })

  it('refuses a download or page path with broken percent-encoding', async () => {
    expect((await raw('GET', '/storage/file/minutes/%E0%A4%A.png?expires=1&sign=x')).status).toBe(400)
    expect((await raw('GET', '/pages/%E0%A4%A')).status).toBe(400)
    expect((await raw('GET', '/storage/file/a%00b.png?expires=1&sign=x')).status).toBe(400)
  })
})

describe('other sites', () => {
  const write = JSON.stringify({ name: 'system', event: { action: 'system.ping', input: {} } })

  it('cannot post to the local tools or the cloud API as text/plain, a form or a script of theirs', async () => {
    const before = cloud.store.commitSeq
    const attempts: Array<[string, Record<string, string>, string]> = [
      ['/localcloud/invoke', { 'content-type': 'text/plain' }, write],
      ['/localcloud/invoke', { 'content-type': 'application/x-www-form-urlencoded' }, 'name=system'],
      ['/localcloud/invoke', { ...json, origin: 'http://evil.example' }, write],
      ['/localcloud/invoke', { ...json, 'sec-fetch-site': 'cross-site' }, write],
      ['/localcloud/invoke', { ...json, origin: 'null' }, write],
      ['/admin', { 'content-type': 'text/plain' }, JSON.stringify({ action: 'database.insertDocument', collectionName: 'members', data: ['{"name":"x"}'] })],
      ['/admin', { origin: 'http://evil.example' }, JSON.stringify({ action: 'database.insertDocument', collectionName: 'members', data: ['{"name":"x"}'] })],
      ['/gateway/login', { ...json, 'sec-fetch-site': 'same-site' }, JSON.stringify({ openid: 'demo-secretary' })],
    ]
    for (const [path, headers, body] of attempts) {
      const res = await raw('POST', path, { headers, body })
      expect([403, 415]).toContain(res.status)
    }
    expect(cloud.store.commitSeq).toBe(before)
  })

  it('cannot reach it through another DNS name (DNS rebinding)', async () => {
    const read = JSON.stringify({ action: 'database.getDocument', collectionName: 'members', query: '{}', queryType: 'WHERE', limit: 10 })
    for (const [method, path, body] of [['POST', '/admin', read], ['GET', '/localcloud/health', undefined], ['GET', '/', undefined]] as const) {
      const res = await raw(method, path, { headers: { host: `rebind.example:${port}`, ...json }, body })
      expect(res.status).toBe(403)
      expect(res.text).not.toContain('139')
    }
    // The names it answers to work.
    expect((await raw('GET', '/localcloud/health', { headers: { host: `localhost:${port}` } })).status).toBe(200)
    expect((await raw('GET', '/localcloud/health', { headers: { host: `127.0.0.1:${port}` } })).status).toBe(200)
  })

  it('answers same-origin requests from the app itself', async () => {
    const res = await raw('POST', '/localcloud/invoke', { headers: { ...json, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' }, body: write })
    expect(res.status).toBe(200)
  })

  it('may link to the sign-in page, which reflects no script and returns only to same-site paths', async () => {
    const linked = await raw('GET', '/localcloud/login', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } })
    expect(linked.status).toBe(200)
    const fetched = await raw('GET', '/localcloud/login', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' } })
    expect(fetched.status).toBe(403)

    const reflected = await raw('GET', `/localcloud/login?next=${encodeURIComponent('/</script><script>alert(1)</script>')}`)
    expect(reflected.text).not.toContain('<script>alert(1)')
    expect(reflected.text.match(/<script>/g)).toHaveLength(1)
    const kept = await raw('GET', `/localcloud/login?next=${encodeURIComponent('/pages/meeting/index?id=m1&from=home')}`)
    expect(kept.text).toContain('data-next="/pages/meeting/index?id=m1&amp;from=home"')
  })

  it("returns from sign-in only where a browser's own reading of the path stays on this site", async () => {
    const origin = `http://127.0.0.1:${port}`
    const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_all, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string)
    /** Where the page sends the browser after sign-in, as the browser resolves it. */
    const landing = async (query: string) => {
      const page = await raw('GET', `/localcloud/login?${query}`)
      const next = unescape((page.text.match(/data-next="([^"]*)"/) as RegExpMatchArray)[1])
      return { next, url: new URL(next, origin) }
    }
    const hostile = [
      '/\t/evil.example/', '/\n/evil.example/', '/\r/evil.example/', '\t//evil.example/', '/\\evil.example', '\\\\evil.example', '/\\/evil.example',
      '//evil.example', '//evil.example/x', '///evil.example', 'https://evil.example/', 'javascript:alert(1)', '/.//evil.example', '/a/..//evil.example', '/./\t/evil.example',
    ]
    for (const next of hostile) {
      // Sent percent-encoded, as a link carries it.
      const { next: kept, url } = await landing(`next=${encodeURIComponent(next)}`)
      expect([next, kept]).toEqual([next, '/'])
      expect(url.origin).toBe(origin)
    }
    // Written into the link as is: %09 and %0A arrive as a tab and a newline.
    for (const query of ['next=/%09/evil.example/', 'next=/%0A/evil.example/', 'next=%2F%2Fevil.example', 'next=/%5Cevil.example']) {
      expect([query, (await landing(query)).next]).toEqual([query, '/'])
    }
    // Encoded twice, the tab stays %09 in the path: a path of this site, where the browser stays.
    const encoded = await landing(`next=${encodeURIComponent('/%09/evil.example/')}`)
    expect(encoded.url.origin).toBe(origin)
    expect(encoded.url.pathname).toBe('/%09/evil.example/')
    // A path of the site is kept as the browser would read it.
    expect((await landing(`next=${encodeURIComponent('/pages/a/../mine/index?x=1#top')}`)).next).toBe('/pages/mine/index?x=1#top')
    expect((await landing(`next=${encodeURIComponent(`${origin}/pages/mine/index`)}`)).next).toBe('/pages/mine/index')
  })

  it('serves a stored file so that it can never run as a page of the app', async () => {
    const cookie = await signIn('demo-secretary')
    const page = '<html><script>fetch("/gateway/call")</script></html>'
    // Whatever its name says, a stored file is served as data: here a page under a name issued for a photo.
    const key = 'f'.repeat(32)
    const cloudPath = `minutes/m-html/${key}.html`
    await cloud.store.commit([{ coll: 'uploads', id: key, doc: { _id: key, openid: 'demo-secretary', memberId: 'member-001', branchId: 'branch-mingde-1', purpose: 'minutesPhoto', meetingId: 'm-html', cloudPath, createdAt: new Date() } }])
    const upload = await raw('POST', `/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { headers: { cookie, 'content-type': 'application/octet-stream' }, body: page })
    expect(upload.status).toBe(200)
    const sdk = sdkFor(cloud)
    const { fileList } = (await sdk.getTempFileURL({ fileList: [JSON.parse(upload.text).fileID] })) as { fileList: Array<{ tempFileURL: string }> }
    const served = await raw('GET', new URL(fileList[0].tempFileURL).pathname + new URL(fileList[0].tempFileURL).search)
    expect(served.status).toBe(200)
    expect(served.headers['content-security-policy']).toMatch(/sandbox/)
    expect(served.headers['x-content-type-options']).toBe('nosniff')
  })
})
