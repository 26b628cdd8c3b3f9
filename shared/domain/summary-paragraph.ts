import type { Figures } from './figures'
import type { Period } from './period'
import { meetingTypeLabels, subjectMeetingName, type MeetingType } from './meeting'
import { activityTypeLabels, type ActivityType } from './volunteer-labels'

/**
 * The paragraph of a work summary a secretary pastes as it is: it opens with the branch as reports
 * do ("2025年，第一党支部下设3个党小组，现有党员23名，其中正式党员20名、预备党员3名；入党积极分子3名。"),
 * names meetings by type and subject, counts 民主评议党员 in people evaluated, volunteer service by
 * type in occasions and people served, study, and new members and 转正 in the period. What is zero
 * is left out, as a summary would. Pure: the facts come in, the words go out.
 */

/** Who the branch is on the period's last day, and who became what in the period. */
export interface MembershipCounts {
  full: number
  probationary: number
  /** 发展对象. */
  candidates: number
  activists: number
  /** New 入党积极分子 in the period; null where it is not known. */
  newActivists: number | null
  /** New 预备党员 (发展新党员) in the period. */
  newProbationary: number
  /** 转正 in the period. */
  confirmed: number
}

export interface SummaryFacts {
  /** The period's label: "2025年", "2025年上半年", "2019年以来". */
  label: string
  /** "第一党支部", or the organisation's name. */
  name: string
  /** How the period is named mid-paragraph: "全年", "上半年", "本季度", "本月", "期间" (duringWord). */
  during: string
  /** For an organisation: how many branches it has; null for a branch. */
  branches: number | null
  groups: number
  membership: MembershipCounts
  /** Meetings held by type (every type, zeros included or not). */
  meetings: Array<{ type: MeetingType; held: number }>
  /** Meetings held on a 专题: counted here and not again under their type. */
  subjects: Array<{ type: MeetingType; subject: string; held: number }>
  lecturesBySecretary: number
  /** 民主评议党员: people evaluated. */
  appraised: number
  personTimes: number
  rate: number | null
  volunteer: {
    byType: Array<{ type: ActivityType; occasions: number; peopleServed: number }>
    personTimes: number
    hours: number
  }
  study: { tasks: number; notes: number; excellent: number; tests: number; testTaken: number; testRate: number | null }
  /** Said last when the period starts before the records are complete (recordsNotice). */
  notice: string | null
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`
const list = (items: string[]) => items.filter(Boolean).join('、')

/** Groups of meetings in the order reports name them, each with its verb. */
const meetingClauses: Array<{ verb: string; types: MeetingType[]; suffix?: Partial<Record<MeetingType, string>> }> = [
  { verb: '召开', types: ['orgCommitteeMeeting', 'orgGeneralMeeting', 'generalMeeting', 'committeeMeeting', 'groupMeeting', 'orgLifeMeeting'] },
  { verb: '开展', types: ['themedPartyDay'], suffix: { themedPartyDay: '活动' } },
  { verb: '组织', types: ['groupStudy', 'theoryStudyGroup', 'seminar'] },
  { verb: '开展', types: ['visit', 'commendation'], suffix: { visit: '活动', commendation: '活动' } },
]

/** The opening: who the branch (or organisation) is. */
function opening(f: SummaryFacts): string {
  const m = f.membership
  const parts: string[] = []
  const units = [f.branches !== null ? `${f.branches}个党支部` : '', f.groups > 0 ? `${f.groups}个党小组` : ''].filter(Boolean)
  if (units.length) parts.push(`下设${list(units)}`)
  const party = m.full + m.probationary
  let members = `现有党员${party}名`
  if (m.full > 0 && m.probationary > 0) members += `，其中正式党员${m.full}名、预备党员${m.probationary}名`
  parts.push(members)
  const others = list([m.candidates > 0 ? `发展对象${m.candidates}名` : '', m.activists > 0 ? `入党积极分子${m.activists}名` : ''])
  return `${f.label}，${f.name}${parts.join('，')}${others ? `；${others}` : ''}。`
}

function meetingSentence(f: SummaryFacts): string {
  const onSubject = new Map<MeetingType, number>()
  for (const s of f.subjects) onSubject.set(s.type, (onSubject.get(s.type) ?? 0) + s.held)
  const heldOf = (type: MeetingType) => (f.meetings.find((m) => m.type === type)?.held ?? 0) - (onSubject.get(type) ?? 0)
  const clauses: string[] = []
  for (const { verb, types, suffix } of meetingClauses) {
    const items = types.filter((t) => heldOf(t) > 0).map((t) => `${meetingTypeLabels[t]}${suffix?.[t] ?? ''}${heldOf(t)}次`)
    if (items.length) clauses.push(`${verb}${list(items)}`)
  }
  const lectures = heldOf('partyLecture')
  if (lectures > 0) clauses.splice(Math.min(1, clauses.length), 0, `讲党课${lectures}次${f.lecturesBySecretary > 0 ? `（其中书记讲党课${f.lecturesBySecretary}次）` : ''}`)
  if (f.subjects.length) clauses.push(`召开${list(f.subjects.map((s) => `${subjectMeetingName(s.type, s.subject)}${s.held}次`))}`)
  const appraisals = heldOf('memberAppraisal')
  if (appraisals > 0) clauses.push(`开展民主评议党员${appraisals > 1 ? `${appraisals}次` : ''}${f.appraised > 0 ? `，参加评议党员${f.appraised}人` : ''}`)
  const others = heldOf('other')
  if (others > 0) clauses.push(`开展其他组织生活${others}次`)
  if (!clauses.length) return ''
  const unit = /党委$/.test(f.name) ? '党委' : /党总支$/.test(f.name) ? '党总支' : f.branches !== null ? '党组织' : '支部'
  let sentence = `${f.during}${unit}共${clauses.join('；')}`
  if (f.personTimes > 0) sentence += `。党员参加组织生活${f.personTimes}人次${f.rate !== null ? `，平均出勤率${percent(f.rate)}` : ''}`
  return `${sentence}。`
}

function volunteerSentence(f: SummaryFacts): string {
  const types = f.volunteer.byType.filter((t) => t.occasions > 0)
  if (!types.length) return ''
  const byType = types.map((t) => `${activityTypeLabels[t.type]}${t.occasions}次${t.peopleServed > 0 ? `、服务群众${t.peopleServed}人次` : ''}`)
  const totals = [f.volunteer.personTimes > 0 ? `党员参与${f.volunteer.personTimes}人次` : '', f.volunteer.hours > 0 ? `累计服务时长${f.volunteer.hours}小时` : ''].filter(Boolean)
  return `开展“七彩阳光”党员志愿服务：${byType.join('，')}${totals.length ? `；${totals.join('，')}` : ''}。`
}

function studySentence(f: SummaryFacts): string {
  const s = f.study
  const parts = [
    s.tasks > 0 ? `布置学习任务${s.tasks}项` : '',
    s.notes > 0 ? `党员提交学习心得${s.notes}篇${s.excellent > 0 ? `，其中优秀心得${s.excellent}篇` : ''}` : '',
    s.tests > 0 ? `组织党员理论素养测试${s.tests}次，参测${s.testTaken}人次${s.testRate !== null ? `，参测率${percent(s.testRate)}` : ''}` : '',
  ].filter(Boolean)
  return parts.length ? `${parts.join('；')}。` : ''
}

function growthSentence(f: SummaryFacts): string {
  const m = f.membership
  const parts = [
    m.newProbationary > 0 ? `发展新党员${m.newProbationary}名` : '',
    m.confirmed > 0 ? `按期转正预备党员${m.confirmed}名` : '',
    m.newActivists ? `确定入党积极分子${m.newActivists}名` : '',
  ].filter(Boolean)
  return parts.length ? `${f.label}${parts.join('，')}。` : ''
}

/** "全年", "上半年", "本季度", "本月", "期间": the period mid-paragraph, after its label opened it. */
export function duringWord(p: Period): string {
  switch (p.kind) {
    case 'year':
      return '全年'
    case 'half':
      return p.half === 1 ? '上半年' : '下半年'
    case 'quarter':
      return '本季度'
    case 'month':
      return '本月'
    default:
      return '期间'
  }
}

export function summaryParagraph(f: SummaryFacts): string {
  return [opening(f), meetingSentence(f), volunteerSentence(f), studySentence(f), growthSentence(f), f.notice ?? ''].join('')
}

/**
 * The facts of a paragraph from the figures: the membership numbers come from the figures'
 * members at the period's end and the joined / 转正 of the period.
 */
export function summaryFacts(
  figures: Omit<Figures, 'from' | 'to' | 'asOf'>,
  context: { label: string; during: string; name: string; branches: number | null; groups: number; notice: string | null; membership?: MembershipCounts },
): SummaryFacts {
  const count = (c: string) => figures.members.byCategory.find((b) => b.category === c)?.count.value ?? 0
  const membership = context.membership ?? {
    full: count('full'),
    probationary: count('probationary'),
    candidates: count('candidate'),
    activists: count('activist'),
    newActivists: null,
    newProbationary: figures.members.joined.value,
    confirmed: figures.members.confirmed.value,
  }
  return {
    label: context.label,
    during: context.during,
    name: context.name,
    branches: context.branches,
    groups: context.groups,
    membership,
    meetings: figures.meetings.byType.map((t) => ({ type: t.type, held: t.held.value })),
    subjects: figures.meetings.bySubject.map((s) => ({ type: s.type, subject: s.subject, held: s.held.value })),
    lecturesBySecretary: figures.partyLectures.bySecretary.value,
    appraised: figures.meetings.appraised.value,
    personTimes: figures.meetings.personTimes,
    rate: figures.meetings.rate,
    volunteer: {
      byType: figures.volunteer.byType.map((t) => ({ type: t.type, occasions: t.shifts, peopleServed: t.peopleServed })),
      personTimes: figures.volunteer.total.personTimes,
      hours: figures.volunteer.total.hours,
    },
    study: {
      tasks: figures.study.tasks.value,
      notes: figures.study.notesSubmitted.value,
      excellent: figures.study.notesExcellent.value,
      tests: figures.study.tests.value,
      testTaken: figures.study.testTaken,
      testRate: figures.study.testRate,
    },
    notice: context.notice,
  }
}
