import protobuf from 'protobufjs'
import { DocumentStore, type Change, type Doc } from './db/store'
import { QrRenderer } from './qr'

/** The protobuf envelope wx-server-sdk uses for `cloud.openapi.*` (wx.openApi action). */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
})
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

export const subscriptionsCollection = '_localcloud_subscriptions'
export const outboxCollection = '_localcloud_outbox'

export interface OpenApiOptions {
  /** Words that make security.msgSecCheck answer `risky`. */
  riskyWords: string[]
  /** Words that make security.msgSecCheck answer `review` (a person should look). */
  reviewWords: string[]
  /** Base URL printed into mini-program codes, so a phone camera opens the H5 page. */
  baseUrl: () => string
  appId: string
}

/** A fault to inject into one open API, to see how functions cope: an error code, or a slow answer. */
export type OpenApiFault = { errcode: number; errmsg?: string } | { delayMs: number }

/** One content check as WeChat received it. */
export interface ContentCheckCall {
  openid: string
  scene: number
  content: string
}

export interface OpenApiReply {
  contentType: string
  body: Buffer
}

interface OpenApiCall {
  apiName: string
  appid: string
  data: Record<string, unknown>
  /** OPENID of the invocation that made the call, if any. */
  callerOpenid?: string
}

const json = (value: unknown): OpenApiReply => ({
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(value)),
})
const wxError = (errcode: number, errmsg: string) => json({ errcode, errmsg })

/** Encodes a reply the way the cloud does: a CommOpenApiResp protobuf. */
export function encodeOpenApiReply(reply: OpenApiReply): Buffer {
  return Buffer.from(
    CommOpenApiResp.encode(CommOpenApiResp.create({ respData: reply.body, contentType: reply.contentType, errorCode: 0, httpCode: 200 })).finish(),
  )
}

/** Decodes the `requestData` part of a wx.openApi call. */
export function decodeOpenApiRequest(requestData: Buffer): { appid: string; data: Record<string, unknown> } {
  const message = CommApiData.toObject(CommApiData.decode(requestData), { defaults: true }) as {
    appid: string
    openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> }
  }
  const data: Record<string, unknown> = {}
  for (const pair of message.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8')
    try {
      data[pair.key] = JSON.parse(text)
    } catch {
      data[pair.key] = text
    }
  }
  return { appid: message.appid, data }
}

/**
 * WeChat open APIs as the cloud's "cloud call" serves them: subscribe messages that spend
 * one-time acceptances and land in an inspectable outbox, real QR images for mini-program codes,
 * and a deterministic content check.
 */
export class LocalOpenApi {
  private readonly qr = new QrRenderer()
  private readonly faults = new Map<string, OpenApiFault>()
  /** Every security.msgSecCheck call, in order. */
  readonly contentChecks: ContentCheckCall[] = []

  constructor(
    private readonly store: DocumentStore,
    private readonly options: OpenApiOptions,
  ) {}

  async init(): Promise<void> {
    for (const name of [subscriptionsCollection, outboxCollection]) await this.store.createCollection(name)
  }

  close(): Promise<void> {
    return this.qr.close()
  }

  /** Makes an API fail or answer slowly until cleared (null). */
  setFault(apiName: string, fault: OpenApiFault | null): void {
    if (fault) this.faults.set(apiName, fault)
    else this.faults.delete(apiName)
  }

  async call(request: OpenApiCall): Promise<OpenApiReply> {
    const fault = this.faults.get(request.apiName)
    if (fault && 'errcode' in fault) return wxError(fault.errcode, fault.errmsg ?? 'system error')
    // A stalled answer must not keep a closing process alive.
    if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref())
    switch (request.apiName) {
      case 'subscribeMessage.send':
        return this.sendSubscribeMessage(request)
      case 'wxacode.getUnlimited':
        return this.getUnlimited(request.data)
      case 'security.msgSecCheck':
        return this.msgSecCheck(request.data)
      default:
        return wxError(48001, `api unauthorized: ${request.apiName} is not served by the local cloud`)
    }
  }

  // --- subscribe messages -----------------------------------------------------------------

  /** Records that a user accepted `count` more messages of a template (the tap in the dialog). */
  async grantSubscription(openid: string, templateId: string, count = 1): Promise<number> {
    return this.store.writeLock.run(async () => {
      const id = `${openid}|${templateId}`
      const current = this.store.getDoc(subscriptionsCollection, id)
      const remaining = ((current?.remaining as number | undefined) ?? 0) + count
      await this.store.commitLocked([
        { coll: subscriptionsCollection, id, doc: { ...current, _id: id, openid, templateId, remaining, updatedAt: new Date() } },
      ])
      return remaining
    })
  }

  /**
   * "总是保持以上选择，不再询问": the user's kept answer for a template, after which the dialog
   * no longer shows and every request answers with it (an acceptance still adds one message).
   */
  async keepAnswer(openid: string, templateId: string, answer: 'accept' | 'reject'): Promise<void> {
    await this.store.writeLock.run(async () => {
      const id = `${openid}|${templateId}`
      const current = this.store.getDoc(subscriptionsCollection, id) ?? { _id: id, openid, templateId, remaining: 0 }
      await this.store.commitLocked([{ coll: subscriptionsCollection, id, doc: { ...current, kept: answer, updatedAt: new Date() } }])
    })
  }

  /** What wx.getSetting({withSubscriptions:true}) answers: only templates with a kept answer are listed. */
  subscriptionSettings(openid: string): { mainSwitch: boolean; itemSettings: Record<string, 'accept' | 'reject'> } {
    const itemSettings: Record<string, 'accept' | 'reject'> = {}
    for (const doc of this.store.docs(subscriptionsCollection)) {
      if (doc.openid === openid && (doc.kept === 'accept' || doc.kept === 'reject')) itemSettings[doc.templateId as string] = doc.kept
    }
    return { mainSwitch: true, itemSettings }
  }

  /**
   * Holds every subscribeMessage.send at WeChat's door until released, so a test can kill the
   * sender while its request is in flight; once released, held messages are delivered as usual
   * (WeChat got the request even though the sender never heard back). `answered` settles once
   * every held message has been answered after the release, so a test waits for that, not a while.
   */
  holdSends(): { arrived: Promise<void>; release: () => void; answered: Promise<void> } {
    let arrive: () => void = () => {}
    let release: () => void = () => {}
    let settle: () => void = () => {}
    const arrived = new Promise<void>((resolve) => (arrive = resolve))
    const open = new Promise<void>((resolve) => (release = resolve))
    const answered = new Promise<void>((resolve) => (settle = resolve))
    const gate = { arrive, open, held: 0, settle }
    this.sendGate = gate
    return {
      arrived,
      answered,
      release: () => {
        this.sendGate = null
        release()
        if (!gate.held) settle()
      },
    }
  }

  private sendGate: { arrive: () => void; open: Promise<void>; held: number; settle: () => void } | null = null

  /** The next `times` sends answer `errcode` (e.g. -1, WeChat busy) and deliver nothing. */
  failSends(errcode: number, times: number): void {
    this.failures = { errcode, left: times }
  }

  private failures: { errcode: number; left: number } | null = null

  remainingSubscriptions(openid: string, templateId: string): number {
    return (this.store.getDoc(subscriptionsCollection, `${openid}|${templateId}`)?.remaining as number | undefined) ?? 0
  }

  outbox(filter: { touser?: string } = {}): Doc[] {
    return this.store
      .docs(outboxCollection)
      .filter((m) => !filter.touser || m.touser === filter.touser)
      .sort((a, b) => (a.seq as number) - (b.seq as number))
  }

  private async sendSubscribeMessage(request: OpenApiCall): Promise<OpenApiReply> {
    const { data, appid } = request
    const touser = typeof data.touser === 'string' ? data.touser : ''
    const templateId = typeof data.template_id === 'string' ? data.template_id : ''
    const page = typeof data.page === 'string' ? data.page : undefined
    if (!touser) return wxError(40003, 'invalid openid')
    if (!templateId) return wxError(40037, 'invalid template_id')
    if (page !== undefined && (page.startsWith('/') || page.length > 1024)) return wxError(41030, 'invalid page')
    const fields = data.data
    if (!fields || typeof fields !== 'object') return wxError(47003, 'argument invalid! data is empty')
    for (const [key, entry] of Object.entries(fields as Record<string, unknown>)) {
      const value = (entry as { value?: unknown } | null)?.value
      const problem = checkTemplateValue(key, value)
      if (problem) return wxError(47003, `argument invalid! data.${key}.value ${problem}`)
    }
    const gate = this.sendGate
    if (gate) {
      gate.held++
      gate.arrive()
      await gate.open
      // Released: sent as any other (the gate is gone), and counted as answered.
      try {
        return await this.sendSubscribeMessage(request)
      } finally {
        if (--gate.held === 0) gate.settle()
      }
    }
    if (this.failures && this.failures.left > 0) {
      this.failures.left--
      return wxError(this.failures.errcode, this.failures.errcode === -1 ? 'system error' : 'failed on purpose')
    }
    const message = {
      _id: DocumentStore.newId(),
      appid,
      touser,
      templateId,
      page: page ?? null,
      data: fields,
      miniprogramState: data.miniprogram_state ?? 'formal',
      sentAt: new Date(),
    }
    return new Promise<OpenApiReply>((resolve, reject) => {
      this.pendingSends.push({ message, resolve, reject })
      void this.flushSends()
    })
  }

  private readonly pendingSends: Array<{ message: Doc & { touser: string; templateId: string }; resolve: (reply: OpenApiReply) => void; reject: (error: unknown) => void }> = []
  private flushing = false
  private outboxSeq = 0

  /**
   * Delivers waiting sends in one commit per batch (each answered only once its commit is
   * durable), as WeChat serves many senders at once: a burst does not queue behind one
   * database round trip per message. Each message spends one acceptance, in arrival order.
   */
  private async flushSends(): Promise<void> {
    if (this.flushing) return
    this.flushing = true
    try {
      while (this.pendingSends.length) {
        const batch = this.pendingSends.splice(0)
        try {
          await this.store.writeLock.run(async () => {
            const changed = new Map<string, Change>()
            const replies: OpenApiReply[] = []
            if (!this.outboxSeq) this.outboxSeq = this.store.docs(outboxCollection).reduce((max, m) => Math.max(max, (m.seq as number) ?? 0), 0)
            for (const { message } of batch) {
              const id = `${message.touser}|${message.templateId}`
              const acceptance = (changed.get(`s|${id}`)?.doc ?? this.store.getDoc(subscriptionsCollection, id)) as Doc | undefined
              const remaining = (acceptance?.remaining as number | undefined) ?? 0
              const seq = ++this.outboxSeq
              if (remaining <= 0) {
                changed.set(`o|${message._id}`, { coll: outboxCollection, id: message._id, doc: { ...message, seq, errcode: 43101, delivered: false } })
                replies.push(wxError(43101, 'user refuse to accept the msg'))
                continue
              }
              const msgid = Number(String(Date.now()).slice(-9)) * 1000 + (seq % 1000)
              changed.set(`s|${id}`, { coll: subscriptionsCollection, id, doc: { ...(acceptance as Doc), remaining: remaining - 1, updatedAt: new Date() } })
              changed.set(`o|${message._id}`, { coll: outboxCollection, id: message._id, doc: { ...message, seq, errcode: 0, delivered: true, msgid } })
              replies.push(json({ errcode: 0, errmsg: 'ok', msgid }))
            }
            await this.store.commitLocked([...changed.values()])
            batch.forEach((job, i) => job.resolve(replies[i]))
          })
        } catch (error) {
          for (const job of batch) job.reject(error)
        }
      }
    } finally {
      this.flushing = false
    }
  }

  // --- mini-program code ------------------------------------------------------------------

  private async getUnlimited(data: Record<string, unknown>): Promise<OpenApiReply> {
    const scene = typeof data.scene === 'string' ? data.scene : ''
    const page = typeof data.page === 'string' ? data.page : 'pages/home/index'
    if (!scene || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene)) {
      return wxError(40169, 'invalid length for scene, or the data is not json string')
    }
    if (page.startsWith('/')) return wxError(41030, 'invalid page rid: page must not start with /')
    const width = Math.min(Math.max(Number(data.width) || 430, 280), 1280)
    const link = `${this.options.baseUrl()}/${page}?scene=${encodeURIComponent(scene)}`
    const png = await this.qr.render(link, width)
    return { contentType: 'image/png', body: png }
  }

  // --- content security -------------------------------------------------------------------

  private msgSecCheck(data: Record<string, unknown>): OpenApiReply {
    const content = typeof data.content === 'string' ? data.content : ''
    if (data.version !== 2) return wxError(40097, 'invalid args: version must be 2')
    if (!data.openid) return wxError(40003, 'invalid openid')
    // Scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志.
    if (![1, 2, 3, 4].includes(data.scene as number)) return wxError(40097, 'invalid args: scene must be 1, 2, 3 or 4')
    if (content.length > 2500) return wxError(47001, 'data format error: content exceeds 2500 characters')
    this.contentChecks.push({ openid: String(data.openid), scene: data.scene as number, content })
    const risky = this.options.riskyWords.find((word) => word && content.includes(word))
    const review = risky ? undefined : this.options.reviewWords.find((word) => word && content.includes(word))
    const hit = risky ?? review
    // Labels as WeChat uses them: 100 normal, 20006 illegal, 21000 other.
    const result = risky ? { suggest: 'risky', label: 20006 } : review ? { suggest: 'review', label: 21000 } : { suggest: 'pass', label: 100 }
    return json({
      errcode: 0,
      errmsg: 'ok',
      result,
      detail: [{ strategy: 'keyword', errcode: 0, suggest: result.suggest, label: result.label, keyword: hit ?? '' }],
      trace_id: DocumentStore.newId(),
    })
  }
}

const templateRules: Array<[RegExp, (v: string) => string | undefined]> = [
  [/^thing\d+$/, (v) => (v.length === 0 ? 'is empty' : [...v].length > 20 ? 'exceeds 20 characters' : undefined)],
  [/^short_thing\d+$/, (v) => ([...v].length > 5 || !v ? 'exceeds 5 characters' : undefined)],
  [/^character_string\d+$/, (v) => (v.length > 32 || !/^[\x21-\x7e]+$/.test(v) ? 'must be ≤32 letters, digits or symbols' : undefined)],
  [/^number\d+$/, (v) => (v.length > 32 || !/^-?\d+(\.\d+)?$/.test(v) ? 'must be a number of ≤32 digits' : undefined)],
  [/^letter\d+$/, (v) => (v.length > 32 || !/^[A-Za-z]+$/.test(v) ? 'must be ≤32 letters' : undefined)],
  [/^symbol\d+$/, (v) => (v.length > 5 || !v ? 'must be ≤5 symbols' : undefined)],
  [/^phrase\d+$/, (v) => ([...v].length > 5 || !/^[\u4e00-\u9fa5]+$/.test(v) ? 'must be ≤5 Chinese characters' : undefined)],
  [/^name\d+$/, (v) => (/^[\u4e00-\u9fa5·]{1,10}$/.test(v) || /^[A-Za-z ]{1,20}$/.test(v) ? undefined : 'must be ≤10 Chinese or ≤20 Latin characters')],
  [/^phone_number\d+$/, (v) => (v.length > 17 || !/^[\d+\-() ]+$/.test(v) ? 'must be a phone number' : undefined)],
  [/^car_number\d+$/, (v) => ([...v].length > 8 || !v ? 'must be ≤8 characters' : undefined)],
  [/^amount\d+$/, (v) => (/^[¥$€]?\d{1,10}(\.\d{1,2})?元?$/.test(v) ? undefined : 'must be an amount')],
  [/^(time|date)\d+$/, (v) => (isWeChatTime(v) ? undefined : 'must be a time like 15:01 or 2019年10月1日 15:01')],
]

/** Checks one value of a subscribe message as WeChat does; a reason when it is invalid. */
export function checkTemplateValue(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'is not a string'
  const rule = templateRules.find(([pattern]) => pattern.test(key))
  if (!rule) return 'has an unknown key type'
  return rule[1](value)
}

const clock = '([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?'
const cnDate = '\\d{4}年\\d{1,2}月\\d{1,2}日'
const isoDate = '\\d{4}-\\d{1,2}-\\d{1,2}'
const point = `((${cnDate}|${isoDate})( ${clock})?|${clock})`
const timePattern = new RegExp(`^${point}( ?~ ?${point})?$`)

function isWeChatTime(value: string): boolean {
  if (!timePattern.test(value)) return false
  const date = value.match(/(\d{4})[年-](\d{1,2})[月-](\d{1,2})/)
  if (!date) return true
  const [, y, m, d] = date.map(Number)
  const parsed = new Date(Date.UTC(y, m - 1, d))
  return parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d
}
