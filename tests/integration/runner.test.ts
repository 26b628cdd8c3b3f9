import type { InvokeOutcome } from '../../localcloud/runner/runner'
import type { LocalCloud } from '../../localcloud/server'
import { sdkFor, startTestCloud } from '../support/cloud'

let cloud: LocalCloud

beforeAll(async () => {
  cloud = await startTestCloud()
  for (const name of ['ticks', 'counters', 'counterLog']) await cloud.store.createCollection(name)
})
afterAll(() => cloud.close())

type Context = { context: Record<string, unknown> }

describe('function runner', () => {
  it("gives each call its caller's OPENID, APPID and SOURCE from the cloud context", async () => {
    const outcome = await cloud.invoke('whoami', { hello: 1 }, { openid: 'o-teacher', source: 'wx_client' })
    expect(outcome.ok).toBe(true)
    const { context } = outcome.result as Context
    expect(context).toMatchObject({ OPENID: 'o-teacher', APPID: 'wxlocal0000000000', SOURCE: 'wx_client', ENV: 'zhibutong-local' })
    expect(context).not.toHaveProperty('API_TOKEN')
  })

  it('keeps concurrent callers apart: 30 at once each see their own OPENID', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => cloud.invoke('whoami', { i }, { openid: `o-${i}` })),
    )
    outcomes.forEach((outcome, i) => {
      const { context, event } = outcome.result as Context & { event: { i: number } }
      expect(context.OPENID).toBe(`o-${i}`)
      expect(event.i).toBe(i)
    })
    expect(cloud.runner.instanceCount('whoami')).toBeLessThanOrEqual(20)
  })

  it('reuses a warm instance', async () => {
    await cloud.invoke('noop', {})
    const second = await cloud.invoke('noop', {})
    expect(second.stats.coldStart).toBe(false)
  })

  it("kills a call that runs past config.json's timeout, and the next call still works", async () => {
    const slow = await cloud.invoke('slow', { ms: 2500 })
    expect(slow.ok).toBe(false)
    expect(slow.error).toEqual({ errCode: -504003, errMsg: 'Invoking task timed out after 1 seconds' })
    const quick = await cloud.invoke('slow', { ms: 1 })
    expect(quick).toMatchObject({ ok: true, result: { slept: 1 } })
  })

  it('reports an exception thrown by a function as a failed invocation', async () => {
    const outcome = await cloud.invoke('crash', {})
    expect(outcome.ok).toBe(false)
    expect(outcome.error?.errCode).toBe(-504002)
    expect(outcome.error?.errMsg).toContain('boom')
  })

  it('kills a function mid-call when asked, as a crash would, and the next call gets a fresh instance', async () => {
    const running = cloud.invoke('slow', { ms: 800 })
    while (cloud.runner.instanceCount('slow') === 0) await new Promise((resolve) => setImmediate(resolve))
    expect(cloud.runner.kill('slow')).toBeGreaterThan(0)
    const killed = await running
    expect(killed.ok).toBe(false)
    expect(await cloud.invoke('slow', { ms: 1 })).toMatchObject({ ok: true, result: { slept: 1 } })
  })

  it('fires a timer as it would fire at a given moment', async () => {
    const res = await fetch(`${cloud.url}/localcloud/timers/whoami/fire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ time: '2026-03-02T09:00:00.000Z' }) })
    const outcome = (await res.json()) as { result: { event: { Type: string; Time: string }; context: Record<string, unknown> } }
    expect(outcome.result.event).toMatchObject({ Type: 'Timer', Time: '2026-03-02T09:00:00.000Z' })
    expect(outcome.result.context.SOURCE).toBe('wx_trigger')
  })

  it('never hands a crashed instance to the next call waiting for it', async () => {
    const single = await startTestCloud({ maxInstancesPerFunction: 1 })
    try {
      const [dead, next] = await Promise.all([single.invoke('flaky', { die: true }), single.invoke('flaky', {})])
      expect(dead.ok).toBe(false)
      expect(next).toMatchObject({ ok: true, result: { alive: true } })
    } finally {
      await single.close()
    }
  })

  it("answers the cloud's overload error to a caller who waits too long for a busy function, then serves the next", async () => {
    const busy = await startTestCloud({ maxInstancesPerFunction: 1, maxQueueWaitMs: 50 })
    try {
      expect(await busy.invoke('slow', { ms: 1 })).toMatchObject({ ok: true })
      const [slow, waiting] = await Promise.all([busy.invoke('slow', { ms: 700 }), busy.invoke('slow', { ms: 1 })])
      expect(slow).toMatchObject({ ok: true, result: { slept: 700 } })
      expect(waiting).toMatchObject({ ok: false, error: { errCode: -501004 } })
      expect(await busy.invoke('slow', { ms: 1 })).toMatchObject({ ok: true })
    } finally {
      await busy.close()
    }
  })

  it('refuses an event that cannot travel as JSON before it takes an instance', async () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(await cloud.invoke('noop', cyclic)).toMatchObject({ ok: false, error: { errCode: -501007 } })
    expect(await cloud.invoke('noop', {})).toMatchObject({ ok: true })
  })

  it('answers an unknown function with the cloud error', async () => {
    const outcome = await cloud.invoke('no-such-function', {})
    expect(outcome.error?.errCode).toBe(-501000)
  })

  it('lets a function call another with cloud.callFunction, for the same user', async () => {
    const outcome = await cloud.invoke('relay', { target: 'whoami', data: { via: 'relay' } }, { openid: 'o-relay' })
    expect(outcome.ok).toBe(true)
    const { context, event } = outcome.result as Context & { event: unknown }
    expect(context).toMatchObject({ OPENID: 'o-relay', SOURCE: 'wx_function' })
    expect(event).toEqual({ via: 'relay' })
  })

  it('counts the database operations of one invocation', async () => {
    const outcome = await cloud.invoke('counter', { id: 'ops' })
    // start, get, set, add, commit
    expect(outcome.stats.dbOps).toBe(5)
  })

  it('fires timer triggers from config.json with no OPENID and SOURCE wx_trigger', async () => {
    // The timers `npm start` runs, started here with a listener: the test waits for two fires, not for a while.
    const fired = await new Promise<InvokeOutcome[]>((resolve) => {
      const outcomes: InvokeOutcome[] = []
      cloud.runner.startTimers((name, outcome) => {
        if (name === 'tick' && outcomes.push(outcome) === 2) resolve(outcomes)
      })
    })
    expect(fired.map((outcome) => outcome.ok)).toEqual([true, true])
    const db = sdkFor(cloud).database()
    const ticks = ((await db.collection('ticks').get()) as { data: Array<{ source: string; openid: string | null; trigger: string }> }).data
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(ticks[0]).toMatchObject({ source: 'wx_trigger', openid: null, trigger: 'everySecond' })
  })
})
