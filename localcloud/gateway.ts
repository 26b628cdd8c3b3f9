import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { HttpError, readBody, readJsonObject, sendJson, storedFileHeaders } from './http'
import type { LocalOpenApi } from './openapi'
import { invokeErrors, type FunctionRunner, type InvokeOutcome } from './runner/runner'
import type { LocalStorage } from './storage'

const sessionCookie = 'zbt_session'
const maxGatewayBody = 1024 * 1024
const maxUploadFromBrowser = 10 * 1024 * 1024
/** The cloud refuses function results larger than this. */
const maxFunctionResult = 1024 * 1024

export interface GatewayParts {
  runner: FunctionRunner
  storage: LocalStorage
  openapi: LocalOpenApi
  /** Where sign-ins are kept across restarts; omit to keep them in memory. */
  sessionsFile?: string
  /** Cloud paths a browser may upload to; omit to allow any. */
  uploadPrefixes?: readonly string[]
}

/** The HTTP status for an invocation that could not run, so a browser can tell "busy" from "broken". */
export function statusOf(outcome: InvokeOutcome): number {
  switch (outcome.error?.errCode) {
    case invokeErrors.invalidParam:
      return 400
    case invokeErrors.notFound:
      return 404
    case invokeErrors.overloaded:
      return 503
    default:
      return 502
  }
}

/**
 * What the WeChat client does for a mini-program, for the H5 build in a browser: a signed-in
 * identity (a cookie session standing for the OPENID WeChat would vouch for), function calls
 * (wx.cloud.callFunction), uploads and downloads held to the storage rule (wx.cloud.uploadFile /
 * downloadFile) and subscribe-message acceptances (wx.requestSubscribeMessage).
 */
export class Gateway {
  private readonly sessions = new Map<string, string>()

  constructor(private readonly parts: GatewayParts) {
    const file = parts.sessionsFile
    if (file && existsSync(file)) {
      try {
        for (const [token, openid] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) {
          this.sessions.set(token, openid)
        }
      } catch {
        // A damaged file only costs the demo users a new sign-in.
      }
    }
  }

  sessionOpenid(req: IncomingMessage): string | undefined {
    const token = sessionToken(req)
    return token ? this.sessions.get(token) : undefined
  }

  private saveSessions(): void {
    const file = this.parts.sessionsFile
    if (!file) return
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify(Object.fromEntries(this.sessions)), { mode: 0o600 })
  }

  async handle(pathname: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (pathname === '/gateway/session' && req.method === 'GET') {
      const openid = this.sessionOpenid(req)
      return sendJson(res, openid ? 200 : 401, openid ? { openid } : { error: 'NO_SESSION' })
    }
    if (pathname === '/gateway/download' && req.method === 'GET') return this.download(url, req, res)
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED' })
    if (pathname === '/gateway/upload') return this.upload(url, req, res)
    const body = await readJsonObject(req, maxGatewayBody)
    if (pathname === '/gateway/login') {
      const openid = typeof body.openid === 'string' ? body.openid.trim() : ''
      if (!/^[\w-]{3,64}$/.test(openid)) return sendJson(res, 400, { error: 'INVALID_OPENID' })
      const token = randomBytes(24).toString('hex')
      this.sessions.set(token, openid)
      this.saveSessions()
      res.setHeader('set-cookie', `${sessionCookie}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${30 * 24 * 3600}`)
      return sendJson(res, 200, { openid })
    }
    if (pathname === '/gateway/logout') {
      const token = sessionToken(req)
      if (token && this.sessions.delete(token)) this.saveSessions()
      res.setHeader('set-cookie', `${sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`)
      return sendJson(res, 200, {})
    }
    const openid = this.sessionOpenid(req)
    if (!openid) return sendJson(res, 401, { error: 'NO_SESSION' })
    if (pathname === '/gateway/subscribe') {
      // Stands in for wx.requestSubscribeMessage: `answer` is what the user chose in the dialog
      // (allow by default), `keep` the "always keep this choice" box. A kept answer is used
      // without asking, as WeChat does once the box was ticked.
      const ids = Array.isArray(body.templateIds) ? body.templateIds.filter((t): t is string => typeof t === 'string' && t.length <= 128) : []
      const chosen = body.answer === 'reject' ? 'reject' : 'accept'
      const kept = this.parts.openapi.subscriptionSettings(openid).itemSettings
      const result: Record<string, string> = {}
      for (const id of ids.slice(0, 5)) {
        const answer = kept[id] ?? chosen
        if (answer === 'accept') await this.parts.openapi.grantSubscription(openid, id)
        if (body.keep === true && !kept[id]) await this.parts.openapi.keepAnswer(openid, id, answer)
        result[id] = answer
      }
      return sendJson(res, 200, result)
    }
    if (pathname === '/gateway/subscribe/settings') {
      // Stands in for wx.getSetting({withSubscriptions: true}).
      return sendJson(res, 200, this.parts.openapi.subscriptionSettings(openid))
    }
    if (pathname === '/gateway/call') {
      const name = typeof body.name === 'string' ? body.name : ''
      if (!this.parts.runner.has(name)) return sendJson(res, 404, { errCode: invokeErrors.notFound, errMsg: `FunctionName parameter could not be found: ${name}` })
      const outcome = await this.parts.runner.invoke(name, body.data ?? {}, {
        openid,
        source: 'wx_http',
        clientIp: req.socket.remoteAddress,
      })
      res.setHeader('x-localcloud-db-ops', String(outcome.stats.dbOps))
      if (!outcome.ok) return sendJson(res, statusOf(outcome), outcome.error)
      const result = { result: outcome.result }
      if (Buffer.byteLength(JSON.stringify(result)) > maxFunctionResult) {
        return sendJson(res, 502, { errCode: -504002, errMsg: 'functions execute fail | errMsg: result exceeds 1 MB' })
      }
      return sendJson(res, 200, result)
    }
    sendJson(res, 404, { error: 'NOT_FOUND' })
  }

  /** Stands in for wx.cloud.uploadFile: the H5 build uploads a chosen file to cloud storage. */
  private async upload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const openid = this.sessionOpenid(req)
    if (!openid) return sendJson(res, 401, { error: 'NO_SESSION' })
    const cloudPath = url.searchParams.get('cloudPath') ?? ''
    const content = await readBody(req, maxUploadFromBrowser)
    const prefixes = this.parts.uploadPrefixes
    if (prefixes && !prefixes.some((prefix) => cloudPath.startsWith(prefix))) return sendJson(res, 400, { error: 'INVALID_CLOUD_PATH' })
    const { access, fileID } = await this.parts.storage.clientWrite(openid, cloudPath, content)
    if (access === 'invalidPath') return sendJson(res, 400, { error: 'INVALID_CLOUD_PATH' })
    if (access === 'forbidden') return sendJson(res, 403, { error: 'STORAGE_EXCEED_AUTHORITY', message: 'this file was already uploaded' })
    if (access === 'notIssued') return sendJson(res, 403, { error: 'STORAGE_EXCEED_AUTHORITY', message: 'this name was not issued to you' })
    if (access === 'expired') return sendJson(res, 403, { error: 'STORAGE_EXCEED_AUTHORITY', message: 'this upload name has expired, ask for a new one' })
    return sendJson(res, 200, { fileID })
  }

  /** Stands in for wx.cloud.downloadFile: a browser reads a file it may read under the storage rule. */
  private async download(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const openid = this.sessionOpenid(req)
    if (!openid) return sendJson(res, 401, { error: 'NO_SESSION' })
    const { access, content, cloudPath } = await this.parts.storage.clientRead(openid, url.searchParams.get('fileID') ?? '')
    if (access === 'invalidPath') throw new HttpError(400, { error: 'INVALID_FILE_ID' })
    if (access === 'notFound') return sendJson(res, 404, { error: 'STORAGE_FILE_NONEXIST' })
    if (access === 'forbidden') return sendJson(res, 403, { error: 'STORAGE_EXCEED_AUTHORITY', message: 'this file belongs to another user' })
    res.writeHead(200, storedFileHeaders(cloudPath as string, (content as Buffer).length))
    res.end(content)
  }
}

function sessionToken(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie ?? ''
  return cookie
    .split(/;\s*/)
    .find((c) => c.startsWith(`${sessionCookie}=`))
    ?.slice(sessionCookie.length + 1)
}
