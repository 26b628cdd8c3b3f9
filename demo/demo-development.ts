import { addMonths } from '../shared/domain/development'
import type { DevelopmentDoc, DevelopmentRecord, EnteredBy } from '../shared/domain/documents'
import { beijingDate } from '../shared/domain/time'
import { addDays } from '../shared/domain/workdays'

/**
 * The demo branch's 发展党员 pipeline, dated back from today: 许诺, an 积极分子 whose 思想汇报 is late
 * and who may soon be considered as 发展对象 (培养联系人 孙伟); 邓佳怡, a 发展对象 past the 预审 whose
 * 党员大会 falls due within the month (介绍人 陈志强 and 周静).
 */
export function demoDevelopments(now: Date): DevelopmentDoc[] {
  const today = beijingDate(now)
  const ago = (months: number, days = 0) => addDays(addMonths(today, -months), -days)
  const secretary: EnteredBy = { memberId: 'member-001', name: '李红梅', at: now }
  const mentor: EnteredBy = { memberId: 'member-007', name: '孙伟', at: now }
  const record = (id: string, kind: DevelopmentRecord['kind'], date: string, summary: string, by: EnteredBy): DevelopmentRecord => ({ id, kind, date, summary, by })
  const base = (memberId: string, name: string): Omit<DevelopmentDoc, 'dates' | 'mentorIds' | 'sponsorIds' | 'records'> => ({
    _id: memberId,
    branchId: 'branch-mingde-1',
    memberId,
    name,
    activistCarriedFrom: null,
    politicalReview: null,
    training: null,
    leavingOn: null,
    extensionMonths: null,
    transferredInProbationary: false,
    votes: [],
    log: [],
    createdAt: now,
    updatedAt: now,
  })
  const xu: DevelopmentDoc = {
    ...base('member-024', '许诺'),
    dates: { application: ago(15), applicantTalk: ago(15, -10), activist: ago(11, 20), mentors: ago(11, 20), activistFiled: ago(11, 15) },
    mentorIds: ['member-007'],
    sponsorIds: [],
    records: [
      record('demo-dev-1', 'thoughtReport', ago(9), '学习党章的体会', secretary),
      record('demo-dev-2', 'thoughtReport', ago(6, 5), '参加主题党日后的思想汇报', secretary),
      record('demo-dev-3', 'assessment', ago(6, 10), '工作积极，能主动承担班主任工作', mentor),
      record('demo-dev-4', 'thoughtReport', ago(4), '关于师德师风学习的认识', secretary),
    ],
  }
  const deng: DevelopmentDoc = {
    ...base('member-025', '邓佳怡'),
    dates: {
      application: ago(26),
      applicantTalk: ago(26, -14),
      activist: ago(22),
      mentors: ago(22),
      activistFiled: ago(22, -3),
      candidateOpinions: ago(3, 5),
      candidate: ago(3),
      candidateFiled: ago(3, -3),
      candidateNotice: ago(2, 20),
      candidateNoticeEnd: ago(2, 10),
      sponsors: ago(2, 5),
      politicalReview: ago(1, 20),
      training: ago(2),
      committeeReview: ago(1, 5),
      preReview: ago(0, 10),
      applicationForm: ago(0, 8),
    },
    mentorIds: ['member-007'],
    sponsorIds: ['member-004', 'member-008'],
    politicalReview: { conclusion: '经审查，本人政治历史清楚，政治审查合格', by: secretary },
    training: { days: 3, hours: 24, by: secretary },
    records: [
      record('demo-dev-5', 'thoughtReport', ago(2, 15), '党课学习体会', secretary),
      record('demo-dev-6', 'assessment', ago(4), '教学成绩突出，关心集体', mentor),
      record('demo-dev-7', 'sponsorOpinion', ago(1, 10), '同意介绍其入党', { memberId: 'member-004', name: '陈志强', at: now }),
    ],
  }
  return [xu, deng]
}
