import type { DuesRow } from '../../../shared/api/contract'
import { duesKindLabels, duesStandingLabels, formatYuan, monthLabel } from '../../../shared/domain/dues'

/** The lines a member's 党费 row reads as, on 我的党费 and in the register: one wording. */
export function duesLines(row: DuesRow): string[] {
  if (!row.kind) return ['还没有登记交纳基数，请联系组织委员']
  const amount = row.monthlyFen === null ? '' : `每月 ${formatYuan(row.monthlyFen)} 元${row.reduced ? '（经批准减免）' : ''}`
  const base = row.kind === 'minimum' ? duesKindLabels.minimum : `${duesKindLabels[row.kind]}：基数 ${formatYuan(row.baseFen ?? 0)} 元`
  const owed = row.owed.length ? `未交：${row.owed.map(monthLabel).join('、')}` : '已交清'
  return [base, `${amount}${row.quarterly ? ' · 经支部同意按季度交纳' : ''}`, owed, ...(row.standing === 'ok' ? [] : [duesStandingLabels[row.standing]])]
}
