import type { ShiftCardView, VolunteerBoardView } from '../../../shared/api/contract'

/**
 * The board with one shift's card as a sign-up answered it: the card in every list it is on,
 * and among 我的班次 (in time order) now that the person has a place. No second call.
 */
export function boardWithCard(board: VolunteerBoardView, card: ShiftCardView): VolunteerBoardView {
  const swap = (cards: ShiftCardView[]) => cards.map((c) => (c.id === card.id ? card : c))
  const placed = card.mine?.status === 'confirmed' || card.mine?.status === 'waitlisted'
  const others = board.mine.filter((c) => c.id !== card.id)
  const mine = placed ? [...others, card].sort((a, b) => a.startAt.localeCompare(b.startAt)) : others
  return { ...board, open: swap(board.open), leading: swap(board.leading), mine }
}
