import type { ShiftCardView, VolunteerBoardView } from '../../shared/api/contract'
import { boardWithCard } from '../../miniprogram/src/services/board-card'

const card = (id: string, startAt: string, mine: ShiftCardView['mine'] = null, taken = 0) => ({ id, startAt, taken, mine }) as unknown as ShiftCardView
const board = (open: ShiftCardView[], mine: ShiftCardView[]) => ({ open, mine, leading: [], swaps: [], myYear: { year: 2026, hours: 0, shifts: 0 }, canManage: false }) as VolunteerBoardView

describe('the board after a sign-up, from the card it answered with', () => {
  const place = { status: 'confirmed', position: null } as unknown as NonNullable<ShiftCardView['mine']>
  it('shows the new count on the card and puts the shift among mine in time order, without another call', () => {
    const before = board([card('a', '2026-12-10T01:00:00Z'), card('b', '2026-12-09T01:00:00Z')], [card('c', '2026-12-11T01:00:00Z', place)])
    const after = boardWithCard(before, card('a', '2026-12-10T01:00:00Z', place, 1))
    expect(after.open.map((c) => [c.id, c.taken])).toEqual([['a', 1], ['b', 0]])
    expect(after.mine.map((c) => c.id)).toEqual(['a', 'c'])
  })

  it('answers a second tap without listing the shift twice', () => {
    const before = board([card('a', '2026-12-10T01:00:00Z', place, 1)], [card('a', '2026-12-10T01:00:00Z', place, 1)])
    expect(boardWithCard(before, card('a', '2026-12-10T01:00:00Z', place, 1)).mine).toHaveLength(1)
  })
})
