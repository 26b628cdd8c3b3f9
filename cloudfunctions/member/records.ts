import type { MyDataExport } from '../../shared/api/contract'
import { appraisalGradeLabels, correctionOutcomeLabels } from '../../shared/domain/appraisal'
import { duesKindLabels, formatYuan, monthlyDuesFen } from '../../shared/domain/dues'
import { beijingDate } from '../../shared/domain/time'
import type { Db } from '../_lib/db'

type Records = Pick<MyDataExport, 'appraisals' | 'dues' | 'duesPayments'>

/**
 * The person's part in each 民主评议 and their 党费 record. Whether they voted is shown, never how:
 * no ballot is stored. A 评定意见 shows once published, as the round's page shows it.
 */
export async function appraisalAndDues(db: Db, memberId: string): Promise<Records> {
  const [parts, account, payments] = await Promise.all([db.all('appraisalParticipants', { memberId }), db.get('duesAccounts', memberId), db.all('duesPayments', { memberId }, ['paidOn', 'asc'])])
  const roundIds = [...new Set(parts.map((p) => p.roundId))]
  const [rounds, tallies] = roundIds.length ? await Promise.all([db.all('appraisalRounds', { _id: { $in: roundIds } }), db.all('appraisalTallies', { _id: { $in: roundIds } })]) : [[], []]
  return {
    appraisals: parts.map((p) => {
      const round = rounds.find((r) => r._id === p.roundId)
      const published = round?.status === 'concluded'
      return {
        roundTitle: round?.title ?? '',
        selfText: p.selfText,
        selfSubmitted: p.selfSubmitted,
        voted: tallies.find((t) => t._id === p.roundId)?.voted[memberId] === true,
        verdict: published && p.verdict ? appraisalGradeLabels[p.verdict.grade] : null,
        reason: published && p.verdict ? p.verdict.reason : null,
        correctionDue: published && p.correction ? beijingDate(p.correction.due) : null,
        correctionOutcome: published && p.correction?.outcome ? correctionOutcomeLabels[p.correction.outcome] : null,
      }
    }),
    dues: account
      ? {
          firstMonth: account.firstMonth,
          quarterly: account.quarterly,
          bases: account.bases.map((b) => ({ fromMonth: b.fromMonth, kind: duesKindLabels[b.kind], base: formatYuan(b.baseFen), monthly: formatYuan(monthlyDuesFen(b)) })),
          paidMonths: account.paidMonths,
        }
      : null,
    duesPayments: payments.map((p) => ({ months: p.months, amount: formatYuan(p.amountFen), paidOn: beijingDate(p.paidOn), receiptNo: p.receiptNo, recordedBy: p.recordedBy.name })),
  }
}
