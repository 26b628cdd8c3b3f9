import {
  defaultRosterPolicy,
  hoursFollowingTimes,
  hoursSheetRows,
  mayCancel,
  mayChangeShift,
  mayConfirmHours,
  mayJoin,
  mayLeaveWaitlist,
  overlaps,
  placesWith,
  joinedLine,
  patternDates,
  planRosterEdit,
  presenceShare,
  rosterPatternProblems,
  rosterShiftTimes,
  scanMeaning,
  shiftCheckinWindow,
  shiftLengthHours,
  shiftTimesProblems,
  signupWindow,
  timeClash,
  suggestedHours,
  teamFigures,
  waitlistPosition,
  weekdayOf,
  type RosterPattern,
  type RosterShiftRef,
  type ServiceRecord,
  type ShiftTimes,
  type WaitEntry,
} from '../../shared/domain/volunteer'

/** An instant on a Beijing clock: bj('2026-11-28 08:30'). */
const bj = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)

// Saturday 28 November 2026, 08:30–11:30 Beijing: 社区志愿服务.
const shift: ShiftTimes = {
  startAt: bj('2026-11-28 08:30'),
  endAt: bj('2026-11-28 11:30'),
  signupOpensAt: bj('2026-11-20 09:00'),
  signupClosesAt: bj('2026-11-27 18:00'),
  cancelDeadline: bj('2026-11-27 12:00'),
}

describe('who may sign up', () => {
  it('lets only 正式 and 预备 Party members join a members-only shift, and every teacher an open one', () => {
    expect(mayJoin('partyMembers', 'full')).toBe(true)
    expect(mayJoin('partyMembers', 'probationary')).toBe(true)
    expect(mayJoin('partyMembers', 'activist')).toBe(false)
    expect(mayJoin('partyMembers', 'nonMember')).toBe(false)
    expect(mayJoin('allTeachers', 'nonMember')).toBe(true)
  })
})

describe('sign-up and cancel deadlines', () => {
  it('opens sign-up at its opening and closes it at its closing', () => {
    expect(signupWindow(shift, bj('2026-11-20 08:59'))).toBe('notOpen')
    expect(signupWindow(shift, bj('2026-11-20 09:00'))).toBe('open')
    expect(signupWindow(shift, bj('2026-11-27 17:59'))).toBe('open')
    expect(signupWindow(shift, bj('2026-11-27 18:00'))).toBe('closed')
  })

  it('closes sign-up at the start even when the closing was set later', () => {
    expect(signupWindow({ ...shift, signupClosesAt: bj('2026-11-28 09:00') }, bj('2026-11-28 08:30'))).toBe('closed')
  })

  it('lets a member cancel until the deadline, not at it', () => {
    expect(mayCancel(shift, bj('2026-11-27 11:59'))).toBe(true)
    expect(mayCancel(shift, bj('2026-11-27 12:00'))).toBe(false)
  })

  it('lets an accidental sign-up be undone for ten minutes after it, past the deadline, unless the shift starts within the hour', () => {
    const late = { signedUpAt: bj('2026-11-27 20:00') }
    expect(mayCancel(shift, bj('2026-11-27 20:09'), late)).toBe(true)
    expect(mayCancel(shift, bj('2026-11-27 20:10'), late)).toBe(false)
    const lastMinute = { signedUpAt: bj('2026-11-28 07:25') }
    expect(mayCancel(shift, bj('2026-11-28 07:29'), lastMinute)).toBe(true)
    expect(mayCancel(shift, bj('2026-11-28 07:30'), lastMinute)).toBe(false)
  })

  it('lets a waiting member leave the line until the start', () => {
    expect(mayLeaveWaitlist(shift, bj('2026-11-28 08:29'))).toBe(true)
    expect(mayLeaveWaitlist(shift, bj('2026-11-28 08:30'))).toBe(false)
  })

  it('lets a manager edit or cancel the shift until it starts, and the leader confirm hours only once it has ended', () => {
    expect(mayChangeShift(shift, bj('2026-11-28 08:29'))).toBe(true)
    expect(mayChangeShift(shift, bj('2026-11-28 08:30'))).toBe(false)
    expect(mayConfirmHours(shift, shift.startAt)).toBe(false)
    expect(mayConfirmHours(shift, new Date(shift.endAt.getTime() - 60_000))).toBe(false)
    expect(mayConfirmHours(shift, shift.endAt)).toBe(true)
  })
})

describe('overlapping shifts', () => {
  const written = bj('2026-11-20 12:00')
  const now = bj('2026-11-21 10:00')
  const held = (id: string, from: string, to: string, status: 'confirmed' | 'waitlisted' | 'cancelled' = 'confirmed', updatedAt = written) => ({ shiftId: id, startAt: bj(from), endAt: bj(to), status, updatedAt })
  it('counts a shared minute as an overlap and back to back as none', () => {
    expect(overlaps(shift, { startAt: bj('2026-11-28 11:29'), endAt: bj('2026-11-28 12:00') })).toBe(true)
    expect(overlaps(shift, { startAt: bj('2026-11-28 11:30'), endAt: bj('2026-11-28 12:00') })).toBe(false)
    expect(overlaps(shift, { startAt: bj('2026-11-28 07:00'), endAt: bj('2026-11-28 08:30') })).toBe(false)
    expect(overlaps(shift, { startAt: bj('2026-11-28 09:00'), endAt: bj('2026-11-28 10:00') })).toBe(true)
  })

  it('names the earliest active place that overlaps, ignoring cancelled ones and the shift itself', () => {
    const target = { shiftId: 'new', ...shift }
    const places = [
      held('late', '2026-11-28 11:00', '2026-11-28 12:00', 'waitlisted'),
      held('gone', '2026-11-28 08:00', '2026-11-28 09:00', 'cancelled'),
      held('early', '2026-11-28 08:00', '2026-11-28 09:00'),
      held('new', '2026-11-28 08:30', '2026-11-28 11:30'),
    ]
    expect(timeClash(target, places)?.shiftId).toBe('early')
    expect(timeClash(target, places.filter((p) => p.shiftId !== 'early'))).toMatchObject({ shiftId: 'late', status: 'waitlisted' })
    expect(timeClash(target, [places[1], places[3]])).toBeNull()
  })

  it('keeps one place per shift on the roster entry and prunes the ended ones', () => {
    const place = (id: string, from: string, to: string) => ({ shiftId: id, title: id, startAt: bj(from), endAt: bj(to), status: 'confirmed' as const })
    const ended = place('ended', '2026-11-20 08:00', '2026-11-20 09:00')
    const kept = place('kept', '2026-11-28 08:00', '2026-11-28 09:00')
    const again = place('kept', '2026-11-29 08:00', '2026-11-29 09:00')
    expect(placesWith([ended, kept], 'new', place('new', '2026-11-28 10:00', '2026-11-28 11:00'), now).map((p) => p.shiftId)).toEqual(['kept', 'new'])
    expect(placesWith([kept], 'kept', again, now)).toEqual([again])
    expect(placesWith([kept], 'kept', null, now)).toEqual([])
  })
})

describe('the waitlist', () => {
  const wait = (...names: string[]): WaitEntry[] => names.map((name, i) => ({ memberId: `m-${name}`, name, at: bj(`2026-11-21 10:0${i}`) }))

  it('adds to the end of the line in the order the places are accepted, never stamped before the one ahead', () => {
    const line = wait('甲', '乙')
    const late = joinedLine(line, 'm-丙', '丙', bj('2026-11-21 10:05'))
    expect(late.map((w) => w.name)).toEqual(['甲', '乙', '丙'])
    expect(late[2].at).toEqual(bj('2026-11-21 10:05'))
    // A request that arrived earlier but was accepted after 乙 (it lost a conflict and ran again).
    const retried = joinedLine(line, 'm-丁', '丁', bj('2026-11-21 10:00'))
    expect(retried.map((w) => w.name)).toEqual(['甲', '乙', '丁'])
    expect(retried[2].at).toEqual(line[1].at)
  })

  it('tells a waiting member their place in line', () => {
    expect(waitlistPosition(wait('甲', '乙', '丙'), 'm-丙')).toBe(3)
    expect(waitlistPosition(wait('甲'), 'm-乙')).toBeNull()
  })
})

describe('presence and hours', () => {
  const gate = { startAt: bj('2026-11-30 07:30'), endAt: bj('2026-11-30 08:00'), hours: 0.5, presenceShare: 0.6 }

  it('opens check-in 30 minutes before the start and check-out until an hour after the end', () => {
    expect(shiftCheckinWindow(gate, bj('2026-11-30 06:59')).state).toBe('notOpen')
    expect(shiftCheckinWindow(gate, bj('2026-11-30 07:00')).state).toBe('open')
    expect(shiftCheckinWindow(gate, bj('2026-11-30 09:00')).state).toBe('open')
    expect(shiftCheckinWindow(gate, bj('2026-11-30 09:01')).state).toBe('closed')
  })

  it('reads a first scan as check-in, a second within ten minutes as a repeat, a later one as check-out', () => {
    expect(scanMeaning({ checkInAt: null }, bj('2026-11-30 07:25'))).toBe('checkIn')
    expect(scanMeaning({ checkInAt: bj('2026-11-30 07:25') }, bj('2026-11-30 07:34'))).toBe('repeat')
    expect(scanMeaning({ checkInAt: bj('2026-11-30 07:25') }, bj('2026-11-30 07:35'))).toBe('checkOut')
  })

  it('measures presence only inside the shift', () => {
    expect(presenceShare(gate, { checkInAt: bj('2026-11-30 07:10'), checkOutAt: bj('2026-11-30 08:20') })).toBe(1)
    expect(presenceShare(gate, { checkInAt: bj('2026-11-30 07:45'), checkOutAt: bj('2026-11-30 08:20') })).toBe(0.5)
    expect(presenceShare(gate, { checkInAt: bj('2026-11-30 07:25'), checkOutAt: null })).toBeNull()
    // Checked in, never out: present until the end, so the leader's default is the shift's hours, not 未到岗.
    expect(suggestedHours(gate, { checkInAt: bj('2026-11-30 07:25'), checkOutAt: null })).toMatchObject({ met: true, hours: suggestedHours(gate, { checkInAt: bj('2026-11-30 07:25'), checkOutAt: gate.endAt }).hours })
    expect(suggestedHours(gate, { checkInAt: bj('2026-11-30 07:25'), checkOutAt: null }).hours).toBeGreaterThan(0)
  })

  it('credits the shift hours from 60 % presence and none below it', () => {
    expect(suggestedHours(gate, { checkInAt: bj('2026-11-30 07:42'), checkOutAt: bj('2026-11-30 08:05') })).toEqual({ share: 0.6, met: true, hours: 0.5 })
    const short = suggestedHours(gate, { checkInAt: bj('2026-11-30 07:43'), checkOutAt: bj('2026-11-30 08:05') })
    expect(short.met).toBe(false)
    expect(short.hours).toBe(0)
    expect(suggestedHours({ ...gate, presenceShare: 0.5 }, { checkInAt: bj('2026-11-30 07:45'), checkOutAt: bj('2026-11-30 08:00') }).hours).toBe(0.5)
  })

  it('gives a shift its length in hours by default, rounded down, and never suggests more', () => {
    expect(shiftLengthHours(gate)).toBe(0.5)
    expect(shiftLengthHours(shift)).toBe(3)
    const fortyFive = { ...gate, endAt: bj('2026-11-30 08:15'), hours: 0.8 }
    expect(shiftLengthHours(fortyFive)).toBe(0.7)
    expect(suggestedHours(fortyFive, { checkInAt: bj('2026-11-30 07:30'), checkOutAt: bj('2026-11-30 08:15') }).hours).toBe(0.7)
  })
})

describe('shift form', () => {
  it('lets the hours follow start and end whichever is edited first', () => {
    const on = (from: string, to: string) => ({ startAt: bj(`2026-11-30 ${from}`), endAt: bj(`2026-11-30 ${to}`) })
    // 09:00–11:00 made 14:00–16:00, the start typed first: on the way the end is before the start.
    const startFirst = hoursFollowingTimes(on('14:00', '16:00'), hoursFollowingTimes(on('14:00', '11:00'), 2))
    const endFirst = hoursFollowingTimes(on('14:00', '16:00'), hoursFollowingTimes(on('09:00', '16:00'), 2))
    expect([startFirst, endFirst]).toEqual([2, 2])
    expect(hoursFollowingTimes(on('07:30', '08:15'), 2)).toBe(0.7)
  })

  it('accepts sensible times', () => {
    expect(shiftTimesProblems(shift)).toEqual({})
  })

  it('names each field that is wrong', () => {
    expect(shiftTimesProblems({ ...shift, endAt: shift.startAt })).toEqual({ endAt: '结束时间应晚于开始时间' })
    expect(shiftTimesProblems({ ...shift, endAt: bj('2026-11-29 09:00') }).endAt).toMatch('不能超过')
    expect(shiftTimesProblems({ ...shift, startAt: bj('2026-11-28 20:00'), endAt: bj('2026-11-29 01:00') }).endAt).toBe('班次应在同一天内结束')
    expect(shiftTimesProblems({ ...shift, signupClosesAt: bj('2026-11-28 09:00') }).signupClosesAt).toBe('报名截止不能晚于班次开始')
    expect(shiftTimesProblems({ ...shift, signupClosesAt: shift.signupOpensAt }).signupClosesAt).toBe('报名截止应晚于报名开始')
    expect(shiftTimesProblems({ ...shift, cancelDeadline: bj('2026-11-28 09:00') }).cancelDeadline).toBe('取消截止不能晚于班次开始')
  })

  it('lets a shift end at midnight on its own day', () => {
    expect(shiftTimesProblems({ ...shift, startAt: bj('2026-11-28 20:00'), endAt: bj('2026-11-29 00:00') })).toEqual({})
  })
})

describe('recurring rosters in Beijing time', () => {
  // 礼让斑马线: every school day 07:30–08:00, from the last days of September to mid October,
  // skipping the National Day holiday.
  const term: RosterPattern = {
    fromDate: '2026-09-28',
    toDate: '2026-10-13',
    weekdays: [1, 2, 3, 4, 5],
    startClock: '07:30',
    endClock: '08:00',
    holidays: [{ from: '2026-10-01', to: '2026-10-08' }],
  }

  it('puts a shift on every school day across the month boundary and none on the holiday', () => {
    expect(weekdayOf('2026-09-28')).toBe(1)
    expect(weekdayOf('2026-10-04')).toBe(7)
    expect(patternDates(term)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-09', '2026-10-12', '2026-10-13'])
  })

  it('places a 07:30 shift on its Beijing day, which begins the evening before in UTC', () => {
    const times = rosterShiftTimes(term, defaultRosterPolicy, '2026-10-09', bj('2026-09-20 10:00'))
    expect(times.startAt.toISOString()).toBe('2026-10-08T23:30:00.000Z')
    expect(times.endAt.toISOString()).toBe('2026-10-09T00:00:00.000Z')
    expect(times.signupOpensAt).toEqual(bj('2026-09-20 10:00'))
    expect(times.signupClosesAt).toEqual(times.startAt)
    expect(times.cancelDeadline).toEqual(bj('2026-10-08 19:30'))
    expect(shiftTimesProblems(times)).toEqual({})
  })

  it('handles a month that ends on the 31st and a February', () => {
    expect(patternDates({ ...term, fromDate: '2026-12-30', toDate: '2027-01-04', holidays: [{ from: '2027-01-01', to: '2027-01-01' }] })).toEqual(['2026-12-30', '2026-12-31', '2027-01-04'])
    expect(patternDates({ ...term, fromDate: '2027-02-26', toDate: '2027-03-02', weekdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] })).toEqual(['2027-02-26', '2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02'])
  })

  it('explains a pattern that cannot work', () => {
    expect(rosterPatternProblems(term)).toEqual({})
    expect(rosterPatternProblems({ ...term, toDate: '2026-09-01' }).toDate).toBe('结束日期应不早于开始日期')
    expect(rosterPatternProblems({ ...term, endClock: '07:00' }).endClock).toBe('结束时间应晚于开始时间')
    expect(rosterPatternProblems({ ...term, weekdays: [] }).weekdays).toBe('请选择每周哪几天')
    expect(rosterPatternProblems({ ...term, fromDate: '2026-10-01', toDate: '2026-10-08' }).weekdays).toMatch('排不出任何班次')
    expect(rosterPatternProblems({ ...term, fromDate: '2026-02-30' }).fromDate).toBe('请选择开始日期')
    expect(rosterPatternProblems({ ...term, toDate: '2027-09-01' }).toDate).toMatch('不能超过')
    expect(rosterPatternProblems({ ...term, holidays: [{ from: '2026-10-08', to: '2026-10-01' }] })['holidays.0']).toBe('假期的起止日期不正确')
  })

  it('changes future shifts only when the pattern is edited', () => {
    const existing: RosterShiftRef[] = patternDates(term).map((date) => ({ id: `s-${date}`, date, startAt: bj(`${date} 07:30`), status: 'published', cancelledByRoster: false }))
    // Edited on 10 October: from now on Monday to Thursday only, and 07:20.
    const plan = planRosterEdit(existing, { ...term, weekdays: [1, 2, 3, 4], startClock: '07:20', toDate: '2026-10-15' }, bj('2026-10-10 12:00'))
    expect(plan.update).toEqual(['s-2026-10-12', 's-2026-10-13'])
    expect(plan.cancel).toEqual([])
    expect(plan.create).toEqual(['2026-10-14', '2026-10-15'])
    // 9 October was a Friday and has passed: it stays.
    const dropTuesday = planRosterEdit(existing, { ...term, weekdays: [1, 3, 4, 5] }, bj('2026-10-10 12:00'))
    expect(dropTuesday.cancel).toEqual(['s-2026-10-13'])
    expect(dropTuesday.update).toEqual(['s-2026-10-12'])
  })

  it('brings back a date an earlier edit cancelled, but not one cancelled by hand', () => {
    const existing: RosterShiftRef[] = [
      { id: 'a', date: '2026-10-12', startAt: bj('2026-10-12 07:30'), status: 'cancelled', cancelledByRoster: true },
      { id: 'b', date: '2026-10-13', startAt: bj('2026-10-13 07:30'), status: 'cancelled', cancelledByRoster: false },
    ]
    expect(planRosterEdit(existing, { ...term, fromDate: '2026-10-12' }, bj('2026-10-10 12:00')).create).toEqual(['2026-10-12'])
  })
})

describe("the team's figures and the hours sheet", () => {
  const record = (name: string, title: string, type: ServiceRecord['activityType'], start: string, end: string, hours: number): ServiceRecord => ({
    memberName: name,
    activityId: title,
    activityTitle: title,
    activityType: type,
    organiser: '七彩阳光党员志愿服务队',
    startAt: bj(start),
    endAt: bj(end),
    hours,
    confirmedBy: '王丽',
  })
  const records = [
    record('孙伟', '社区环境整治', 'community', '2026-11-28 08:30', '2026-11-28 11:30', 3),
    record('周静', '社区环境整治', 'community', '2026-11-28 08:30', '2026-11-28 11:30', 3),
    record('吴磊', '礼让斑马线', 'zebraCrossing', '2026-11-30 07:30', '2026-11-30 08:00', 0.5),
    record('郑雪', '礼让斑马线', 'zebraCrossing', '2026-11-30 07:30', '2026-11-30 08:00', 0),
  ]

  it('adds up activities, 人次, hours and people served by activity type', () => {
    const figures = teamFigures(
      [
        { activityId: '社区环境整治', activityType: 'community', startAt: bj('2026-11-28 08:30'), peopleServed: 120 },
        { activityId: '礼让斑马线', activityType: 'zebraCrossing', startAt: bj('2026-11-30 07:30'), peopleServed: 0 },
        { activityId: '礼让斑马线', activityType: 'zebraCrossing', startAt: bj('2026-12-01 07:30'), peopleServed: 0 },
      ],
      records,
    )
    expect(figures.byType).toEqual([
      { type: 'community', activities: 1, shifts: 1, personTimes: 2, hours: 6, peopleServed: 120 },
      { type: 'zebraCrossing', activities: 1, shifts: 2, personTimes: 1, hours: 0.5, peopleServed: 0 },
    ])
    expect(figures.total).toEqual({ activities: 2, shifts: 3, personTimes: 3, hours: 6.5, peopleServed: 120 })
  })

  it('writes one row per person per shift with hours, in date order, dates and times in Beijing time', () => {
    expect(hoursSheetRows([...records].reverse())).toEqual([
      // Same shift: by name in pinyin order (Sūn before Zhōu).
      ['孙伟', '社区环境整治', '2026-11-28', '08:30', '11:30', 3, '七彩阳光党员志愿服务队', '王丽'],
      ['周静', '社区环境整治', '2026-11-28', '08:30', '11:30', 3, '七彩阳光党员志愿服务队', '王丽'],
      ['吴磊', '礼让斑马线', '2026-11-30', '07:30', '08:00', 0.5, '七彩阳光党员志愿服务队', '王丽'],
    ])
  })
})
