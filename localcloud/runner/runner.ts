import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { CronExpressionParser } from 'cron-parser'
import { encodeEvent } from './event'

const workerScript = path.join(__dirname, 'worker.cjs')

export interface FunctionConfig {
  timeout?: number
  triggers?: Array<{ name: string; type: string; config: string }>
  permissions?: { openapi?: string[] }
}

export interface InvocationContext {
  openid?: string
  appid?: string
  unionid?: string
  clientIp?: string
  /** wx_client (mini-program), wx_http (H5 gateway), wx_trigger (timer), wx_function. */
  source: string
}

/** What the local cloud knows about a running invocation, found by its API token. */
export interface Invocation {
  token: string
  fn: string
  context: InvocationContext
  dbOps: number
  startedAt: number
  /** OpenAPI permissions the function's config.json grants. */
  openapi: string[]
}

export interface InvokeOutcome {
  ok: boolean
  result?: unknown
  /** The cloud's error when the function could not run, failed or timed out. */
  error?: { errCode: number; errMsg: string }
  stats: { dbOps: number; durationMs: number; coldStart: boolean }
}

/** The cloud's error codes for an invocation that never ran (wx-server-sdk's TCB_ERR_CODE). */
export const invokeErrors = {
  notFound: -501000,
  invalidParam: -501007,
  /** EXCEED_CONCURRENT_REQUEST_LIMIT: every instance busy for longer than a caller may wait. */
  overloaded: -501004,
  systemError: -501001,
} as const

export interface RunnerOptions {
  /** Folders holding built function folders (index.js + config.json). */
  functionDirs: string[]
  /** Environment every instance gets: the local cloud's URL and the SDK's settings. */
  baseEnv: Record<string, string>
  appId: string
  maxInstancesPerFunction?: number
  /**
   * Instances of one function that may be starting at once. A start loads the SDK, which is
   * CPU-bound: starting more than the machine has cores makes every one of them later, so a
   * burst is served by the instances already up while the pool grows a few at a time.
   */
  maxStartingPerFunction?: number
  /**
   * How long a call waits while every instance is busy before it is answered with the cloud's
   * overload error (a cold start in progress does not count); the H5 client gives up after 20 s,
   * so waiting longer serves nobody.
   */
  maxQueueWaitMs?: number
  /** How long an idle instance stays warm. */
  keepWarmMs?: number
  log?: (line: string) => void
}

type Reply = { ok: boolean; result?: unknown; error?: { message: string; stack?: string } }

interface Instance {
  worker: Worker
  /** The bundle is loaded (the cold start is over). */
  ready: boolean
  /** Settles once the cold start is over, or the instance is gone. */
  started: Promise<void>
  busy: boolean
  served: number
  idleTimer?: NodeJS.Timeout
  pending?: { id: number; resolve: (reply: Reply) => void }
}

interface Waiter {
  settle: (outcome: Instance | 'overloaded' | 'closed') => void
  timer: NodeJS.Timeout
}

interface FunctionPool {
  name: string
  dir: string
  config: FunctionConfig
  instances: Set<Instance>
  waiting: Waiter[]
}

const failed = (errCode: number, errMsg: string, stats: InvokeOutcome['stats'] = { dbOps: 0, durationMs: 0, coldStart: false }): InvokeOutcome => ({
  ok: false,
  error: { errCode, errMsg },
  stats,
})

/**
 * Runs the built function bundles with the cloud's semantics: each instance (a worker thread with
 * its own process.env) serves one invocation at a time with that call's WX_OPENID, WX_APPID and
 * TCB_SOURCE; warm instances are reused; a call that runs past config.json's timeout is killed
 * with its instance; timer triggers fire on config.json's 7-field cron in Beijing time. An event
 * is checked before it takes an instance, every way a call can end gives its instance back (or
 * replaces it), and no caller waits for an instance without limit.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, FunctionPool>()
  private readonly invocations = new Map<string, Invocation>()
  private readonly timers: NodeJS.Timeout[] = []
  private nextMessageId = 1
  private closed = false

  constructor(private readonly options: RunnerOptions) {
    this.discover()
  }

  /** (Re)reads the function folders, e.g. after a rebuild. */
  discover(): void {
    for (const dir of this.options.functionDirs) {
      if (!existsSync(dir)) continue
      for (const name of readdirSync(dir)) {
        const fnDir = path.join(dir, name)
        if (!existsSync(path.join(fnDir, 'index.js'))) continue
        const configFile = path.join(fnDir, 'config.json')
        const config: FunctionConfig = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {}
        const existing = this.pools.get(name)
        if (existing) {
          existing.config = config
          existing.dir = fnDir
        } else {
          this.pools.set(name, { name, dir: fnDir, config, instances: new Set(), waiting: [] })
        }
      }
    }
  }

  /** Adds to the environment of instances started from now on. */
  setBaseEnv(values: Record<string, string>): void {
    Object.assign(this.options.baseEnv, values)
  }

  functionNames(): string[] {
    return [...this.pools.keys()].sort()
  }

  has(name: string): boolean {
    return this.pools.has(name)
  }

  invocationByToken(token: string | undefined): Invocation | undefined {
    return token ? this.invocations.get(token) : undefined
  }

  async invoke(name: string, event: unknown, context: InvocationContext): Promise<InvokeOutcome> {
    const pool = this.pools.get(name)
    if (!pool) return failed(invokeErrors.notFound, `FunctionName parameter could not be found: ${name}`)
    const encoded = encodeEvent(event)
    if ('problem' in encoded) return failed(invokeErrors.invalidParam, `Invalid request param: ${encoded.problem}`)
    const started = Date.now()
    const instance = await this.acquire(pool)
    if (instance === 'closed') return failed(invokeErrors.systemError, 'the local cloud is shutting down')
    if (instance === 'overloaded') {
      this.options.log?.(`[${name}] no free instance within ${this.queueWaitMs} ms`)
      const stats = { dbOps: 0, durationMs: Date.now() - started, coldStart: false }
      return failed(invokeErrors.overloaded, `exceed concurrent request limit: every instance of ${name} stayed busy for ${this.queueWaitMs} ms`, stats)
    }
    const cold = instance.served === 0
    const token = randomBytes(16).toString('hex')
    const invocation: Invocation = {
      token,
      fn: name,
      context,
      dbOps: 0,
      startedAt: started,
      openapi: pool.config.permissions?.openapi ?? [],
    }
    this.invocations.set(token, invocation)
    const timeoutSeconds = pool.config.timeout ?? 3
    const env = {
      WX_OPENID: context.openid,
      WX_APPID: context.appid ?? this.options.appId,
      WX_UNIONID: context.unionid,
      WX_CLIENTIP: context.clientIp,
      WX_API_TOKEN: token,
      TCB_SOURCE: context.source,
      TRIGGER_SRC: context.source === 'wx_trigger' ? 'timer' : undefined,
    }
    const id = this.nextMessageId++
    let timer: NodeJS.Timeout | undefined
    let settled = false
    try {
      const reply = await Promise.race([
        new Promise<Reply>((resolve) => {
          instance.pending = { id, resolve }
          instance.worker.postMessage({ id, event: encoded.json, context: { function_name: name, request_id: token }, env })
        }),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000)
        }),
      ])
      settled = true
      const stats = { dbOps: invocation.dbOps, durationMs: Date.now() - started, coldStart: cold }
      if (reply === 'timeout') {
        this.destroy(pool, instance)
        this.options.log?.(`[${name}] timed out after ${timeoutSeconds} s`)
        return failed(-504003, `Invoking task timed out after ${timeoutSeconds} seconds`, stats)
      }
      // An instance that died during the call is gone; never hand it to the next caller.
      if (pool.instances.has(instance)) this.release(pool, instance)
      if (!reply.ok) {
        this.options.log?.(`[${name}] failed: ${reply.error?.stack ?? reply.error?.message}`)
        return failed(-504002, `functions execute fail | errMsg: ${reply.error?.message ?? 'unknown error'}`, stats)
      }
      return { ok: true, result: reply.result, stats }
    } catch (error) {
      // Whatever went wrong before an answer (a message that could not be sent…), the instance's
      // state is unknown: replace it rather than let it hold its place in the pool.
      if (!settled) this.destroy(pool, instance)
      this.options.log?.(`[${name}] could not run: ${(error as Error).stack}`)
      return failed(invokeErrors.systemError, `resource system error: ${(error as Error).message}`)
    } finally {
      clearTimeout(timer)
      this.invocations.delete(token)
    }
  }

  private get maxInstances(): number {
    return this.options.maxInstancesPerFunction ?? 20
  }

  private get queueWaitMs(): number {
    return this.options.maxQueueWaitMs ?? 20_000
  }

  /** A ready instance for one call: an idle one, or the first to come free or finish starting. */
  private acquire(pool: FunctionPool): Promise<Instance | 'overloaded' | 'closed'> {
    if (this.closed) return Promise.resolve('closed')
    for (const instance of pool.instances) {
      if (instance.ready && !instance.busy) {
        instance.busy = true
        clearTimeout(instance.idleTimer)
        return Promise.resolve(instance)
      }
    }
    return new Promise((resolve) => {
      // Overloaded means every instance stayed busy: while one is still starting, keep waiting.
      const expire = () => {
        if ([...pool.instances].some((i) => !i.ready) && !this.closed) {
          waiter.timer = setTimeout(expire, this.queueWaitMs)
          return
        }
        const at = pool.waiting.indexOf(waiter)
        if (at >= 0) pool.waiting.splice(at, 1)
        resolve('overloaded')
      }
      const waiter: Waiter = { settle: resolve, timer: setTimeout(expire, this.queueWaitMs) }
      pool.waiting.push(waiter)
      this.grow(pool)
    })
  }

  /** Starts instances while callers wait for more than are already starting. */
  private grow(pool: FunctionPool): void {
    if (this.closed) return
    const maxStarting = this.options.maxStartingPerFunction ?? Math.max(1, availableParallelism())
    let starting = [...pool.instances].filter((i) => !i.ready).length
    while (pool.waiting.length > starting && starting < maxStarting && pool.instances.size < this.maxInstances) {
      this.spawn(pool)
      starting++
    }
  }

  /** Gives a ready instance to the next waiting caller, or lets it idle warm. */
  private offer(pool: FunctionPool, instance: Instance): void {
    const next = pool.waiting.shift()
    if (next) {
      clearTimeout(next.timer)
      instance.busy = true
      next.settle(instance)
      return
    }
    instance.busy = false
    instance.idleTimer = setTimeout(() => this.destroy(pool, instance), this.options.keepWarmMs ?? 10 * 60_000)
    instance.idleTimer.unref()
  }

  private release(pool: FunctionPool, instance: Instance): void {
    instance.pending = undefined
    instance.served++
    this.offer(pool, instance)
  }

  private spawn(pool: FunctionPool): Instance {
    const worker = new Worker(workerScript, {
      workerData: { bundlePath: path.join(pool.dir, 'index.js') },
      env: { ...this.options.baseEnv },
      stdout: false,
      stderr: false,
    })
    let started: () => void = () => {}
    const instance: Instance = { worker, ready: false, started: new Promise((resolve) => (started = resolve)), busy: false, served: 0 }
    worker.on('message', (message: { ready?: true; id: number } & Reply) => {
      if (message.ready) {
        started()
        if (!pool.instances.has(instance)) return
        instance.ready = true
        this.offer(pool, instance)
        this.grow(pool)
      } else if (instance.pending?.id === message.id) instance.pending.resolve(message)
    })
    worker.on('error', (error) => {
      instance.pending?.resolve({ ok: false, error: { message: error.message, stack: error.stack } })
      this.destroy(pool, instance)
    })
    worker.on('exit', () => {
      started()
      instance.pending?.resolve({ ok: false, error: { message: 'function instance exited' } })
      if (pool.instances.delete(instance)) this.grow(pool)
    })
    worker.unref()
    pool.instances.add(instance)
    return instance
  }

  private destroy(pool: FunctionPool, instance: Instance): void {
    clearTimeout(instance.idleTimer)
    if (!pool.instances.delete(instance)) return
    void instance.worker.terminate()
    // Callers waiting for this one get a fresh instance instead.
    this.grow(pool)
  }

  /**
   * Starts instances until `count` are up and idle-warm (the cloud's provisioned concurrency),
   * a few at a time as a burst would; resolves when they are ready.
   */
  async provision(name: string, count: number): Promise<void> {
    const pool = this.pools.get(name)
    if (!pool) throw new Error(`no function ${name}`)
    const target = Math.min(count, this.maxInstances)
    const maxStarting = this.options.maxStartingPerFunction ?? Math.max(1, availableParallelism())
    while (pool.instances.size < target && !this.closed) {
      const batch: Array<Promise<void>> = []
      for (let i = 0; i < maxStarting && pool.instances.size < target; i++) {
        batch.push(this.spawn(pool).started)
      }
      await Promise.all(batch)
    }
  }

  /** Kills every instance of a function at once, mid-call or idle, as a crash in the cloud would. */
  kill(name: string): number {
    const pool = this.pools.get(name)
    if (!pool) return 0
    const instances = [...pool.instances]
    for (const instance of instances) {
      instance.pending?.resolve({ ok: false, error: { message: 'function instance was killed' } })
      this.destroy(pool, instance)
    }
    return instances.length
  }

  instanceCount(name: string): number {
    return this.pools.get(name)?.instances.size ?? 0
  }

  // --- timer triggers -------------------------------------------------------------------

  /** Starts every timer trigger declared in the functions' config.json. */
  startTimers(onFire?: (name: string, outcome: InvokeOutcome) => void): void {
    for (const pool of this.pools.values()) {
      for (const trigger of pool.config.triggers ?? []) {
        if (trigger.type !== 'timer') continue
        this.schedule(pool.name, trigger.name, trigger.config, onFire)
      }
    }
  }

  private schedule(name: string, triggerName: string, cron: string, onFire?: (name: string, outcome: InvokeOutcome) => void): void {
    if (this.closed) return
    const next = nextFireTime(cron, new Date())
    if (!next) return
    // setTimeout caps at ~24.8 days; re-plan before that.
    const delay = Math.min(next.getTime() - Date.now(), 2 ** 31 - 1)
    const timer = setTimeout(async () => {
      if (Date.now() + 5 >= next.getTime()) {
        const outcome = await this.fireTimer(name, triggerName, next)
        onFire?.(name, outcome)
      }
      this.schedule(name, triggerName, cron, onFire)
    }, Math.max(delay, 0))
    timer.unref()
    this.timers.push(timer)
  }

  /** Runs a function as its timer trigger would (no OPENID, SOURCE wx_trigger). */
  fireTimer(name: string, triggerName: string, time = new Date()): Promise<InvokeOutcome> {
    return this.invoke(name, { Type: 'Timer', TriggerName: triggerName, Time: time.toISOString() }, { source: 'wx_trigger' })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    const all: Promise<number>[] = []
    for (const pool of this.pools.values()) {
      for (const instance of pool.instances) {
        clearTimeout(instance.idleTimer)
        all.push(instance.worker.terminate())
      }
      pool.instances.clear()
      for (const waiter of pool.waiting.splice(0)) {
        clearTimeout(waiter.timer)
        waiter.settle('closed')
      }
    }
    await Promise.all(all)
  }
}

/**
 * Next time a WeChat cloud cron fires: 7 fields (second minute hour day month weekday year),
 * evaluated in Beijing time. The year field is checked here; cron-parser does the rest.
 */
export function nextFireTime(expression: string, after: Date): Date | undefined {
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`timer trigger needs 7 cron fields, got "${expression}"`)
  const yearField = fields[6]
  const years = yearField === '*' ? undefined : expandYears(yearField)
  const interval = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: after, tz: 'Asia/Shanghai' })
  for (let i = 0; i < 10_000; i++) {
    if (!interval.hasNext()) return undefined
    const next = interval.next().toDate()
    const beijingYear = new Date(next.getTime() + 8 * 3600_000).getUTCFullYear()
    if (!years || years.has(beijingYear)) return next
    if (years && beijingYear > Math.max(...years)) return undefined
  }
  return undefined
}

function expandYears(field: string): Set<number> {
  const years = new Set<number>()
  for (const part of field.split(',')) {
    const [from, to] = part.split('-').map(Number)
    if (!Number.isInteger(from)) throw new Error(`bad cron year field "${field}"`)
    for (let y = from; y <= (Number.isInteger(to) ? to : from); y++) years.add(y)
  }
  return years
}
