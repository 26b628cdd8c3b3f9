import type { IncomingMessage, ServerResponse } from 'node:http'
import { readJsonObject, safeNext, sendJson } from './http'
import type { LocalOpenApi } from './openapi'
import { statusOf } from './gateway'
import type { FunctionRunner } from './runner/runner'

const maxInvokeBody = 1024 * 1024
const sources = new Set(['wx_client', 'wx_http', 'wx_function', 'wx_trigger'])

/** The origin the browser used to reach this page (its Host has passed the request guard). */
function originOf(req: IncomingMessage): string {
  try {
    return new URL(`http://${req.headers.host ?? '127.0.0.1'}`).origin
  } catch {
    return 'http://127.0.0.1'
  }
}

export interface LocalToolsParts {
  runner: FunctionRunner
  openapi: LocalOpenApi
  /** Renders the sign-in page for a same-site return path; omit to serve none. */
  signInPage?: (next: string) => string | Promise<string>
}

/**
 * What only a local cloud has: a health check, a sign-in page, the outbox of subscribe messages,
 * invoking a function as any identity, and firing a timer now.
 */
export class LocalTools {
  constructor(private readonly parts: LocalToolsParts) {}

  async handle(pathname: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { runner, openapi } = this.parts
    if (req.method === 'GET') {
      if (pathname === '/localcloud/health') return sendJson(res, 200, { ok: true, functions: runner.functionNames() })
      if (pathname === '/localcloud/login' && this.parts.signInPage) {
        const html = await this.parts.signInPage(safeNext(url.searchParams.get('next'), originOf(req)))
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' })
        res.end(html)
        return
      }
      if (pathname === '/localcloud/outbox') {
        return sendJson(res, 200, { messages: openapi.outbox({ touser: url.searchParams.get('touser') ?? undefined }) })
      }
    }
    if (req.method === 'POST') {
      if (pathname === '/localcloud/invoke') {
        const body = await readJsonObject(req, maxInvokeBody)
        if (typeof body.name !== 'string') return sendJson(res, 400, { error: 'NAME_REQUIRED' })
        if (body.openid !== undefined && typeof body.openid !== 'string') return sendJson(res, 400, { error: 'INVALID_OPENID' })
        const source = body.source ?? 'wx_client'
        if (typeof source !== 'string' || !sources.has(source)) return sendJson(res, 400, { error: 'INVALID_SOURCE' })
        const outcome = await runner.invoke(body.name, body.event ?? {}, { openid: body.openid, source })
        // A function that ran and failed is still an answer; a call that could not run is not.
        const ran = outcome.ok || (outcome.error?.errCode ?? 0) <= -504000
        return sendJson(res, ran ? 200 : statusOf(outcome), outcome)
      }
      const fire = pathname.match(/^\/localcloud\/timers\/([\w-]+)\/fire$/)
      if (fire) {
        // An optional {time} fires the trigger as it would fire at that moment (its event's Time).
        const body = await readJsonObject(req, maxInvokeBody)
        if (!runner.has(fire[1])) return sendJson(res, 404, { error: 'NOT_FOUND' })
        const time = body && typeof body.time === 'string' && !Number.isNaN(Date.parse(body.time)) ? new Date(body.time) : new Date()
        return sendJson(res, 200, await runner.fireTimer(fire[1], 'manual', time))
      }
    }
    sendJson(res, 404, { error: 'NOT_FOUND' })
  }
}
