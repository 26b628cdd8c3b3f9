/**
 * Sending a reminder at most once: the claim key, what a WeChat answer means (final or worth a
 * retry), bounded backoff, and how acceptances (one message each) are counted and spent.
 */
import type { Capability } from '../permissions'
import type { ReminderSubject } from './content'
import type { ReminderKind } from './templates'
import { reminderTimes } from './due'

/** Where a reminder stands. Every reminder also has an inbox copy, whatever its status. */
export const deliveryStatuses = ['queued', 'claimed', 'sent', 'noQuota', 'refused', 'failed', 'unknown', 'unbound', 'dropped'] as const
export type DeliveryStatus = (typeof deliveryStatuses)[number]

export const deliveryStatusLabels: Record<DeliveryStatus, string> = {
  queued: '待发送',
  claimed: '发送中',
  sent: '已发送',
  noQuota: '无订阅次数',
  refused: '已关闭通知',
  failed: '发送失败',
  unknown: '结果不明',
  unbound: '未绑定微信',
  dropped: '已过时未发',
}

/** Statuses after which nothing more happens to a reminder. */
export const finalStatuses: readonly DeliveryStatus[] = ['sent', 'noQuota', 'refused', 'failed', 'unknown', 'unbound', 'dropped']

/** Statuses of a reminder still on its way: waiting in the queue, or claimed by a sender. */
export const waitingStatuses: readonly DeliveryStatus[] = ['queued', 'claimed']

/** Final statuses in which WeChat carried no message: the member has only the copy in 消息. */
export const notReachedStatuses: readonly DeliveryStatus[] = finalStatuses.filter((s) => s !== 'sent')

export const reachedByWeChat = (status: DeliveryStatus) => !notReachedStatuses.includes(status)

/** A reminder that reached nobody: WeChat sent nothing and its copy in 消息 is still unread. */
export function reachedNobody(reminder: { status: DeliveryStatus }, inboxReadAt: Date | string | null): boolean {
  return !reachedByWeChat(reminder.status) && !inboxReadAt
}

/** Who follows how a subject's reminders went (提醒发送情况): those who run that kind of thing. */
export const reminderFollowers: Record<ReminderSubject['type'], readonly Capability[]> = {
  meeting: ['reviewAttendance', 'manageMeetings'],
  shift: ['manageVolunteer'],
  task: ['reviewNotes', 'manageStudy'],
  note: ['reviewNotes', 'manageStudy'],
  test: ['reviewNotes', 'manageStudy'],
  appraisal: ['manageRoster'],
}

/** The kinds of subject whose reminders a member with these capabilities follows. */
export const followedSubjects = (capabilities: readonly Capability[]) =>
  (Object.keys(reminderFollowers) as Array<ReminderSubject['type']>).filter((t) => reminderFollowers[t].some((c) => capabilities.includes(c)))

/** One reminder per recipient, subject (and occurrence) and kind: the unique key a sender claims. */
export function claimKey(reminder: { kind: ReminderKind; subject: ReminderSubject; memberId: string }): string {
  const { subject } = reminder
  return `${reminder.kind}|${subject.type}:${subject.id}${subject.version ? `@${subject.version}` : ''}|${reminder.memberId}`
}

/**
 * A claim is owned for this long. A run ends well inside the function's 60 s (see
 * `runSchedule`), so when a lease has ended its sender is gone: a claim whose send never started
 * goes back to the queue, one whose request left may have reached WeChat and is `unknown`.
 */
export const claimLeaseMs = 2 * 60_000

/** A claim whose sender died (crash, timeout) before recording the outcome. */
export function isAbandonedClaim(claim: { status: DeliveryStatus; leaseUntil: Date | null }, now: Date): boolean {
  return claim.status === 'claimed' && Boolean(claim.leaseUntil) && (claim.leaseUntil as Date).getTime() <= now.getTime()
}

/** What becomes of an abandoned claim: a send never started is queued again; one started may have gone. */
export function abandonedClaimOutcome(claim: { sendingAt?: Date | null }): 'queued' | 'unknown' {
  return claim.sendingAt ? 'unknown' : 'queued'
}

export const abandonedSendReason = '发送途中中断，可能已送达，为免重复不再重发'

/**
 * Until when a reminder still helps, from its kind and when the thing happens (`at`): none once a
 * meeting or shift has started (an hour-before reminder: once it is 10 minutes away); null for
 * those that stay worth reading (a leave decision, a review, a study task round).
 */
export function usefulUntil(reminder: { kind: ReminderKind; at: Date }): Date | null {
  switch (reminder.kind) {
    case 'meetingTomorrow':
    case 'shiftTomorrow':
    case 'shiftPromoted':
    case 'shiftCancelled':
      return reminder.at
    case 'meetingSoon':
      return new Date(reminder.at.getTime() - reminderTimes.meetingSoonLatestMinutes * 60_000)
    default:
      return null
  }
}

/** Why a reminder that no longer helps is dropped instead of sent late. */
export function staleReason(kind: ReminderKind): string {
  if (kind === 'meetingSoon') return `离开会已不足 ${reminderTimes.meetingSoonLatestMinutes} 分钟，不再发送`
  if (kind === 'meetingTomorrow') return '会议已开始，不再发送'
  return '班次已开始，不再发送'
}

export const isStale = (reminder: { kind: ReminderKind; at: Date }, now: Date): boolean => {
  const until = usefulUntil(reminder)
  return until !== null && now.getTime() >= until.getTime()
}

// --- a timer run's time ---------------------------------------------------------------------

/**
 * The instants (on the run's own clock, in ms) at which a run stops each kind of work, from when
 * it started and how long it may take in all (its budget: the function's limit less a margin for
 * a slow platform). Loading what fell due stops first, so sending always gets most of the time;
 * no send starts after `sendUntil`; a send with no answer by `answerUntil` is recorded `unknown`,
 * leaving the rest for writing outcomes down.
 */
export function runSchedule(startedAt: number, budgetMs: number): { loadUntil: number; sendUntil: number; answerUntil: number; endBy: number } {
  return {
    loadUntil: startedAt + Math.round(budgetMs * 0.3),
    sendUntil: startedAt + Math.round(budgetMs * 0.75),
    answerUntil: startedAt + Math.round(budgetMs * 0.9),
    endBy: startedAt + budgetMs,
  }
}

/** The reminder function's limit is 60 s; a run plans to be done by 48 s, leaving 12 s to spare. */
export const timerRunBudgetMs = 48_000

/**
 * How many reminders to claim next: what the time left can send at the pace measured so far (half
 * of it, so a batch never outlives the run), at least one round of parallel sends, at most
 * `max` (what one read returns under 1 MB). Before any pace is known, one round.
 */
export function nextBatchSize(input: { msLeft: number; msPerReminder: number | null; concurrency: number; max: number }): number {
  const { msLeft, msPerReminder, concurrency, max } = input
  if (msLeft <= 0) return 0
  if (msPerReminder === null) return Math.min(max, concurrency)
  const affordable = Math.floor(msLeft / Math.max(msPerReminder, 0.01) / 2)
  return Math.max(Math.min(concurrency, max), Math.min(max, affordable))
}

// --- WeChat's answers ---------------------------------------------------------------------

/** What an error answer means for the reminder; `retry` only where WeChat said it sent nothing and may later. */
export interface SendVerdict {
  status: Extract<DeliveryStatus, 'noQuota' | 'refused' | 'failed' | 'unknown'>
  retry: boolean
  reason: string
}

/** Answers after which trying again cannot help (and must not: the first may have spent nothing). */
export const finalSendErrors: Readonly<Record<number, Omit<SendVerdict, 'retry'>>> = {
  43101: { status: 'noQuota', reason: '没有剩余的订阅次数，或已在微信设置中关闭此类通知' },
  20004: { status: 'refused', reason: '已在微信中关闭订阅消息' },
  40003: { status: 'failed', reason: '微信身份无效' },
  40037: { status: 'failed', reason: '模板 id 不正确' },
  41030: { status: 'failed', reason: '消息打开的页面不存在' },
  47003: { status: 'failed', reason: '模板内容不符合规则' },
  47001: { status: 'failed', reason: '消息格式不正确' },
  45009: { status: 'failed', reason: '今日发送次数已达上限' },
  [-604101]: { status: 'failed', reason: '云函数未获得发送订阅消息的权限' },
}

/** WeChat refused for now and sent nothing: busy (-1) or the per-minute limit (45011). */
export const transientSendErrors: ReadonlySet<number> = new Set([-1, 45011])

/**
 * What a failed send means. A network failure before the request left (refused connection, no
 * DNS) is retried; one after it may have reached WeChat is "unknown" and never sent again.
 */
export function classifySendError(error: { errcode?: number; message?: string }): SendVerdict {
  const code = error.errcode
  if (code !== undefined && code in finalSendErrors) return { ...finalSendErrors[code], retry: false }
  if (code !== undefined && transientSendErrors.has(code)) return { status: 'failed', retry: true, reason: '微信繁忙' }
  // WeChat's own codes are positive: it answered, and sent nothing.
  if (code !== undefined && code > 0) return { status: 'failed', retry: false, reason: `微信拒绝发送（${code}）` }
  const message = error.message ?? ''
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(message)) return { status: 'failed', retry: true, reason: '网络连接失败' }
  return { status: 'unknown', retry: false, reason: '发送结果不明，为免重复不再重发' }
}

/** Attempts per reminder and run, the first included. */
export const maxSendAttempts = 3

/** Jittered exponential backoff before attempt `attempt + 1` (attempt is 1-based), capped. */
export function retryDelayMs(attempt: number, random: number): number {
  const base = 400 * 2 ** Math.max(0, attempt - 1)
  return Math.round(Math.min(4_000, base) * (0.5 + random))
}

// --- acceptances (one-time quota) ---------------------------------------------------------

/** A template's answer in the subscribe dialog (requestSubscribeMessage) (and WeChat's newer accept variants). */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter' | 'acceptWithAudio' | 'acceptWithAlert' | 'acceptWithForcePush'

export const isAcceptance = (answer: string): boolean => answer.startsWith('accept')

/**
 * How an answer changes a member's record for a template: an acceptance adds one message (a
 * long-term template stays accepted instead); "always keep" (总是保持以上选择) is noted as such,
 * since the dialog will not show again and the app then asks silently at every natural moment.
 */
export function acceptanceChange(
  answer: string,
  alwaysKeep: 'accept' | 'reject' | null,
  longTerm: boolean,
): { add: number; longTermAccepted: boolean | null; always: 'accept' | 'reject' | null } {
  const accepted = isAcceptance(answer)
  return {
    add: accepted && !longTerm ? 1 : 0,
    longTermAccepted: longTerm ? accepted : null,
    always: alwaysKeep,
  }
}

/** A member's standing for one template, as recorded. */
export interface Balance {
  remaining: number
  longTermAccepted: boolean
}

export const balanceKey = (openid: string, templateId: string) => `${openid}|${templateId}`

export type SendPlan = 'send' | 'noQuota' | 'unbound'

/**
 * Which reminders may spend an acceptance, in the order given (earliest first): one message per
 * acceptance, so a member with one acceptance left for a template gets the first reminder of it
 * and the rest go to the inbox only. Nothing is spent on a guess.
 */
export function planSends<T extends { openid: string | null; templateId: string }>(reminders: readonly T[], balances: ReadonlyMap<string, Balance>): SendPlan[] {
  const left = new Map<string, number>()
  return reminders.map((r) => {
    if (!r.openid) return 'unbound'
    const key = balanceKey(r.openid, r.templateId)
    const balance = balances.get(key)
    if (balance?.longTermAccepted) return 'send'
    const remaining = left.get(key) ?? Math.max(0, balance?.remaining ?? 0)
    if (remaining <= 0) return 'noQuota'
    left.set(key, remaining - 1)
    return 'send'
  })
}
