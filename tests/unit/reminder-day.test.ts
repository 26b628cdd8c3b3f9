import { addCalendar, beijingClock, fromBeijing, minuteMs } from '../../shared/domain/time'
import { claimKey, dueReminders, type ReminderState } from '../../shared/domain/reminders'
import type { MeetingAudience } from '../../shared/domain/meeting'

const bj = (text: string) => new Date(`${text}+08:00`)
const branch: MeetingAudience = { kind: 'branch', groupId: null, memberIds: [], allowObservers: true }
const committee: MeetingAudience = { kind: 'committee', groupId: null, memberIds: [], allowObservers: false }

const member = (id: string, extra: Partial<ReminderState['members'][number]> = {}) => ({ _id: id, groupId: 'g1', positions: [], category: 'full' as const, status: 'active' as const, ...extra })
const meeting = (id: string, start: string, minutes: number, extra: Partial<ReminderState['meetings'][number]> = {}) => ({
  id,
  title: `会议${id}`,
  type: 'generalMeeting' as const,
  venue: '三楼会议室',
  startAt: bj(start),
  endAt: new Date(bj(start).getTime() + minutes * minuteMs),
  status: 'published' as const,
  audience: branch,
  ...extra,
})

/** Monday 2 March 2026, Beijing time, and everything the branch has on around it. */
const state: ReminderState = {
  members: [
    member('A', { positions: ['secretary'] }),
    member('B'),
    member('C', { groupId: 'g2' }),
    member('D', { category: 'activist' }),
    member('E', { status: 'transferredOut' }),
  ],
  meetings: [
    // Tomorrow afternoon; C has asked for leave.
    meeting('M1', '2026-03-03T16:30:00', 60),
    // This morning at nine.
    meeting('M2', '2026-03-02T09:00:00', 60, { type: 'partyLecture' }),
    // Tomorrow, but cancelled.
    meeting('M3', '2026-03-03T10:00:00', 60, { status: 'cancelled' }),
    // The committee, tonight at eight.
    meeting('M4', '2026-03-02T20:00:00', 60, { type: 'committeeMeeting', audience: committee }),
    // A draft for tomorrow is nobody's business yet.
    meeting('M5', '2026-03-03T09:00:00', 60, { status: 'draft' }),
  ],
  onLeave: new Map([['M1', new Set(['C'])]]),
  checkedIn: new Map(),
  shifts: [
    { id: 'S1', title: '礼让斑马线文明劝导', place: '学校东门', startAt: bj('2026-03-03T07:30:00'), endAt: bj('2026-03-03T08:00:00'), cancelled: false, confirmedMemberIds: ['B'] },
    { id: 'S2', title: '社区志愿服务', place: '阳光社区', startAt: bj('2026-03-03T14:00:00'), endAt: bj('2026-03-03T16:00:00'), cancelled: true, confirmedMemberIds: ['A'] },
  ],
  tasks: [
    // Due at the end of Wednesday: reminded from 09:00 on Monday, to those who have not submitted.
    { id: 'T1', title: '学习四中全会精神', dueAt: bj('2026-03-05T00:00:00'), noteRequired: true, publishedAt: bj('2026-02-20T10:00:00'), closed: false, audienceMemberIds: ['A', 'B', 'C'], submittedMemberIds: new Set(['A']) },
    // Published this morning, due this evening.
    { id: 'T2', title: '读《习近平谈治国理政》', dueAt: bj('2026-03-02T18:00:00'), noteRequired: false, publishedAt: bj('2026-03-02T10:17:00'), closed: false, audienceMemberIds: ['A'], submittedMemberIds: new Set() },
    // Due next week: not yet.
    { id: 'T3', title: '下周的任务', dueAt: bj('2026-03-10T00:00:00'), noteRequired: true, publishedAt: bj('2026-03-01T10:00:00'), closed: false, audienceMemberIds: ['A', 'B'], submittedMemberIds: new Set() },
  ],
  tests: [
    // Opened at midnight: told in the morning, not in the night.
    { id: 'X1', title: '第一季度理论测试', opensAt: bj('2026-03-02T00:00:00'), closesAt: bj('2026-03-08T22:00:00'), durationMinutes: 45, published: true, audienceMemberIds: ['A', 'B', 'C', 'D'], takenMemberIds: new Set(['B']) },
    // Opens late in the evening, still before the quiet hours.
    { id: 'X2', title: '补考', opensAt: bj('2026-03-02T21:50:00'), closesAt: bj('2026-03-09T22:00:00'), durationMinutes: 30, published: true, audienceMemberIds: ['C'], takenMemberIds: new Set() },
  ],
}

describe('a day of reminders, minute by minute', () => {
  it('sends each reminder once, at the first minute it is due', () => {
    const start = fromBeijing('2026-03-02')
    const end = addCalendar(start, 1, 'day')
    const claimed = new Set<string>()
    const dueMinutes = new Map<string, number>()
    const sent: string[] = []
    for (let t = start.getTime(); t < end.getTime(); t += minuteMs) {
      const now = new Date(t)
      for (const r of dueReminders(state, now)) {
        const key = claimKey(r)
        dueMinutes.set(key, (dueMinutes.get(key) ?? 0) + 1)
        if (claimed.has(key)) continue
        claimed.add(key)
        sent.push(`${beijingClock(now)} ${r.kind} ${r.subject.id} → ${r.memberId}`)
      }
    }
    expect(sent).toEqual([
      // Soonest subject first: the test opened at midnight, the lecture starts at nine.
      '08:00 testOpening X1 → A',
      '08:00 testOpening X1 → C',
      '08:00 testOpening X1 → D',
      '08:00 meetingSoon M2 → A',
      '08:00 meetingSoon M2 → B',
      '08:00 meetingSoon M2 → C',
      '09:00 studyTaskDue T1 → B',
      '09:00 studyTaskDue T1 → C',
      '10:17 studyTaskDue T2 → A',
      '17:00 shiftTomorrow S1 → B',
      '17:00 meetingTomorrow M1 → A',
      '17:00 meetingTomorrow M1 → B',
      '19:00 meetingSoon M4 → A',
      '21:50 testOpening X2 → C',
    ])
    // Each stayed due for many minutes (a timer every 5 minutes catches it): only the claim keeps it to one.
    expect(Math.min(...dueMinutes.values())).toBeGreaterThanOrEqual(10)
  })

  it('reminds of a meeting moved to another day again, and of the original day only once', () => {
    const only = { ...state, onLeave: new Map(), tasks: [], tests: [], shifts: [] }
    const moved = { ...only, meetings: [meeting('M1', '2026-03-04T16:30:00', 60)] }
    const before = dueReminders({ ...only, meetings: [meeting('M1', '2026-03-03T16:30:00', 60)] }, bj('2026-03-02T17:00:00'))
    const after = dueReminders(moved, bj('2026-03-03T17:00:00'))
    expect(before.length).toBe(3)
    expect(after.length).toBe(3)
    expect(new Set(after.map(claimKey)).size).toBe(3)
    for (const r of after) expect(before.map(claimKey)).not.toContain(claimKey(r))
  })
})
