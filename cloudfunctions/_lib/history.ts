import type { MemberHistoryDoc } from '../../shared/domain/roster'
import { db } from './cloud'
import type { MemberActor } from './actor'
import { addMany } from './db'

type Entry = Pick<MemberHistoryDoc, 'memberId' | 'branchId' | 'action' | 'note'>

/** Appends change records: who did what to which roster entry, and when. */
export async function recordHistory(by: MemberActor | null, at: Date, entries: Entry[]): Promise<void> {
  const docs = entries.map((e) => ({
    ...e,
    at,
    byMemberId: by?.member._id ?? null,
    byName: by?.member.name ?? '本人',
  }))
  if (docs.length === 1) await db.collection('memberHistory').add({ data: docs[0] })
  else if (docs.length > 1) await addMany('memberHistory', docs)
}
