import type { MemberHistoryDoc } from '../../shared/domain/documents'
import type { MemberCategory } from '../../shared/domain/member'
import type { MemberActor } from './actor'
import { newId, type Db } from './db'

type Entry = Pick<MemberHistoryDoc, 'memberId' | 'branchId' | 'action' | 'note' | 'category' | 'dates'>

/** The structured category change between two versions of a roster entry, if there is one. */
export function categoryChange(before: { category: MemberCategory }, after: { category: MemberCategory }): Pick<Entry, 'category'> {
  return before.category === after.category ? {} : { category: { from: before.category, to: after.category } }
}

/** Appends change records: who did what to which roster entry, and when. */
export async function recordHistory(db: Db, by: MemberActor | null, at: Date, entries: Entry[]): Promise<void> {
  const docs: MemberHistoryDoc[] = entries.map((e) => ({
    ...e,
    _id: newId(),
    at,
    byMemberId: by?.member._id ?? null,
    byName: by?.member.name ?? '本人',
  }))
  if (docs.length === 1) await db.add('memberHistory', docs[0])
  else if (docs.length > 1) await db.addMany('memberHistory', docs)
}
