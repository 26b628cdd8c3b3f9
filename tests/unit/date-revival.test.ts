import type { MemberDoc, NoteDoc } from '../../shared/domain/documents'
import { MemoryDb } from '../support/memory-db'

// Documents as a console JSON import stores them: instants as text where the types say Date.
const created = '2026-01-05T01:00:00.000Z'
const member = { _id: 'm1', branchId: 'b1', name: '甲', status: 'active', createdAt: created, updatedAt: created, shiftPlaces: [{ shiftId: 's1', startAt: created, endAt: created }] } as unknown as MemberDoc
const note = { _id: 'n1', memberId: 'm1', branchId: 'b1', submittedAt: null, history: [{ at: created, action: 'submitted' }, { at: created, action: 'approved' }] } as unknown as NoteDoc

describe('the in-memory database, as the cloud handle', () => {
  const db = new MemoryDb({ members: [member], notes: [note], bindings: [{ _id: 'o1', memberId: 'm1', branchId: 'b1', boundAt: created as unknown as Date }] })

  it('revives declared Date fields on reads, into arrays too, and leaves null as null', async () => {
    const read = await db.get('members', 'm1')
    expect(read?.createdAt).toEqual(new Date(created))
    expect(read?.shiftPlaces?.[0].startAt).toBeInstanceOf(Date)
    const [n] = await db.all('notes', { memberId: 'm1' })
    expect(n.history.map((h) => h.at)).toEqual([new Date(created), new Date(created)])
    expect(n.submittedAt).toBeNull()
  })

  it('follows an aggregation: the root while rows are documents, each lookup by its own collection, through $unwind and nested pipelines', async () => {
    const [row] = await db.aggregate<{ boundAt: Date; member: MemberDoc; notes: Array<{ history: Array<{ at: Date }> }> }>('bindings', [
      { $match: { _id: 'o1' } },
      { $lookup: { from: 'members', localField: 'memberId', foreignField: '_id', as: 'member' } },
      { $unwind: '$member' },
      { $lookup: { from: 'notes', let: { memberId: '$memberId' }, pipeline: [{ $match: { $expr: { $eq: ['$memberId', '$$memberId'] } } }], as: 'notes' } },
    ])
    expect(row.boundAt).toEqual(new Date(created))
    expect(row.member.createdAt).toEqual(new Date(created))
    expect(row.notes[0].history[1].at).toEqual(new Date(created))
    // Counted rows are no longer members: nothing of theirs is revived.
    const [count] = await db.aggregate<{ createdAt: unknown }>('members', [{ $group: { _id: null, createdAt: { $first: '$createdAt' } } }])
    expect(count.createdAt).toBe(created)
  })
})
