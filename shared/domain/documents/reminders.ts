import type { DateFields } from './date-fields'
import type { ReminderSubject } from '../reminders/content'
import type { DeliveryStatus } from '../reminders/delivery'
import type { ReminderKind, TemplateKey } from '../reminders/templates'

/**
 * One reminder to one member (提醒): `_id` is a hash of its claim key (kind + subject occurrence
 * + member), so it can be claimed once; its inbox copy has the same `_id`.
 */
export interface ReminderDoc {
  _id: string
  key: string
  kind: ReminderKind
  subjectType: ReminderSubject['type']
  subjectId: string
  subjectVersion: string | null
  /** The meeting's (shift's, task's…) title, for the secretary's list. */
  subjectTitle: string
  branchId: string
  memberId: string
  template: TemplateKey
  link: string | null
  /** The subscribe message's values, already shaped to the template's keyword types. */
  data: Record<string, { value: string }>
  /** When the thing it is about happens: the soonest gets a scarce acceptance first. */
  at: Date
  status: DeliveryStatus
  createdAt: Date
  /** The sender run that owns it while `claimed`, until `leaseUntil`. */
  claimedBy: string | null
  leaseUntil: Date | null
  /**
   * When its sender let the request go to WeChat; absent while a claim's send has not started, so
   * a claim abandoned before it goes back to the queue and one abandoned after it is `unknown`.
   */
  sendingAt?: Date | null
  /** WeChat's answer to every attempt, in order (0 = sent). */
  codes: number[]
  /** WeChat's code of the last attempt. */
  errcode: number | null
  /** WeChat's message when it refused. */
  errmsg: string | null
  /** Why it did not reach WeChat, in words. */
  reason: string | null
  finishedAt: Date | null
}

export const reminderDateFields: DateFields<ReminderDoc> = { at: true, createdAt: true, leaseUntil: true, sendingAt: true, finishedAt: true }

/** A member's acceptances of one subscribe-message template: `_id` is `${openid}|${templateId}`. */
export interface SubscriptionDoc {
  _id: string
  openid: string
  memberId: string
  branchId: string
  template: TemplateKey
  templateId: string
  /** One-time messages left (each acceptance is one). */
  remaining: number
  longTermAccepted: boolean
  /** "总是保持以上选择": the dialog no longer shows; the app asks silently. */
  always: 'accept' | 'reject' | null
  accepted: number
  spent: number
  lastAnswer: string | null
  updatedAt: Date
}

export const subscriptionDateFields: DateFields<SubscriptionDoc> = { updatedAt: true }
