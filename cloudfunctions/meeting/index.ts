import { randomBytes } from 'node:crypto'
import type { MeetingSummaryView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { staticCodeFrom } from '../../shared/domain/checkin-code'
import { dayMs } from '../../shared/domain/time'
import type { MeetingDoc } from '../../shared/domain/documents'
import { meetingAudienceProblems, meetingTimeProblem } from '../../shared/domain/meeting-form'
import { mayManageMeeting, mayRunCheckin, roleAt, runsMeetings } from '../../shared/domain/meeting-roles'
import { callerOf, memberActor, requireAllowed, resolveActor, type MemberActor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { meetingOfBranch, meetingView, normalizedAudience, summaryView } from '../_lib/meetings'
import { isMoved, notifyExpected } from './notices'

type MeetingInput = Pick<MeetingDoc, 'type' | 'audience' | 'hostId' | 'recorderId'> & { startAt: Date; endAt: Date }

/** Checks that times make sense and every referenced group and person belongs to the branch. */
async function validateMeeting(db: Db, actor: MemberActor, input: MeetingInput): Promise<void> {
  const time = meetingTimeProblem(input.startAt, input.endAt)
  if (time) fail('MEETING.TIME_INVALID', time)
  const audienceProblems = meetingAudienceProblems(input.audience)
  const [firstProblem] = Object.values(audienceProblems)
  if (firstProblem) fail('INPUT.INVALID', firstProblem, audienceProblems)
  const branchId = actor.member.branchId
  if (input.audience.kind === 'group' && input.audience.groupId) {
    const group = await db.get('groups', input.audience.groupId)
    if (!group) fail('ROSTER.GROUP_NOT_FOUND')
    if (group.branchId !== branchId) fail('AUTH.FORBIDDEN')
  }
  const people = [...new Set([input.hostId, input.recorderId, ...(input.audience.kind === 'members' ? input.audience.memberIds : [])].filter(Boolean) as string[])]
  if (people.length) {
    const found = await db.all('members', { _id: { $in: people } })
    if (found.length !== people.length || found.some((m) => m.branchId !== branchId || m.status !== 'active')) fail('ROSTER.MEMBER_NOT_FOUND', '主持人、记录人或参会人员不在本支部花名册中')
  }
  requireAllowed(mayManageMeeting(callerOf(actor), input))
}

/** The meetings a member is expected at or may attend: upcoming first, then the last 60 days'. */
async function myMeetings(db: Db, actor: MemberActor, now: Date): Promise<{ upcoming: MeetingSummaryView[]; recent: MeetingSummaryView[] }> {
  const since = new Date(now.getTime() - 60 * dayMs)
  const meetings = (await db.all('meetings', { branchId: actor.member.branchId, status: { $in: ['published', 'cancelled'] }, endAt: { $gte: since } }, ['startAt', 'asc'])).filter((m) => roleAt(callerOf(actor), m) !== 'outside')
  const ids = meetings.map((m) => m._id)
  const [attendance, leaves] = ids.length
    ? await Promise.all([
        db.all('attendance', { memberId: actor.member._id, meetingId: { $in: ids } }),
        db.all('leaveRequests', { memberId: actor.member._id, meetingId: { $in: ids } }),
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
}

/** The meetings whose check-in the member runs, newest first. */
async function managedMeetings(db: Db, actor: MemberActor, now: Date, includeCancelled: boolean): Promise<MeetingSummaryView[]> {
  const meetings = (await db.all('meetings', { branchId: actor.member.branchId }, ['startAt', 'desc'])).filter((m) => mayRunCheckin(callerOf(actor), m) && (includeCancelled || m.status !== 'cancelled'))
  return meetings.slice(0, 200).map((m) => summaryView(m, actor, { attendance: null, leave: null }, now))
}

export const main = defineFunction('meeting', {
  'meeting.create': async ({ publish, ...input }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const startAt = new Date(input.startAt)
    const endAt = new Date(input.endAt)
    const audience = normalizedAudience(input.audience)
    await validateMeeting(db, actor, { ...input, audience, startAt, endAt })
    const meeting: MeetingDoc = {
      _id: newId(),
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
      code: staticCodeFrom(randomBytes(8)),
      secret: randomBytes(24).toString('hex'),
      createdBy: actor.member._id,
      createdAt: now,
      updatedAt: now,
    }
    await db.add('meetings', meeting)
    if (publish) await notifyExpected(db, meeting, { kind: 'published' }, actor.member._id, now)
    return meetingView(db, meeting, actor, now)
  },

  'meeting.update': async ({ meetingId, ...changes }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const before = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayManageMeeting(callerOf(actor), before))
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
    await validateMeeting(db, actor, next)
    // Only the fields that changed, and only while the meeting is not cancelled meanwhile.
    const data: Partial<MeetingDoc> = { updatedAt: now }
    for (const key of Object.keys(defined) as Array<keyof MeetingDoc>) Object.assign(data, { [key]: next[key] })
    const updated = await db.updateWhere('meetings', { _id: meetingId, status: { $ne: 'cancelled' } }, data)
    if (updated !== 1) fail('MEETING.CANCELLED')
    if (next.status === 'published' && isMoved(before, next)) await notifyExpected(db, next, { kind: 'changed', before }, actor.member._id, now)
    return meetingView(db, next, actor, now)
  },

  'meeting.publish': async ({ meetingId }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayManageMeeting(callerOf(actor), meeting))
    if (meeting.status === 'cancelled') fail('MEETING.CANCELLED')
    // Only the publish that turns the draft into a meeting announces it, however many arrive at once.
    const published: MeetingDoc = { ...meeting, status: 'published' }
    if ((await db.updateWhere('meetings', { _id: meetingId, status: 'draft' }, { status: 'published', updatedAt: now })) === 1) {
      await notifyExpected(db, published, { kind: 'published' }, actor.member._id, now)
    }
    return meetingView(db, published, actor, now)
  },

  'meeting.cancel': async ({ meetingId, reason }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayManageMeeting(callerOf(actor), meeting))
    if (meeting.status === 'cancelled') fail('MEETING.CANCELLED')
    const cancelled: MeetingDoc = { ...meeting, status: 'cancelled', cancelReason: reason }
    if ((await db.updateWhere('meetings', { _id: meetingId, status: meeting.status }, { status: 'cancelled', cancelReason: reason, updatedAt: now })) !== 1) fail('MEETING.CANCELLED')
    // A draft was never announced: nobody needs to hear it is off.
    if (meeting.status === 'published') await notifyExpected(db, cancelled, { kind: 'cancelled', reason }, actor.member._id, now)
    return meetingView(db, cancelled, actor, now)
  },

  'meeting.get': async ({ meetingId }, ctx) => {
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(ctx.db, actor, meetingId)
    if (meeting.status === 'draft' && !mayManageMeeting(callerOf(actor), meeting)) fail('MEETING.NOT_FOUND')
    return meetingView(ctx.db, meeting, actor, ctx.now)
  },

  /** The 活动 tab in one call: the caller's meetings and, for those who run meetings, the ones they run. */
  'meeting.page': async (_input, ctx) => {
    const actor = await resolveActor(ctx)
    if (actor.kind !== 'member') return { member: false, upcoming: [], recent: [], managed: null }
    const runs = runsMeetings(callerOf(actor))
    const [mine, managed] = await Promise.all([myMeetings(ctx.db, actor, ctx.now), runs ? managedMeetings(ctx.db, actor, ctx.now, false) : Promise.resolve(null)])
    return { member: true, ...mine, managed }
  },

  'meeting.listMine': async (_input, ctx) => myMeetings(ctx.db, await memberActor(ctx), ctx.now),

  /** Names and groups to choose 主持人, 记录人 and attendees from, for those who run meetings. */
  'meeting.people': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    requireAllowed(runsMeetings(callerOf(actor)))
    const [members, groups] = await Promise.all([
      db.all('members', { branchId: actor.member.branchId, status: 'active' }),
      db.all('groups', { branchId: actor.member.branchId }, ['order', 'asc']),
    ])
    const groupName = new Map(groups.map((g) => [g._id, g.name]))
    return {
      groups: groups.map((g) => ({ id: g._id, name: g.name })),
      members: members
        .map((m) => ({ id: m._id, name: m.name, groupId: m.groupId, groupName: m.groupId ? (groupName.get(m.groupId) ?? null) : null, category: m.category, positions: m.positions, status: 'active' as const }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')),
    }
  },

  'meeting.listManage': async ({ includeCancelled }, ctx) => {
    const actor = await memberActor(ctx)
    const meetings = await managedMeetings(ctx.db, actor, ctx.now, includeCancelled ?? false)
    if (!meetings.length && !runsMeetings(callerOf(actor))) fail('AUTH.FORBIDDEN')
    return meetings
  },
})
