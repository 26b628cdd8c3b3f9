import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { AdminApi, type RecordedRequest } from './admin-api'
import { CloudDatabase } from './db/database'
import { DocumentStore, type IndexSpec } from './db/store'
import { Gateway } from './gateway'
import { decodePath, HttpError, readBody, RequestGuard, sendJson, storedFileHeaders } from './http'
import { LocalTools } from './local-tools'
import { LocalOpenApi } from './openapi'
import { FunctionRunner, type InvocationContext, type InvokeOutcome } from './runner/runner'
import { StaticFiles } from './static-files'
import { LocalStorage, type IssuedUploads } from './storage'

export type { RecordedRequest } from './admin-api'

export interface LocalCloudOptions {
  host?: string
  /** 0 picks a free port. */
  port?: number
  /** Folder for the database, stored files and sign-ins; omit for an in-memory cloud. */
  dataDir?: string
  /** Folders with built functions (each a folder with index.js and config.json). */
  functionDirs: string[]
  /** Built H5 app to serve at /, if any. */
  h5Dir?: string
  /** Collections to create and their indexes (a file like database/collections.json). */
  collectionsFile?: string
  /** Environment of every function instance beyond the SDK's, given the server's URL once it listens. */
  functionEnv?: (url: string) => Record<string, string>
  /** Cloud paths a browser may upload to through the gateway; omit to allow any. */
  uploadPrefixes?: readonly string[]
  /** The names the product issues for uploads from phones; omit to take any name (see storage.ts). */
  issuedUploads?: IssuedUploads
  /** A sign-in page for the browser, and HTML added to the served app; omit for neither. */
  signIn?: {
    /** The page at /localcloud/login, for a same-site path to return to. */
    page: (next: string) => string | Promise<string>
    /** Added at the end of the app's index.html (a way back to the sign-in page). */
    appSnippet?: string
  }
  envId?: string
  appId?: string
  riskyWords?: string[]
  /** Words that make the content check ask for a person's review. */
  reviewWords?: string[]
  /** Fire timer triggers on their schedule. */
  timers?: boolean
  /** Keep a log of every API request, for contract tests. */
  recordRequests?: boolean
  log?: (line: string) => void
  maxInstancesPerFunction?: number
  /** How long a call may wait for a free instance before the cloud's overload error. */
  maxQueueWaitMs?: number
}

/**
 * The local WeChat cloud: one HTTP server with the cloud's API that the unmodified wx-server-sdk
 * talks to (/admin: database, storage, open APIs, function invocation), a function runner with
 * timer triggers, a gateway through which the H5 build calls functions as a signed-in identity
 * (/gateway), tools only a local cloud has (/localcloud), and the built H5 app (/).
 * It knows nothing of the product it runs: paths, links and pages come in through its options.
 */
export class LocalCloud {
  readonly store: DocumentStore
  readonly db: CloudDatabase
  readonly storage: LocalStorage
  readonly openapi: LocalOpenApi
  readonly runner: FunctionRunner
  readonly envId: string
  private readonly admin: AdminApi
  private readonly gateway: Gateway
  private readonly tools: LocalTools
  private readonly files: StaticFiles
  private server?: http.Server
  private guard?: RequestGuard
  private address = ''

  private constructor(
    readonly options: LocalCloudOptions,
    store: DocumentStore,
  ) {
    const envId = options.envId ?? 'local-env'
    this.envId = envId
    const appId = options.appId ?? 'wxlocal0000000000'
    this.store = store
    this.db = new CloudDatabase(store)
    this.storage = new LocalStorage({
      dir: options.dataDir ? path.join(options.dataDir, 'storage') : undefined,
      envId,
      baseUrl: () => this.url,
      secret: randomBytes(32),
      store,
      issuedUploads: options.issuedUploads,
    })
    this.openapi = new LocalOpenApi(store, {
      riskyWords: options.riskyWords ?? ['赌博', '代开发票', '枪支'],
      reviewWords: options.reviewWords ?? ['加微信', '转账', '投资理财'],
      baseUrl: () => this.url,
      appId,
    })
    this.runner = new FunctionRunner({
      functionDirs: options.functionDirs,
      appId,
      maxInstancesPerFunction: options.maxInstancesPerFunction,
      maxQueueWaitMs: options.maxQueueWaitMs,
      log: options.log,
      baseEnv: {
        // The SDK settings (sdkEnvironment) are added once the server listens and its URL is known.
        TCB_ENV: envId,
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
        TZ: 'UTC',
        NODE_ENV: 'production',
      },
    })
    this.admin = new AdminApi({ db: this.db, storage: this.storage, openapi: this.openapi, runner: this.runner, recordRequests: options.recordRequests, log: options.log })
    this.gateway = new Gateway({
      runner: this.runner,
      storage: this.storage,
      openapi: this.openapi,
      uploadPrefixes: options.uploadPrefixes,
      sessionsFile: options.dataDir ? path.join(options.dataDir, 'sessions.json') : undefined,
    })
    this.tools = new LocalTools({ runner: this.runner, openapi: this.openapi, signInPage: options.signIn?.page })
    this.files = new StaticFiles({ root: options.h5Dir, inject: options.signIn?.appSnippet })
  }

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const store = await DocumentStore.open({ dataDir: options.dataDir ? path.join(options.dataDir, 'db') : undefined })
    const cloud = new LocalCloud(options, store)
    await cloud.createDeclaredCollections()
    await cloud.openapi.init()
    await cloud.storage.init()
    await cloud.listen()
    if (options.timers) cloud.runner.startTimers((name, outcome) => {
      if (!outcome.ok) options.log?.(`[timer ${name}] ${outcome.error?.errMsg}`)
    })
    return cloud
  }

  /** The server's base URL, e.g. http://127.0.0.1:8787 */
  get url(): string {
    return this.address
  }

  /** Every API request served, when `recordRequests` is on. */
  get requests(): RecordedRequest[] {
    return this.admin.requests
  }

  /** Counts of API actions served, by action name. */
  get actionCounts(): Map<string, number> {
    return this.admin.actionCounts
  }

  /** The value for TCB_CONTEXT_CNFG that points any wx-server-sdk at this cloud. */
  get contextConfig(): string {
    return JSON.stringify({ URL: `${this.address}/admin` })
  }

  /** Environment that makes an unmodified wx-server-sdk in any process talk to this cloud. */
  get sdkEnvironment(): Record<string, string> {
    return {
      TCB_CONTEXT_CNFG: this.contextConfig,
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: this.envId,
      SILENCE: 'true',
    }
  }

  private async createDeclaredCollections(): Promise<void> {
    const file = this.options.collectionsFile
    if (!file) return
    const declared = JSON.parse(readFileSync(file, 'utf8')) as {
      collections: Record<string, { indexes?: IndexSpec[] }>
    }
    for (const [name, spec] of Object.entries(declared.collections)) {
      await this.store.createCollection(name)
      this.store.setIndexes(name, spec.indexes ?? [])
    }
  }

  private async listen(): Promise<void> {
    const server = http.createServer((req, res) => {
      this.route(req, res).catch((error) => {
        if (error instanceof HttpError) {
          if (!res.headersSent) sendJson(res, error.status, error.body)
          else res.end()
          return
        }
        this.options.log?.(`[localcloud] ${req.method} ${req.url}: ${(error as Error).stack}`)
        if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: 'local cloud internal error' })
        else res.end()
      })
    })
    server.keepAliveTimeout = 30_000
    const host = this.options.host ?? '127.0.0.1'
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, host, resolve))
    const { address, port } = server.address() as AddressInfo
    this.address = `http://${address.includes(':') ? `[${address}]` : address}:${port}`
    this.guard = new RequestGuard(host, port)
    this.server = server
    this.runner.setBaseEnv({ ...this.sdkEnvironment, ...this.options.functionEnv?.(this.address) })
  }

  async close(): Promise<void> {
    await this.runner.close()
    await this.openapi.close()
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve()
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
    await this.store.close()
  }

  /** Invokes a function as a client would, with this identity. */
  invoke(name: string, event: unknown, context: Partial<InvocationContext> = {}): Promise<InvokeOutcome> {
    return this.runner.invoke(name, event, { source: 'wx_client', ...context })
  }

  // --- routing ----------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const guard = this.guard as RequestGuard
    if (!guard.hostAllowed(req)) return sendJson(res, 403, { error: 'HOST_NOT_ALLOWED' })
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://local')
    } catch {
      return sendJson(res, 400, { error: 'MALFORMED_URL' })
    }
    const { pathname } = url
    const api = pathname === '/admin' || pathname.startsWith('/gateway/') || pathname.startsWith('/localcloud/') || pathname.startsWith('/storage/upload/')
    // Following a link to the sign-in page from elsewhere is fine; anything else another site
    // asks of the API is not.
    const signInVisit = pathname === '/localcloud/login' && req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate'
    if (api && !signInVisit && guard.crossSite(req)) return sendJson(res, 403, { error: 'CROSS_SITE_REQUEST' })

    if (pathname === '/admin' && req.method === 'POST') return this.admin.handle(req, res)
    if (pathname.startsWith('/storage/upload/') && req.method === 'PUT') {
      const body = await readBody(req, 50 * 1024 * 1024)
      const ok = await this.storage.receiveUpload(pathname.slice('/storage/upload/'.length), body)
      res.writeHead(ok ? 200 : 403, { 'content-type': 'application/xml' })
      res.end(ok ? '' : "<?xml version='1.0' encoding='utf-8' ?><Error><Code>AccessDenied</Code><Message>upload token is invalid or expired</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>")
      return
    }
    if (pathname.startsWith('/storage/file/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const cloudPath = decodePath(pathname.slice('/storage/file/'.length))
      const file = await this.storage.readSigned(cloudPath, url.searchParams.get('expires') ?? '', url.searchParams.get('sign') ?? '')
      if (!file) return sendJson(res, 403, { code: 'STORAGE_SIGN_PARAM_INVALID', message: 'link is invalid or expired' })
      res.writeHead(200, storedFileHeaders(cloudPath, file.length))
      res.end(req.method === 'HEAD' ? undefined : file)
      return
    }
    if (pathname.startsWith('/gateway/')) return this.gateway.handle(pathname, url, req, res)
    if (pathname.startsWith('/localcloud/')) return this.tools.handle(pathname, url, req, res)
    if (req.method === 'GET' || req.method === 'HEAD') return this.files.serve(pathname, req, res, req.method === 'HEAD')
    sendJson(res, 404, { code: 'NOT_FOUND', message: 'not found' })
  }
}
