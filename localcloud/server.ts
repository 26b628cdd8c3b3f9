import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import busboy from 'busboy'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { CloudDatabase } from './db/database'
import { CloudDbError, DocumentStore, type IndexSpec } from './db/store'
import { decodeOpenApiRequest, encodeOpenApiReply, LocalOpenApi } from './openapi'
import { FunctionRunner, type InvocationContext, type InvokeOutcome } from './runner/runner'
import { LocalStorage } from './storage'
import { renderLoginPage, type DemoIdentity } from './login-page'

export interface LocalCloudOptions {
  host?: string
  /** 0 picks a free port. */
  port?: number
  /** Folder for the database and stored files; omit for an in-memory cloud. */
  dataDir?: string
  /** Folders with built functions (each a folder with index.js and config.json). */
  functionDirs: string[]
  /** Built H5 app to serve at /, if any. */
  h5Dir?: string
  /** database/collections.json: collections to create and their indexes. */
  collectionsFile?: string
  envId?: string
  appId?: string
  riskyWords?: string[]
  /** Fire timer triggers on their schedule. */
  timers?: boolean
  /** Keep a log of every API request, for contract tests. */
  recordRequests?: boolean
  /** Identities offered on the local sign-in page. */
  identities?: () => DemoIdentity[] | Promise<DemoIdentity[]>
  log?: (line: string) => void
  maxInstancesPerFunction?: number
}

export interface RecordedRequest {
  action: string
  params: Record<string, unknown>
  /** Function that made the call, if it came from an invocation. */
  fn?: string
}

const sessionCookie = 'zbt_session'
const maxAdminBody = 10 * 1024 * 1024
const maxUpload = 50 * 1024 * 1024
const maxGatewayBody = 1024 * 1024
const maxUploadFromBrowser = 10 * 1024 * 1024
/** The cloud refuses function results larger than this. */
const maxFunctionResult = 1024 * 1024

/** Parameters every SDK request carries that say nothing about the call itself. */
const envelopeKeys = new Set(['envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken', 'sessionToken'])

/**
 * The local WeChat cloud: one HTTP server that the unmodified wx-server-sdk talks to (database,
 * storage, open APIs, function invocation), a function runner, timer triggers, and a gateway
 * through which the H5 build calls functions with a signed-in identity.
 */
export class LocalCloud {
  readonly store: DocumentStore
  readonly db: CloudDatabase
  readonly storage: LocalStorage
  readonly openapi: LocalOpenApi
  readonly runner: FunctionRunner
  readonly requests: RecordedRequest[] = []
  /** Counts of API actions served, by action name. */
  readonly actionCounts = new Map<string, number>()
  private readonly sessions = new Map<string, string>()
  private server?: http.Server
  readonly envId: string
  private address = ''

  private constructor(
    readonly options: LocalCloudOptions,
    store: DocumentStore,
  ) {
    const envId = options.envId ?? 'zhibutong-local'
    this.envId = envId
    const appId = options.appId ?? 'wxlocal0000000000'
    this.store = store
    this.db = new CloudDatabase(store)
    const secret = randomBytes(32)
    this.storage = new LocalStorage({
      dir: options.dataDir ? path.join(options.dataDir, 'storage') : undefined,
      envId,
      baseUrl: () => this.url,
      secret,
    })
    this.openapi = new LocalOpenApi(store, {
      riskyWords: options.riskyWords ?? ['赌博', '代开发票', '枪支'],
      baseUrl: () => this.url,
      appId,
    })
    this.runner = new FunctionRunner({
      functionDirs: options.functionDirs,
      appId,
      maxInstancesPerFunction: options.maxInstancesPerFunction,
      log: options.log,
      baseEnv: {
        // The SDK settings (sdkEnvironment) are added once the server listens and its URL is known.
        TCB_ENV: envId,
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
        TZ: 'UTC',
        NODE_ENV: 'production',
      },
    })
  }

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const store = await DocumentStore.open({ dataDir: options.dataDir ? path.join(options.dataDir, 'db') : undefined })
    const cloud = new LocalCloud(options, store)
    await cloud.createDeclaredCollections()
    await cloud.openapi.init()
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
        this.options.log?.(`[localcloud] ${req.method} ${req.url}: ${(error as Error).stack}`)
        if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: 'local cloud internal error' })
        else res.end()
      })
    })
    server.keepAliveTimeout = 30_000
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve))
    const { address, port } = server.address() as AddressInfo
    const host = address.includes(':') ? `[${address}]` : address
    this.address = `http://${host}:${port}`
    this.server = server
    // Check-in links in QR codes open the H5 app this server serves.
    this.runner.setBaseEnv({ ...this.sdkEnvironment, APP_LINK_BASE: this.address })
  }

  async close(): Promise<void> {
    await this.runner.close()
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
    const url = new URL(req.url ?? '/', 'http://local')
    const { pathname } = url
    if (pathname === '/admin' && req.method === 'POST') return this.handleAdmin(req, res)
    if (pathname.startsWith('/storage/upload/') && req.method === 'PUT') {
      const body = await readBody(req, maxUpload)
      const ok = await this.storage.receiveUpload(pathname.slice('/storage/upload/'.length), body)
      res.writeHead(ok ? 200 : 403, { 'content-type': 'application/xml' })
      res.end(ok ? '' : "<?xml version='1.0' encoding='utf-8' ?><Error><Code>AccessDenied</Code><Message>upload token is invalid or expired</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>")
      return
    }
    if (pathname.startsWith('/storage/file/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const cloudPath = pathname.slice('/storage/file/'.length).split('/').map(decodeURIComponent).join('/')
      const file = await this.storage.readSigned(cloudPath, url.searchParams.get('expires') ?? '', url.searchParams.get('sign') ?? '')
      if (!file) return sendJson(res, 403, { code: 'STORAGE_SIGN_PARAM_INVALID', message: 'link is invalid or expired' })
      res.writeHead(200, { 'content-type': contentTypeOf(cloudPath), 'content-length': file.length })
      res.end(req.method === 'HEAD' ? undefined : file)
      return
    }
    if (pathname.startsWith('/gateway/')) return this.handleGateway(pathname, req, res)
    if (pathname.startsWith('/localcloud/')) return this.handleLocal(pathname, url, req, res)
    if (req.method === 'GET' || req.method === 'HEAD') return this.serveH5(pathname, res)
    sendJson(res, 404, { code: 'NOT_FOUND', message: 'not found' })
  }

  // --- the cloud API the SDK calls --------------------------------------------------------

  private async handleAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, maxAdminBody)
    const contentType = req.headers['content-type'] ?? ''
    let params: Record<string, unknown>
    let requestData: Buffer | undefined
    if (contentType.startsWith('multipart/form-data')) {
      const parts = await parseMultipart(contentType, body)
      params = {}
      for (const [key, value] of parts) {
        if (key === 'requestData') requestData = value
        else params[key] = value.toString('utf8')
      }
    } else {
      try {
        params = JSON.parse(body.toString('utf8') || '{}')
      } catch {
        return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON' })
      }
    }
    const action = String(params.action ?? '')
    const invocation = this.runner.invocationByToken(params.wxCloudApiToken as string | undefined)
    this.actionCounts.set(action, (this.actionCounts.get(action) ?? 0) + 1)
    if (invocation && action.startsWith('database.')) invocation.dbOps++
    if (this.options.recordRequests) {
      const recorded: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(params)) if (!envelopeKeys.has(k) && k !== 'action') recorded[k] = v
      this.requests.push({ action, params: recorded, fn: invocation?.fn })
    }

    if (action === 'wx.openApi') {
      const apiName = String(params.apiName ?? '')
      if (!requestData) return sendJson(res, 200, { code: 'INVALID_PARAM', message: 'requestData is required' })
      if (invocation && !invocation.openapi.includes(apiName)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.end(encodeOpenApiReply({
          contentType: 'application/json',
          body: Buffer.from(JSON.stringify({ errcode: -604101, errmsg: `function has no permission to call this API: ${apiName} is not in config.json permissions.openapi` })),
        }))
        return
      }
      const { appid, data } = decodeOpenApiRequest(requestData)
      const reply = await this.openapi.call({ apiName, appid, data, callerOpenid: invocation?.context.openid })
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(encodeOpenApiReply(reply))
      return
    }
    try {
      if (action.startsWith('database.')) return sendJson(res, 200, await this.db.handle(action, params))
      if (action.startsWith('storage.')) return sendJson(res, 200, await this.storage.handle(action, params))
      if (action === 'functions.invokeFunction') return sendJson(res, 200, await this.invokeFromFunction(params, invocation?.context))
      sendJson(res, 200, { code: 'INVALID_ACTION', message: `unsupported action ${action}` })
    } catch (error) {
      if (error instanceof CloudDbError) return sendJson(res, 200, { code: error.code, message: error.message })
      throw error
    }
  }

  private async invokeFromFunction(params: Record<string, unknown>, caller?: InvocationContext): Promise<unknown> {
    const name = String(params.function_name ?? '')
    let event: unknown = {}
    try {
      event = params.request_data ? JSON.parse(String(params.request_data)) : {}
    } catch {
      return { code: 'INVALID_PARAM', message: 'request_data is not JSON' }
    }
    // The callee runs for the same user as its caller, as in the cloud.
    const outcome = await this.runner.invoke(name, event, {
      openid: caller?.openid,
      appid: caller?.appid,
      source: 'wx_function',
    })
    if (!outcome.ok) return { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.error?.errMsg }
    return { data: { response_data: JSON.stringify(outcome.result ?? null) } }
  }

  // --- the H5 gateway ---------------------------------------------------------------------

  private sessionOpenid(req: IncomingMessage): string | undefined {
    const cookie = req.headers.cookie ?? ''
    const match = cookie.split(/;\s*/).find((c) => c.startsWith(`${sessionCookie}=`))
    return match ? this.sessions.get(match.slice(sessionCookie.length + 1)) : undefined
  }

  private async handleGateway(pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' && pathname !== '/gateway/session') return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED' })
    if (pathname === '/gateway/session') {
      const openid = this.sessionOpenid(req)
      return sendJson(res, openid ? 200 : 401, openid ? { openid } : { error: 'NO_SESSION' })
    }
    if (pathname === '/gateway/upload') {
      // Stands in for wx.cloud.uploadFile: the H5 build uploads a chosen file to cloud storage.
      const openid = this.sessionOpenid(req)
      if (!openid) return sendJson(res, 401, { error: 'NO_SESSION' })
      const cloudPath = new URL(req.url ?? '/', 'http://local').searchParams.get('cloudPath') ?? ''
      let content: Buffer
      try {
        content = await readBody(req, maxUploadFromBrowser)
      } catch {
        return sendJson(res, 413, { error: 'PAYLOAD_TOO_LARGE' })
      }
      // The app uploads only roster sheets and meeting photos; nothing may overwrite generated files.
      if (!/^(imports|minutes)\//.test(cloudPath)) return sendJson(res, 400, { error: 'INVALID_CLOUD_PATH' })
      const fileID = await this.storage.store(cloudPath, content)
      if (!fileID) return sendJson(res, 400, { error: 'INVALID_CLOUD_PATH' })
      return sendJson(res, 200, { fileID })
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse((await readBody(req, maxGatewayBody)).toString('utf8') || '{}')
    } catch (error) {
      if ((error as Error).message === 'BODY_TOO_LARGE') return sendJson(res, 413, { error: 'PAYLOAD_TOO_LARGE' })
      return sendJson(res, 400, { error: 'MALFORMED_JSON' })
    }
    if (pathname === '/gateway/login') {
      const openid = typeof body.openid === 'string' ? body.openid.trim() : ''
      if (!/^[\w-]{3,64}$/.test(openid)) return sendJson(res, 400, { error: 'INVALID_OPENID' })
      const token = randomBytes(24).toString('hex')
      this.sessions.set(token, openid)
      res.setHeader('set-cookie', `${sessionCookie}=${token}; Path=/; HttpOnly; SameSite=Lax`)
      return sendJson(res, 200, { openid })
    }
    if (pathname === '/gateway/logout') {
      const token = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${sessionCookie}=`))?.slice(sessionCookie.length + 1)
      if (token) this.sessions.delete(token)
      res.setHeader('set-cookie', `${sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`)
      return sendJson(res, 200, {})
    }
    const openid = this.sessionOpenid(req)
    if (!openid) return sendJson(res, 401, { error: 'NO_SESSION' })
    if (pathname === '/gateway/subscribe') {
      // Stands in for wx.requestSubscribeMessage: the user accepted one message per template.
      const ids = Array.isArray(body.templateIds) ? body.templateIds.filter((t): t is string => typeof t === 'string') : []
      const result: Record<string, string> = {}
      for (const id of ids.slice(0, 5)) {
        await this.openapi.grantSubscription(openid, id)
        result[id] = 'accept'
      }
      return sendJson(res, 200, result)
    }
    if (pathname === '/gateway/call') {
      const name = typeof body.name === 'string' ? body.name : ''
      if (!this.runner.has(name)) return sendJson(res, 404, { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` })
      const outcome = await this.runner.invoke(name, body.data ?? {}, {
        openid,
        source: 'wx_http',
        clientIp: req.socket.remoteAddress,
      })
      res.setHeader('x-localcloud-db-ops', String(outcome.stats.dbOps))
      if (!outcome.ok) return sendJson(res, 502, outcome.error)
      const result = { result: outcome.result }
      if (Buffer.byteLength(JSON.stringify(result)) > maxFunctionResult) {
        return sendJson(res, 502, { errCode: -504002, errMsg: 'functions execute fail | errMsg: result exceeds 1 MB' })
      }
      return sendJson(res, 200, result)
    }
    sendJson(res, 404, { error: 'NOT_FOUND' })
  }

  // --- local-only tools -------------------------------------------------------------------

  private async handleLocal(pathname: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (pathname === '/localcloud/health') return sendJson(res, 200, { ok: true, functions: this.runner.functionNames() })
    if (pathname === '/localcloud/login' && req.method === 'GET') {
      const identities = (await this.options.identities?.()) ?? []
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(renderLoginPage(identities, url.searchParams.get('next') ?? '/'))
      return
    }
    if (pathname === '/localcloud/outbox' && req.method === 'GET') {
      return sendJson(res, 200, { messages: this.openapi.outbox({ touser: url.searchParams.get('touser') ?? undefined }) })
    }
    if (pathname === '/localcloud/invoke' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req, maxGatewayBody)).toString('utf8') || '{}')
      const outcome = await this.runner.invoke(String(body.name ?? ''), body.event ?? {}, {
        openid: body.openid,
        source: body.source ?? 'wx_client',
      })
      return sendJson(res, 200, outcome)
    }
    const fire = pathname.match(/^\/localcloud\/timers\/([\w-]+)\/fire$/)
    if (fire && req.method === 'POST') return sendJson(res, 200, await this.runner.fireTimer(fire[1], 'manual'))
    sendJson(res, 404, { error: 'NOT_FOUND' })
  }

  private serveH5(pathname: string, res: ServerResponse): void {
    const root = this.options.h5Dir
    if (!root || !existsSync(path.join(root, 'index.html'))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 app is not built: run npm run build:h5')
      return
    }
    const file = path.normalize(path.join(root, decodeURIComponent(pathname)))
    const inside = file.startsWith(path.normalize(root + path.sep))
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : path.join(root, 'index.html')
    const isIndex = target.endsWith('index.html')
    res.writeHead(200, {
      'content-type': contentTypeOf(target),
      'cache-control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
    })
    res.end(readFileSync(target))
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

/** Multipart fields as raw bytes: the open-API payload is protobuf, not text. */
function parseMultipart(contentType: string, body: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, Buffer>()
    const parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: maxAdminBody } })
    parser.on('field', (name, value) => parts.set(name, Buffer.from(value, 'latin1')))
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => parts.set(name, Buffer.concat(chunks)))
    })
    parser.on('close', () => resolve(parts))
    parser.on('error', reject)
    parser.end(body)
  })
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error('BODY_TOO_LARGE'))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
}

function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}
