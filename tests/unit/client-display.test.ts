import type { MeetingSummaryView } from '../../shared/api/contract'
import { beijingIso, formatClock, formatDate, formatSpan, formatTime, isTodayInBeijing, splitBeijing, todayInBeijing } from '../../miniprogram/src/services/format'
import { checkinLikelyOpen, myStatusChip } from '../../miniprogram/src/services/meeting-status'
import { filterByType, typeFilters } from '../../miniprogram/src/services/shift-filter'

const bj = (text: string) => new Date(`${text}+08:00`).getTime()
const now = bj('2026-12-08T15:00:00')

describe('the app’s dates and times', () => {
  it('shows dates as 12月8日 in Beijing time, with the year only when it is not this year', () => {
    expect(formatTime('2026-12-08T08:30:00Z', now)).toBe('12月8日 16:30')
    expect(formatTime('2025-03-08T08:30:00Z', now)).toBe('2025年3月8日 16:30')
    expect(formatDate('2026-12-07T16:30:00Z', now)).toBe('12月8日')
    expect(formatClock('2026-12-08T08:31:00Z')).toBe('16:31')
    expect(formatTime('不是时间', now)).toBe('不是时间')
  })

  it('writes a meeting’s span with the end’s day only when it differs', () => {
    expect(formatSpan('2026-12-08T08:30:00Z', '2026-12-08T09:30:00Z', now)).toBe('12月8日 周二 16:30–17:30')
    expect(formatSpan('2026-12-08T15:00:00Z', '2026-12-09T01:00:00Z', now)).toBe('12月8日 周二 23:00–12月9日 09:00')
  })

  it('knows today by the Beijing calendar, whatever the phone’s zone', () => {
    expect(todayInBeijing(bj('2026-12-08T00:10:00'))).toBe('2026-12-08')
    expect(isTodayInBeijing('2026-12-07T16:05:00Z', bj('2026-12-08T23:59:00'))).toBe(true)
    expect(isTodayInBeijing('2026-12-07T15:55:00Z', bj('2026-12-08T23:59:00'))).toBe(false)
  })

  it('turns the pickers’ Beijing date and time into the instant the server expects, and back', () => {
    expect(beijingIso('2026-12-08', '16:30')).toBe('2026-12-08T08:30:00.000Z')
    expect(splitBeijing('2026-12-08T16:30:00Z')).toEqual({ date: '2026-12-09', time: '00:30' })
  })
})

describe('my status at a meeting', () => {
  const meeting = (overrides: Partial<MeetingSummaryView> = {}): MeetingSummaryView => ({
    id: 'm1',
    type: 'themedPartyDay',
    title: '主题党日',
    startAt: '2026-12-08T08:30:00Z',
    endAt: '2026-12-08T09:30:00Z',
    venue: '会议室',
    status: 'published',
    myRole: 'expected',
    myStatus: null,
    myCheckedInAt: null,
    myLeave: null,
    canManage: false,
    canRunCheckin: false,
    window: { state: 'open', opensAt: '2026-12-08T08:00:00Z', closesAt: '2026-12-08T09:30:00Z' },
    ...overrides,
  })

  it('says what a teacher needs to know, from 待参加 to 缺席', () => {
    expect(myStatusChip(meeting(), bj('2026-12-08T15:00:00'))).toEqual({ text: '待参加', tone: 'grey' })
    expect(myStatusChip(meeting(), bj('2026-12-08T16:40:00'))).toEqual({ text: '未签到', tone: 'red' })
    expect(myStatusChip(meeting(), bj('2026-12-08T18:00:00'))).toEqual({ text: '缺席', tone: 'red' })
    expect(myStatusChip(meeting({ myStatus: 'late', myCheckedInAt: '2026-12-08T08:41:00Z' }), now)).toEqual({ text: '迟到 16:41', tone: 'amber' })
    expect(myStatusChip(meeting({ myLeave: { status: 'pending', reason: '外出', comment: null } }), now)).toEqual({ text: '请假待批', tone: 'gold' })
    expect(myStatusChip(meeting({ status: 'cancelled' }), now)).toEqual({ text: '已取消', tone: 'grey' })
    expect(myStatusChip(meeting({ myRole: 'outside' }), now)).toBeNull()
  })

  it('offers the scan button only while the meeting’s own window is open and I have not checked in', () => {
    expect(checkinLikelyOpen(meeting(), bj('2026-12-08T16:10:00'))).toBe(true)
    expect(checkinLikelyOpen(meeting(), bj('2026-12-08T15:59:00'))).toBe(false)
    expect(checkinLikelyOpen(meeting({ myCheckedInAt: '2026-12-08T08:05:00Z' }), bj('2026-12-08T16:10:00'))).toBe(false)
  })
})

describe('the 报名 list’s activity types', () => {
  const open = [
    ...Array.from({ length: 30 }, () => ({ activityType: 'zebraCrossing' as const })),
    { activityType: 'community' as const },
    { activityType: 'homeTeaching' as const },
  ]

  it('offers each type that has open shifts, with its count, so a month of gate duty does not hide the rest', () => {
    expect(typeFilters(open).map((f) => f.label)).toEqual(['全部 32', '社区志愿服务 1', '送教上门 1', '礼让斑马线 30'])
    expect(filterByType(open, 'community')).toEqual([{ activityType: 'community' }])
    expect(filterByType(open, 'all')).toHaveLength(32)
  })

  it('offers no filter when every open shift is of one type', () => {
    expect(typeFilters(open.slice(0, 30))).toEqual([])
  })
})
