import { randomBytes } from 'node:crypto'
import type { MeetingSummaryView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { audienceRole } from '../../shared/domain/meeting'
import type { GroupDoc, MemberDoc } from '../../shared/domain/roster'
import { requireMember, resolveActor, type MemberActor } from '../_lib/actor'
import { _, db } from '../_lib/cloud'
import { getAll, getById } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import {
  canManageMeeting,
  meetingOfBranch,
  meetingView,
  normalizedAudience,
  requireManage,
  summaryView,
  type AttendanceDoc,
  type LeaveDoc,
  type MeetingDoc,
} from '../_lib/meetings'

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const shortCode = () => [...randomBytes(8)].map((b) => codeAlphabet[b % codeAlphabet.length]).join('')

type MeetingInput = Pick<MeetingDoc, 'type' | 'audience' | 'hostId' | 'recorderId'> & { startAt: Date; endAt: Date }

/** Checks that times make sense and every referenced group and person belongs to the branch. */
async function validateMeeting(actor: MemberActor, input: MeetingInput): Promise<void> {
  if (input.endAt.getTime() <= input.startAt.getTime()) fail('MEETING.TIME_INVALID')
  if (input.endAt.getTime() - input.startAt.getTime() > 24 * 3600_000) fail('MEETING.TIME_INVALID', '一次会议不能超过 24 小时')
  const branchId = actor.member.branchId
  if (input.audience.kind === 'group') {
    if (!input.audience.groupId) fail('INPUT.INVALID', '请选择党小组', { 'audience.groupId': '请选择党小组' })
    const group = await getById<GroupDoc>('groups', input.audience.groupId)
    if (!group) fail('ROSTER.GROUP_NOT_FOUND')
    if (group.branchId !== branchId) fail('AUTH.FORBIDDEN')
  }
  if (input.audience.kind === 'members' && input.audience.memberIds.length === 0) {
    fail('INPUT.INVALID', '请选择参会人员', { 'audience.memberIds': '请选择参会人员' })
  }
  const people = [...new Set([input.hostId, input.recorderId, ...(input.audience.kind === 'members' ? input.audience.memberIds : [])].filter(Boolean) as string[])]
  if (people.length) {
    const found = await getAll<MemberDoc>('members', { _id: _.in(people) })
    if (found.length !== people.length || found.some((m) => m.branchId !== branchId || m.status !== 'active')) fail('ROSTER.MEMBER_NOT_FOUND', '主持人、记录人或参会人员不在本支部花名册中')
  }
  if (!canManageMeeting(actor, { ...input, hostId: null, recorderId: null })) fail('AUTH.FORBIDDEN')
}

export const main = defineFunction('meeting', {
  'meeting.create': async ({ publish, ...input }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const startAt = new Date(input.startAt)
    const endAt = new Date(input.endAt)
    const audience = normalizedAudience(input.audience)
    await validateMeeting(actor, { ...input, audience, startAt, endAt })
    const meeting: MeetingDoc = {
      _id: randomBytes(16).toString('hex'),
      branchId: actor.member.branchId,
      type: input.type,
      title: input.title,
      startAt,
      endAt,
      venue: input.venue,
      audience,
      hostId: input.hostId,
      recorderId: input.recorderId,
      agenda: input.agenda,
      checkin: input.checkin,
      status: publish ? 'published' : 'draft',
      cancelReason: null,
      code: shortCode(),
      secret: randomBytes(24).toString('hex'),
      createdBy: actor.member._id,
      createdAt: now,
      updatedAt: now,
    }
    await db.collection('meetings').add({ data: meeting as unknown as Record<string, unknown> })
    return meetingView(meeting, actor, now)
  },

  'meeting.update': async ({ meetingId, ...changes }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const before = await meetingOfBranch(actor, meetingId, { fresh: true })
    requireManage(actor, before)
    if (before.status === 'cancelled') fail('MEETING.CANCELLED')
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<typeof changes>
    const next: MeetingDoc = {
      ...before,
      ...(defined as Partial<MeetingDoc>),
      audience: defined.audience ? normalizedAudience(defined.audience) : before.audience,
      startAt: defined.startAt ? new Date(defined.startAt) : before.startAt,
      endAt: defined.endAt ? new Date(defined.endAt) : before.endAt,
    }
    const structural = defined.startAt || defined.endAt || defined.audience || defined.type
    if (structural && before.status === 'published' && now.getTime() >= before.startAt.getTime()) fail('MEETING.STARTED')
    await validateMeeting(actor, next)
    // Only the fields that changed, and only while the meeting is not cancelled meanwhile.
    const data: Record<string, unknown> = { updatedAt: now }
    for (const key of Object.keys(defined) as Array<keyof MeetingDoc>) data[key] = next[key]
    const res = (await db.collection('meetings').where({ _id: meetingId, status: _.neq('cancelled') }).update({ data })) as { stats: { updated: number } }
    if (res.stats.updated !== 1) fail('MEETING.CANCELLED')
    return meetingView(next, actor, now)
  },

  'meeting.publish': async ({ meetingId }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const meeting = await meetingOfBranch(actor, meetingId, { fresh: true })
    requireManage(actor, meeting)
    if (meeting.status === 'cancelled') fail('MEETING.CANCELLED')
    await db.collection('meetings').doc(meetingId).update({ data: { status: 'published', updatedAt: now } })
    return meetingView({ ...meeting, status: 'published' }, actor, now)
  },

  'meeting.cancel': async ({ meetingId, reason }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const meeting = await meetingOfBranch(actor, meetingId, { fresh: true })
    requireManage(actor, meeting)
    if (meeting.status === 'cancelled') fail('MEETING.CANCELLED')
    await db.collection('meetings').doc(meetingId).update({ data: { status: 'cancelled', cancelReason: reason, updatedAt: now } })
    return meetingView({ ...meeting, status: 'cancelled', cancelReason: reason }, actor, now)
  },

  'meeting.get': async ({ meetingId }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const meeting = await meetingOfBranch(actor, meetingId)
    if (meeting.status === 'draft' && !canManageMeeting(actor, meeting)) fail('MEETING.NOT_FOUND')
    return meetingView(meeting, actor, now)
  },

  'meeting.listMine': async (_input, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const since = new Date(now.getTime() - 60 * 24 * 3600_000)
    const meetings = (
      await getAll<MeetingDoc>('meetings', { branchId: actor.member.branchId, status: _.in(['published', 'cancelled']), endAt: _.gte(since) }, ['startAt', 'asc'])
    )
      .map((m) => ({ ...m, startAt: new Date(m.startAt), endAt: new Date(m.endAt) }))
      .filter((m) => audienceRole(m.audience, actor.member) !== 'outside')
    const ids = meetings.map((m) => m._id)
    const [attendance, leaves] = ids.length
      ? await Promise.all([
          getAll<AttendanceDoc>('attendance', { memberId: actor.member._id, meetingId: _.in(ids) }),
          getAll<LeaveDoc>('leaveRequests', { memberId: actor.member._id, meetingId: _.in(ids) }),
        ])
      : [[], []]
    const views: Array<MeetingSummaryView & { end: number }> = meetings.map((m) => ({
      ...summaryView(
        m,
        actor,
        { attendance: attendance.find((a) => a.meetingId === m._id) ?? null, leave: leaves.find((l) => l.meetingId === m._id) ?? null },
        now,
      ),
      end: m.endAt.getTime(),
    }))
    const strip = ({ end: _end, ...view }: MeetingSummaryView & { end: number }) => view
    return {
      upcoming: views.filter((v) => v.end >= now.getTime()).map(strip),
      recent: views.filter((v) => v.end < now.getTime()).reverse().slice(0, 20).map(strip),
    }
  },

  /** Names and groups to choose 主持人, 记录人 and attendees from, for those who run meetings. */
  'meeting.people': async (_input, { caller }) => {
    const actor = requireMember(await resolveActor(caller))
    if (!actor.capabilities.includes('manageMeetings') && !actor.member.positions.includes('groupLeader')) fail('AUTH.FORBIDDEN')
    const [members, groups] = await Promise.all([
      getAll<MemberDoc>('members', { branchId: actor.member.branchId, status: 'active' }),
      getAll<GroupDoc>('groups', { branchId: actor.member.branchId }, ['order', 'asc']),
    ])
    const groupName = new Map(groups.map((g) => [g._id, g.name]))
    return {
      groups: groups.map((g) => ({ id: g._id, name: g.name })),
      members: members
        .map((m) => ({ id: m._id, name: m.name, groupId: m.groupId, groupName: m.groupId ? (groupName.get(m.groupId) ?? null) : null, category: m.category, positions: m.positions, status: 'active' as const }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')),
    }
  },

  'meeting.listManage': async ({ includeCancelled }, { caller, now }) => {
    const actor = requireMember(await resolveActor(caller))
    const meetings = (await getAll<MeetingDoc>('meetings', { branchId: actor.member.branchId }, ['startAt', 'desc']))
      .map((m) => ({ ...m, startAt: new Date(m.startAt), endAt: new Date(m.endAt) }))
      .filter((m) => canManageMeeting(actor, m, true) && (includeCancelled || m.status !== 'cancelled'))
    if (!meetings.length && !actor.capabilities.includes('manageMeetings') && !actor.member.positions.includes('groupLeader')) fail('AUTH.FORBIDDEN')
    return meetings.slice(0, 200).map((m) => summaryView(m, actor, { attendance: null, leave: null }, now))
  },
})
