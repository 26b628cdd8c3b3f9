/**
 * The 支部党员大会's vote on 接收预备党员 or 转正 (《中国共产党发展党员工作细则》第二十条、第二十一条、
 * 第三十三条): valid only when more than half of the 正式党员 entitled to vote (应到) are present;
 * carried only when the yes votes — written opinions sent in before the meeting by those entitled
 * who could not come included — are more than half of those entitled (应到, not those present).
 * 预备党员 have no vote. Each person is voted on separately.
 */

export interface VoteCount {
  /** 应到会有表决权的正式党员. */
  entitled: number
  /** 有表决权的到会人数. */
  present: number
  yes: number
  no: number
  abstain: number
  /** Written opinions of those entitled who were absent, counted in the votes. */
  writtenYes: number
  writtenNo: number
  writtenAbstain: number
}

export type VoteOutcome =
  | { valid: true; quorum: true; passed: boolean; yesTotal: number; needed: number }
  | { valid: false; reason: string }

/** Votes needed to carry: more than half of those entitled. */
export const votesNeeded = (entitled: number) => Math.floor(entitled / 2) + 1

export function tallyVote(v: VoteCount): VoteOutcome {
  const counts = [v.entitled, v.present, v.yes, v.no, v.abstain, v.writtenYes, v.writtenNo, v.writtenAbstain]
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) return { valid: false, reason: '人数应为不小于0的整数' }
  if (v.entitled < 1) return { valid: false, reason: '应到会有表决权的正式党员人数应大于0' }
  if (v.present > v.entitled) return { valid: false, reason: `到会人数（${v.present}）多于应到人数（${v.entitled}）` }
  if (v.yes + v.no + v.abstain > v.present) return { valid: false, reason: `到会表决的票数（${v.yes + v.no + v.abstain}）多于到会人数（${v.present}）` }
  const written = v.writtenYes + v.writtenNo + v.writtenAbstain
  if (written > v.entitled - v.present) return { valid: false, reason: `书面意见（${written}份）多于未到会的有表决权党员（${v.entitled - v.present}人）` }
  if (v.present * 2 <= v.entitled) return { valid: false, reason: `有表决权的到会人数（${v.present}）未超过应到人数（${v.entitled}）的半数，会议不能表决` }
  const yesTotal = v.yes + v.writtenYes
  const needed = votesNeeded(v.entitled)
  return { valid: true, quorum: true, passed: yesTotal >= needed, yesTotal, needed }
}
