import { z } from 'zod'
import { askMoments, templateKeys, type AskMoment, type ReminderKind, type TemplateKey } from '../../domain/reminders/templates'
import type { DeliveryStatus } from '../../domain/reminders/delivery'
import { id, noInput, output } from '../fields'

/** A member's reminders: how many of each template are left, and what is coming. */
export interface MyRemindersView {
  templates: Array<{
    key: TemplateKey
    label: string
    /** The kinds of reminder the template carries ("会议前一天提醒"…). */
    kinds: string[]
    /** One-time messages left: each acceptance is one. */
    remaining: number
    longTerm: boolean
    longTermAccepted: boolean
    /** "总是保持以上选择": the dialog no longer shows. */
    always: 'accept' | 'reject' | null
  }>
  /** Reminders this member will get, soonest first. */
  upcoming: Array<{
    kind: ReminderKind
    kindLabel: string
    subjectTitle: string
    /** When it goes; null for one that goes when something happens (a leave decision). */
    at: string | null
    link: string | null
    /** Whether it can come as a WeChat message, or only to 消息. */
    byWeChat: boolean
  }>
}

export type ReminderSubjectType = 'meeting' | 'shift' | 'task' | 'note' | 'test'

/** The secretary's list: each meeting, shift or task with reminders, and how they went. */
export interface ReminderSubjectView {
  subjectType: ReminderSubjectType
  subjectId: string
  title: string
  /** When the first reminder about it was made. */
  firstAt: string
  total: number
  counts: Partial<Record<DeliveryStatus, number>>
  /** Those not reached by WeChat (no acceptance left, switched off, failed, unbound…). */
  notReached: number
}

/** Reminders of the branch not yet sent: a backlog the timer is still working through. */
export interface ReminderQueueView {
  /** Queued or being sent now. */
  waiting: number
  /** When the oldest of them was queued; null when none waits. */
  since: string | null
}

export interface ReminderDeliveryRow {
  id: string
  memberId: string
  memberName: string
  groupName: string | null
  kind: ReminderKind
  kindLabel: string
  status: DeliveryStatus
  statusLabel: string
  /** Why it did not reach WeChat, in words. */
  reason: string | null
  /** WeChat's code of the last attempt (0 = sent). */
  errcode: number | null
  /** WeChat's answer to every attempt, in order. */
  codes: number[]
  /** When it was sent, or decided. */
  at: string
  /** Whether the member has read the 消息 copy. */
  read: boolean
}

export interface ReminderDeliveriesView {
  subjectType: ReminderSubjectType
  subjectId: string
  title: string
  rows: ReminderDeliveryRow[]
}

const subjectTypes = ['meeting', 'shift', 'task', 'note', 'test'] as const
const answer = z.string().trim().min(1).max(32)

export const reminderActions = {
  /** Records what the subscribe dialog answered at a moment (after a tap). */
  'reminder.subscribe': {
    input: z
      .object({
        moment: z.enum(Object.keys(askMoments) as [AskMoment, ...AskMoment[]]),
        answers: z.record(z.enum(templateKeys), answer),
        kept: z.record(z.enum(templateKeys), z.enum(['accept', 'reject'])).optional(),
        mainSwitch: z.boolean().optional(),
      })
      .strict(),
    output: output<MyRemindersView>(),
  },
  'reminder.mine': {
    input: noInput,
    output: output<MyRemindersView>(),
  },
  'reminder.subjects': {
    input: noInput,
    output: output<ReminderSubjectView[]>(),
  },
  'reminder.queue': {
    input: noInput,
    output: output<ReminderQueueView>(),
  },
  'reminder.deliveries': {
    input: z.object({ subjectType: z.enum(subjectTypes), subjectId: id }).strict(),
    output: output<ReminderDeliveriesView>(),
  },
} as const
