import type { GroupDoc } from '../../shared/domain/documents'
import type { Db } from './db'

/**
 * Small helpers every area's handlers share: the id of one member's record of something, instants
 * as the API carries them, and a branch's groups.
 */

/** One member's record of a task, a test, a meeting…: keyed so the database refuses a second. */
export const memberKey = (ownerId: string, memberId: string) => `${ownerId}_${memberId}`

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null)
export const isoOf = (d: Date): string => d.toISOString()

/** A branch's 党小组 by id. */
export async function groupsOf(db: Db, branchId: string): Promise<Map<string, GroupDoc>> {
  return new Map((await db.all('groups', { branchId })).map((g) => [g._id, g]))
}
