import { randomBytes } from 'node:crypto'
import type { ShiftDoc, SignupDoc, VolunteerActivityDoc, VolunteerRosterDoc } from '../shared/domain/documents'
import { signupId } from '../shared/domain/documents'
import { addCalendar, beijingDate, beijingParts, dayMs, fromBeijing, hourMs, startOf } from '../shared/domain/time'
import { defaultRosterPolicy, patternDates, rosterShiftTimes, type ActivityType, type ShiftTimes } from '../shared/domain/volunteer'

/**
 * The demo branch's “七彩阳光” volunteer team: a term of 礼让斑马线 at the school gate made by one
 * roster (school days 07:30–08:00, two seats, a few days off), a community clean-up, 送教上门 with a
 * waitlist, and a visit to an elderly home that has been held. Past shifts have their hours
 * confirmed by the leader; ahead, some seats are taken, one is offered for a swap.
 */
export interface DemoVolunteer {
  activities: VolunteerActivityDoc[]
  rosters: VolunteerRosterDoc[]
  shifts: ShiftDoc[]
  signups: SignupDoc[]
}

const branchId = 'branch-mingde-1'
const organiser = '明德实验学校第一党支部“七彩阳光”党员志愿服务队'
const leader = { id: 'member-003', name: '王丽' }
const secretary = 'member-001'

type Person = [id: string, name: string]
const people: Person[] = [
  ['member-001', '李红梅'],
  ['member-002', '张建国'],
  ['member-004', '陈志强'],
  ['member-007', '孙伟'],
  ['member-008', '周静'],
  ['member-009', '吴磊'],
  ['member-010', '郑雪'],
  ['member-011', '冯涛'],
  ['member-012', '朱琳'],
  ['member-015', '何俊'],
  ['member-016', '高雅'],
  ['member-021', '谢雨婷'],
]
const person = (name: string): Person => people.find((p) => p[1] === name) as Person

const id = () => randomBytes(16).toString('hex')

export function demoVolunteer(now: Date): DemoVolunteer {
  const activity = (type: ActivityType, title: string, description: string, place: string, createdAt: Date): VolunteerActivityDoc => ({
    _id: id(),
    branchId,
    type,
    title,
    description,
    place,
    organiser,
    status: 'published',
    cancelReason: null,
    createdBy: secretary,
    createdAt,
    updatedAt: createdAt,
  })
  const termStart = addCalendar(startOf('week', now), -2, 'week')
  const zebra = activity('zebraCrossing', '礼让斑马线 文明劝导', '上学高峰在学校东门路口协助交警引导学生和家长过马路，劝导车辆礼让行人。', '学校东门路口', termStart)
  const community = activity('community', '阳光社区环境整治', '清理楼道小广告、整理共享单车，向居民宣传垃圾分类。', '阳光社区服务中心', addCalendar(now, -20, 'day'))
  const homeTeaching = activity('homeTeaching', '送教上门', '为因病不能到校的学生送课上门，每次两位老师，语文、数学各一节。', '学生家中（出发前联系家长）', addCalendar(now, -20, 'day'))
  const elderCare = activity('elderCare', '夕阳红敬老院慰问', '陪老人聊天、表演节目，帮助打扫房间。', '夕阳红敬老院', addCalendar(now, -40, 'day'))

  const shifts: ShiftDoc[] = []
  const signups: SignupDoc[] = []
  const shift = (a: VolunteerActivityDoc, times: ShiftTimes, capacity: number, hours: number, extra: Partial<ShiftDoc> = {}): ShiftDoc => {
    const doc: ShiftDoc = {
      _id: id(),
      branchId,
      activityId: a._id,
      activityType: a.type,
      activityTitle: a.title,
      organiser,
      place: a.place,
      rosterId: null,
      date: beijingDate(times.startAt),
      ...times,
      capacity,
      taken: 0,
      waitlist: [],
      eligibility: 'partyMembers',
      leaderId: leader.id,
      leaderName: leader.name,
      hours,
      presenceShare: 0.6,
      geofence: null,
      status: 'published',
      cancelReason: null,
      cancelledByRoster: false,
      peopleServed: 0,
      version: 1,
      secret: randomBytes(24).toString('hex'),
      createdBy: secretary,
      createdAt: a.createdAt,
      updatedAt: a.createdAt,
      ...extra,
    }
    shifts.push(doc)
    return doc
  }
  /** A person on a shift; a held shift gets check-in times and confirmed hours. */
  const place = (s: ShiftDoc, who: Person, status: 'confirmed' | 'waitlisted' = 'confirmed', extra: Partial<SignupDoc> = {}) => {
    const held = s.endAt.getTime() < now.getTime() && status === 'confirmed'
    const signedUpAt = new Date(Math.min(s.signupOpensAt.getTime() + hourMs, s.startAt.getTime() - hourMs))
    signups.push({
      _id: signupId(s._id, who[0]),
      shiftId: s._id,
      activityId: s.activityId,
      branchId,
      memberId: who[0],
      memberName: who[1],
      startAt: s.startAt,
      endAt: s.endAt,
      status,
      signedUpAt,
      confirmedAt: status === 'confirmed' ? signedUpAt : null,
      offeredAt: null,
      checkInAt: held ? new Date(s.startAt.getTime() - 5 * 60_000) : null,
      checkOutAt: held ? new Date(s.endAt.getTime() + 3 * 60_000) : null,
      checkInMethod: held ? 'code' : null,
      hours: held ? s.hours : null,
      hoursStatus: held ? 'credited' : 'pending',
      confirmedBy: held ? leader.name : null,
      confirmedById: held ? leader.id : null,
      rev: 1,
      updatedAt: signedUpAt,
      ...extra,
    })
    if (status === 'confirmed') s.taken++
    else s.waitlist.push({ memberId: who[0], name: who[1], at: signedUpAt })
  }

  // A term of 礼让斑马线: school days for twelve weeks from two weeks ago, the fifth week's
  // Wednesday to Friday off (校运会).
  const pattern = {
    fromDate: beijingDate(termStart),
    toDate: beijingDate(addCalendar(termStart, 12, 'week')),
    weekdays: [1, 2, 3, 4, 5] as Array<1 | 2 | 3 | 4 | 5>,
    startClock: '07:30',
    endClock: '08:00',
    holidays: [{ from: beijingDate(addCalendar(termStart, 4 * 7 + 2, 'day')), to: beijingDate(addCalendar(termStart, 4 * 7 + 4, 'day')) }],
  }
  const roster: VolunteerRosterDoc = {
    _id: id(),
    branchId,
    activityId: zebra._id,
    pattern,
    policy: defaultRosterPolicy,
    capacity: 2,
    eligibility: 'partyMembers',
    leaderId: leader.id,
    leaderName: leader.name,
    hours: 0.5,
    presenceShare: 0.6,
    place: '',
    geofence: null,
    createdBy: secretary,
    createdAt: termStart,
    updatedAt: termStart,
  }
  const gateDuty = patternDates(pattern).map((date) => shift(zebra, rosterShiftTimes(pattern, defaultRosterPolicy, date, termStart), 2, 0.5, { rosterId: roster._id }))
  let turn = 0
  for (const s of gateDuty) {
    if (s.endAt.getTime() < now.getTime()) {
      place(s, people[turn++ % people.length])
      place(s, people[turn++ % people.length])
    }
  }
  // Ahead: the member of the demo holds the day after tomorrow's gate duty (or the next one), and
  // 周静 offers her seat next week for a swap.
  const ahead = gateDuty.filter((s) => s.date > beijingDate(now))
  if (ahead[1]) place(ahead[1], person('孙伟'))
  if (ahead[1]) place(ahead[1], person('谢雨婷'))
  if (ahead[3]) place(ahead[3], person('周静'), 'confirmed', { offeredAt: addCalendar(now, -1, 'day') })
  if (ahead[4]) place(ahead[4], person('吴磊'))

  const at = (days: number, clock: string) => fromBeijing(beijingDate(addCalendar(now, days, 'day')), clock)
  const times = (days: number, from: string, to: string, opensDaysBefore = 14): ShiftTimes => {
    const startAt = at(days, from)
    return { startAt, endAt: at(days, to), signupOpensAt: new Date(startAt.getTime() - opensDaysBefore * dayMs), signupClosesAt: new Date(startAt.getTime() - 12 * hourMs), cancelDeadline: new Date(startAt.getTime() - 24 * hourMs) }
  }
  // The community clean-up: one held a fortnight ago (120 people served), one next Saturday.
  const weekday = beijingParts(now).weekday
  const nextSaturday = ((6 - weekday + 7) % 7) + 7
  const heldCleanUp = shift(community, times(-14, '09:00', '11:30'), 8, 2.5, { peopleServed: 120, eligibility: 'allTeachers' })
  for (const name of ['李红梅', '张建国', '陈志强', '郑雪', '何俊', '高雅']) place(heldCleanUp, person(name))
  const cleanUp = shift(community, times(nextSaturday, '09:00', '11:30'), 8, 2.5, { eligibility: 'allTeachers' })
  for (const name of ['李红梅', '冯涛', '高雅']) place(cleanUp, person(name))
  // 送教上门 next Wednesday afternoon: both seats taken, one waiting.
  const nextWednesday = ((3 - weekday + 7) % 7) + 7
  const visit = shift(homeTeaching, times(nextWednesday, '15:30', '17:00'), 2, 1.5, { leaderId: 'member-004', leaderName: '陈志强' })
  place(visit, person('郑雪'))
  place(visit, person('冯涛'))
  place(visit, person('朱琳'), 'waitlisted')
  // The elderly home, a month ago: 46 people served.
  const heldVisit = shift(elderCare, times(-30, '14:00', '16:30'), 10, 2.5, { peopleServed: 46, eligibility: 'allTeachers' })
  for (const name of ['李红梅', '王丽', '周静', '吴磊', '朱琳', '何俊']) place(heldVisit, name === '王丽' ? ['member-003', '王丽'] : person(name))

  return { activities: [zebra, community, homeTeaching, elderCare], rosters: [roster], shifts, signups }
}
