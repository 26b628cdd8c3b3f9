/**
 * 发展党员: the date engine. Given a person's entered decisions (every date a meeting or a 党委 set
 * is entered, never computed) and the branch's settings, it works out each step's window, what is
 * done, due or overdue on `today`, and every violation (too early, too late, out of order, 考察
 * more than six months apart), each naming its rule (./development-rules.ts).
 *
 * Dates are Beijing calendar dates ("YYYY-MM-DD"). "一个月" is a calendar month clamped to the
 * month's end (1月31日 + 一个月 = 2月28日, or 29日 in a leap year); "within a month of X" ends on
 * that day, included. Working days come from ./workdays.ts.
 */
import { developmentRules, type DevelopmentRule, type DevelopmentSettings, type RuleId } from './development-rules'
import { addDays, workdaysFrom, type WorkdayCalendar } from './workdays'

export * from './development-rules'

export const developmentSteps = [
  'application',
  'applicantTalk',
  'activist',
  'mentors',
  'activistFiled',
  'candidateOpinions',
  'candidate',
  'candidateFiled',
  'candidateNotice',
  'sponsors',
  'politicalReview',
  'training',
  'committeeReview',
  'preReview',
  'applicationForm',
  'admissionMeeting',
  'partyTalk',
  'admissionApproval',
  'oath',
  'confirmationRequest',
  'confirmationNotice',
  'confirmationMeeting',
  'confirmationApproval',
  'archived',
] as const
export type StepKey = (typeof developmentSteps)[number]

/** Dates entered: each step's, and the last day of each 公示. */
export type DateKey = StepKey | 'candidateNoticeEnd' | 'confirmationNoticeEnd'

export type DevelopmentStage = 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full'

export const stepLabels: Record<StepKey, string> = {
  application: '递交入党申请书',
  applicantTalk: '党组织派人谈话',
  activist: '确定为入党积极分子',
  mentors: '指定培养联系人',
  activistFiled: '积极分子报上级党委备案',
  candidateOpinions: '听取党小组、培养联系人和党内外群众意见',
  candidate: '支委会确定为发展对象',
  candidateFiled: '发展对象报上级党委备案',
  candidateNotice: '发展对象公示',
  sponsors: '确定两名入党介绍人',
  politicalReview: '政治审查',
  training: '集中培训',
  committeeReview: '支委会审查',
  preReview: '上级党委预审',
  applicationForm: '填写入党志愿书',
  admissionMeeting: '支部党员大会讨论接收预备党员',
  partyTalk: '上级党委派人谈话',
  admissionApproval: '上级党委审批',
  oath: '入党宣誓',
  confirmationRequest: '提出转正申请',
  confirmationNotice: '转正公示',
  confirmationMeeting: '支部党员大会讨论转正',
  confirmationApproval: '上级党委审批转正',
  archived: '材料归档',
}

export const stageLabels: Record<DevelopmentStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
}

export const stepStatusLabels: Record<StepStatus, string> = { done: '已完成', due: '待办', overdue: '已逾期', waiting: '未开始' }

/** Which stage a step belongs to (the person's category while it is the next step). */
export const stepStage: Record<StepKey, DevelopmentStage> = {
  application: 'applicant', applicantTalk: 'applicant', activist: 'applicant',
  mentors: 'activist', activistFiled: 'activist', candidateOpinions: 'activist', candidate: 'activist',
  candidateFiled: 'candidate', candidateNotice: 'candidate', sponsors: 'candidate', politicalReview: 'candidate', training: 'candidate',
  committeeReview: 'candidate', preReview: 'candidate', applicationForm: 'candidate', admissionMeeting: 'candidate',
  partyTalk: 'probationary', admissionApproval: 'probationary', oath: 'probationary', confirmationRequest: 'probationary',
  confirmationNotice: 'probationary', confirmationMeeting: 'probationary', confirmationApproval: 'probationary', archived: 'full',
}

/** The steps that must be done before each (and on or before its date). */
const after: Record<StepKey, readonly DateKey[]> = {
  application: [],
  applicantTalk: ['application'],
  activist: ['application'],
  mentors: ['activist'],
  activistFiled: ['activist'],
  candidateOpinions: ['activist'],
  candidate: ['candidateOpinions'],
  candidateFiled: ['candidate'],
  candidateNotice: ['candidateFiled'],
  sponsors: ['candidate'],
  politicalReview: ['candidate'],
  training: ['activist'],
  committeeReview: ['candidateNoticeEnd', 'sponsors', 'politicalReview', 'training'],
  preReview: ['committeeReview'],
  applicationForm: ['preReview'],
  admissionMeeting: ['applicationForm'],
  partyTalk: ['admissionMeeting'],
  admissionApproval: ['partyTalk'],
  oath: ['admissionApproval'],
  confirmationRequest: ['admissionApproval'],
  confirmationNotice: ['confirmationRequest'],
  confirmationMeeting: ['confirmationNoticeEnd'],
  confirmationApproval: ['confirmationMeeting'],
  archived: ['confirmationApproval'],
}

/** Everything about a person the engine reads. */
export interface DevelopmentFacts {
  dates: Partial<Record<DateKey, string>>
  /** 积极分子 since, in the unit they came from (培养考察时间连续计算 on a transfer). */
  activistCarriedFrom?: string | null
  mentorCount: number
  sponsorCount: number
  politicalReviewConclusion?: string | null
  training?: { days: number; hours: number } | null
  /** The day the person leaves the school, when known. */
  leavingOn?: string | null
  /** An extension of the 预备期, in months (once). */
  extensionMonths?: number | null
  /** Transferred in as a 预备党员: the 转正 may wait. */
  transferredInProbationary?: boolean
  /** Dates of the 考察 records and the 思想汇报 received. */
  assessments: readonly string[]
  thoughtReports: readonly string[]
}

export type StepStatus = 'done' | 'due' | 'overdue' | 'waiting'

export interface StepView {
  key: StepKey
  label: string
  stage: DevelopmentStage
  status: StepStatus
  date: string | null
  /** The 公示's last day, entered. */
  end?: string | null
  /** Not before this day (and why). */
  from?: { date: string; rule: RuleId; provisional?: boolean }
  /** By this day (and why). */
  by?: { date: string; rule: RuleId }
}

export type ViolationKind = 'tooEarly' | 'tooLate' | 'outOfOrder' | 'gap' | 'incomplete'

export interface Violation {
  kind: ViolationKind
  step: StepKey | 'assessments' | 'thoughtReports'
  rule: RuleId
  message: string
}

export interface PeriodicView {
  kind: 'assessments' | 'thoughtReports'
  label: string
  rule: RuleId
  everyMonths: number
  dates: string[]
  /** Next one due (null once the period ended or before it began). */
  nextDue: string | null
  status: StepStatus
}

export interface Timeline {
  stage: DevelopmentStage
  steps: StepView[]
  periodic: PeriodicView[]
  violations: Violation[]
  rules: Record<RuleId, DevelopmentRule>
  dates: {
    activistSince: string | null
    candidateEarliest: string | null
    probationStart: string | null
    probationEnd: string | null
    /** 党龄 from this day (转正, 预备期满). */
    partyStandingFrom: string | null
  }
}

/** A calendar month later (or earlier), clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const fmt = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/** The next 七一 or 国庆 on or after a day: the days a branch may hold its oath together. */
function nextAnniversary(date: string): string {
  const year = date.slice(0, 4)
  for (const md of ['07-01', '10-01']) if (`${year}-${md}` >= date) return `${year}-${md}`
  return `${Number(year) + 1}-07-01`
}

/** The person's stage from the steps done: 积极分子 once decided, 发展对象, 预备党员 once admitted, 正式党员 once confirmed. */
export function stageOf(dates: Partial<Record<DateKey, string>>): DevelopmentStage {
  if (dates.confirmationApproval) return 'full'
  if (dates.admissionApproval || dates.admissionMeeting) return 'probationary'
  if (dates.candidate) return 'candidate'
  if (dates.activist) return 'activist'
  return 'applicant'
}

export function developmentTimeline(facts: DevelopmentFacts, settings: DevelopmentSettings, calendar: WorkdayCalendar, today: string): Timeline {
  const rules = developmentRules(settings)
  const d = facts.dates
  const violations: Violation[] = []
  const flag = (kind: ViolationKind, step: Violation['step'], rule: RuleId, message: string) => violations.push({ kind, step, rule, message })

  const activistSince = facts.activistCarriedFrom && d.activist && facts.activistCarriedFrom < d.activist ? facts.activistCarriedFrom : d.activist ?? null
  const candidateEarliest = activistSince ? addMonths(activistSince, 12) : null
  const extension = facts.extensionMonths ?? 0
  const probationStart = d.admissionMeeting ?? null
  const probationEnd = probationStart ? addMonths(probationStart, 12 + extension) : null

  const from: Partial<Record<StepKey, StepView['from']>> = {}
  const by: Partial<Record<StepKey, StepView['by']>> = {}
  if (d.application) {
    by.applicantTalk = { date: addMonths(d.application, 1), rule: 'talkWithinMonth' }
    from.activist = { date: addMonths(d.application, settings.monthsApplicationToActivist), rule: 'activistAfterApplication' }
  }
  if (candidateEarliest) from.candidate = { date: candidateEarliest, rule: 'candidateAfterYear' }
  let candidateNoticeEnd: { end: string; provisional: boolean } | null = null
  if (d.candidateNotice) {
    candidateNoticeEnd = workdaysFrom(calendar, d.candidateNotice, settings.candidateNoticeWorkdays)
    from.committeeReview = { date: addDays(d.candidateNoticeEnd && d.candidateNoticeEnd > candidateNoticeEnd.end ? d.candidateNoticeEnd : candidateNoticeEnd.end, 1), rule: 'candidateNotice', provisional: candidateNoticeEnd.provisional }
  }
  if (d.preReview) by.admissionMeeting = { date: addMonths(d.preReview, settings.admissionWithinMonths), rule: 'admissionAfterPreReview' }
  if (d.admissionMeeting) by.admissionApproval = { date: addMonths(d.admissionMeeting, 3), rule: 'approvalWithinThreeMonths' }
  if (d.admissionApproval) by.oath = { date: addMonths(d.admissionApproval, settings.oathWithinMonths), rule: 'oathWithinMonth' }
  if (probationEnd) {
    from.confirmationRequest = { date: addDays(probationEnd, -settings.confirmationRequestDaysBefore), rule: 'confirmationRequest' }
    by.confirmationRequest = { date: addDays(probationEnd, -1), rule: 'confirmationRequest' }
    from.confirmationMeeting = { date: probationEnd, rule: 'probationYear' }
    const postpone = facts.transferredInProbationary ? settings.transferPostponeMonths : 0
    by.confirmationMeeting = { date: addMonths(probationEnd, settings.confirmationMeetingWithinMonths + postpone), rule: 'confirmationOnTime' }
  }
  let confirmationNoticeEnd: { end: string; provisional: boolean } | null = null
  if (d.confirmationNotice) {
    confirmationNoticeEnd = workdaysFrom(calendar, d.confirmationNotice, settings.confirmationNoticeWorkdays)
    const meetingFrom = addDays(confirmationNoticeEnd.end, 1)
    if (!from.confirmationMeeting || meetingFrom > from.confirmationMeeting.date) from.confirmationMeeting = { date: meetingFrom, rule: 'confirmationNotice', provisional: confirmationNoticeEnd.provisional }
  }
  if (d.confirmationMeeting) by.confirmationApproval = { date: addMonths(d.confirmationMeeting, 3), rule: 'confirmationApproval' }

  // Dates entered against each window and each earlier step.
  for (const key of developmentSteps) {
    const date = d[key]
    if (!date) continue
    const f = from[key]
    // 转正申请's "about a week before" is advice: early is no fault, late (after 预备期满) is.
    if (f && date < f.date && key !== 'confirmationRequest') flag('tooEarly', key, f.rule, `${stepLabels[key]}（${fmt(date)}）早于${fmt(f.date)}：${rules[f.rule].text}`)
    const b = by[key]
    if (b && date > b.date) {
      const oathTogether = key === 'oath' && d.admissionApproval && date === nextAnniversary(d.admissionApproval)
      if (!oathTogether) flag('tooLate', key, b.rule, `${stepLabels[key]}（${fmt(date)}）晚于${fmt(b.date)}：${rules[b.rule].text}`)
    }
    for (const before of after[key]) {
      const prior = d[before]
      if (prior && date < prior) flag('outOfOrder', key, 'order', `${stepLabels[key]}（${fmt(date)}）早于${before in stepLabels ? stepLabels[before as StepKey] : '公示期满'}（${fmt(prior)}）`)
    }
  }
  if (d.admissionMeeting && d.admissionApproval && d.admissionApproval > addMonths(d.admissionMeeting, 6)) {
    flag('tooLate', 'admissionApproval', 'approvalAtMostSixMonths', `审批（${fmt(d.admissionApproval)}）超过支部大会后六个月：${rules.approvalAtMostSixMonths.text}`)
  }
  for (const [step, start, endEntered, computed, rule] of [
    ['candidateNotice', d.candidateNotice, d.candidateNoticeEnd, candidateNoticeEnd, 'candidateNotice'],
    ['confirmationNotice', d.confirmationNotice, d.confirmationNoticeEnd, confirmationNoticeEnd, 'confirmationNotice'],
  ] as const) {
    if (start && endEntered && computed && endEntered < computed.end) {
      flag('tooEarly', step, rule, `公示于${fmt(endEntered)}结束，不足：${rules[rule].text}（最早${fmt(computed.end)}期满）`)
    }
    if (start && endEntered && endEntered < start) flag('outOfOrder', step, 'order', `公示结束日（${fmt(endEntered)}）早于开始日（${fmt(start)}）`)
  }

  // What the steps require besides their dates.
  if (d.mentors && (facts.mentorCount < 1 || facts.mentorCount > 2)) flag('incomplete', 'mentors', 'mentorsOneOrTwo', `培养联系人应为一至两名，现为${facts.mentorCount}名`)
  if (d.sponsors && facts.sponsorCount !== 2) flag('incomplete', 'sponsors', 'twoSponsors', `入党介绍人应为两名，现为${facts.sponsorCount}名`)
  if (d.politicalReview && !facts.politicalReviewConclusion?.trim()) flag('incomplete', 'politicalReview', 'politicalReview', '政治审查没有书面结论')
  if (d.training && facts.training && facts.training.days < 3 && facts.training.hours < 24) {
    flag('incomplete', 'training', 'trainingLength', `集中培训${facts.training.days}天、${facts.training.hours}学时，不足三天或二十四学时`)
  }
  if (d.training && d.admissionMeeting && d.admissionMeeting > addMonths(d.training, settings.trainingValidMonths)) {
    flag('tooLate', 'training', 'trainingValid', `集中培训（${fmt(d.training)}）到支部大会（${fmt(d.admissionMeeting)}）已超过${settings.trainingValidMonths}个月`)
  }
  if (facts.leavingOn && d.candidate) {
    // Before the meeting the question is whether holding it now would still be in time.
    const meetingDay = d.admissionMeeting ?? today
    if (facts.leavingOn <= addMonths(meetingDay, 3)) flag('incomplete', 'admissionMeeting', 'leavingSoon', `本人将于${fmt(facts.leavingOn)}离开单位：${rules.leavingSoon.text}`)
  }
  if (extension && (extension < 6 || extension > 12)) flag('incomplete', 'confirmationMeeting', 'extension', `延长预备期${extension}个月：${rules.extension.text}`)

  const periodic: PeriodicView[] = [
    periodicView('assessments', '培养考察', 'assessHalfYearly', 6, d.activist ?? null, d.admissionMeeting ?? null, facts.assessments, today, rules, flag),
    periodicView('thoughtReports', '思想汇报', 'thoughtReports', settings.thoughtReportMonths, d.activist ?? null, d.confirmationMeeting ?? null, facts.thoughtReports, today, rules, flag),
  ]

  const steps: StepView[] = developmentSteps.map((key) => {
    const date = d[key] ?? null
    const view: StepView = { key, label: stepLabels[key], stage: stepStage[key], status: 'waiting', date }
    if (from[key]) view.from = from[key]
    if (by[key]) view.by = by[key]
    if (key === 'candidateNotice') view.end = d.candidateNoticeEnd ?? null
    if (key === 'confirmationNotice') view.end = d.confirmationNoticeEnd ?? null
    if (date) view.status = 'done'
    else if (after[key].every((k) => d[k] || (k === 'candidateNoticeEnd' && d.candidateNotice) || (k === 'confirmationNoticeEnd' && d.confirmationNotice))) {
      view.status = view.by && today > view.by.date ? 'overdue' : 'due'
    }
    return view
  })

  return {
    stage: stageOf(d),
    steps,
    periodic,
    violations,
    rules,
    dates: { activistSince, candidateEarliest, probationStart, probationEnd, partyStandingFrom: d.confirmationApproval ? probationEnd : null },
  }
}

/**
 * What is late for a person and what falls due within `days` of `today` (steps with a deadline and
 * the periodic duties): the one count the list, the desk and the reminders use.
 */
export function dueCounts(timeline: Pick<Timeline, 'steps' | 'periodic'>, today: string, days = 30): { overdue: number; dueSoon: number } {
  const horizon = addDays(today, days)
  let overdue = 0
  let dueSoon = 0
  for (const s of timeline.steps) {
    if (s.status === 'overdue') overdue += 1
    else if (s.status === 'due' && s.by && s.by.date <= horizon) dueSoon += 1
  }
  for (const p of timeline.periodic) {
    if (p.status === 'overdue') overdue += 1
    else if (p.status === 'due' && p.nextDue && p.nextDue <= horizon) dueSoon += 1
  }
  return { overdue, dueSoon }
}

/**
 * A duty repeated every few months from `start` until `end` (考察, 思想汇报): the next one due, and
 * every stretch longer than the interval between two (or from the start) is a gap.
 */
function periodicView(
  kind: PeriodicView['kind'],
  label: string,
  rule: RuleId,
  everyMonths: number,
  start: string | null,
  end: string | null,
  entered: readonly string[],
  today: string,
  rules: Record<RuleId, DevelopmentRule>,
  flag: (kind: ViolationKind, step: Violation['step'], rule: RuleId, message: string) => void,
): PeriodicView {
  const dates = [...entered].sort()
  if (!start) return { kind, label, rule, everyMonths, dates, nextDue: null, status: 'waiting' }
  const within = dates.filter((x) => x >= start && (!end || x <= end))
  let previous = start
  for (const date of [...within, ...(end ? [end] : [])]) {
    const limit = addMonths(previous, everyMonths)
    if (date > limit) flag('gap', kind, rule, `${label}间隔超过${everyMonths}个月：${fmt(previous)}至${fmt(date)}（${rules[rule].text}）`)
    previous = date
  }
  if (end) return { kind, label, rule, everyMonths, dates, nextDue: null, status: 'done' }
  const nextDue = addMonths(within.length ? within[within.length - 1] : start, everyMonths)
  return { kind, label, rule, everyMonths, dates, nextDue, status: today > nextDue ? 'overdue' : 'due' }
}
