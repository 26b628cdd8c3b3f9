import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CloudDatabase } from './db/database'
import { CloudDbError } from './db/store'
import { HttpError, isPlainObject, mediaType, parseMultipart, readBody, sendJson } from './http'
import { decodeOpenApiRequest, encodeOpenApiReply, type LocalOpenApi } from './openapi'
import { invokeErrors, type FunctionRunner, type InvocationContext } from './runner/runner'
import type { LocalStorage } from './storage'

const maxAdminBody = 10 * 1024 * 1024

/** Parameters every SDK request carries that say nothing about the call itself. */
const envelopeKeys = new Set(['envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken', 'sessionToken'])

/** The cloud's string code for each way an invocation can fail to run (wx-server-sdk maps them back). */
const invokeErrorCodes: Record<number, string> = {
  [invokeErrors.invalidParam]: 'INVALID_PARAM',
  [invokeErrors.overloaded]: 'EXCEED_CONCURRENT_REQUEST_LIMIT',
  [invokeErrors.systemError]: 'SYS_ERR',
}

export interface RecordedRequest {
  action: string
  params: Record<string, unknown>
  /** Function that made the call, if it came from an invocation. */
  fn?: string
}

export interface AdminApiParts {
  db: CloudDatabase
  storage: LocalStorage
  openapi: LocalOpenApi
  runner: FunctionRunner
  recordRequests?: boolean
  log?: (line: string) => void
}

/**
 * The cloud's HTTP API as wx-server-sdk calls it: one POST per action to /admin, answered with
 * HTTP 200 and either the result or `{code, message}`, each with a `requestId` the SDK passes on.
 */
export class AdminApi {
  readonly requests: RecordedRequest[] = []
  /** Counts of API actions served, by action name. */
  readonly actionCounts = new Map<string, number>()

  constructor(private readonly parts: AdminApiParts) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID()
    const reply = (value: object, status = 200) => sendJson(res, status, { ...value, requestId })
    const type = mediaType(req)
    // The SDK posts JSON (often without saying so) and multipart for open APIs; nothing else.
    if (type !== '' && type !== 'application/json' && type !== 'multipart/form-data') {
      return reply({ code: 'INVALID_PARAM', message: `unsupported content type ${type}` }, 415)
    }
    const body = await readBody(req, maxAdminBody)
    let params: Record<string, unknown>
    let requestData: Buffer | undefined
    if (type === 'multipart/form-data') {
      const parts = await parseMultipart(req.headers['content-type'] as string, body, maxAdminBody)
      params = {}
      for (const [key, value] of parts) {
        if (key === 'requestData') requestData = value
        else params[key] = value.toString('utf8')
      }
    } else {
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}')
      } catch {
        return reply({ code: 'INVALID_PARAM', message: 'request body is not JSON' }, 400)
      }
      if (!isPlainObject(parsed)) return reply({ code: 'INVALID_PARAM', message: 'request body is not a JSON object' }, 400)
      params = parsed
    }
    const action = String(params.action ?? '')
    const { runner, db, storage, openapi } = this.parts
    const invocation = runner.invocationByToken(typeof params.wxCloudApiToken === 'string' ? params.wxCloudApiToken : undefined)
    this.actionCounts.set(action, (this.actionCounts.get(action) ?? 0) + 1)
    if (invocation && action.startsWith('database.')) invocation.dbOps++
    if (this.parts.recordRequests) {
      const recorded: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(params)) if (!envelopeKeys.has(k) && k !== 'action') recorded[k] = v
      this.requests.push({ action, params: recorded, fn: invocation?.fn })
    }

    if (action === 'wx.openApi') {
      const apiName = String(params.apiName ?? '')
      if (!requestData) return reply({ code: 'INVALID_PARAM', message: 'requestData is required' })
      if (invocation && !invocation.openapi.includes(apiName)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.end(encodeOpenApiReply({
          contentType: 'application/json',
          body: Buffer.from(JSON.stringify({ errcode: -604101, errmsg: `function has no permission to call this API: ${apiName} is not in config.json permissions.openapi` })),
        }))
        return
      }
      let request: ReturnType<typeof decodeOpenApiRequest>
      try {
        request = decodeOpenApiRequest(requestData)
      } catch {
        return reply({ code: 'INVALID_PARAM', message: 'requestData is not a CommApiData message' }, 400)
      }
      const answer = await openapi.call({ apiName, appid: request.appid, data: request.data, callerOpenid: invocation?.context.openid })
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(encodeOpenApiReply(answer))
      return
    }
    try {
      if (action.startsWith('database.')) return reply((await db.handle(action, params)) as object)
      if (action.startsWith('storage.')) return reply((await storage.handle(action, params)) as object)
      if (action === 'functions.invokeFunction') return reply(await this.invokeFromFunction(params, invocation?.context))
      reply({ code: 'INVALID_ACTION', message: `unsupported action ${action}` })
    } catch (error) {
      if (error instanceof CloudDbError) return reply({ code: error.code, message: error.message })
      if (error instanceof HttpError) throw error
      // The cloud answers every failure with a code; a defect here must not look like a network error.
      this.parts.log?.(`[localcloud] ${action}: ${(error as Error).stack}`)
      reply({ code: 'SYS_ERR', message: `local cloud internal error: ${(error as Error).message}` })
    }
  }

  private async invokeFromFunction(params: Record<string, unknown>, caller?: InvocationContext): Promise<object> {
    const name = String(params.function_name ?? '')
    let event: unknown = {}
    try {
      event = params.request_data ? JSON.parse(String(params.request_data)) : {}
    } catch {
      return { code: 'INVALID_PARAM', message: 'request_data is not JSON' }
    }
    // The callee runs for the same user as its caller, as in the cloud.
    const outcome = await this.parts.runner.invoke(name, event, {
      openid: caller?.openid,
      appid: caller?.appid,
      source: 'wx_function',
    })
    if (!outcome.ok) {
      const code = invokeErrorCodes[outcome.error?.errCode ?? 0] ?? 'FUNCTIONS_EXECUTE_FAIL'
      return { code, message: outcome.error?.errMsg }
    }
    return { data: { response_data: JSON.stringify(outcome.result ?? null) } }
  }
}
