import { z } from 'zod'
import type { InboxKind } from '../../domain/documents'
import { id, noInput, output } from '../fields'

export interface InboxMessageView {
  id: string
  kind: InboxKind
  title: string
  body: string
  /** Page to open, e.g. pages/meeting/index?id=… */
  link: string | null
  createdAt: string
  read: boolean
}

export const inboxActions = {
  'inbox.list': {
    input: noInput,
    output: output<{ messages: InboxMessageView[]; unread: number }>(),
  },
  'inbox.markRead': {
    input: z.object({ ids: z.array(id).max(100) }).strict(),
    output: output<{ unread: number }>(),
  },
  /** 全部标为已读: every unread message, however many. */
  'inbox.markAllRead': {
    input: noInput,
    output: output<{ unread: number }>(),
  },
  /** The unread count alone, for the tab bar's badge. */
  'inbox.unread': {
    input: noInput,
    output: output<{ unread: number }>(),
  },
} as const
