import type { MyDataExport } from '../../shared/api/contract'
import { appraisalGradeLabels, correctionOutcomeLabels } from '../../shared/domain/appraisal'
import { duesKindLabels, formatYuan, monthlyDuesFen } from '../../shared/domain/dues'
import { developmentSteps, stageLabels, stageOf, stepLabels, type DateKey } from '../../shared/domain/development'
import { recordKindLabels } from '../../shared/domain/development-access'
import { beijingDate } from '../../shared/domain/time'
import type { Db } from '../_lib/db'

type Records = Pick<MyDataExport, 'appraisals' | 'dues' | 'duesPayments' | 'development'>

/**
 * The person's part in each 民主评议, their 党费 record and their own 发展党员 pipeline. Whether they voted is shown, never how:
 * no ballot is stored. A 评定意见 shows once published, as the round's page shows it.
 */
export async function personalRecords(db: Db, memberId: string): Promise<Records> {
  const [parts, account, payments, development] = await Promise.all([db.all('appraisalParticipants', { memberId }), db.get('duesAccounts', memberId), db.all('duesPayments', { memberId }, ['paidOn', 'asc']), developmentOf(db, memberId)])
  const roundIds = [...new Set(parts.map((p) => p.roundId))]
  const [rounds, tallies] = roundIds.length ? await Promise.all([db.all('appraisalRounds', { _id: { $in: roundIds } }), db.all('appraisalTallies', { _id: { $in: roundIds } })]) : [[], []]
  return {
    development,
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

const dateLabels: Record<DateKey, string> = { ...stepLabels, candidateNoticeEnd: '发展对象公示结束', confirmationNoticeEnd: '转正公示结束' }
const dateOrder: readonly DateKey[] = [...developmentSteps, 'candidateNoticeEnd', 'confirmationNoticeEnd']
const voteKindLabels = { admission: '接收预备党员', confirmation: '预备党员转正' } as const

/** The person's own 发展党员 pipeline (its document's id is theirs): one read. */
export async function developmentOf(db: Db, memberId: string): Promise<MyDataExport['development']> {
  const doc = await db.get('developments', memberId)
  if (!doc) return null
  return {
    stage: stageLabels[stageOf(doc.dates)],
    steps: dateOrder.flatMap((key) => (doc.dates[key] ? [{ step: dateLabels[key], date: doc.dates[key] as string }] : [])),
    records: doc.records.map((r) => ({ kind: recordKindLabels[r.kind], date: r.date, summary: r.summary, enteredBy: r.by.name })),
    votes: doc.votes.map((v) => ({ kind: voteKindLabels[v.kind], date: v.date, passed: v.passed })),
  }
}
