import type { ActionInput, MeetingView, MeView } from '../../../../shared/api/contract'
import { defaultCheckinPolicy, type AudienceKind, type MeetingType } from '../../../../shared/domain/meeting'
import { meetingDraftProblems } from '../../../../shared/domain/meeting-form'
import { createsOnlyOwnGroupMeetings } from '../../../../shared/domain/meeting-roles'
import { minuteMs } from '../../../../shared/domain/time'
import { beijingIso, splitBeijing } from '../../services/format'

/**
 * The meeting form's model, apart from its view: what the pickers and inputs hold, how a new
 * meeting starts, what changing one field does to others, its problems (by the shared meeting
 * form rules) and the input it becomes.
 */

export interface MeetingForm {
  type: MeetingType
  title: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  venue: string
  audienceKind: AudienceKind
  groupId: string | null
  memberIds: string[]
  allowObservers: boolean
  hostId: string | null
  recorderId: string | null
  agenda: string[]
  /** 专题, '' for none. */
  subject: string
  /** As typed into the number inputs. */
  opensBefore: string
  lateAfter: string
  allowStaticCode: boolean
  geofence: null | { latitude: number; longitude: number; radiusMeters: number }
}

/** Field path (as the function names it) → message. */
export type FieldProblems = Record<string, string>

const hour = 60 * minuteMs

/** Whether the caller may only create their own group's 党小组会. */
export const leaderOnly = (me: MeView) => createsOnlyOwnGroupMeetings({ capabilities: me.member?.capabilities ?? [] })

/** A new meeting starts at the next ten minutes at least ten minutes from now, for an hour. */
export function freshForm(me: MeView, now: number): MeetingForm {
  const step = 10 * minuteMs
  const start = Math.ceil((now + step) / step) * step
  const s = splitBeijing(start)
  const e = splitBeijing(start + hour)
  const onlyGroup = leaderOnly(me)
  return {
    type: onlyGroup ? 'groupMeeting' : 'themedPartyDay',
    title: '',
    startDate: s.date,
    startTime: s.time,
    endDate: e.date,
    endTime: e.time,
    venue: '',
    audienceKind: onlyGroup ? 'group' : 'branch',
    groupId: onlyGroup ? (me.member?.group?.id ?? null) : null,
    memberIds: [],
    allowObservers: false,
    hostId: me.member?.id ?? null,
    recorderId: null,
    agenda: [''],
    subject: '',
    opensBefore: String(defaultCheckinPolicy.opensBeforeMinutes),
    lateAfter: String(defaultCheckinPolicy.lateAfterMinutes),
    allowStaticCode: defaultCheckinPolicy.allowStaticCode,
    geofence: null,
  }
}

/** The form of a saved meeting. */
export function formOf(m: MeetingView): MeetingForm {
  const s = splitBeijing(m.startAt)
  const e = splitBeijing(m.endAt)
  return {
    type: m.type,
    title: m.title,
    startDate: s.date,
    startTime: s.time,
    endDate: e.date,
    endTime: e.time,
    venue: m.venue,
    audienceKind: m.audience.kind,
    groupId: m.audience.groupId,
    memberIds: m.audience.memberIds,
    allowObservers: m.audience.allowObservers,
    hostId: m.host?.id ?? null,
    recorderId: m.recorder?.id ?? null,
    agenda: m.agenda.length ? m.agenda : [''],
    subject: m.subject ?? '',
    opensBefore: String(m.checkin.opensBeforeMinutes),
    lateAfter: String(m.checkin.lateAfterMinutes),
    allowStaticCode: m.checkin.allowStaticCode,
    geofence: m.checkin.geofence,
  }
}

const startOf = (f: MeetingForm) => beijingIso(f.startDate, f.startTime)
const endOf = (f: MeetingForm) => beijingIso(f.endDate, f.endTime)
/** A typed number of minutes; NaN for anything but up to three digits. */
const minutes = (text: string) => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN)

/** A new start keeps the meeting's length (an hour when it had none). */
export function withStart(form: MeetingForm, date: string, time: string): MeetingForm {
  const length = Date.parse(endOf(form)) - Date.parse(startOf(form))
  const end = splitBeijing(Date.parse(beijingIso(date, time)) + (length > 0 ? length : hour))
  return { ...form, startDate: date, startTime: time, endDate: end.date, endTime: end.time }
}

/** The usual audience follows the type: 支委会 → 支委, 党小组会 → a group, the rest → the branch. */
export function withType(form: MeetingForm, type: MeetingType, me: MeView): MeetingForm {
  const audienceKind: AudienceKind = type === 'committeeMeeting' ? 'committee' : type === 'groupMeeting' ? 'group' : form.audienceKind === 'members' ? 'members' : 'branch'
  const groupId = audienceKind === 'group' ? (form.groupId ?? me.member?.group?.id ?? null) : form.groupId
  return { ...form, type, audienceKind: leaderOnly(me) ? 'group' : audienceKind, groupId }
}

/** The problems shown under the fields a change of `key` touches, which the change clears. */
export function fieldsTouchedBy(key: keyof MeetingForm): string[] {
  if (key === 'startDate' || key === 'startTime') return ['startAt', 'endAt']
  if (key === 'endDate' || key === 'endTime') return ['endAt']
  if (key === 'groupId') return ['audience.groupId']
  if (key === 'memberIds') return ['audience.memberIds']
  if (key === 'opensBefore') return ['checkin.opensBeforeMinutes']
  if (key === 'lateAfter') return ['checkin.lateAfterMinutes']
  if (key === 'geofence') return ['checkin.geofence.radiusMeters']
  return [String(key)]
}

function audienceOf(form: MeetingForm) {
  return {
    kind: form.audienceKind,
    groupId: form.audienceKind === 'group' ? form.groupId : null,
    memberIds: form.audienceKind === 'members' ? form.memberIds : [],
    allowObservers: form.allowObservers,
  }
}

/** What the form would send, by the shared meeting form rules: field path → message. */
export function formProblems(form: MeetingForm): FieldProblems {
  return meetingDraftProblems({
    title: form.title,
    venue: form.venue,
    startAt: new Date(startOf(form)),
    endAt: new Date(endOf(form)),
    audience: audienceOf(form),
    agenda: form.agenda,
    checkin: { opensBeforeMinutes: minutes(form.opensBefore), lateAfterMinutes: minutes(form.lateAfter), geofence: form.geofence },
  })
}

function commonInput(form: MeetingForm) {
  return {
    title: form.title.trim(),
    venue: form.venue.trim(),
    hostId: form.hostId,
    recorderId: form.recorderId,
    agenda: form.agenda.map((a) => a.trim()).filter(Boolean),
    subject: form.subject.trim() || null,
    checkin: { opensBeforeMinutes: minutes(form.opensBefore), lateAfterMinutes: minutes(form.lateAfter), allowStaticCode: form.allowStaticCode, geofence: form.geofence },
  }
}

export function createInput(form: MeetingForm, publish: boolean): ActionInput<'meeting.create'> {
  return { ...commonInput(form), type: form.type, startAt: startOf(form), endAt: endOf(form), audience: audienceOf(form), publish }
}

/** Only what changed of time, type and audience: those are locked once the meeting started. */
export function updateInput(form: MeetingForm, existing: MeetingView): ActionInput<'meeting.update'> {
  const input: ActionInput<'meeting.update'> = { meetingId: existing.id, ...commonInput(form) }
  if (form.type !== existing.type) input.type = form.type
  if (Date.parse(startOf(form)) !== Date.parse(existing.startAt)) input.startAt = startOf(form)
  if (Date.parse(endOf(form)) !== Date.parse(existing.endAt)) input.endAt = endOf(form)
  const audience = audienceOf(form)
  const before = { kind: existing.audience.kind, groupId: existing.audience.groupId, memberIds: existing.audience.memberIds, allowObservers: existing.audience.allowObservers }
  if (JSON.stringify(audience) !== JSON.stringify(before)) input.audience = audience
  return input
}

/** Whether a published meeting has started: its time, type and audience are then locked. */
export const hasStarted = (existing: MeetingView | null, now: number) => existing !== null && existing.status === 'published' && now >= Date.parse(existing.startAt)
