import type { LocalCloud } from '../../localcloud/server'
import { seedDemo } from '../../demo/demo-data'
import { renderSignInPage } from '../../demo/sign-in-page'
import { startTestCloud } from '../support/cloud'

let cloud: LocalCloud
beforeAll(async () => {
  const identities = [{ openid: 'demo-secretary', name: '李红梅', description: '书记' }]
  cloud = await startTestCloud({ signIn: { page: (next) => renderSignInPage({ title: '支部通', identities, next }) } })
  await seedDemo(cloud.store)
})
afterAll(() => cloud.close())

async function signIn(openid: string): Promise<string> {
  const res = await fetch(`${cloud.url}/gateway/login`, { method: 'POST', body: JSON.stringify({ openid }), headers: { 'content-type': 'application/json' } })
  expect(res.status).toBe(200)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}

const callAs = (cookie: string | undefined, body: unknown) =>
  fetch(`${cloud.url}/gateway/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('H5 gateway', () => {
  it('refuses a call without a session', async () => {
    const res = await callAs(undefined, { name: 'member', data: { action: 'member.me', input: {} } })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'NO_SESSION' })
  })

  it("runs the call as the signed-in identity, whatever the payload claims", async () => {
    const cookie = await signIn('demo-secretary')
    const res = await callAs(cookie, { name: 'member', data: { action: 'member.me', input: {}, openid: 'demo-member' } })
    const body = (await res.json()) as { result: { ok: boolean; error?: { code: string }; data?: { member: { name: string } } } }
    // An extra field in the envelope is ignored; identity comes from the session only.
    expect(body.result.ok).toBe(true)
    expect(body.result.data?.member.name).toBe('李红梅')
  })

  it('answers an unbound identity with no member', async () => {
    const cookie = await signIn('demo-newcomer')
    const body = (await (await callAs(cookie, { name: 'member', data: { action: 'member.me', input: {} } })).json()) as { result: unknown }
    expect(body.result).toEqual({ ok: true, data: { openidBound: false, member: null, orgAdmin: null, pendingJoin: null, joinRejected: null } })
  })

  it.each([
    ['an unknown action', { action: 'member.fly', input: {} }, 'REQUEST.UNKNOWN_ACTION'],
    ['an action of another function', { action: 'system.ping', input: {} }, 'REQUEST.UNKNOWN_ACTION'],
    ['input with an unexpected field', { action: 'member.me', input: { extra: 1 } }, 'INPUT.INVALID'],
    ['input of the wrong type', { action: 'member.me', input: 'me' }, 'INPUT.INVALID'],
    ['a payload that is not an object', [1, 2, 3], 'REQUEST.MALFORMED'],
    ['an oversized payload', { action: 'member.me', input: { blob: 'x'.repeat(70_000) } }, 'INPUT.TOO_LARGE'],
  ])('answers %s with a stable code and a Chinese message, never a stack', async (_label, data, code) => {
    const cookie = await signIn('demo-member')
    const before = cloud.store.commitSeq
    const res = await callAs(cookie, { name: 'member', data })
    const body = (await res.json()) as { result: { ok: boolean; error: { code: string; message: string } } }
    expect(body.result.ok).toBe(false)
    expect(body.result.error.code).toBe(code)
    expect(body.result.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|\.ts:\d+/)
    expect(cloud.store.commitSeq).toBe(before)
  })

  it('explains which field is wrong', async () => {
    const cookie = await signIn('demo-member')
    const body = (await (await callAs(cookie, { name: 'system', data: { action: 'system.ping', input: { echo: 5 } } })).json()) as {
      result: { error: { code: string; message: string; fields: Record<string, string> } }
    }
    expect(body.result.error).toMatchObject({ code: 'INPUT.INVALID', fields: { echo: '格式不正确' } })
  })

  it('refuses malformed JSON, an unknown function and a body over 1 MB', async () => {
    const cookie = await signIn('demo-member')
    expect((await callAs(cookie, '{not json')).status).toBe(400)
    expect((await callAs(cookie, { name: 'nope', data: {} })).status).toBe(404)
    expect((await callAs(cookie, { name: 'member', data: { x: 'x'.repeat(1_100_000) } })).status).toBe(413)
  })

  it('records subscribe-message acceptances for the signed-in user', async () => {
    const cookie = await signIn('demo-member')
    const res = await fetch(`${cloud.url}/gateway/subscribe`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ templateIds: ['TPL_A'] }) })
    expect(await res.json()).toEqual({ TPL_A: 'accept' })
    expect(cloud.openapi.remainingSubscriptions('demo-member', 'TPL_A')).toBe(1)
  })

  it('stands in for the subscribe dialog: a refusal grants nothing, a kept answer is given without asking', async () => {
    const cookie = await signIn('demo-keeper')
    const post = (path: string, body: unknown) =>
      fetch(`${cloud.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json())
    expect(await post('/gateway/subscribe', { templateIds: ['TPL_B'], answer: 'reject' })).toEqual({ TPL_B: 'reject' })
    expect(cloud.openapi.remainingSubscriptions('demo-keeper', 'TPL_B')).toBe(0)
    expect(await post('/gateway/subscribe', { templateIds: ['TPL_B'], keep: true })).toEqual({ TPL_B: 'accept' })
    expect(await post('/gateway/subscribe/settings', {})).toEqual({ mainSwitch: true, itemSettings: { TPL_B: 'accept' } })
    // The box was ticked: a later "reject" from the stand-in is not asked, the kept answer stands.
    expect(await post('/gateway/subscribe', { templateIds: ['TPL_B'], answer: 'reject' })).toEqual({ TPL_B: 'accept' })
    expect(cloud.openapi.remainingSubscriptions('demo-keeper', 'TPL_B')).toBe(2)
  })

  it('serves a sign-in page that lists the demo identities and only same-site return paths', async () => {
    const html = await (await fetch(`${cloud.url}/localcloud/login?next=//evil.example/x`)).text()
    expect(html).toContain('李红梅')
    expect(html).toContain('data-next="/"')
  })
})
