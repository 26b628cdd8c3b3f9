/**
 * The rules of 发展党员 the date engine (./development.ts) applies, each with where it comes from
 * and its words, so every due date and every violation names its rule.
 *
 * Checked against the published text of 《中国共产党发展党员工作细则》 (中办发〔2014〕33号) as quoted
 * in public sources: the talk within a month (第七条), the 支委会 deciding 积极分子 (第八条), one or
 * two 正式党员 as 培养联系人 (第九条), the written political review (第十六条), training of three
 * days or 24 学时 (第十七条), 预审 after the 支委会's review and no admission for one leaving within
 * three months (第十九条), the quorum (第二十条) and the majority of those entitled with written
 * opinions counted (第二十一条), the same for 转正 (第三十三条); and 党章第七条 (预备期 one year from
 * the 支部大会, an extension of at most a year, 党龄 from 转正).
 * Not found in any published text available here: a "2026 revision" of the 细则, and the article
 * numbers of the half-yearly 考察, the one year before 发展对象, the 3 (at most 6) months for the
 * 党委's approval — their words match the 2014 text as commonly quoted, so they are kept as national
 * rules without an article number. What varies by province (and what the issue lists as local) is
 * a branch setting with a default: months from 申请 to 积极分子, 思想汇报 frequency, 公示 length, the
 * 党员大会 within a month of 预审, 宣誓 within a month, 转正申请 before 预备期满, training valid for a
 * year, and a transferred-in 预备党员's postponement.
 */

export type RuleId =
  | 'talkWithinMonth'
  | 'activistAfterApplication'
  | 'mentorsOneOrTwo'
  | 'assessHalfYearly'
  | 'thoughtReports'
  | 'candidateAfterYear'
  | 'candidateNotice'
  | 'twoSponsors'
  | 'politicalReview'
  | 'trainingLength'
  | 'trainingValid'
  | 'leavingSoon'
  | 'admissionAfterPreReview'
  | 'admissionVote'
  | 'approvalWithinThreeMonths'
  | 'approvalAtMostSixMonths'
  | 'oathWithinMonth'
  | 'probationYear'
  | 'extension'
  | 'confirmationRequest'
  | 'confirmationNotice'
  | 'confirmationOnTime'
  | 'confirmationApproval'
  | 'order'

export interface DevelopmentRule {
  id: RuleId
  /** 细则 / 党章 and the article where known, or 支部设置 for a branch's own rule. */
  source: string
  /** The rule in its own words (with the branch's number where it is a setting). */
  text: string
  /** A branch may change it (settings below). */
  setting: boolean
}

/** A branch's own rules of 发展党员, where provinces differ. */
export interface DevelopmentSettings {
  /** Months from the 入党申请书 before one may be made 积极分子. */
  monthsApplicationToActivist: number
  /** 思想汇报 at least every so many months. */
  thoughtReportMonths: number
  /** 发展对象公示 length, in working days. */
  candidateNoticeWorkdays: number
  /** 转正公示 length, in working days. */
  confirmationNoticeWorkdays: number
  /** The 党员大会 within so many months of the 预审. */
  admissionWithinMonths: number
  /** 宣誓 within so many months of the approval (or on the next 七一 or 国庆). */
  oathWithinMonths: number
  /** 转正申请 about so many days before 预备期满. */
  confirmationRequestDaysBefore: number
  /** The 转正 meeting within so many months of 预备期满. */
  confirmationMeetingWithinMonths: number
  /** Training counts for so many months. */
  trainingValidMonths: number
  /** A transferred-in 预备党员's 转正 may wait so many months. */
  transferPostponeMonths: number
}

export const defaultDevelopmentSettings: DevelopmentSettings = {
  monthsApplicationToActivist: 3,
  thoughtReportMonths: 3,
  candidateNoticeWorkdays: 5,
  confirmationNoticeWorkdays: 5,
  admissionWithinMonths: 1,
  oathWithinMonths: 1,
  confirmationRequestDaysBefore: 7,
  confirmationMeetingWithinMonths: 1,
  trainingValidMonths: 12,
  transferPostponeMonths: 6,
}

/** What each setting is called on the settings page. */
export const developmentSettingLabels: Record<keyof DevelopmentSettings, string> = {
  monthsApplicationToActivist: '递交申请书后满几个月可确定为积极分子',
  thoughtReportMonths: '思想汇报至少每几个月一次',
  candidateNoticeWorkdays: '发展对象公示（工作日）',
  confirmationNoticeWorkdays: '转正公示（工作日）',
  admissionWithinMonths: '预审合格后几个月内召开支部大会',
  oathWithinMonths: '党委批准后几个月内入党宣誓',
  confirmationRequestDaysBefore: '预备期满前几天提出转正申请',
  confirmationMeetingWithinMonths: '预备期满后几个月内讨论转正',
  trainingValidMonths: '集中培训有效期（月）',
  transferPostponeMonths: '转入预备党员转正最多推迟（月）',
}

/** Bounds a secretary may set each setting within (a day of 公示 is no 公示). */
export const developmentSettingBounds: Record<keyof DevelopmentSettings, [number, number]> = {
  monthsApplicationToActivist: [0, 24],
  thoughtReportMonths: [1, 6],
  candidateNoticeWorkdays: [1, 20],
  confirmationNoticeWorkdays: [1, 20],
  admissionWithinMonths: [1, 6],
  oathWithinMonths: [1, 6],
  confirmationRequestDaysBefore: [0, 60],
  confirmationMeetingWithinMonths: [1, 6],
  trainingValidMonths: [1, 36],
  transferPostponeMonths: [0, 6],
}

export function developmentSettings(own?: Partial<DevelopmentSettings> | null): DevelopmentSettings {
  return { ...defaultDevelopmentSettings, ...(own ?? {}) }
}

const xize = '《中国共产党发展党员工作细则》'
const zhangcheng = '《中国共产党章程》第七条'
const branchRule = '支部设置'

export function developmentRules(s: DevelopmentSettings): Record<RuleId, DevelopmentRule> {
  const national = (id: RuleId, source: string, text: string): DevelopmentRule => ({ id, source, text, setting: false })
  const local = (id: RuleId, text: string): DevelopmentRule => ({ id, source: branchRule, text, setting: true })
  return {
    talkWithinMonth: national('talkWithinMonth', `${xize}第七条`, '收到入党申请书后，应当在一个月内派人同入党申请人谈话'),
    activistAfterApplication: local('activistAfterApplication', `递交入党申请书满${s.monthsApplicationToActivist}个月后，方可确定为入党积极分子`),
    mentorsOneOrTwo: national('mentorsOneOrTwo', `${xize}第九条`, '指定一至两名正式党员作入党积极分子的培养联系人'),
    assessHalfYearly: national('assessHalfYearly', xize, '党支部每半年对入党积极分子进行一次考察'),
    thoughtReports: local('thoughtReports', `至少每${s.thoughtReportMonths}个月向党组织递交一次思想汇报`),
    candidateAfterYear: national('candidateAfterYear', xize, '经过一年以上培养教育和考察，方可列为发展对象（工作单位变动的，培养考察时间连续计算）'),
    candidateNotice: local('candidateNotice', `发展对象公示不少于${s.candidateNoticeWorkdays}个工作日`),
    twoSponsors: national('twoSponsors', `${xize}第十四条`, '发展对象应当有两名正式党员作入党介绍人'),
    politicalReview: national('politicalReview', `${xize}第十六条`, '政治审查应当形成结论性材料；未经政治审查或政治审查不合格的，不能发展入党'),
    trainingLength: national('trainingLength', `${xize}第十七条`, '集中培训时间一般不少于三天或不少于二十四个学时'),
    trainingValid: local('trainingValid', `集中培训结业后${s.trainingValidMonths}个月内有效`),
    leavingSoon: national('leavingSoon', `${xize}第十九条`, '发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续'),
    admissionAfterPreReview: local('admissionAfterPreReview', `基层党委预审合格后，${s.admissionWithinMonths}个月内提交支部大会讨论`),
    admissionVote: national('admissionVote', `${xize}第二十条、第二十一条`, '有表决权的到会人数超过应到会有表决权人数的半数；赞成人数超过应到会有表决权的正式党员的半数，才能通过；书面意见统计在票数内'),
    approvalWithinThreeMonths: national('approvalWithinThreeMonths', xize, '基层党委对接收预备党员的决议，应当在三个月内审批'),
    approvalAtMostSixMonths: national('approvalAtMostSixMonths', xize, '因特殊情况经上一级党委组织部门同意延长审批时间的，不得超过六个月'),
    oathWithinMonth: local('oathWithinMonth', `党委批准后${s.oathWithinMonths}个月内组织入党宣誓（或在随后的七一、国庆集中宣誓）`),
    probationYear: national('probationYear', zhangcheng, '预备期为一年，从支部大会通过其为预备党员之日算起；党龄从预备期满转为正式党员之日算起'),
    extension: national('extension', zhangcheng, '延长预备期一次，不能少于半年，最长不超过一年'),
    confirmationRequest: local('confirmationRequest', `预备期满前约${s.confirmationRequestDaysBefore}天提出书面转正申请`),
    confirmationNotice: local('confirmationNotice', `预备党员转正公示不少于${s.confirmationNoticeWorkdays}个工作日`),
    confirmationOnTime: local('confirmationOnTime', `预备期满后${s.confirmationMeetingWithinMonths}个月内讨论转正（转入的预备党员最长可推迟${s.transferPostponeMonths}个月）`),
    confirmationApproval: national('confirmationApproval', `${xize}第三十三条`, '基层党委对转正决议，应当在三个月内审批'),
    order: national('order', xize, '发展党员须按程序逐步进行，后一步不早于前一步'),
  }
}
