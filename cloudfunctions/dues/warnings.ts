import { monthLabel, unpaidRun } from '../../shared/domain/dues'
import type { DuesAccountDoc, InboxDoc } from '../../shared/domain/documents'
import type { Db } from '../_lib/db'
import { createHash } from 'node:crypto'
import { duesMemberOf } from './rows'

/** The runs that warn: 3 and 5 months, and 6, when the branch must decide on 自行脱党. */
const levels = [3, 5, 6] as const

const messageId = (key: string) => createHash('sha1').update(`duesWarning:${key}`).digest('hex')

function words(level: (typeof levels)[number], name: string, first: string): { toMember: string; toSecretary: string } {
  const since = monthLabel(first)
  if (level === 6)
    return {
      toMember: `你自${since}起已连续 6 个月未交纳党费。按照党章规定，没有正当理由连续 6 个月不交纳党费的，将被认为是自行脱党，请立即与支部联系。`,
      toSecretary: `${name}自${since}起已连续 6 个月未交纳党费，请支部了解原因，按党章第九条研究处理。`,
    }
  return {
    toMember: `你自${since}起已连续 ${level} 个月未交纳党费，请尽快向支部交纳（补交一般不超过 6 个月）。${level === 5 ? '再满 1 个月未交纳将按自行脱党处理。' : ''}`,
    toSecretary: `${name}自${since}起已连续 ${level} 个月未交纳党费，请提醒其交纳。`,
  }
}

/**
 * The daily run: every member whose unpaid months reach 3, 5 or 6 in a row is told in 消息, and so
 * is each 书记 of their branch — once per run of unpaid months and level (the account keeps which
 * went out; the messages' ids follow from the same key, so a run killed midway repeats nothing).
 */
export async function sendDuesWarnings(db: Db, now: Date): Promise<{ warned: number }> {
  const [accounts, secretaries] = await Promise.all([db.all('duesAccounts', {}), db.all('members', { positions: 'secretary', status: 'active' })])
  let warned = 0
  for (const account of accounts) {
    const run = unpaidRun(duesMemberOf(account), new Set(account.paidMonths), now)
    if (run.length < 3) continue
    for (const level of levels.filter((l) => run.length >= l)) {
      const key = `${run[0]}:${level}`
      if (account.warned.includes(key)) continue
      const text = words(level, account.name, run[0])
      const inbox = (memberId: string, body: string): InboxDoc => ({ _id: messageId(`${account._id}:${key}:${memberId}`), memberId, branchId: account.branchId, kind: 'duesWarning', title: level === 6 ? '党费连续 6 个月未交纳' : '党费交纳提醒', body, link: memberId === account.memberId ? 'packageDues/mine/index' : 'packageDues/list/index', createdAt: now, readAt: null })
      const messages = [inbox(account.memberId, text.toMember), ...secretaries.filter((s) => s.branchId === account.branchId && s._id !== account.memberId).map((s) => inbox(s._id, text.toSecretary))]
      await db.transaction(async (tx) => {
        const current = (await tx.get('duesAccounts', account._id)) as DuesAccountDoc
        if (current.warned.includes(key)) return
        for (const { _id, ...m } of messages) await tx.set('inbox', _id, m)
        await tx.update('duesAccounts', account._id, { warned: [...current.warned, key] })
      })
      warned++
    }
  }
  return { warned }
}
