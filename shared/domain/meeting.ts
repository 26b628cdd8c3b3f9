import { committeePositions, type MemberCategory, type Position } from './member'

/** Types of organisational life (组织生活); the first four are 三会一课. */
export const meetingTypes = [
  'generalMeeting',
  'committeeMeeting',
  'groupMeeting',
  'partyLecture',
  'themedPartyDay',
  'orgLifeMeeting',
  'memberAppraisal',
  'groupStudy',
  'theoryStudyGroup',
  'seminar',
  'visit',
  'commendation',
  'orgCommitteeMeeting',
  'orgGeneralMeeting',
  'other',
] as const
export type MeetingType = (typeof meetingTypes)[number]

/** Held by the 党总支 (the organisation) rather than by a branch. */
export const orgMeetingTypes = ['orgCommitteeMeeting', 'orgGeneralMeeting'] as const satisfies readonly MeetingType[]

/** The types a branch holds: every type but the organisation's own. */
export const branchMeetingTypes = meetingTypes.filter((t) => !(orgMeetingTypes as readonly MeetingType[]).includes(t))

export const meetingTypeLabels: Record<MeetingType, string> = {
  generalMeeting: '支部党员大会',
  committeeMeeting: '支委会',
  groupMeeting: '党小组会',
  partyLecture: '党课',
  themedPartyDay: '主题党日',
  orgLifeMeeting: '组织生活会',
  memberAppraisal: '民主评议党员',
  groupStudy: '集中学习',
  theoryStudyGroup: '理论学习中心组学习',
  seminar: '集体研讨',
  visit: '走访慰问',
  commendation: '表彰',
  orgCommitteeMeeting: '党总支委员会',
  orgGeneralMeeting: '全体党员大会',
  other: '其他',
}

/**
 * The subjects (专题) schools report meetings by; a meeting may also name its own. Stored as the
 * words ("师德师风建设"), so a free subject is counted the same way.
 */
export const suggestedSubjects = ['师德师风建设', '党风廉政建设', '警示教育'] as const
export const subjectMax = 20

/** A subject as typed, trimmed of a trailing 专题 and 会 ("师德师风建设专题会" → "师德师风建设"); null when empty. */
export function normalizedSubject(text: string | null | undefined): string | null {
  const s = (text ?? '').trim().replace(/(专题)?(会议|会)?$/, '').replace(/专题$/, '').trim()
  return s ? s : null
}

/** How a report names a meeting of a subject: "师德师风建设专题组织生活会", "警示教育专题会". */
export function subjectMeetingName(type: MeetingType, subject: string): string {
  return type === 'other' ? `${subject}专题会` : `${subject}专题${meetingTypeLabels[type]}`
}

export const audienceKinds = ['branch', 'committee', 'group', 'members'] as const
export type AudienceKind = (typeof audienceKinds)[number]

export interface MeetingAudience {
  kind: AudienceKind
  /** For a group meeting. */
  groupId: string | null
  /** For chosen members. */
  memberIds: string[]
  /** Whether 积极分子 / 发展对象 (and others outside the audience) may attend as 列席. */
  allowObservers: boolean
}

export interface CheckinPolicy {
  /** The window opens this long before the start. */
  opensBeforeMinutes: number
  /** Arriving later than start + this counts as 迟到. */
  lateAfterMinutes: number
  /** A printed, non-rotating code is accepted. */
  allowStaticCode: boolean
  /** Optional geofence around the venue. */
  geofence: null | { latitude: number; longitude: number; radiusMeters: number }
}

export const defaultCheckinPolicy: CheckinPolicy = { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null }

/** The parts of a meeting the rules look at. */
export interface MeetingTimes {
  startAt: Date
  endAt: Date
  checkin: CheckinPolicy
}

export type AttendanceStatus = 'present' | 'late' | 'leave' | 'absent' | 'observer'

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
  present: '已签到',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
  observer: '列席',
}

const minute = 60_000

export type WindowState = 'notOpen' | 'open' | 'closed'

/** The check-in window: opens before the start, closes at the end. */
export function checkinWindow(meeting: MeetingTimes, now: Date): { state: WindowState; opensAt: Date; closesAt: Date } {
  const opensAt = new Date(meeting.startAt.getTime() - meeting.checkin.opensBeforeMinutes * minute)
  const closesAt = meeting.endAt
  const t = now.getTime()
  const state = t < opensAt.getTime() ? 'notOpen' : t > closesAt.getTime() ? 'closed' : 'open'
  return { state, opensAt, closesAt }
}

/** On time until start + grace; 迟到 after. */
export function arrivalStatus(meeting: MeetingTimes, at: Date): 'present' | 'late' {
  return at.getTime() > meeting.startAt.getTime() + meeting.checkin.lateAfterMinutes * minute ? 'late' : 'present'
}

const partyMember = (category: MemberCategory) => category === 'full' || category === 'probationary'

export interface AudienceCandidate {
  _id: string
  groupId: string | null
  positions: readonly Position[]
  category: MemberCategory
}

/**
 * Whether a member is expected (应到) at a meeting, may attend as an observer (列席), or is outside
 * it. Party members of the audience are expected; others may observe where the meeting allows.
 */
export function audienceRole(audience: MeetingAudience, member: AudienceCandidate): 'expected' | 'observer' | 'outside' {
  let inAudience: boolean
  switch (audience.kind) {
    case 'branch':
      inAudience = partyMember(member.category)
      break
    case 'committee':
      inAudience = member.positions.some((p) => committeePositions.includes(p))
      break
    case 'group':
      inAudience = member.groupId === audience.groupId && partyMember(member.category)
      break
    case 'members':
      inAudience = audience.memberIds.includes(member._id)
      break
  }
  if (inAudience) return 'expected'
  return audience.allowObservers ? 'observer' : 'outside'
}

/**
 * Quorum: a 支部党员大会 needs more than half of the members with a vote (正式党员) present, a
 * 支委会 more than half of the committee. Other meetings have none (null).
 */
export function quorum(
  type: MeetingType,
  expected: ReadonlyArray<{ _id: string; category: MemberCategory }>,
  attended: ReadonlySet<string>,
): null | { required: number; present: number; base: number; met: boolean } {
  let base: ReadonlyArray<{ _id: string }>
  if (type === 'generalMeeting' || type === 'orgGeneralMeeting') base = expected.filter((m) => m.category === 'full')
  else if (type === 'committeeMeeting' || type === 'orgCommitteeMeeting') base = expected
  else return null
  const present = base.filter((m) => attended.has(m._id)).length
  const required = Math.floor(base.length / 2) + 1
  return { required, present, base: base.length, met: present >= required }
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLng = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * 6371000 * Math.asin(Math.sqrt(h)))
}
