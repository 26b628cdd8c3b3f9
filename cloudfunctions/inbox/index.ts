import type { InboxMessageView } from '../../shared/api/contract'
import { requireMember, resolveActor } from '../_lib/actor'
import { _, db } from '../_lib/cloud'
import { countWhere, findSome } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import type { InboxDoc } from '../_lib/inbox'

const view = (m: InboxDoc): InboxMessageView => ({
  id: m._id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  link: m.link,
  createdAt: new Date(m.createdAt).toISOString(),
  read: Boolean(m.readAt),
})

export const main = defineFunction('inbox', {
  'inbox.list': async (_input, { caller }) => {
    const actor = requireMember(await resolveActor(caller))
    const [messages, unread] = await Promise.all([
      findSome<InboxDoc>('inbox', { memberId: actor.member._id }, 100, ['createdAt', 'desc']),
      countWhere('inbox', { memberId: actor.member._id, readAt: null }),
    ])
    return { messages: messages.map(view), unread }
  },

  'inbox.markRead': async ({ ids }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    if (ids.length) await db.collection('inbox').where({ _id: _.in(ids), memberId: actor.member._id, readAt: null }).update({ data: { readAt: now } })
    return { unread: await countWhere('inbox', { memberId: actor.member._id, readAt: null }) }
  },
})
