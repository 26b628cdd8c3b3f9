import { z } from 'zod'
import { id, noInput, output } from '../fields'

export interface InboxMessageView {
  id: string
  kind: 'leaveApproved' | 'leaveRejected' | 'makeupCreated' | 'meetingCancelled'
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
} as const
