import { z } from 'zod'
import { memberCategories, positions, type MemberCategory, type Position } from '../domain/member'
import { capabilities, type Capability } from '../domain/permissions'
import { audienceKinds, meetingTypes, type AttendanceStatus, type AudienceKind, type MeetingType, type WindowState } from '../domain/meeting'
import { functionOf, type FunctionOf } from './routing'

/**
 * The typed API contract: every action the mini-program may call, the zod schema of its input
 * and the type of its output. An action `area.verb` is served by the cloud function `area`.
 * Both the client and the functions import this file, so a renamed field breaks the build on
 * both sides. The client imports only types from here (and `functionOf` from ./routing), so
 * zod never ships in the mini-program bundle.
 */

/** Marks an output type without a runtime value. */
const output = <T>() => undefined as unknown as T

export interface MeView {
  openidBound: boolean
  member: null | {
    id: string
    name: string
    category: MemberCategory
    positions: Position[]
    phoneMasked: string
    joinedPartyAt: string | null
    branch: { id: string; name: string }
    group: null | { id: string; name: string }
    capabilities: Capability[]
  }
  /** Set when this identity administers an organisation (党委/党总支). */
  orgAdmin: null | { orgId: string; orgName: string }
  /** A join request of this identity waiting for the secretary. */
  pendingJoin: null | { requestId: string; branchName: string; submittedAt: string }
  /** The secretary turned this identity's last join request down (with the reason, if given). */
  joinRejected: null | { branchName: string; comment: string | null; decidedAt: string }
}

/** One roster entry as lists show it: the phone is always masked. */
export interface RosterMemberView {
  id: string
  name: string
  category: MemberCategory
  positions: Position[]
  groupId: string | null
  groupName: string | null
  phoneMasked: string
  joinedPartyAt: string | null
  status: 'active' | 'transferredOut'
  bound: boolean
}

export interface RosterView {
  branch: { id: string; name: string; inviteCode: string }
  groups: Array<{ id: string; name: string; memberCount: number }>
  members: RosterMemberView[]
  /** Whether the caller may edit (else an organisation admin's read-only view). */
  canManage: boolean
}

export interface MemberHistoryEntry {
  at: string
  byName: string
  action: 'created' | 'updated' | 'imported' | 'transferredOut' | 'unbound' | 'bound' | 'capabilitiesChanged'
  note: string
}

/** The secretary's view of one member, for editing: the full phone and the change history. */
export interface MemberDetailView extends RosterMemberView {
  phone: string
  grants: Capability[]
  revokes: Capability[]
  capabilities: Capability[]
  history: MemberHistoryEntry[]
}

export interface ImportSummary {
  rows: number
  created: number
  updated: number
  unchanged: number
  groupsCreated: string[]
}

/** A generated file in cloud storage and a temporary link to it. */
export interface FileLink {
  fileID: string
  url: string
  fileName: string
}

export interface JoinRequestView {
  id: string
  name: string
  phoneMasked: string
  submittedAt: string
  /** Roster entries that may be this person (same name or same phone). */
  candidates: Array<{ memberId: string; name: string; groupName: string | null; phoneMasked: string; bound: boolean }>
}

export type JoinResult =
  | { status: 'bound'; branchName: string; memberName: string }
  | { status: 'pending'; branchName: string; requestId: string }

export interface MyDataExport {
  exportedAt: string
  identity: { note: string }
  member: MeView['member']
  history: MemberHistoryEntry[]
  joinRequests: Array<{ branchName: string; name: string; phoneMasked: string; status: string; submittedAt: string }>
  attendance: Array<{ meetingTitle: string; startAt: string | null; status: AttendanceStatus; checkedInAt: string | null; method: string; distanceMeters: number | null }>
  attendanceChanges: Array<{ meetingTitle: string; at: string; byName: string; before: string | null; after: string; reason: string }>
  leaveRequests: Array<{ meetingTitle: string; reason: string; status: string; comment: string | null; requestedAt: string }>
  makeups: Array<{ meetingTitle: string; status: string; note: string | null; completedAt: string | null }>
  inbox: Array<{ title: string; body: string; createdAt: string; read: boolean }>
}

export interface PingView {
  now: string
  source: string
}

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

export interface MeetingView extends MeetingSummaryView {
  audience: { kind: AudienceKind; groupId: string | null; groupName: string | null; memberIds: string[]; allowObservers: boolean }
  host: { id: string; name: string } | null
  recorder: { id: string; name: string } | null
  agenda: string[]
  checkin: { opensBeforeMinutes: number; lateAfterMinutes: number; allowStaticCode: boolean; geofence: null | { latitude: number; longitude: number; radiusMeters: number } }
  cancelReason: string | null
}

/** Who can be chosen as 主持人, 记录人 or attendee: names and groups, no phones. */
export interface MeetingPeopleView {
  groups: Array<{ id: string; name: string }>
  members: Array<{ id: string; name: string; groupId: string | null; groupName: string | null; category: MemberCategory; positions: Position[]; status: 'active' }>
}

export interface CheckinCodeView {
  token: string
  /** The link the QR code carries: opens the check-in page in the mini-program and in H5. */
  link: string
  /** PNG of the QR code as a data URL. */
  qr: string
  expiresInMs: number
  window: { state: WindowState; opensAt: string; closesAt: string }
  counts: { expected: number; checkedIn: number; late: number; observers: number; leave: number }
}

export interface CheckinResult {
  meetingId: string
  meetingTitle: string
  status: 'present' | 'late' | 'observer'
  checkedInAt: string
  /** True when this person had already checked in: the time is the first check-in's. */
  already: boolean
}

export interface AttendanceRow {
  memberId: string
  name: string
  groupName: string | null
  category: MemberCategory
  role: 'expected' | 'observer'
  status: AttendanceStatus
  checkedInAt: string | null
  method: 'rotating' | 'static' | 'manual' | null
  leaveReason: string | null
}

export interface MeetingAttendanceView {
  meeting: MeetingView
  expected: number
  present: number
  late: number
  leave: number
  absent: number
  observers: number
  /** 实到 / 应到 (present + late over expected), 0–1. */
  rate: number
  byGroup: Array<{ groupId: string | null; groupName: string; expected: number; attended: number; leave: number; absent: number }>
  quorum: null | { required: number; present: number; base: number; met: boolean }
  rows: AttendanceRow[]
  corrections: Array<{ at: string; byName: string; memberName: string; before: AttendanceStatus | null; after: AttendanceStatus; reason: string }>
}

export interface LeaveView {
  meetingId: string
  meetingTitle: string
  meetingType: MeetingType
  startAt: string
  memberId: string
  memberName: string
  groupName: string | null
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  comment: string | null
  requestedAt: string
}

/** 补学: what a member does after an approved absence. */
export interface MakeupView {
  id: string
  meetingId: string
  meetingTitle: string
  meetingType: MeetingType
  meetingStartAt: string
  memberId: string
  memberName: string
  status: 'open' | 'done'
  note: string | null
  completedAt: string | null
}

export interface InboxMessageView {
  id: string
  kind: 'leaveApproved' | 'leaveRejected' | 'makeupCreated' | 'meetingCancelled'
  title: string
  body: string
  /** Page to open, e.g. pages/meeting/index?id=… */
  link: string | null
  createdAt: string
  read: boolean
}

export interface MinutesView {
  meetingId: string
  topics: string[]
  content: string
  decisions: string
  photos: Array<{ fileID: string; url: string }>
  recordedBy: string | null
  updatedAt: string | null
  canEdit: boolean
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

export interface InactiveMemberView {
  memberId: string
  name: string
  groupName: string | null
  category: MemberCategory
  lastAttendedAt: string | null
  months: number
  /** 3: needs attention; 6: the line the Party Constitution (Art. 9) draws. */
  level: 3 | 6
}

const id = z.string().trim().min(1, '不能为空').max(64)
const personName = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(20, '姓名不能超过 20 个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母和“·”')
const mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号')
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2020-07-01')
  .nullable()
const memberFields = {
  name: personName,
  category: z.enum(memberCategories, { errorMap: () => ({ message: '请选择党员类别' }) }),
  groupId: id.nullable(),
  positions: z.array(z.enum(positions)).max(6),
  phone: mobile,
  joinedPartyAt: isoDate,
}
const cloudFileId = z.string().startsWith('cloud://', '文件地址不正确').max(512)
const isoTime = z.string().datetime({ offset: true, message: '时间格式不正确' })
const meetingFields = {
  type: z.enum(meetingTypes, { errorMap: () => ({ message: '请选择会议类型' }) }),
  title: z.string().trim().min(2, '会议名称至少 2 个字').max(40, '会议名称不能超过 40 个字'),
  startAt: isoTime,
  endAt: isoTime,
  venue: z.string().trim().min(1, '请填写地点').max(40),
  audience: z
    .object({
      kind: z.enum(audienceKinds),
      groupId: id.nullable(),
      memberIds: z.array(id).max(500),
      allowObservers: z.boolean(),
    })
    .strict(),
  hostId: id.nullable(),
  recorderId: id.nullable(),
  agenda: z.array(z.string().trim().min(1).max(100)).max(20),
  checkin: z
    .object({
      opensBeforeMinutes: z.number().int().min(0).max(240),
      lateAfterMinutes: z.number().int().min(0).max(120),
      allowStaticCode: z.boolean(),
      geofence: z
        .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), radiusMeters: z.number().int().min(50).max(5000) })
        .strict()
        .nullable(),
    })
    .strict(),
}
const location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).strict()

export const actions = {
  'system.ping': {
    input: z.object({ echo: z.string().max(100).optional() }).strict(),
    output: output<PingView & { echo?: string }>(),
  },
  'member.me': {
    input: z.object({}).strict(),
    output: output<MeView>(),
  },
  'member.exportMine': {
    input: z.object({}).strict(),
    output: output<MyDataExport>(),
  },

  'roster.list': {
    input: z.object({ branchId: id.optional(), includeTransferred: z.boolean().optional() }).strict(),
    output: output<RosterView>(),
  },
  'roster.get': {
    input: z.object({ memberId: id }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.addMember': {
    input: z.object(memberFields).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.updateMember': {
    input: z
      .object({ memberId: id, ...memberFields })
      .partial({ name: true, category: true, groupId: true, positions: true, phone: true, joinedPartyAt: true })
      .strict(),
    output: output<MemberDetailView>(),
  },
  'roster.transferOut': {
    input: z.object({ memberId: id, note: z.string().trim().min(1, '请填写转出说明').max(200) }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.unbind': {
    input: z.object({ memberId: id }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.setCapabilities': {
    input: z.object({ memberId: id, grants: z.array(z.enum(capabilities)), revokes: z.array(z.enum(capabilities)) }).strict(),
    output: output<MemberDetailView>(),
  },
  'roster.createGroup': {
    input: z.object({ name: z.string().trim().min(1, '请填写党小组名称').max(30) }).strict(),
    output: output<{ id: string; name: string }>(),
  },
  'roster.template': {
    input: z.object({}).strict(),
    output: output<FileLink>(),
  },
  'roster.import': {
    input: z.object({ fileID: cloudFileId, dryRun: z.boolean() }).strict(),
    output: output<ImportSummary>(),
  },
  'roster.export': {
    input: z.object({ branchId: id.optional() }).strict(),
    output: output<FileLink>(),
  },

  'join.submit': {
    input: z
      .object({
        inviteCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,12}$/, '加入码为 4–12 位字母或数字'),
        name: personName,
        phone: mobile,
      })
      .strict(),
    output: output<JoinResult>(),
  },
  'join.listRequests': {
    input: z.object({}).strict(),
    output: output<JoinRequestView[]>(),
  },
  'join.decide': {
    input: z
      .object({
        requestId: id,
        decision: z.enum(['bindExisting', 'createMember', 'reject']),
        memberId: id.optional(),
        category: z.enum(memberCategories).optional(),
        groupId: id.nullable().optional(),
        comment: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: output<{ status: 'bound' | 'rejected' }>(),
  },
  'join.inviteCode': {
    input: z.object({}).strict(),
    output: output<{ inviteCode: string; branchName: string; qr: FileLink }>(),
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
  'meeting.listMine': {
    input: z.object({}).strict(),
    output: output<{ upcoming: MeetingSummaryView[]; recent: MeetingSummaryView[] }>(),
  },
  'meeting.people': {
    input: z.object({}).strict(),
    output: output<MeetingPeopleView>(),
  },
  'meeting.listManage': {
    input: z.object({ includeCancelled: z.boolean().optional() }).strict(),
    output: output<MeetingSummaryView[]>(),
  },

  'checkin.code': {
    input: z.object({ meetingId: id }).strict(),
    output: output<CheckinCodeView>(),
  },
  'checkin.staticCode': {
    input: z.object({ meetingId: id }).strict(),
    output: output<FileLink>(),
  },
  'checkin.scan': {
    input: z
      .object({
        token: z.string().trim().max(80).optional(),
        scene: z.string().trim().max(32).optional(),
        meetingId: id.optional(),
        location: location.optional(),
      })
      .strict()
      .refine((v) => Boolean(v.token) !== Boolean(v.scene), { message: '请扫描会议签到码' }),
    output: output<CheckinResult>(),
  },
  'checkin.manual': {
    input: z
      .object({
        meetingId: id,
        memberId: id,
        status: z.enum(['present', 'late', 'leave', 'absent', 'observer']),
        reason: z.string().trim().min(1, '请填写原因').max(100),
      })
      .strict(),
    output: output<AttendanceRow>(),
  },
  'attendance.meeting': {
    input: z.object({ meetingId: id }).strict(),
    output: output<MeetingAttendanceView>(),
  },

  'attendance.member': {
    input: z.object({ memberId: id.optional(), from: isoTime, to: isoTime }).strict(),
    output: output<MemberAttendanceView>(),
  },
  'attendance.inactive': {
    input: z.object({}).strict(),
    output: output<InactiveMemberView[]>(),
  },
  'attendance.minutes': {
    input: z.object({ meetingId: id }).strict(),
    output: output<MinutesView>(),
  },
  'attendance.saveMinutes': {
    input: z
      .object({
        meetingId: id,
        topics: z.array(z.string().trim().min(1).max(100)).max(20),
        content: z.string().trim().max(5000, '内容不能超过 5000 字'),
        decisions: z.string().trim().max(2000, '决议不能超过 2000 字'),
        photos: z.array(cloudFileId).max(9, '最多 9 张照片'),
      })
      .strict(),
    output: output<MinutesView>(),
  },
  'attendance.exportSheet': {
    input: z.object({ meetingId: id }).strict(),
    output: output<FileLink>(),
  },

  'leave.request': {
    input: z.object({ meetingId: id, reason: z.string().trim().min(2, '请填写请假事由').max(200, '事由不能超过 200 字') }).strict(),
    output: output<LeaveView>(),
  },
  'leave.listPending': {
    input: z.object({}).strict(),
    output: output<LeaveView[]>(),
  },
  'leave.decide': {
    input: z.object({ meetingId: id, memberId: id, approve: z.boolean(), comment: z.string().trim().max(200).optional() }).strict(),
    output: output<LeaveView>(),
  },
  'leave.makeups': {
    input: z.object({ scope: z.enum(['mine', 'branch']) }).strict(),
    output: output<MakeupView[]>(),
  },
  'leave.completeMakeup': {
    input: z.object({ makeupId: id, note: z.string().trim().min(10, '请写下不少于 10 字的学习体会').max(2000) }).strict(),
    output: output<MakeupView>(),
  },

  'inbox.list': {
    input: z.object({}).strict(),
    output: output<{ messages: InboxMessageView[]; unread: number }>(),
  },
  'inbox.markRead': {
    input: z.object({ ids: z.array(id).max(100) }).strict(),
    output: output<{ unread: number }>(),
  },

  'org.branches': {
    input: z.object({}).strict(),
    output: output<Array<{ id: string; name: string; members: number; bound: number }>>(),
  },
} as const

export type ActionName = keyof typeof actions
export type FunctionName = FunctionOf<ActionName>
export type ActionInput<A extends ActionName> = z.input<(typeof actions)[A]['input']>
export type ParsedInput<A extends ActionName> = z.output<(typeof actions)[A]['input']>
export type ActionOutput<A extends ActionName> = (typeof actions)[A]['output']
export type ActionsOf<F extends FunctionName> = Extract<ActionName, `${F}.${string}`>

/** What the client sends as `data` of a function call. */
export interface CallEnvelope<A extends ActionName = ActionName> {
  action: A
  input: ActionInput<A>
}

/** Largest request a function accepts, in characters of JSON. */
export const maxRequestChars = 64 * 1024

export function isActionName(value: unknown): value is ActionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(actions, value)
}

export const functionNames = [...new Set(Object.keys(actions).map(functionOf))] as FunctionName[]
