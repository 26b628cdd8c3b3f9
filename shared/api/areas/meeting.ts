import { z } from 'zod'
import { audienceKinds, branchMeetingTypes, meetingTypes, subjectMax, type AttendanceStatus, type AudienceKind, type MeetingType, type WindowState } from '../../domain/meeting'
import { meetingLimits, meetingMessages } from '../../domain/meeting-form'
import type { MemberCategory, Position } from '../../domain/member'
import { calendarDate, cloudFileId, id, isoTime, noInput, output, type FileLink, type UploadName } from '../fields'

export interface MeetingSummaryView {
  id: string
  type: MeetingType
  title: string
  startAt: string
  endAt: string
  venue: string
  status: 'draft' | 'published' | 'cancelled'
  /** The caller's part in it. */
  myRole: 'expected' | 'observer' | 'outside'
  myStatus: AttendanceStatus | null
  myCheckedInAt: string | null
  myLeave: null | { status: 'pending' | 'approved' | 'rejected'; reason: string; comment: string | null }
  canManage: boolean
  /** The caller hosts or records it: may show the code, check people in and see attendance. */
  canRunCheckin: boolean
  /** When check-in opens and closes. */
  window: { state: WindowState; opensAt: string; closesAt: string }
}

/** The 活动 tab's first screen in one answer. */
export interface MeetingsPageView {
  /** False for someone not on a branch's roster (not joined, or an organisation admin). */
  member: boolean
  upcoming: MeetingSummaryView[]
  recent: MeetingSummaryView[]
  /** The meetings the caller runs; null when they run none. */
  managed: MeetingSummaryView[] | null
}

export interface MeetingView extends MeetingSummaryView {
  audience: { kind: AudienceKind; groupId: string | null; groupName: string | null; memberIds: string[]; allowObservers: boolean }
  host: { id: string; name: string } | null
  recorder: { id: string; name: string } | null
  agenda: string[]
  checkin: { opensBeforeMinutes: number; lateAfterMinutes: number; allowStaticCode: boolean; geofence: null | { latitude: number; longitude: number; radiusMeters: number } }
  cancelReason: string | null
  /** 专题, when it has one. */
  subject: string | null
  /** 补录: who entered it after it was held, and when. */
  backfilled: { at: string; byName: string } | null
}

/** What a 补录 sheet holds (dry run) or wrote. */
export interface HistoryImportSummary {
  rows: number
  meetings: number
  /** Attendance records: present, late, leave and observers. */
  records: number
  /** First and last day of the meetings in it. */
  from: string | null
  to: string | null
  /** Meetings by type, as "支部党员大会 4 次". */
  byType: Array<{ type: MeetingType; count: number }>
}

/** The day the branch's records are complete from, and the day it would be by default. */
export interface RecordsFromView {
  recordsFrom: string | null
  /** The branch's first day in the app (its first roster entry). */
  firstDay: string | null
  canEdit: boolean
}

/** Who can be chosen as 主持人, 记录人 or attendee: names and groups, no phones. */
export interface MeetingPeopleView {
  groups: Array<{ id: string; name: string }>
  members: Array<{ id: string; name: string; groupId: string | null; groupName: string | null; category: MemberCategory; positions: Position[]; status: 'active' }>
}

const L = meetingLimits
const M = meetingMessages
const minutesUpTo = (max: number, message: string) => z.number({ invalid_type_error: message }).int(message).min(0, message).max(max, message)

/** Each field's rule from the shared meeting form definition; times and audience are checked together by the function. */
const meetingFields = {
  type: z.enum(meetingTypes, { errorMap: () => ({ message: M.type }) }),
  title: z.string().trim().min(L.titleMin, M.titleShort).max(L.titleMax, M.titleLong),
  startAt: isoTime,
  endAt: isoTime,
  venue: z.string().trim().min(1, M.venue).max(L.venueMax, M.venueLong),
  audience: z
    .object({
      kind: z.enum(audienceKinds),
      groupId: id.nullable(),
      memberIds: z.array(id).max(L.audienceMembers),
      allowObservers: z.boolean(),
    })
    .strict(),
  hostId: id.nullable(),
  recorderId: id.nullable(),
  agenda: z.array(z.string().trim().min(1).max(L.agendaItemMax, M.agendaItemLong)).max(L.agendaItems, M.agendaItems),
  subject: z.string().trim().max(subjectMax, `专题不能超过 ${subjectMax} 个字`).nullable().optional(),
  checkin: z
    .object({
      opensBeforeMinutes: minutesUpTo(L.opensBeforeMax, M.opensBefore),
      lateAfterMinutes: minutesUpTo(L.lateAfterMax, M.lateAfter),
      allowStaticCode: z.boolean(),
      geofence: z
        .object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
          radiusMeters: z.number({ invalid_type_error: M.radius }).int(M.radius).min(L.radiusMin, M.radius).max(L.radiusMax, M.radius),
        })
        .strict()
        .nullable(),
    })
    .strict(),
}

const { checkin: _checkin, type: _type, ...backfillFields } = meetingFields

export const meetingActions = {
  /** 补录 one past meeting with who came, from a paper sign-in sheet: nobody is notified. */
  'meeting.backfill': {
    input: z
      .object({
        ...backfillFields,
        type: z.enum(branchMeetingTypes as [MeetingType, ...MeetingType[]], { errorMap: () => ({ message: M.type }) }),
        attendance: z.array(z.object({ memberId: id, status: z.enum(['present', 'late', 'leave', 'observer']) }).strict()).max(L.audienceMembers),
      })
      .strict(),
    output: output<MeetingView>(),
  },
  'meeting.historyTemplate': {
    input: noInput,
    output: output<FileLink>(),
  },
  /** The name to upload a 补录 sheet to, before meeting.importHistory. */
  'meeting.prepareHistoryImport': {
    input: noInput,
    output: output<UploadName>(),
  },
  /** Many past meetings at once from a sheet: every row checked, all or nothing, nobody notified. */
  'meeting.importHistory': {
    input: z.object({ fileID: cloudFileId, dryRun: z.boolean() }).strict(),
    output: output<HistoryImportSummary>(),
  },
  /** The day the branch's records are complete from; set by those who manage meetings. */
  'meeting.recordsFrom': {
    input: z.object({ recordsFrom: calendarDate.optional() }).strict(),
    output: output<RecordsFromView>(),
  },
  'meeting.create': {
    input: z.object({ ...meetingFields, publish: z.boolean() }).strict(),
    output: output<MeetingView>(),
  },
  'meeting.update': {
    input: z.object({ meetingId: id, ...meetingFields }).partial().required({ meetingId: true }).strict(),
    output: output<MeetingView>(),
  },
  'meeting.publish': {
    input: z.object({ meetingId: id }).strict(),
    output: output<MeetingView>(),
  },
  'meeting.cancel': {
    input: z.object({ meetingId: id, reason: z.string().trim().min(1, '请填写取消原因').max(100) }).strict(),
    output: output<MeetingView>(),
  },
  'meeting.get': {
    input: z.object({ meetingId: id }).strict(),
    output: output<MeetingView>(),
  },
  'meeting.page': {
    input: noInput,
    output: output<MeetingsPageView>(),
  },
  'meeting.listMine': {
    input: noInput,
    output: output<{ upcoming: MeetingSummaryView[]; recent: MeetingSummaryView[] }>(),
  },
  'meeting.people': {
    input: noInput,
    output: output<MeetingPeopleView>(),
  },
  'meeting.listManage': {
    input: z.object({ includeCancelled: z.boolean().optional() }).strict(),
    output: output<MeetingSummaryView[]>(),
  },
} as const
