import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { LocalCloud } from '../../localcloud/server'
import { startTestCloud } from '../support/cloud'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startTestCloud({ riskyWords: ['违禁词'] })
})
afterAll(() => cloud.close())

type Answer = { errCode: number; errMsg?: string; [key: string]: unknown }
const call = async (api: string, params: Record<string, unknown>, fn = 'notify') => {
  const outcome = await cloud.invoke(fn, { api, params }, { openid: 'o-caller' })
  expect(outcome.error).toBeUndefined()
  return outcome.result as Answer
}

const reminder = (touser: string, data: Record<string, { value: string }>) => ({
  touser,
  templateId: 'TPL_MEETING',
  page: 'pages/meetings/index',
  data,
})
const good = { thing1: { value: '十一月主题党日' }, time2: { value: '2026年11月25日 16:30' } }

describe('subscribeMessage.send', () => {
  it('refuses with 43101 when the user accepted nothing, and records the attempt', async () => {
    const answer = await call('subscribeMessage.send', reminder('o-none', good))
    expect(answer.errCode).toBe(43101)
    const attempts = cloud.openapi.outbox({ touser: 'o-none' })
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ delivered: false, errcode: 43101 })
  })

  it('spends exactly one acceptance per message and puts it in the outbox', async () => {
    await cloud.openapi.grantSubscription('o-one', 'TPL_MEETING', 1)
    const first = await call('subscribeMessage.send', reminder('o-one', good))
    expect(first.errCode).toBe(0)
    expect(typeof first.msgid).toBe('number')
    const second = await call('subscribeMessage.send', reminder('o-one', good))
    expect(second.errCode).toBe(43101)
    const delivered = cloud.openapi.outbox({ touser: 'o-one' }).filter((m) => m.delivered)
    expect(delivered).toHaveLength(1)
    expect(delivered[0]).toMatchObject({ templateId: 'TPL_MEETING', page: 'pages/meetings/index', data: good })
    expect(cloud.openapi.remainingSubscriptions('o-one', 'TPL_MEETING')).toBe(0)
  })

  it.each([
    ['a thing over 20 characters', { thing1: { value: '这是一个超过二十个字的会议名称用来测试长度限制是否生效' } }],
    ['a malformed time', { time2: { value: '下午四点半' } }],
    ['an impossible date', { time2: { value: '2026年2月30日 16:30' } }],
    ['a phrase that is not Chinese', { phrase3: { value: 'ok' } }],
    ['a long character_string', { character_string4: { value: 'x'.repeat(33) } }],
  ])('refuses %s with 47003 and spends nothing', async (_label, data) => {
    await cloud.openapi.grantSubscription('o-bad', 'TPL_MEETING', 1)
    const answer = await call('subscribeMessage.send', reminder('o-bad', data))
    expect(answer.errCode).toBe(47003)
    expect(cloud.openapi.remainingSubscriptions('o-bad', 'TPL_MEETING')).toBeGreaterThan(0)
  })

  it.each(['16:30', '2026年11月25日 16:30', '2026年11月25日', '2026-11-25 16:30', '16:30~17:30'])('accepts the time %s', async (value) => {
    await cloud.openapi.grantSubscription('o-time', 'TPL_MEETING', 1)
    const answer = await call('subscribeMessage.send', reminder('o-time', { time2: { value } }))
    expect(answer.errCode).toBe(0)
  })

  it('refuses a function without the openapi permission in config.json (-604101)', async () => {
    await cloud.openapi.grantSubscription('o-perm', 'TPL_MEETING', 1)
    const answer = await call('subscribeMessage.send', reminder('o-perm', good), 'noperm')
    expect(answer.errCode).toBe(-604101)
    expect(cloud.openapi.remainingSubscriptions('o-perm', 'TPL_MEETING')).toBe(1)
  })
})

describe('wxacode.getUnlimited', () => {
  it('returns a real, scannable PNG that carries the page and scene', async () => {
    const answer = await call('wxacode.getUnlimited', { scene: 'm=abc123', page: 'pages/checkin/index', checkPath: false })
    expect(answer.errCode).toBe(0)
    expect(answer.contentType).toBe('image/png')
    const png = PNG.sync.read(Buffer.from(answer.base64 as string, 'base64'))
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(decoded?.data).toBe(`${cloud.url}/pages/checkin/index?scene=m%3Dabc123`)
  })

  it('refuses a scene over 32 characters and a page with a leading slash', async () => {
    expect((await call('wxacode.getUnlimited', { scene: 'x'.repeat(33), page: 'pages/home/index' })).errCode).toBe(40169)
    expect((await call('wxacode.getUnlimited', { scene: 'ok', page: '/pages/home/index' })).errCode).toBe(41030)
  })
})

describe('security.msgSecCheck', () => {
  it('passes clean text and flags configured words as risky', async () => {
    const clean = await call('security.msgSecCheck', { version: 2, scene: 2, openid: 'o-caller', content: '学习党的二十届四中全会精神的体会' })
    expect(clean).toMatchObject({ errCode: 0, result: { suggest: 'pass' } })
    const risky = await call('security.msgSecCheck', { version: 2, scene: 2, openid: 'o-caller', content: '这里有违禁词' })
    expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky' } })
  })
})
