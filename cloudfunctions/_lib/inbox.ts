import type { InboxDoc } from '../../shared/domain/documents'
import { newId } from './db'

/** A new, unread inbox message, ready to add (also inside a transaction). */
export function inboxMessage(message: Omit<InboxDoc, '_id' | 'readAt'>): InboxDoc {
  return { ...message, _id: newId(), readAt: null }
}
