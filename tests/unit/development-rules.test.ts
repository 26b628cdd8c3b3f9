import {
  addMonths,
  defaultDevelopmentSettings,
  developmentSettings,
  developmentTimeline,
  stageOf,
  type DevelopmentFacts,
  type StepKey,
} from '../../shared/domain/development'
import { tallyVote, votesNeeded, type VoteCount } from '../../shared/domain/development-vote'
import { isWorkday, workdayCalendar, workdaysBetween, workdaysFrom } from '../../shared/domain/workdays'

const calendar = workdayCalendar()
const settings = defaultDevelopmentSettings

function facts(dates: DevelopmentFacts['dates'], more: Partial<DevelopmentFacts> = {}): DevelopmentFacts {
  return { dates, mentorCount: 2, sponsorCount: 2, politicalReviewConclusion: '政治审查合格', training: { days: 3, hours: 24 }, assessments: [], thoughtReports: [], ...more }
}

const timeline = (f: DevelopmentFacts, today: string, s = settings) => developmentTimeline(f, s, calendar, today)
const step = (t: ReturnType<typeof timeline>, key: StepKey) => t.steps.find((s) => s.key === key)!
const rulesOf = (t: ReturnType<typeof timeline>) => t.violations.map((v) => `${v.kind}:${v.step}:${v.rule}`)

/** A person who went through every step on time. */
const onTime: DevelopmentFacts['dates'] = {
  application: '2024-03-04',
  applicantTalk: '2024-03-20',
  activist: '2024-07-01',
  mentors: '2024-07-01',
  activistFiled: '2024-07-05',
  candidateOpinions: '2025-06-20',
  candidate: '2025-07-01',
  candidateFiled: '2025-07-03',
  candidateNotice: '2025-07-07',
  candidateNoticeEnd: '2025-07-11',
  sponsors: '2025-07-14',
  politicalReview: '2025-08-20',
  training: '2025-08-25',
  committeeReview: '2025-09-01',
  preReview: '2025-09-10',
  applicationForm: '2025-09-12',
  admissionMeeting: '2025-09-26',
  partyTalk: '2025-10-15',
  admissionApproval: '2025-11-20',
  oath: '2025-12-01',
  confirmationRequest: '2026-09-20',
  confirmationNotice: '2026-09-21',
  confirmationNoticeEnd: '2026-09-29',
  confirmationMeeting: '2026-09-30',
  confirmationApproval: '2026-11-10',
}
const onTimeReports = ['2024-09-30', '2024-12-30', '2025-03-28', '2025-06-27', '2025-09-25', '2025-12-24', '2026-03-20', '2026-06-19', '2026-09-18']
const onTimeAssessments = ['2024-12-30', '2025-06-27', '2025-09-20']

describe('一个月: a calendar month clamped to the month’s end', () => {
  it('ends on the same day of the next month', () => expect(addMonths('2025-03-15', 1)).toBe('2025-04-15'))
  it('clamps 1月31日 to the end of February, 28 or 29 days', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2025-08-31', 1)).toBe('2025-09-30')
  })
  it('a year after 2月29日 is 2月28日; across the year end', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28')
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
  })
})

describe('the working-day calendar', () => {
  it('knows 国庆 and the 调休 Saturdays of 2025 and 2026', () => {
    expect(isWorkday(calendar, '2025-10-08')).toBe(false)
    expect(isWorkday(calendar, '2025-10-11')).toBe(true) // Saturday worked
    expect(isWorkday(calendar, '2025-09-28')).toBe(true) // Sunday worked
    expect(isWorkday(calendar, '2026-10-10')).toBe(true)
    expect(isWorkday(calendar, '2026-02-23')).toBe(false) // 春节, a Monday
    expect(isWorkday(calendar, '2026-02-28')).toBe(true)
  })
  it('a 公示 of 5 working days across 国庆 2025 ends after the holiday, the 调休 Saturday counted', () => {
    // 9月29日 (Mon), 30日 (Tue), then 10月1–8日 off, 9日 (Thu), 10日 (Fri), 11日 (the 调休 Saturday).
    expect(workdaysFrom(calendar, '2025-09-29', 5)).toEqual({ end: '2025-10-11', provisional: false })
    // Starting on the 调休 Sunday 9月28日: it counts.
    expect(workdaysFrom(calendar, '2025-09-28', 5).end).toBe('2025-10-10')
    // 2026: 9月28日 Mon … 30日 Wed, 10月1–7日 off, 8日 Thu, 9日 Fri.
    expect(workdaysFrom(calendar, '2026-09-28', 5).end).toBe('2026-10-09')
    expect(workdaysFrom(calendar, '2026-09-30', 5).end).toBe('2026-10-12') // 10日 (Sat) worked, 11日 Sunday not
  })
  it('a notice posted on a holiday starts counting on the next working day', () => {
    expect(workdaysFrom(calendar, '2026-10-01', 5).end).toBe('2026-10-13')
    expect(workdaysBetween(calendar, '2026-10-01', '2026-10-13')).toBe(5)
  })
  it('a year without a notice entered is counted Monday to Friday and marked provisional', () => {
    expect(workdaysFrom(calendar, '2027-09-27', 5)).toEqual({ end: '2027-10-01', provisional: true })
  })
  it('a branch’s own entries win over the national ones and cover a year', () => {
    const own = workdayCalendar([{ date: '2027-10-01', workday: false }, { date: '2026-10-10', workday: false }])
    expect(isWorkday(own, '2026-10-10')).toBe(false)
    expect(workdaysFrom(own, '2027-09-27', 5)).toEqual({ end: '2027-10-04', provisional: false })
  })
})

describe('the timeline of a person who did everything on time', () => {
  const t = timeline(facts(onTime, { assessments: onTimeAssessments, thoughtReports: onTimeReports }), '2026-12-01')
  it('has every step done and no violation', () => {
    expect(t.violations).toEqual([])
    expect(t.steps.every((s) => s.status === 'done')).toBe(false) // 材料归档 still open
    expect(t.steps.filter((s) => s.status !== 'done').map((s) => s.key)).toEqual(['archived'])
    expect(t.stage).toBe('full')
  })
  it('counts the 预备期 from the 党员大会 and 党龄 from its end', () => {
    expect(t.dates).toMatchObject({ probationStart: '2025-09-26', probationEnd: '2026-09-26', partyStandingFrom: '2026-09-26', candidateEarliest: '2025-07-01' })
  })
  it('names each window’s rule', () => {
    expect(step(t, 'applicantTalk').by).toEqual({ date: '2024-04-04', rule: 'talkWithinMonth' })
    expect(t.rules.talkWithinMonth.source).toContain('第七条')
    expect(step(t, 'admissionApproval').by).toEqual({ date: '2025-12-26', rule: 'approvalWithinThreeMonths' })
  })
})

describe('each rule, at its boundary', () => {
  it('the talk: on the last day of the month is in time, the day after is late (clamped at 2月29日)', () => {
    expect(rulesOf(timeline(facts({ application: '2024-01-31', applicantTalk: '2024-02-29' }), '2024-03-01'))).toEqual([])
    expect(rulesOf(timeline(facts({ application: '2024-01-31', applicantTalk: '2024-03-01' }), '2024-03-01'))).toEqual(['tooLate:applicantTalk:talkWithinMonth'])
  })
  it('the talk not held is due, then overdue the day after the month', () => {
    expect(step(timeline(facts({ application: '2025-01-31' }), '2025-02-28'), 'applicantTalk').status).toBe('due')
    expect(step(timeline(facts({ application: '2025-01-31' }), '2025-03-01'), 'applicantTalk').status).toBe('overdue')
  })
  it('积极分子 not before the branch’s months after the 申请书; the setting changes it', () => {
    const f = facts({ application: '2025-01-10', activist: '2025-04-09' })
    expect(rulesOf(timeline(f, '2025-05-01'))).toEqual(['tooEarly:activist:activistAfterApplication'])
    expect(rulesOf(timeline(f, '2025-05-01', developmentSettings({ monthsApplicationToActivist: 2 })))).toEqual([])
    expect(timeline(f, '2025-05-01').rules.activistAfterApplication).toMatchObject({ setting: true, source: '支部设置' })
  })
  it('发展对象 only a year after 积极分子; a leap day moves to 2月28日; time carries over on a transfer', () => {
    const base = { application: '2023-10-01', activist: '2024-02-29', candidateOpinions: '2025-02-20' }
    expect(rulesOf(timeline(facts({ ...base, candidate: '2025-02-28' }), '2025-03-01'))).toEqual([])
    expect(rulesOf(timeline(facts({ ...base, candidate: '2025-02-27' }), '2025-03-01'))).toEqual(['tooEarly:candidate:candidateAfterYear'])
    const moved = timeline(facts({ ...base, activist: '2024-09-01', candidate: '2025-03-01' }, { activistCarriedFrom: '2024-02-29' }), '2025-03-02')
    expect(moved.dates.candidateEarliest).toBe('2025-02-28')
    expect(moved.violations.filter((v) => v.rule === 'candidateAfterYear')).toEqual([])
  })
  it('公示 of 5 working days across 国庆 and 调休: the 支委会 may review only after it, an early end is flagged', () => {
    const base = { ...onTime, candidateNotice: '2025-09-29', candidateNoticeEnd: '2025-10-11', committeeReview: '2025-10-13', preReview: '2025-10-20', applicationForm: '2025-10-21', admissionMeeting: '2025-10-28' }
    const t = timeline(facts(base, { assessments: onTimeAssessments, thoughtReports: onTimeReports }), '2025-11-01')
    expect(t.violations.filter((v) => v.step === 'candidateNotice' || v.step === 'committeeReview')).toEqual([])
    expect(step(t, 'committeeReview').from).toEqual({ date: '2025-10-12', rule: 'candidateNotice', provisional: false })
    const short = timeline(facts({ ...base, candidateNoticeEnd: '2025-10-10', committeeReview: '2025-10-11' }), '2025-11-01')
    expect(rulesOf(short)).toEqual(expect.arrayContaining(['tooEarly:candidateNotice:candidateNotice', 'tooEarly:committeeReview:candidateNotice']))
  })
  it('two 介绍人, one or two 培养联系人, a written 政审 conclusion, three days or 24 学时', () => {
    const dates = { application: '2024-01-02', activist: '2024-05-06', mentors: '2024-05-06', candidateOpinions: '2025-05-01', candidate: '2025-05-07', sponsors: '2025-05-20', politicalReview: '2025-06-01', training: '2025-06-05' }
    expect(rulesOf(timeline(facts(dates, { sponsorCount: 1, mentorCount: 3, politicalReviewConclusion: ' ', training: { days: 2, hours: 16 } }), '2025-06-10'))).toEqual([
      'incomplete:mentors:mentorsOneOrTwo', 'incomplete:sponsors:twoSponsors', 'incomplete:politicalReview:politicalReview', 'incomplete:training:trainingLength',
    ])
    expect(rulesOf(timeline(facts(dates, { training: { days: 2, hours: 24 } }), '2025-06-10'))).toEqual([])
  })
  it('training counts for a year before the 党员大会', () => {
    const t = timeline(facts({ ...onTime, training: '2024-09-25' }, { assessments: onTimeAssessments, thoughtReports: onTimeReports }), '2026-12-01')
    expect(rulesOf(t)).toEqual(['tooLate:training:trainingValid'])
    expect(rulesOf(timeline(facts({ ...onTime, training: '2024-09-26' }, { assessments: onTimeAssessments, thoughtReports: onTimeReports }), '2026-12-01'))).toEqual([])
  })
  it('the 党员大会 within a month of the 预审; out of order before the 志愿书', () => {
    const f = (admissionMeeting: string) => facts({ ...onTime, committeeReview: '2025-08-29', preReview: '2025-08-31', applicationForm: '2025-09-01', admissionMeeting }, { assessments: onTimeAssessments, thoughtReports: onTimeReports })
    expect(rulesOf(timeline(f('2025-09-30'), '2026-12-01'))).toEqual([])
    expect(rulesOf(timeline(f('2025-10-01'), '2026-12-01'))).toContain('tooLate:admissionMeeting:admissionAfterPreReview')
    expect(rulesOf(timeline(facts({ ...onTime, applicationForm: '2025-09-27' }), '2026-12-01'))).toContain('outOfOrder:admissionMeeting:order')
  })
  it('not admitted when leaving within three months', () => {
    const dates = { application: '2024-01-02', activist: '2024-05-06', candidateOpinions: '2025-05-01', candidate: '2025-05-07' }
    expect(rulesOf(timeline(facts(dates, { leavingOn: '2025-08-31' }), '2025-06-01'))).toEqual(['incomplete:admissionMeeting:leavingSoon'])
    expect(rulesOf(timeline(facts(dates, { leavingOn: '2025-09-02' }), '2025-06-01'))).toEqual([])
  })
  it('the 党委 approves within three months, never past six', () => {
    const f = (admissionApproval: string) => facts({ ...onTime, admissionApproval, oath: admissionApproval }, { assessments: onTimeAssessments, thoughtReports: onTimeReports })
    expect(rulesOf(timeline(f('2025-12-26'), '2026-12-01'))).toEqual([])
    expect(rulesOf(timeline(f('2025-12-27'), '2026-12-01'))).toEqual(['tooLate:admissionApproval:approvalWithinThreeMonths'])
    expect(rulesOf(timeline(f('2026-03-27'), '2026-12-01'))).toEqual(['tooLate:admissionApproval:approvalWithinThreeMonths', 'tooLate:admissionApproval:approvalAtMostSixMonths'])
  })
  it('宣誓 within a month of approval, or on the next 七一 or 国庆', () => {
    const f = (oath: string) => facts({ ...onTime, admissionApproval: '2025-11-20', oath }, { assessments: onTimeAssessments, thoughtReports: onTimeReports })
    expect(rulesOf(timeline(f('2025-12-20'), '2026-12-01'))).toEqual([])
    expect(rulesOf(timeline(f('2025-12-21'), '2026-12-01'))).toEqual(['tooLate:oath:oathWithinMonth'])
    expect(rulesOf(timeline(f('2026-07-01'), '2026-12-01'))).toEqual([])
    expect(rulesOf(timeline(f('2026-10-01'), '2026-12-01'))).toEqual(['tooLate:oath:oathWithinMonth'])
  })
  it('转正申请 about a week before 预备期满, the meeting not before it; an extension moves the end', () => {
    const t = timeline(facts({ ...onTime, confirmationRequest: undefined, confirmationNotice: undefined, confirmationNoticeEnd: undefined, confirmationMeeting: undefined, confirmationApproval: undefined }), '2026-09-18')
    expect(step(t, 'confirmationRequest')).toMatchObject({ status: 'due', from: { date: '2026-09-19' }, by: { date: '2026-09-25' } })
    expect(step(timeline(facts({ ...onTime, confirmationRequest: undefined }), '2026-09-26'), 'confirmationRequest').status).toBe('overdue')
    const early = timeline(facts({ ...onTime, confirmationMeeting: '2026-09-25', confirmationNotice: '2026-09-14', confirmationNoticeEnd: '2026-09-18', confirmationRequest: '2026-09-12' }), '2026-12-01')
    expect(rulesOf(early)).toContain('tooEarly:confirmationMeeting:probationYear')
    const extended = timeline(facts({ application: '2024-01-02', admissionMeeting: '2025-09-26' }, { extensionMonths: 6 }), '2026-10-01')
    expect(extended.dates.probationEnd).toBe('2027-03-26')
    expect(rulesOf(timeline(facts({ admissionMeeting: '2025-09-26' }, { extensionMonths: 13 }), '2026-10-01'))).toContain('incomplete:confirmationMeeting:extension')
  })
  it('a transferred-in 预备党员’s 转正 may wait six months more', () => {
    const dates = { ...onTime, confirmationMeeting: '2027-02-26', confirmationApproval: '2027-03-01' }
    expect(rulesOf(timeline(facts(dates), '2027-03-02'))).toContain('tooLate:confirmationMeeting:confirmationOnTime')
    expect(rulesOf(timeline(facts(dates, { transferredInProbationary: true }), '2027-03-02')).filter((r) => r.includes('confirmationOnTime'))).toEqual([])
  })
  it('the 转正 approval within three months of the meeting', () => {
    expect(rulesOf(timeline(facts({ ...onTime, confirmationApproval: '2026-12-31' }, { assessments: onTimeAssessments, thoughtReports: onTimeReports }), '2027-01-05'))).toEqual(['tooLate:confirmationApproval:confirmationApproval'])
  })
})

describe('考察 every half year and 思想汇报 by the branch’s rule', () => {
  const dates = { application: '2024-01-02', activist: '2024-08-31' }
  it('the next 考察 is six months after the last, clamped; overdue after', () => {
    const t = timeline(facts(dates, { assessments: ['2024-08-31'] }), '2025-02-28')
    expect(t.periodic[0]).toMatchObject({ kind: 'assessments', nextDue: '2025-02-28', status: 'due' })
    expect(timeline(facts(dates, { assessments: ['2024-08-31'] }), '2025-03-01').periodic[0].status).toBe('overdue')
  })
  it('a gap of more than six months between two 考察 is a violation, exactly six is not', () => {
    expect(rulesOf(timeline(facts(dates, { assessments: ['2025-02-28', '2025-08-28'] }), '2025-09-01'))).toEqual([])
    expect(rulesOf(timeline(facts(dates, { assessments: ['2025-03-01'] }), '2025-03-02'))).toEqual(['gap:assessments:assessHalfYearly'])
  })
  it('思想汇报 at least quarterly by default; the setting makes it monthly', () => {
    const t = timeline(facts(dates, { thoughtReports: ['2024-11-30'] }), '2024-12-01')
    expect(t.periodic[1]).toMatchObject({ nextDue: '2025-02-28', status: 'due', everyMonths: 3 })
    expect(rulesOf(timeline(facts(dates, { thoughtReports: ['2024-11-30'] }), '2024-12-01', developmentSettings({ thoughtReportMonths: 1 })))).toEqual(['gap:thoughtReports:thoughtReports'])
  })
  it('stop once the person is admitted (考察) or confirmed (思想汇报)', () => {
    const t = timeline(facts(onTime, { assessments: onTimeAssessments, thoughtReports: onTimeReports }), '2027-06-01')
    expect(t.periodic.map((p) => [p.status, p.nextDue])).toEqual([['done', null], ['done', null]])
  })
})

describe('what is due next', () => {
  it('a step waits for the one before; the first open step is due', () => {
    const t = timeline(facts({ application: '2025-10-09', applicantTalk: '2025-10-20' }), '2025-12-01')
    expect(step(t, 'activist')).toMatchObject({ status: 'due', from: { date: '2026-01-09', rule: 'activistAfterApplication' } })
    expect(step(t, 'candidate').status).toBe('waiting')
    expect(t.stage).toBe('applicant')
  })
  it('the stage follows the decisions entered', () => {
    expect(stageOf({ activist: '2025-01-01' })).toBe('activist')
    expect(stageOf({ activist: '2025-01-01', candidate: '2026-01-02' })).toBe('candidate')
    expect(stageOf({ admissionMeeting: '2026-03-01' })).toBe('probationary')
    expect(stageOf({ confirmationApproval: '2027-04-01' })).toBe('full')
  })
})

describe('the 党员大会 vote', () => {
  const vote = (v: Partial<VoteCount>): VoteCount => ({ entitled: 20, present: 11, yes: 11, no: 0, abstain: 0, writtenYes: 0, writtenNo: 0, writtenAbstain: 0, ...v })
  it('needs more than half of those entitled present', () => {
    expect(tallyVote(vote({ present: 10, yes: 10 }))).toMatchObject({ valid: false })
    expect(tallyVote(vote({ present: 11, yes: 11 }))).toMatchObject({ valid: true, passed: true })
  })
  it('passes only when yes exceeds half of 应到, not of those present', () => {
    expect(votesNeeded(20)).toBe(11)
    expect(votesNeeded(21)).toBe(11)
    expect(tallyVote(vote({ present: 15, yes: 10, no: 5 }))).toMatchObject({ valid: true, passed: false, yesTotal: 10, needed: 11 })
  })
  it('counts written opinions of those entitled who could not come', () => {
    expect(tallyVote(vote({ present: 15, yes: 10, no: 5, writtenYes: 1 }))).toMatchObject({ valid: true, passed: true, yesTotal: 11 })
    expect(tallyVote(vote({ present: 15, yes: 10, no: 5, writtenYes: 6 }))).toMatchObject({ valid: false })
  })
  it('refuses counts that cannot be', () => {
    expect(tallyVote(vote({ present: 21 }))).toMatchObject({ valid: false })
    expect(tallyVote(vote({ yes: 12 }))).toMatchObject({ valid: false })
    expect(tallyVote(vote({ entitled: 0, present: 0, yes: 0 }))).toMatchObject({ valid: false })
    expect(tallyVote(vote({ yes: 1.5 }))).toMatchObject({ valid: false })
  })
})
