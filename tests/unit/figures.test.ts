import { axisTicks } from '../../shared/domain/figure-lines'
import { periodLabel, type Period } from '../../shared/domain/period'
import { duringWord, summaryFacts, summaryParagraph } from '../../shared/domain/summary-paragraph'
import { computeFigures, emptyRecords, yearPeriod, type FigureMeeting, type FigureMember, type FigureRecords, type FigureService } from '../../shared/domain/figures'
import { teamFigures, type ActivityType } from '../../shared/domain/volunteer'
import type { MeetingAudience, MeetingType } from '../../shared/domain/meeting'
import type { MemberCategory } from '../../shared/domain/member'
import { fromBeijing, hourMs } from '../../shared/domain/time'
import { generateYear } from '../support/year-records'

const year = 2025
// Counting in the first days of the next year: the whole year is over.
const after = fromBeijing('2026-01-05', '09:00')

describe('figures of a generated year', () => {
  const records = generateYear({ seed: 7, year, members: 50 })
  const f = computeFigures(records, yearPeriod(year), after)
  const from = fromBeijing('2025-01-01').getTime()
  const to = fromBeijing('2026-01-01').getTime()
  const inYear = (d: Date) => d.getTime() >= from && d.getTime() < to

  // Counted here the long way, without the figures module.
  const held = records.meetings.filter((m) => m.status === 'published' && inYear(m.startAt))
  const categoryOn = (m: FigureMember, at: Date): MemberCategory => {
    const later = m.categoryChanges.filter((c) => c.at > at)
    return later.length ? later[0].from : m.category
  }
  const wasOnRoll = (m: FigureMember, at: Date) => m.since <= at && (!m.leftAt || m.leftAt > at)
  const expectedAt = (meeting: FigureMeeting) =>
    records.members.filter((m) => {
      if (!wasOnRoll(m, meeting.startAt)) return false
      const c = categoryOn(m, meeting.startAt)
      const party = c === 'full' || c === 'probationary'
      if (meeting.audience.kind === 'branch') return party
      if (meeting.audience.kind === 'group') return party && m.groupId === meeting.audience.groupId
      if (meeting.audience.kind === 'committee') return m.positions.some((p) => p !== 'groupLeader')
      return meeting.audience.memberIds.includes(m.id)
    })
  const came = (meetingId: string, memberId: string) => records.attendance.some((a) => a.meetingId === meetingId && a.memberId === memberId && (a.status === 'present' || a.status === 'late'))

  it('counts the meetings held in the year by type, leaving out cancelled, drafts and the days either side', () => {
    for (const type of ['generalMeeting', 'committeeMeeting', 'groupMeeting', 'partyLecture', 'themedPartyDay', 'orgLifeMeeting', 'memberAppraisal', 'groupStudy', 'other'] as MeetingType[]) {
      const mine = held.filter((m) => m.type === type)
      const figure = f.meetings.byType.find((t) => t.type === type)!
      expect({ type, held: figure.held.value, ids: [...figure.held.ids].sort() }).toEqual({ type, held: mine.length, ids: mine.map((m) => m.id).sort() })
    }
    expect(f.meetings.total.value).toBe(held.length)
    expect(held.length).toBeGreaterThan(60)
  })

  it('counts attendance, rate and 人次 by type from who was expected at the time', () => {
    for (const type of ['generalMeeting', 'committeeMeeting', 'groupMeeting', 'themedPartyDay'] as MeetingType[]) {
      let expected = 0
      let attended = 0
      let observers = 0
      for (const meeting of held.filter((m) => m.type === type)) {
        const people = expectedAt(meeting)
        expected += people.length
        attended += people.filter((p) => came(meeting.id, p.id)).length
        observers += records.attendance.filter((a) => a.meetingId === meeting.id && !people.some((p) => p.id === a.memberId) && a.status !== 'absent' && a.status !== 'leave').length
      }
      const figure = f.meetings.byType.find((t) => t.type === type)!
      expect({ type, expected: figure.expected, attended: figure.attended, personTimes: figure.personTimes }).toEqual({ type, expected, attended, personTimes: attended + observers })
      expect(figure.rate).toBeCloseTo(attended / expected, 10)
    }
  })

  it('names who gave each 党课 and counts those the secretary gave', () => {
    const lectures = held.filter((m) => m.type === 'partyLecture')
    expect(f.partyLectures.held.value).toBe(lectures.length)
    expect(f.partyLectures.bySecretary.value).toBe(lectures.filter((m) => m.hostId === records.members[0].id).length)
    expect(f.partyLectures.lectures.every((l) => l.speakerName)).toBe(true)
  })

  it('counts members by category at the end of the year, joins and 转正 in it', () => {
    const end = new Date(to - 1)
    const onRoll = records.members.filter((m) => wasOnRoll(m, end))
    for (const category of ['full', 'probationary', 'candidate', 'activist', 'nonMember'] as MemberCategory[]) {
      expect({ category, n: f.members.byCategory.find((c) => c.category === category)!.count.value }).toEqual({ category, n: onRoll.filter((m) => categoryOn(m, end) === category).length })
    }
    expect(f.members.joined.ids.sort()).toEqual(records.members.filter((m) => m.joinedPartyAt?.startsWith('2025-')).map((m) => m.id).sort())
    expect(f.members.confirmed.ids.sort()).toEqual(records.members.filter((m) => m.categoryChanges.some((c) => c.to === 'full' && inYear(c.at))).map((m) => m.id).sort())
    expect(f.members.confirmed.value).toBeGreaterThan(0)
  })

  it('counts the volunteer shifts held in the year as the team’s figures do: activities, shifts, 人次 credited, hours, people served, by type', () => {
    const shifts = records.shifts.filter((x) => inYear(x.startAt))
    const credited = records.signups.filter((x) => x.hoursStatus === 'credited' && shifts.some((sh) => sh.id === x.shiftId))
    expect(f.volunteer.held.ids.sort()).toEqual(shifts.map((x) => x.id).sort())
    expect(f.volunteer.total.shifts).toBe(shifts.length)
    expect(f.volunteer.total.activities).toBe(new Set(shifts.map((x) => x.activityId)).size)
    expect(f.volunteer.total.personTimes).toBe(credited.length)
    expect(f.volunteer.total.hours).toBeCloseTo(credited.reduce((n, x) => n + (x.hours ?? 0), 0), 5)
    expect(f.volunteer.total.peopleServed).toBe(shifts.reduce((n, x) => n + x.peopleServed, 0))
    for (const t of f.volunteer.byType) expect({ type: t.type, shifts: t.shifts }).toEqual({ type: t.type, shifts: shifts.filter((x) => x.activityType === t.type).length })
    // The shift cancelled and the one of the year before are not counted; no-shows earn nothing.
    expect(records.signups.length).toBeGreaterThan(credited.length)
    expect(teamFigures(shifts, records.services.filter((x) => inYear(x.startAt))).total).toEqual(f.volunteer.total)
  })

  it('counts study tasks, notes and excellent notes submitted in the year, and test participation', () => {
    const notes = records.notes.filter((n) => inYear(n.submittedAt))
    expect(f.study.tasks.value).toBe(6)
    expect(f.study.notesSubmitted.value).toBe(notes.length)
    expect(f.study.notesExcellent.value).toBe(notes.filter((n) => n.excellent).length)
    expect(f.study.tests.value).toBe(4)
    expect(f.study.testTaken).toBe(records.tests.reduce((n, t) => n + t.taken, 0))
  })

  it('does not count a meeting that has not ended yet', () => {
    const lastMeeting = [...held].sort((a, b) => b.endAt.getTime() - a.endAt.getTime())[0]
    const during = computeFigures(records, yearPeriod(year), new Date(lastMeeting.endAt.getTime() - 60_000))
    expect(during.meetings.total.value).toBe(held.length - 1)
    expect(during.meetings.total.ids).not.toContain(lastMeeting.id)
  })
})

describe('the figures paragraph', () => {
  // A known year: 26 members in 3 groups; the counts below are what the paragraph must say.
  const branch: MeetingAudience = { kind: 'branch', groupId: null, memberIds: [], allowObservers: false }
  const day = (month: number, d = 15) => fromBeijing(`2025-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`, '16:30')
  /** `people` credited `hours` each on a shift. */
  const served = (shiftId: string, activityType: ActivityType, startAt: Date, people: number, hours: number): FigureService[] =>
    Array.from({ length: people }, (_, i) => ({ shiftId, memberName: `志愿者${i}`, activityId: shiftId === 's3' ? 'a2' : 'a1', activityTitle: '活动', activityType, organiser: '志愿服务队', startAt, endAt: startAt, hours, confirmedBy: '书记' }))
  const members: FigureMember[] = Array.from({ length: 26 }, (_, i) => ({
    id: `m${i}`,
    name: `成员${i}`,
    category: i < 22 ? 'full' : i < 24 ? 'probationary' : i < 25 ? 'candidate' : 'activist',
    positions: i === 0 ? ['secretary'] : [],
    groupId: `g${i % 3}`,
    since: fromBeijing('2020-01-01'),
    leftAt: null,
    joinedPartyAt: i === 22 || i === 23 ? '2025-07-01' : i < 22 ? '2010-07-01' : null,
    categoryChanges: i === 5 || i === 6 || i === 7 ? [{ at: day(6), from: 'probationary', to: 'full' }] : [],
  }))
  const meetings: FigureMeeting[] = []
  const add = (type: MeetingType, months: number[], hostId: string | null = 'm0', audience: MeetingAudience = branch) =>
    months.forEach((m, i) => meetings.push({ id: `${type}${meetings.length}`, type, title: `${type}${i}`, startAt: day(m), endAt: new Date(day(m).getTime() + hourMs), status: 'published', audience, hostId }))
  const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  add('generalMeeting', [3, 6, 9, 12])
  add('committeeMeeting', months, 'm0', { ...branch, kind: 'members', memberIds: ['m0', 'm1', 'm2'] })
  for (const g of ['g0', 'g1', 'g2']) add('groupMeeting', months, 'm1', { ...branch, kind: 'group', groupId: g })
  add('partyLecture', [3, 6], 'm0')
  add('partyLecture', [9, 12], 'm2')
  add('themedPartyDay', months)
  add('orgLifeMeeting', [12])
  add('memberAppraisal', [12])
  // Everyone expected came to every meeting except m20 and m21, absent from all: rate known.
  const records: FigureRecords = {
    ...emptyRecords,
    meetings,
    members,
    attendance: meetings.flatMap((m) =>
      members
        .filter((p) => !['m20', 'm21'].includes(p.id) && (m.audience.kind === 'members' ? m.audience.memberIds.includes(p.id) : p.category === 'full' || p.category === 'probationary'))
        .filter((p) => m.audience.kind !== 'group' || p.groupId === m.audience.groupId)
        .map((p) => ({ meetingId: m.id, memberId: p.id, status: 'present' as const })),
    ),
    shifts: [
      { id: 's1', activityId: 'a1', activityType: 'zebraCrossing', startAt: day(3), peopleServed: 300 },
      { id: 's2', activityId: 'a1', activityType: 'zebraCrossing', startAt: day(4), peopleServed: 250 },
      { id: 's3', activityId: 'a2', activityType: 'community', startAt: day(5), peopleServed: 80 },
    ],
    services: [
      ...served('s1', 'zebraCrossing', day(3), 10, 1.5),
      ...served('s2', 'zebraCrossing', day(4), 8, 1.5),
      ...served('s3', 'community', day(5), 12, 3),
      ...served('s3', 'community', day(5), 1, 0.5),
    ],
    studyTasks: [1, 4, 7, 10].map((m) => ({ id: `t${m}`, title: `任务${m}`, publishedAt: day(m) })),
    notes: Array.from({ length: 90 }, (_, i) => ({ id: `n${i}`, memberId: `m${i % 24}`, taskId: null, submittedAt: day(1 + (i % 12), 20), excellent: i % 9 === 0 })),
    tests: [3, 6, 9, 12].map((m) => ({ id: `q${m}`, title: '测试', closesAt: day(m, 25), expected: 24, taken: 23 })),
  }

  const paragraph = (f: ReturnType<typeof computeFigures>, period: Period, org = false) =>
    summaryParagraph(summaryFacts(f, { label: periodLabel(period), during: duringWord(period), name: org ? '实验中学党总支' : '第一党支部', branches: org ? 3 : null, groups: 3, notice: null }))

  it('reads as a year-end summary, with every figure of the year', () => {
    const f = computeFigures(records, yearPeriod(2025), fromBeijing('2026-01-10'))
    expect(paragraph(f, { kind: 'year', year: 2025 })).toBe(
      '2025年，第一党支部下设3个党小组，现有党员24名，其中正式党员22名、预备党员2名；发展对象1名、入党积极分子1名。' +
        '全年支部共召开支部党员大会4次、支委会12次、党小组会36次、组织生活会1次；讲党课4次（其中书记讲党课2次）；开展主题党日活动12次；开展民主评议党员，参加评议党员24人。党员参加组织生活784人次，平均出勤率92%。' +
        '开展“七彩阳光”党员志愿服务：社区志愿服务1次、服务群众80人次，礼让斑马线2次、服务群众550人次；党员参与31人次，累计服务时长63.5小时。' +
        '布置学习任务4项；党员提交学习心得90篇，其中优秀心得10篇；组织党员理论素养测试4次，参测92人次，参测率95.8%。' +
        '2025年发展新党员2名，按期转正预备党员3名。',
    )
  })

  it('leaves out what is zero', () => {
    const committee = meetings.filter((m) => m.type === 'committeeMeeting')
    const onlyMeetings = { ...emptyRecords, meetings: committee, members: members.slice(0, 3), attendance: records.attendance.filter((a) => committee.some((m) => m.id === a.meetingId)) }
    const f = computeFigures(onlyMeetings, yearPeriod(2025), day(7, 1))
    expect(paragraph(f, { kind: 'year', year: 2025 }, true)).toBe('2025年，实验中学党总支下设3个党支部、3个党小组，现有党员3名。全年党总支共召开支委会6次。党员参加组织生活18人次，平均出勤率100%。')
  })

  it('names a quarter as such', () => {
    const f = computeFigures(records, { from: fromBeijing('2025-10-01'), to: fromBeijing('2026-01-01') }, fromBeijing('2026-01-10'))
    expect(paragraph(f, { kind: 'quarter', year: 2025, quarter: 4 })).toMatch(/^2025年第四季度，第一党支部下设3个党小组，.*本季度支部共召开支部党员大会1次、支委会3次、党小组会9次、组织生活会1次/)
  })
})

describe('figures of an organisation', () => {
  it('expects at each branch’s meetings only that branch’s members', () => {
    const a = generateYear({ seed: 1, year, members: 20, branch: 'a' })
    const b = generateYear({ seed: 2, year, members: 30, branch: 'b' })
    const tag = (r: FigureRecords, branchId: string): FigureRecords => ({ ...r, meetings: r.meetings.map((m) => ({ ...m, branchId })), members: r.members.map((m) => ({ ...m, branchId })) })
    const both: FigureRecords = (['meetings', 'members', 'attendance', 'leaves', 'shifts', 'services', 'studyTasks', 'notes', 'tests'] as const).reduce(
      (r, key) => ({ ...r, [key]: [...tag(a, 'a')[key], ...tag(b, 'b')[key]] }),
      emptyRecords,
    )
    const [fa, fb, fab] = [computeFigures(a, yearPeriod(year), after), computeFigures(b, yearPeriod(year), after), computeFigures(both, yearPeriod(year), after)]
    expect(fab.meetings.expected).toBe(fa.meetings.expected + fb.meetings.expected)
    expect(fab.meetings.attended).toBe(fa.meetings.attended + fb.meetings.attended)
    expect(fab.members.partyMembers.value).toBe(fa.members.partyMembers.value + fb.members.partyMembers.value)
  })
})

describe('a chart’s value axis', () => {
  it('steps by 1, 2 or 5 times a power of ten from 0 past the top value', () => {
    expect(axisTicks(10)).toEqual([0, 2, 4, 6, 8, 10])
    expect(axisTicks(100)).toEqual([0, 20, 40, 60, 80, 100])
    expect(axisTicks(23.5)).toEqual([0, 5, 10, 15, 20, 25])
    expect(axisTicks(3)).toEqual([0, 1, 2, 3])
    expect(axisTicks(0)).toEqual([0, 1])
    expect(axisTicks(1234)).toEqual([0, 500, 1000, 1500])
  })
})
