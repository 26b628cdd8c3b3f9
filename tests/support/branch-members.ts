import type { MemberDoc } from '../../shared/domain/documents'
import type { MemberCategory, Position } from '../../shared/domain/member'

/**
 * A member of branch `b1` for handler tests over the in-memory database, and their binding
 * (`o${id}`): who is who is all a test needs to say.
 */
export function branchMember(id: string, category: MemberCategory, at: Date, fields: Partial<MemberDoc> = {}): MemberDoc {
  return { _id: id, branchId: 'b1', groupId: null, name: `党员${id}`, category, positions: [] as Position[], phone: `1380000${id.padStart(4, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: at, updatedAt: at, ...fields }
}

export const bindingsOf = (members: readonly MemberDoc[], at: Date) => members.map((m) => ({ _id: `o${m._id}`, memberId: m._id, branchId: m.branchId, boundAt: at }))
