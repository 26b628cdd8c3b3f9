import { memberCategories, memberCategoryLabels, positions, positionLabels } from '../../../shared/domain/member'
import type { MemberCategory } from '../../../shared/domain/member'
import type { ChipTone } from '../services/meeting'

export const categoryOptions = memberCategories.map((value) => ({ value, label: memberCategoryLabels[value] }))
export const positionOptions = positions.map((value) => ({ value, label: positionLabels[value] }))

/** Party members proper get a red chip; candidates, activists and non-members a plain one. */
export function categoryChipTone(category: MemberCategory): ChipTone {
  return category === 'full' || category === 'probationary' ? 'red' : 'grey'
}

export function groupOptions(groups: ReadonlyArray<{ id: string; name: string }>) {
  return [...groups.map((g) => ({ value: g.id as string | null, label: g.name })), { value: null as string | null, label: '未分组' }]
}
