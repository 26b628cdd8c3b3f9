import { attendanceStatusLabels, meetingEnded, type AttendanceStatus, type MeetingType } from './meeting'
import { monthIndex } from './time'

/** Asked here by the attendance screens; it lives with the meeting's other times. */
export { meetingEnded }

/**
 * A member's status at a meeting, and the one tally of a meeting's attendance (应到 / 实到 /
 * 迟到 / 请假 / 缺席, by group, rate) that every screen, the host's code screen and the exported
 * sheet show.
 */

/**
 * What is on record for a member: their attendance record's status, else 请假 when leave was
 * approved, else nothing yet.
 */
export function recordedStatus(record: { status: AttendanceStatus } | null | undefined, leave: { status: string } | null | undefined): AttendanceStatus | null {
  return record?.status ?? (leave?.status === 'approved' ? 'leave' : null)
}

/** A member's status at a meeting: what is on record, else 缺席. */
export function effectiveStatus(record: { status: AttendanceStatus } | null | undefined, leave: { status: string } | null | undefined): AttendanceStatus {
  return recordedStatus(record, leave) ?? 'absent'
}

/** 实到: on time or late. */
export const attended = (status: AttendanceStatus | null): boolean => status === 'present' || status === 'late'

/** One person in the tally. Observers (列席) count only once they came. */
export interface TallyRow {
  memberId: string
  groupId: string | null
  role: 'expected' | 'observer'
  status: AttendanceStatus
}

export interface GroupTally {
  groupId: string | null
  groupName: string
  expected: number
  attended: number
  leave: number
  absent: number
}

export interface AttendanceTally {
  /** 应到. */
  expected: number
  present: number
  late: number
  /** 实到: present + late. */
  attended: number
  leave: number
  absent: number
  observers: number
  /** 实到 / 应到, 0–1, to three decimals. */
  rate: number
  /** Groups in the order given, then 未分组; only groups with someone expected. */
  byGroup: GroupTally[]
}

/** The tally of a meeting from its rows: expected members by status, observers who came. */
export function tallyAttendance(rows: readonly TallyRow[], groups: ReadonlyArray<{ id: string; name: string }> = []): AttendanceTally {
  const expected = rows.filter((r) => r.role === 'expected')
  const count = (list: readonly TallyRow[], status: AttendanceStatus) => list.filter((r) => r.status === status).length
  const present = count(expected, 'present')
  const late = count(expected, 'late')
  const byGroup = [...groups.map((g) => ({ id: g.id as string | null, name: g.name })), { id: null, name: '未分组' }]
    .map((g) => {
      const inGroup = expected.filter((r) => r.groupId === g.id || (g.id === null && !groups.some((x) => x.id === r.groupId)))
      return {
        groupId: g.id,
        groupName: g.name,
        expected: inGroup.length,
        attended: inGroup.filter((r) => attended(r.status)).length,
        leave: count(inGroup, 'leave'),
        absent: count(inGroup, 'absent'),
      }
    })
    .filter((g) => g.expected > 0)
  return {
    expected: expected.length,
    present,
    late,
    attended: present + late,
    leave: count(expected, 'leave'),
    absent: count(expected, 'absent'),
    observers: rows.filter((r) => r.role === 'observer').length,
    rate: expected.length ? Math.round(((present + late) / expected.length) * 1000) / 1000 : 0,
    byGroup,
  }
}

/** What the records say of one member: when they joined the branch, when they last came, and when they were expected. */
export interface LifeRecord {
  /** When they joined the branch (their roster entry's creation). */
  joinedAt: Date
  /** Start of the last meeting they attended (on time or late), if any. */
  lastAttendedAt: Date | null
  /** Starts of the meetings that have ended at which they were expected. */
  expectedAt: readonly Date[]
}

/**
 * How long a member has been without organisational life, judged only from the meetings on
 * record: whole months counted back from the month of `now` (Beijing time, the current month not
 * being over), after the last month they attended. A member who never attended counts from the
 * first meeting they were expected at after joining the branch, that month included (they missed
 * it). `missed` is how many meetings they were expected at since. Null when no meeting has been
 * expected of them yet: there is nothing to judge, and nothing is claimed.
 */
export function timeWithoutLife(record: LifeRecord, now: Date): null | { months: number; missed: number; since: Date } {
  const current = monthIndex(now)
  const after = record.lastAttendedAt ?? record.joinedAt
  const missedAt = record.expectedAt.filter((t) => t.getTime() > after.getTime() || (!record.lastAttendedAt && t.getTime() === after.getTime()))
  if (record.lastAttendedAt) return { months: Math.max(0, current - monthIndex(record.lastAttendedAt) - 1), missed: missedAt.length, since: record.lastAttendedAt }
  if (!missedAt.length) return null
  const first = new Date(Math.min(...missedAt.map((t) => t.getTime())))
  return { months: Math.max(0, current - monthIndex(first)), missed: missedAt.length, since: first }
}

/**
 * Whether a member needs attention after `months` whole months without organisational life: 3
 * is the warning, 6 the line the Party Constitution (Art. 9) draws; null below 3.
 */
export function attentionLevel(months: number): 3 | 6 | null {
  return months >= 6 ? 6 : months >= 3 ? 3 : null
}

/**
 * When a person's record was made, in words: the check-in time, or 补录 (with who entered it) for a
 * record entered by hand after the meeting ended, whose time is the entry's, not an arrival.
 */
export function checkInWords(row: { checkedInAt: string | null; method: string | null; enteredBy: string | null }, meeting: { endAt: Date | string }, clock: (iso: string) => string): string {
  if (!row.checkedInAt) return ''
  if (row.method === 'manual' && new Date(row.checkedInAt).getTime() >= new Date(meeting.endAt).getTime()) return row.enteredBy ? `补录（${row.enteredBy}）` : '补录'
  return clock(row.checkedInAt)
}

/** A leave's reason as the sheet and the app print it: the request's, or the one given by hand. */
export function leaveReasonWords(row: { leaveReason: string | null }): string {
  return row.leaveReason?.trim() ? `请假：${row.leaveReason.trim()}` : '请假（未填写事由）'
}

/** A status in words: 缺席 once the meeting is over, 未签到 while it may still happen. */
export function statusLabel(status: AttendanceStatus, ended: boolean): string {
  return status === 'absent' && !ended ? '未签到' : attendanceStatusLabels[status]
}

/** Whether the caller still has a meeting to go to: nothing on record yet (not checked in, no approved leave). */
export const stillToAttend = (myStatus: AttendanceStatus | null): boolean => myStatus === null

export interface QuorumFacts {
  required: number
  present: number
  base: number
  met: boolean
}

/**
 * The quorum in words, naming whom it counts (有表决权的正式党员 for a 支部党员大会, 支委委员 for a
 * 支委会): met, not met once the meeting is over, else where it stands while it runs.
 */
export function quorumWords(type: MeetingType, q: QuorumFacts, ended: boolean): { state: 'met' | 'notMet' | 'pending'; title: string; detail: string } {
  const who = type === 'committeeMeeting' ? '支委委员' : '有表决权的正式党员'
  const state = q.met ? 'met' : ended ? 'notMet' : 'pending'
  const title = state === 'met' ? '已达到法定人数' : state === 'notMet' ? '未达到法定人数' : '法定人数尚未确定（会议结束时确定）'
  return { state, title, detail: `${who}共 ${q.base} 人，需超过半数（至少 ${q.required} 人）到会，已到 ${q.present} 人` }
}
