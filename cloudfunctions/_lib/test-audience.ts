import type { TheoryTestDoc } from '../../shared/domain/documents'
import type { FigureMember } from '../../shared/domain/figures'
import { countsOn } from '../../shared/domain/membership'
import { beijingDate } from '../../shared/domain/time'
import type { Db } from './db'

/**
 * Who a theory test asks: the Party members (正式 and 预备) in the branch on the day it closes, or
 * today while it is open, and whoever took it (they were asked when they began). Once closed the list is written into the test's record, the way a
 * meeting's expected list is (see settledExpected): a conditional update of the one document,
 * on the first read after the close; until then the same rule gives the same list.
 */
export function testAudienceOf(test: Pick<TheoryTestDoc, 'closesAt' | 'audience'>, people: readonly FigureMember[], takers: readonly string[], now: Date): string[] {
  if (test.audience) return test.audience.memberIds
  const closesAt = test.closesAt
  const asked = countsOn(people, beijingDate(closesAt.getTime() <= now.getTime() ? new Date(closesAt.getTime() - 1) : now)).partyMembers
  return [...new Set([...asked, ...takers])]
}

export async function settledTestAudience(db: Db, test: TheoryTestDoc, people: readonly FigureMember[], takers: readonly string[], now: Date): Promise<string[]> {
  const memberIds = testAudienceOf(test, people, takers, now)
  if (test.audience || test.closesAt.getTime() > now.getTime()) return memberIds
  const audience = { frozenAt: now, memberIds }
  if ((await db.updateWhere('theoryTests', { _id: test._id, audience: { $exists: false } }, { audience })) === 1) {
    test.audience = audience
    return memberIds
  }
  const stored = await db.get('theoryTests', test._id)
  return stored?.audience?.memberIds ?? memberIds
}
