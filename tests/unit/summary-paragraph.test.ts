import { meetingTypes, type MeetingType } from '../../shared/domain/meeting'
import { recordsNotice } from '../../shared/domain/period'
import { summaryParagraph, type SummaryFacts } from '../../shared/domain/summary-paragraph'

const held = (counts: Partial<Record<MeetingType, number>>) => meetingTypes.map((type) => ({ type, held: counts[type] ?? 0 }))
const noStudy = { tasks: 0, notes: 0, excellent: 0, tests: 0, testTaken: 0, testRate: null }
const noVolunteer = { byType: [], personTimes: 0, hours: 0 }

describe('the paragraph a secretary pastes', () => {
  it('a small branch\'s year: the branch, meetings by type and subject, appraisal in people, volunteer work by type, study, growth', () => {
    const facts: SummaryFacts = {
      label: '2025年',
      during: '全年',
      name: '第一党支部',
      branches: null,
      groups: 3,
      membership: { full: 20, probationary: 3, candidates: 0, activists: 3, newActivists: 2, newProbationary: 2, confirmed: 1 },
      meetings: held({ generalMeeting: 4, committeeMeeting: 12, groupMeeting: 36, partyLecture: 4, themedPartyDay: 12, orgLifeMeeting: 2, memberAppraisal: 1, groupStudy: 6, other: 2, visit: 3, commendation: 1 }),
      subjects: [
        { type: 'orgLifeMeeting', subject: '师德师风建设', held: 1 },
        { type: 'other', subject: '警示教育', held: 2 },
      ],
      lecturesBySecretary: 2,
      appraised: 23,
      personTimes: 562,
      rate: 0.9432,
      volunteer: {
        byType: [
          { type: 'community', occasions: 12, peopleServed: 215 },
          { type: 'zebraCrossing', occasions: 40, peopleServed: 0 },
          { type: 'elderCare', occasions: 0, peopleServed: 0 },
        ],
        personTimes: 104,
        hours: 86.5,
      },
      study: { tasks: 4, notes: 80, excellent: 9, tests: 4, testTaken: 88, testRate: 0.9565 },
      notice: null,
    }
    expect(summaryParagraph(facts)).toBe(
      '2025年，第一党支部下设3个党小组，现有党员23名，其中正式党员20名、预备党员3名；入党积极分子3名。' +
        '全年支部共召开支部党员大会4次、支委会12次、党小组会36次、组织生活会1次；讲党课4次（其中书记讲党课2次）；开展主题党日活动12次；组织集中学习6次；开展走访慰问活动3次、表彰活动1次；' +
        '召开师德师风建设专题组织生活会1次、警示教育专题会2次；开展民主评议党员，参加评议党员23人。党员参加组织生活562人次，平均出勤率94.3%。' +
        '开展“七彩阳光”党员志愿服务：社区志愿服务12次、服务群众215人次，礼让斑马线40次；党员参与104人次，累计服务时长86.5小时。' +
        '布置学习任务4项；党员提交学习心得80篇，其中优秀心得9篇；组织党员理论素养测试4次，参测88人次，参测率95.7%。' +
        '2025年发展新党员2名，按期转正预备党员1名，确定入党积极分子2名。',
    )
  })

  it('a mid-year adopter says from when its records are complete, and never "其他组织生活" for a named type', () => {
    const facts: SummaryFacts = {
      label: '2025年',
      during: '全年',
      name: '第二党支部',
      branches: null,
      groups: 0,
      membership: { full: 8, probationary: 0, candidates: 1, activists: 0, newActivists: null, newProbationary: 0, confirmed: 0 },
      meetings: held({ generalMeeting: 2, committeeMeeting: 4, partyLecture: 1, theoryStudyGroup: 2, seminar: 1 }),
      subjects: [],
      lecturesBySecretary: 0,
      appraised: 0,
      personTimes: 60,
      rate: 0.9,
      volunteer: noVolunteer,
      study: noStudy,
      notice: recordsNotice({ kind: 'year', year: 2025 }, '2025-09-01', new Date('2026-01-05T10:00:00+08:00')),
    }
    const text = summaryParagraph(facts)
    expect(text).toBe(
      '2025年，第二党支部现有党员8名；发展对象1名。' +
        '全年支部共召开支部党员大会2次、支委会4次；讲党课1次；组织理论学习中心组学习2次、集体研讨1次。党员参加组织生活60人次，平均出勤率90%。' +
        '本支部自2025年9月1日起使用本系统记录，此前的数据为补录，可能不完整。',
    )
    expect(text).not.toContain('其他组织生活')
  })

  it('a 党总支 over its branches, its own committee and general meetings named', () => {
    const facts: SummaryFacts = {
      label: '2025年上半年',
      during: '上半年',
      name: '实验中学党总支',
      branches: 3,
      groups: 6,
      membership: { full: 60, probationary: 4, candidates: 2, activists: 5, newActivists: 3, newProbationary: 4, confirmed: 2 },
      meetings: held({ orgCommitteeMeeting: 6, orgGeneralMeeting: 1, generalMeeting: 6, committeeMeeting: 18, partyLecture: 6 }),
      subjects: [{ type: 'orgGeneralMeeting', subject: '党风廉政建设', held: 1 }],
      lecturesBySecretary: 3,
      appraised: 0,
      personTimes: 700,
      rate: 0.925,
      volunteer: { byType: [{ type: 'homeTeaching', occasions: 5, peopleServed: 9 }], personTimes: 20, hours: 30 },
      study: noStudy,
      notice: null,
    }
    expect(summaryParagraph(facts)).toBe(
      '2025年上半年，实验中学党总支下设3个党支部、6个党小组，现有党员64名，其中正式党员60名、预备党员4名；发展对象2名、入党积极分子5名。' +
        '上半年党总支共召开党总支委员会6次、支部党员大会6次、支委会18次；讲党课6次（其中书记讲党课3次）；召开党风廉政建设专题全体党员大会1次。党员参加组织生活700人次，平均出勤率92.5%。' +
        '开展“七彩阳光”党员志愿服务：送教上门5次、服务群众9人次；党员参与20人次，累计服务时长30小时。' +
        '2025年上半年发展新党员4名，按期转正预备党员2名，确定入党积极分子3名。',
    )
  })
})
