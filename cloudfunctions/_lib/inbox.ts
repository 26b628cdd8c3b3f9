import { randomBytes } from 'node:crypto'
import type { InboxMessageView } from '../../shared/api/contract'
import { db } from './cloud'

/** 站内消息: every reminder lands here, whether or not a subscribe message can be sent. */
export interface InboxDoc {
  _id: string
  memberId: string
  branchId: string
  kind: InboxMessageView['kind']
  title: string
  body: string
  link: string | null
  createdAt: Date
  readAt: Date | null
}

/** A new, unread inbox message, ready to add (also inside a transaction). */
export function inboxMessage(message: Omit<InboxDoc, '_id' | 'readAt'>): InboxDoc {
  return { ...message, _id: randomBytes(16).toString('hex'), readAt: null }
}

export async function notify(message: Omit<InboxDoc, '_id' | 'readAt'>): Promise<void> {
  await db.collection('inbox').add({ data: inboxMessage(message) })
}
