import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { CronExpressionParser } from 'cron-parser'

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
  /** The cloud's error when the function failed or timed out. */
  error?: { errCode: number; errMsg: string }
  stats: { dbOps: number; durationMs: number; coldStart: boolean }
}

export interface RunnerOptions {
  /** Folders holding built function folders (index.js + config.json). */
  functionDirs: string[]
  /** Environment every instance gets: the local cloud's URL and the SDK's settings. */
  baseEnv: Record<string, string>
  appId: string
  maxInstancesPerFunction?: number
  /** How long an idle instance stays warm. */
  keepWarmMs?: number
  log?: (line: string) => void
}

interface Instance {
  worker: Worker
  /** Resolves once the bundle is loaded (the cold start). */
  ready: Promise<void>
  busy: boolean
  served: number
  idleTimer?: NodeJS.Timeout
  pending?: { id: number; resolve: (v: { ok: boolean; result?: unknown; error?: { message: string; stack?: string } }) => void }
}

interface FunctionPool {
  name: string
  dir: string
  config: FunctionConfig
  instances: Set<Instance>
  waiting: Array<(instance: Instance) => void>
}

/**
 * Runs the built function bundles with the cloud's semantics: each instance (a worker thread with
 * its own process.env) serves one invocation at a time with that call's WX_OPENID, WX_APPID and
 * TCB_SOURCE; warm instances are reused; a call that runs past config.json's timeout is killed
 * with its instance; timer triggers fire on config.json's 7-field cron in Beijing time.
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
    const started = Date.now()
    if (!pool) {
      return {
        ok: false,
        error: { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` },
        stats: { dbOps: 0, durationMs: 0, coldStart: false },
      }
    }
    const { instance, cold } = await this.acquire(pool)
    await instance.ready
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
    try {
      const reply = await Promise.race([
        new Promise<{ ok: boolean; result?: unknown; error?: { message: string; stack?: string } }>((resolve) => {
          instance.pending = { id, resolve }
          instance.worker.postMessage({ id, event: event ?? {}, context: { function_name: name, request_id: token }, env })
        }),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000)
        }),
      ])
      const stats = { dbOps: invocation.dbOps, durationMs: Date.now() - started, coldStart: cold }
      if (reply === 'timeout') {
        this.destroy(pool, instance)
        this.options.log?.(`[${name}] timed out after ${timeoutSeconds} s`)
        return {
          ok: false,
          error: { errCode: -504003, errMsg: `Invoking task timed out after ${timeoutSeconds} seconds` },
          stats,
        }
      }
      // An instance that died during the call is gone; never hand it to the next caller.
      if (pool.instances.has(instance)) this.release(pool, instance)
      if (!reply.ok) {
        this.options.log?.(`[${name}] failed: ${reply.error?.stack ?? reply.error?.message}`)
        return {
          ok: false,
          error: { errCode: -504002, errMsg: `functions execute fail | errMsg: ${reply.error?.message ?? 'unknown error'}` },
          stats,
        }
      }
      return { ok: true, result: reply.result, stats }
    } finally {
      clearTimeout(timer)
      this.invocations.delete(token)
    }
  }

  private async acquire(pool: FunctionPool): Promise<{ instance: Instance; cold: boolean }> {
    for (const instance of pool.instances) {
      if (!instance.busy) {
        instance.busy = true
        clearTimeout(instance.idleTimer)
        return { instance, cold: false }
      }
    }
    if (pool.instances.size < (this.options.maxInstancesPerFunction ?? 20)) {
      const instance = this.spawn(pool)
      instance.busy = true
      return { instance, cold: true }
    }
    const instance = await new Promise<Instance>((resolve) => pool.waiting.push(resolve))
    return { instance, cold: false }
  }

  private release(pool: FunctionPool, instance: Instance): void {
    instance.pending = undefined
    instance.served++
    const next = pool.waiting.shift()
    if (next) {
      next(instance)
      return
    }
    instance.busy = false
    instance.idleTimer = setTimeout(() => this.destroy(pool, instance), this.options.keepWarmMs ?? 10 * 60_000)
    instance.idleTimer.unref()
  }

  private spawn(pool: FunctionPool): Instance {
    const worker = new Worker(workerScript, {
      workerData: { bundlePath: path.join(pool.dir, 'index.js') },
      env: { ...this.options.baseEnv },
      stdout: false,
      stderr: false,
    })
    let markReady: () => void = () => {}
    const ready = new Promise<void>((resolve) => (markReady = resolve))
    const instance: Instance = { worker, ready, busy: false, served: 0 }
    worker.on('message', (message: { ready?: true; id: number; ok: boolean; result?: unknown; error?: { message: string; stack?: string } }) => {
      if (message.ready) markReady()
      else if (instance.pending?.id === message.id) instance.pending.resolve(message)
    })
    worker.on('error', (error) => {
      instance.pending?.resolve({ ok: false, error: { message: error.message, stack: error.stack } })
      this.destroy(pool, instance)
    })
    worker.on('exit', () => {
      markReady()
      instance.pending?.resolve({ ok: false, error: { message: 'function instance exited' } })
      if (pool.instances.delete(instance)) this.handOver(pool)
    })
    worker.unref()
    pool.instances.add(instance)
    return instance
  }

  private destroy(pool: FunctionPool, instance: Instance): void {
    clearTimeout(instance.idleTimer)
    pool.instances.delete(instance)
    void instance.worker.terminate()
    this.handOver(pool)
  }

  /** A waiter for this pool gets a fresh instance in place of one that went away. */
  private handOver(pool: FunctionPool): void {
    const next = pool.waiting.shift()
    if (next && !this.closed) {
      const fresh = this.spawn(pool)
      fresh.busy = true
      next(fresh)
    }
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
