import type { InboxMessageView } from '../../shared/api/contract'
import type { InboxDoc } from '../../shared/domain/documents'
import { memberActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'

const view = (m: InboxDoc): InboxMessageView => ({
  id: m._id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  link: m.link,
  createdAt: m.createdAt.toISOString(),
  read: Boolean(m.readAt),
})

export const main = defineFunction('inbox', {
  'inbox.list': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    const [messages, unread] = await Promise.all([
      db.some('inbox', { memberId: actor.member._id }, 100, ['createdAt', 'desc']),
      db.count('inbox', { memberId: actor.member._id, readAt: null }),
    ])
    return { messages: messages.map(view), unread }
  },

  'inbox.markRead': async ({ ids }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    if (ids.length) await db.updateWhere('inbox', { _id: { $in: ids }, memberId: actor.member._id, readAt: null }, { readAt: now })
    return { unread: await db.count('inbox', { memberId: actor.member._id, readAt: null }) }
  },

  'inbox.markAllRead': async (_input, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    await db.updateWhere('inbox', { memberId: actor.member._id, readAt: null }, { readAt: now })
    return { unread: 0 }
  },

  'inbox.unread': async (_input, ctx) => {
    const actor = await memberActor(ctx)
    return { unread: await ctx.db.count('inbox', { memberId: actor.member._id, readAt: null }) }
  },
})
