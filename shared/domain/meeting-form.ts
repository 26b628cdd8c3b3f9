import type { AudienceKind } from './meeting'
import { hourMs, minuteMs, type Instant } from './time'

/**
 * The rules of the meeting form, once: the function's input schema is built from these limits and
 * messages, and the edit page checks a draft with `meetingDraftProblems` before sending it, so the
 * teacher reads the same sentence under the same field either way.
 */

export const meetingLimits = {
  titleMin: 2,
  titleMax: 40,
  venueMax: 40,
  agendaItems: 20,
  agendaItemMax: 100,
  audienceMembers: 500,
  opensBeforeMax: 240,
  lateAfterMax: 120,
  radiusMin: 50,
  radiusMax: 5000,
  /** Longest meeting, in hours. */
  durationHours: 24,
} as const

export const meetingMessages = {
  type: '请选择会议类型',
  titleShort: `会议名称至少 ${meetingLimits.titleMin} 个字`,
  titleLong: `会议名称不能超过 ${meetingLimits.titleMax} 个字`,
  venue: '请填写地点',
  venueLong: `地点不能超过 ${meetingLimits.venueMax} 个字`,
  endBeforeStart: '结束时间应晚于开始时间',
  tooLong: `一次会议不能超过 ${meetingLimits.durationHours} 小时`,
  group: '请选择党小组',
  members: '请选择参会人员',
  agendaItems: `议题最多 ${meetingLimits.agendaItems} 条`,
  agendaItemLong: `每条议题不能超过 ${meetingLimits.agendaItemMax} 个字`,
  opensBefore: `请填写 0–${meetingLimits.opensBeforeMax} 之间的整数`,
  lateAfter: `请填写 0–${meetingLimits.lateAfterMax} 之间的整数`,
  radius: `签到范围应在 ${meetingLimits.radiusMin}–${meetingLimits.radiusMax} 米之间`,
} as const

/** The fields of a meeting as the form fills them in. */
export interface MeetingDraft {
  title: string
  venue: string
  startAt: Date
  endAt: Date
  audience: { kind: AudienceKind; groupId: string | null; memberIds: readonly string[] }
  agenda: readonly string[]
  checkin: { opensBeforeMinutes: number; lateAfterMinutes: number; geofence: null | { radiusMeters: number } }
}

const wholeIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max

/** Why a meeting's times cannot be, or null: the end after the start, within a day. */
export function meetingTimeProblem(startAt: Date, endAt: Date): string | null {
  const length = endAt.getTime() - startAt.getTime()
  if (!(length > 0)) return meetingMessages.endBeforeStart
  if (length > meetingLimits.durationHours * hourMs) return meetingMessages.tooLong
  return null
}

/** What an audience of its kind is missing: a group, or the chosen members. Field path → message. */
export function meetingAudienceProblems(audience: MeetingDraft['audience']): Record<string, string> {
  if (audience.kind === 'group' && !audience.groupId) return { 'audience.groupId': meetingMessages.group }
  if (audience.kind === 'members' && audience.memberIds.length === 0) return { 'audience.memberIds': meetingMessages.members }
  return {}
}

/** Every problem of a draft, by field path (the paths of the function's input). */
export function meetingDraftProblems(draft: MeetingDraft): Record<string, string> {
  const problems: Record<string, string> = {}
  const title = draft.title.trim()
  if (title.length < meetingLimits.titleMin) problems.title = meetingMessages.titleShort
  else if (title.length > meetingLimits.titleMax) problems.title = meetingMessages.titleLong
  const venue = draft.venue.trim()
  if (!venue) problems.venue = meetingMessages.venue
  else if (venue.length > meetingLimits.venueMax) problems.venue = meetingMessages.venueLong
  const time = meetingTimeProblem(draft.startAt, draft.endAt)
  if (time) problems.endAt = time
  Object.assign(problems, meetingAudienceProblems(draft.audience))
  const agenda = draft.agenda.map((a) => a.trim()).filter(Boolean)
  if (agenda.length > meetingLimits.agendaItems) problems.agenda = meetingMessages.agendaItems
  agenda.forEach((item, i) => {
    if (item.length > meetingLimits.agendaItemMax) problems[`agenda.${i}`] = meetingMessages.agendaItemLong
  })
  const { opensBeforeMinutes, lateAfterMinutes, geofence } = draft.checkin
  if (!wholeIn(opensBeforeMinutes, 0, meetingLimits.opensBeforeMax)) problems['checkin.opensBeforeMinutes'] = meetingMessages.opensBefore
  if (!wholeIn(lateAfterMinutes, 0, meetingLimits.lateAfterMax)) problems['checkin.lateAfterMinutes'] = meetingMessages.lateAfter
  if (geofence && !wholeIn(geofence.radiusMeters, meetingLimits.radiusMin, meetingLimits.radiusMax)) problems['checkin.geofence.radiusMeters'] = meetingMessages.radius
  return problems
}

/** A new meeting starts at the next ten minutes at least ten minutes from `now`, for an hour. */
export function freshMeetingTimes(now: Instant): { startAt: Date; endAt: Date } {
  const step = 10 * minuteMs
  const start = Math.ceil((new Date(now).getTime() + step) / step) * step
  return { startAt: new Date(start), endAt: new Date(start + hourMs) }
}

/** Moving a meeting's start keeps its length (an hour when it had none): the new end. */
export function endAfterMove(before: { startAt: Instant; endAt: Instant }, newStart: Instant): Date {
  const length = new Date(before.endAt).getTime() - new Date(before.startAt).getTime()
  return new Date(new Date(newStart).getTime() + (length > 0 ? length : hourMs))
}
