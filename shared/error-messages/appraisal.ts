/**
 * 民主评议's codes: every page that meets them is in packageAppraisal, so their sentences travel
 * with those pages, not in the main package.
 */
export const appraisalErrorMessages = {
  'APPRAISAL.NOT_FOUND': '民主评议不存在或已删除',
  'APPRAISAL.NOT_OPEN': '民主评议的自评和测评已结束',
  'APPRAISAL.NOT_CLOSED': '测评结束后才能评定',
  'APPRAISAL.NOT_CONCLUDED': '评议结果公布后才能登记改正情况',
  'APPRAISAL.VERDICTS_MISSING': '还有正式党员没有评定意见，不能公布结果',
  'APPRAISAL.NOT_A_VOTER': '你不在本次民主评议的参评名单中',
  'APPRAISAL.ALREADY_VOTED': '你已经投过票了，每人只能投一次',
  'APPRAISAL.BALLOT_INCOMPLETE': '请为每一位正式党员选择评价等次',
  'APPRAISAL.BALLOT_FOREIGN': '测评票中有不在评议名单中的人，请刷新后重新填写',
  'APPRAISAL.NOT_GRADED': '预备党员参加评议，但不评定等次',
  'APPRAISAL.EXCELLENT_CAP': '评为优秀的人数不能超过正式党员的三分之一',
  'APPRAISAL.REASON_REQUIRED': '请填写评定理由',
  'APPRAISAL.CORRECTION_DUE': '评为不合格的，请定一个一年以内的改正期限',
  'APPRAISAL.NOT_FAILED': '只有评为不合格的党员需要限期改正',
  'APPRAISAL.NO_MEMBERS': '评议名单中没有党员',
  'APPRAISAL.ROUND_OPEN': '支部已有一次正在进行的民主评议',
} as const satisfies Record<`APPRAISAL.${string}`, string>
