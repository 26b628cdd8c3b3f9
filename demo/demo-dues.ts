import type { DuesAccountDoc, DuesPaymentDoc, MemberDoc } from '../shared/domain/documents'
import { addMonths, amountForMonths, monthOf, monthRange, type BaseEntry } from '../shared/domain/dues'
import { fromBeijing } from '../shared/domain/time'

/**
 * The demo branch's 党费 register: each 正式 and 预备 党员 of the first branch with a base from
 * January and the months up to last paid month by month, except one member three months behind
 * (so the list shows a warning) — recorded by the 组织委员, as the collector would.
 */
export function demoDues(members: readonly MemberDoc[], now: Date): { accounts: DuesAccountDoc[]; payments: DuesPaymentDoc[] } {
  const current = monthOf(now)
  const january = `${current.slice(0, 4)}-01`
  const collector = members.find((m) => m.positions.includes('organizationCommittee'))
  const by = { id: collector?._id ?? '', name: collector?.name ?? '' }
  const accounts: DuesAccountDoc[] = []
  const payments: DuesPaymentDoc[] = []
  members
    .filter((m) => m.branchId === 'branch-mingde-1' && (m.category === 'full' || m.category === 'probationary'))
    .forEach((m, i) => {
      const admitted = m.joinedPartyAt ? monthOf(fromBeijing(m.joinedPartyAt)) : january
      const firstMonth = admitted > january ? admitted : january
      const bases: BaseEntry[] = [{ fromMonth: january, kind: 'working', baseFen: 420_000 + ((i * 73_000) % 700_000) }]
      const behind = i === 4 ? 4 : 1
      const paidMonths = firstMonth <= addMonths(current, -behind) ? monthRange(firstMonth, addMonths(current, -behind)) : []
      accounts.push({ _id: m._id, branchId: m.branchId, memberId: m._id, name: m.name, firstMonth, quarterly: false, bases, paidMonths, warned: [], updatedAt: now, updatedBy: by })
      for (const month of paidMonths) {
        const amountFen = amountForMonths(bases, [month])
        payments.push({ _id: `demo-dues-${m._id}-${month}`, branchId: m.branchId, memberId: m._id, months: [month], amountFen, expectedFen: amountFen, paidOn: fromBeijing(`${month}-10`), receiptNo: `DF${month.replace('-', '')}${String(i + 1).padStart(3, '0')}`, recordedBy: by, recordedAt: fromBeijing(`${month}-10`, '17:00') })
      }
    })
  return { accounts, payments }
}
