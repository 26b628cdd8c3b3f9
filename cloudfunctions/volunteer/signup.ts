import type { SignupResult } from '../../shared/api/areas/volunteer'
import type { MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { take } from '../_lib/seats'
import { cardView } from '../_lib/volunteer'

/**
 * 报名, in one tap: a seat, or the line when the caller asked for it (see seats.take). The answer
 * carries the shift as the page shows it, from the step's own result: no second call.
 */
export async function signup(db: Db, actor: MemberActor, shiftId: string, acceptWaitlist: boolean, now: Date): Promise<SignupResult> {
  const taken = await take(db, actor, shiftId, acceptWaitlist, now)
  return { shiftId, status: taken.status, position: taken.position, already: taken.already, shift: cardView(taken.shift, actor, taken.record, now) }
}
