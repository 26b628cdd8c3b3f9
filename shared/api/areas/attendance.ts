import { z } from 'zod'
import type { AttendanceTally } from '../../domain/attendance'
import type { AttendanceStatus, MeetingType } from '../../domain/meeting'
import { memberCategories, type MemberCategory } from '../../domain/member'
import { id, isoTime, noInput, output, type FileLink } from '../fields'
import type { MeetingView } from './meeting'

export interface AttendanceRow {
  memberId: string
  name: string
  groupName: string | null
  category: MemberCategory
  role: 'expected' | 'observer'
  status: AttendanceStatus
  checkedInAt: string | null
  method: 'rotating' | 'static' | 'manual' | 'host' | null
  /** The leave request's reason, or the reason given when the leave was entered by hand. */
  leaveReason: string | null
  /** The reason given with the record's last change (补签, a leave entered by hand). */
  note: string | null
  /** Who made the record's last change by hand, if anyone. */
  enteredBy: string | null
}

/** A meeting's attendance: the shared tally, the quorum, every person and every correction. */
export interface MeetingAttendanceView extends AttendanceTally {
  meeting: MeetingView
  quorum: null | { required: number; present: number; base: number; met: boolean }
  rows: AttendanceRow[]
  corrections: Array<{ at: string; byName: string; memberName: string; before: AttendanceStatus | null; after: AttendanceStatus; reason: string }>
  /** The expected list: when it was written into the record (null while the meeting has not ended), and its corrections since. */
  roll: { frozenAt: string | null; corrections: RollCorrectionView[] }
}

/** A correction of a closed meeting's expected list: who, when, before, after, why. */
export interface RollCorrectionView {
  at: string
  byName: string
  memberName: string
  before: string
  after: string
  reason: string
}

export interface MemberAttendanceView {
  member: { id: string; name: string; groupName: string | null }
  from: string
  to: string
  expected: number
  attended: number
  late: number
  leave: number
  absent: number
  rows: Array<{ meetingId: string; title: string; type: MeetingType; startAt: string; status: AttendanceStatus; checkedInAt: string | null }>
}

/** A Party member the branch should follow up: long without organisational life, or never yet attended. */
export interface InactiveMemberView {
  memberId: string
  name: string
  groupName: string | null
  category: MemberCategory
  lastAttendedAt: string | null
  /** Whole months without organisational life, counted as `timeWithoutLife` does. */
  months: number
  /** Meetings they were expected at since (since they last came, or since the first one). */
  missed: number
  /** The last meeting they came to, else the first they were expected at. */
  since: string
  /** 3: needs attention; 6: the line the Party Constitution (Art. 9) draws; null: has never attended, not yet 3 months. */
  level: 3 | 6 | null
}

/** 需关注成员 and what the judgement rests on: the ended meetings on record (from when, how many). */
export interface AttentionView {
  members: InactiveMemberView[]
  checked: { from: string | null; meetings: number }
}

export const attendanceActions = {
  'attendance.meeting': {
    input: z.object({ meetingId: id }).strict(),
    output: output<MeetingAttendanceView>(),
  },
  'attendance.member': {
    input: z.object({ memberId: id.optional(), from: isoTime, to: isoTime }).strict(),
    output: output<MemberAttendanceView>(),
  },
  'attendance.inactive': {
    input: noInput,
    output: output<AttentionView>(),
  },
  /** A correction of a closed meeting's expected list (应到), logged with who, when, before, after and why. */
  'attendance.correctRoll': {
    input: z
      .object({
        meetingId: id,
        change: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('add'), memberId: id }).strict(),
          z.object({ kind: z.literal('remove'), memberId: id }).strict(),
          z.object({ kind: z.literal('category'), memberId: id, category: z.enum(memberCategories) }).strict(),
        ]),
        reason: z.string().trim().min(1, '请填写更正原因').max(200),
      })
      .strict(),
    output: output<MeetingAttendanceView>(),
  },
  'attendance.exportSheet': {
    input: z.object({ meetingId: id }).strict(),
    output: output<FileLink>(),
  },
} as const
