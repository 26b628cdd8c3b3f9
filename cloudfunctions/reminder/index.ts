import type { MyRemindersView, ReminderDeliveriesView, ReminderSubjectType, ReminderSubjectView } from '../../shared/api/areas/reminder'
import { fail } from '../../shared/errors'
import { audienceRole } from '../../shared/domain/meeting'
import {
  acceptanceChange,
  balanceKey,
  deliveryStatusLabels,
  eveningBefore,
  followedSubjects,
  reachedByWeChat,
  meetingSoonWindow,
  planSends,
  reminderKindLabels,
  studyTaskWindow,
  testOpeningAt,
  reminderPages,
  templateBinding,
  templateKeys,
  templateOfKind,
  kindsOfTemplate,
  templateLabels,
  type Balance,
  type DeliveryStatus,
  type ReminderKind,
  type TemplateKey,
  waitingStatuses,
} from '../../shared/domain/reminders'
import { addCalendar, formatSpan } from '../../shared/domain/time'
import { hasHandedIn, inStudyAudience } from '../../shared/domain/study'
import { takesTheoryTests } from '../../shared/domain/theory-test'
import type { MemberDoc, ReminderDoc, StudyTaskDoc, SubscriptionDoc, TheoryTestDoc } from '../../shared/domain/documents'
import { memberActor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, type Db } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { memberKey } from '../_lib/common'

/** Who sees the reminders about each kind of subject. */
const maySee = (actor: MemberActor, type: ReminderSubjectType) => followedSubjects(actor.capabilities).includes(type)

/** Records one answer of the dialog: an acceptance adds one message (atomically), "always" is noted. */
async function recordAnswer(db: Db, actor: MemberActor, key: TemplateKey, answer: string, kept: 'accept' | 'reject' | null, now: Date): Promise<void> {
  const binding = templateBinding(key)
  const change = acceptanceChange(answer, kept, binding.longTerm)
  const id = balanceKey(actor.openid, binding.id)
  const update = {
    remaining: { $inc: change.add },
    accepted: { $inc: change.add },
    always: change.always,
    lastAnswer: answer,
    updatedAt: now,
    ...(change.longTermAccepted === null ? {} : { longTermAccepted: change.longTermAccepted }),
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await db.updateWhere('subscriptions', { _id: id }, update)) return
    const doc: SubscriptionDoc = {
      _id: id,
      openid: actor.openid,
      memberId: actor.member._id,
      branchId: actor.member.branchId,
      template: key,
      templateId: binding.id,
      remaining: change.add,
      longTermAccepted: change.longTermAccepted ?? false,
      always: change.always,
      accepted: change.add,
      spent: 0,
      lastAnswer: answer,
      updatedAt: now,
    }
    try {
      await db.add('subscriptions', doc)
      return
    } catch (error) {
      // Someone else created it a moment ago: add to theirs.
      if (!isDuplicateKey(error)) throw error
    }
  }
}

type Upcoming = Omit<MyRemindersView['upcoming'][number], 'byWeChat'>

/** Study reminders ahead: tasks the member still owes, tests not yet open. */
async function studyUpcoming(db: Db, actor: MemberActor, tasks: StudyTaskDoc[], tests: TheoryTestDoc[], now: Date, horizon: Date): Promise<Upcoming[]> {
  const mine = tasks.filter((t) => inStudyAudience(t.audience, actor.member))
  const ids = mine.map((t) => memberKey(t._id, actor.member._id))
  const [notes, completions] = ids.length ? await Promise.all([db.all('notes', { _id: { $in: ids } }), db.all('studyCompletions', { _id: { $in: ids } })]) : [[], []]
  const upcoming: Upcoming[] = []
  for (const task of mine) {
    const key = memberKey(task._id, actor.member._id)
    const record = { noteStatus: notes.find((n) => n._id === key)?.status ?? null, confirmedAt: completions.find((c) => c._id === key)?.confirmedAt ?? null }
    const at = studyTaskWindow(task.dueAt).from
    if (hasHandedIn(task, record) || at.getTime() <= now.getTime() || at.getTime() >= horizon.getTime()) continue
    upcoming.push({ kind: 'studyTaskDue', kindLabel: reminderKindLabels.studyTaskDue, subjectTitle: task.title, at: at.toISOString(), link: reminderPages.task(task._id) })
  }
  for (const test of tests) {
    upcoming.push({ kind: 'testOpening', kindLabel: reminderKindLabels.testOpening, subjectTitle: test.title, at: testOpeningAt(test.opensAt).toISOString(), link: reminderPages.test(test._id) })
  }
  return upcoming
}

/** What the member will be reminded of, and how many WeChat messages each template has left. */
async function myReminders(db: Db, actor: MemberActor, now: Date): Promise<MyRemindersView> {
  const horizon = addCalendar(now, 14, 'day')
  const branchId = actor.member.branchId
  const [subscriptions, meetings, leaves, tasks, tests, places] = await Promise.all([
    db.all('subscriptions', { memberId: actor.member._id, openid: actor.openid }),
    db.all('meetings', { branchId, status: 'published', startAt: { $gt: now, $lt: horizon } }, ['startAt', 'asc']),
    db.all('leaveRequests', { memberId: actor.member._id, status: { $in: ['pending', 'approved'] } }),
    // A task's reminder goes two days before its due day: look a little further.
    db.all('studyTasks', { branchId, dueAt: { $gt: now, $lt: addCalendar(horizon, 3, 'day') } }),
    takesTheoryTests(actor.member) ? db.all('theoryTests', { branchId, opensAt: { $gt: now, $lt: horizon } }) : Promise.resolve([]),
    db.some('signups', { memberId: actor.member._id, endAt: { $gt: now }, startAt: { $lt: horizon }, status: 'confirmed' }, 100),
  ])
  const byTemplate = new Map(subscriptions.map((s) => [s.template, s]))
  const onLeave = new Map(leaves.map((l) => [l.meetingId, l.status]))

  const upcoming: Upcoming[] = []
  for (const leave of leaves.filter((l) => l.status === 'pending')) {
    const meeting = meetings.find((m) => m._id === leave.meetingId)
    if (meeting) upcoming.push({ kind: 'leaveDecided', kindLabel: reminderKindLabels.leaveDecided, subjectTitle: meeting.title, at: null, link: reminderPages.meeting(meeting._id) })
  }
  for (const meeting of meetings) {
    if (onLeave.has(meeting._id) || audienceRole(meeting.audience, actor.member) !== 'expected') continue
    const start = meeting.startAt
    const times: Array<[ReminderKind, Date]> = [
      ['meetingTomorrow', eveningBefore(start).from],
      ['meetingSoon', meetingSoonWindow(start).from],
    ]
    for (const [kind, at] of times) {
      if (at.getTime() > now.getTime()) upcoming.push({ kind, kindLabel: reminderKindLabels[kind], subjectTitle: meeting.title, at: at.toISOString(), link: reminderPages.meeting(meeting._id) })
    }
  }
  // The evening-before reminder of each shift the member holds a seat on.
  const shifts = places.length ? await db.all('shifts', { _id: { $in: places.map((p) => p.shiftId) }, status: 'published' }) : []
  for (const shift of shifts) {
    const at = eveningBefore(shift.startAt).from
    if (at.getTime() > now.getTime()) upcoming.push({ kind: 'shiftTomorrow', kindLabel: reminderKindLabels.shiftTomorrow, subjectTitle: `${formatSpan(shift.startAt, shift.endAt, now)} ${shift.activityTitle}`, at: at.toISOString(), link: reminderPages.shift(shift._id) })
  }
  upcoming.push(...(await studyUpcoming(db, actor, tasks, tests, now, horizon)))
  upcoming.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
  const balances = new Map<string, Balance>(subscriptions.map((s) => [s._id, { remaining: s.remaining, longTermAccepted: s.longTermAccepted }]))
  const plans = planSends(
    upcoming.map((u) => ({ openid: actor.openid, templateId: templateBinding(templateOfKind(u.kind)).id })),
    balances,
  )
  return {
    templates: templateKeys.map((key) => {
      const s = byTemplate.get(key)
      return {
        key,
        label: templateLabels[key],
        kinds: kindsOfTemplate(key).map((k) => reminderKindLabels[k]),
        remaining: Math.max(0, s?.remaining ?? 0),
        longTerm: templateBinding(key).longTerm,
        longTermAccepted: s?.longTermAccepted ?? false,
        always: s?.always ?? null,
      }
    }),
    upcoming: upcoming.map((u, i) => ({ ...u, byWeChat: plans[i] === 'send' })),
  }
}

/** Those to tell another way first (not reached), then by kind and name. */
function sortedForFollowUp(reminders: ReminderDoc[], memberOf: Map<string, MemberDoc>): ReminderDoc[] {
  const missed = (r: ReminderDoc) => (reachedByWeChat(r.status) ? 1 : 0)
  const name = (r: ReminderDoc) => memberOf.get(r.memberId)?.name ?? ''
  return [...reminders].sort((a, b) => missed(a) - missed(b) || a.kind.localeCompare(b.kind) || name(a).localeCompare(name(b), 'zh-Hans-CN'))
}

export const main = defineFunction('reminder', {
  'reminder.subscribe': async ({ answers, kept }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    for (const key of templateKeys) {
      const answer = answers[key]
      if (answer) await recordAnswer(db, actor, key, answer, kept?.[key] ?? null, now)
    }
    return myReminders(db, actor, now)
  },

  'reminder.mine': async (_input, ctx) => myReminders(ctx.db, await memberActor(ctx), ctx.now),

  /** Every meeting, shift or task of the branch with reminders in the last 90 days, and how they went. */
  'reminder.subjects': async (_input, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const visible = followedSubjects(actor.capabilities)
    if (!visible.length) fail('AUTH.FORBIDDEN')
    const rows = await db.aggregate<{ _id: { type: ReminderSubjectType; id: string; status: DeliveryStatus }; n: number; title: string; firstAt: Date }>('reminders', [
      { $match: { branchId: actor.member.branchId, subjectType: { $in: visible }, createdAt: { $gte: addCalendar(now, -90, 'day') } } },
      { $group: { _id: { type: '$subjectType', id: '$subjectId', status: '$status' }, n: { $sum: 1 }, title: { $first: '$subjectTitle' }, firstAt: { $min: '$createdAt' } } },
      { $limit: 1000 },
    ])
    const subjects = new Map<string, ReminderSubjectView>()
    for (const row of rows) {
      const key = `${row._id.type}:${row._id.id}`
      const s = subjects.get(key) ?? { subjectType: row._id.type, subjectId: row._id.id, title: row.title, firstAt: row.firstAt.toISOString(), total: 0, counts: {}, notReached: 0 }
      s.total += row.n
      s.counts[row._id.status] = (s.counts[row._id.status] ?? 0) + row.n
      if (!reachedByWeChat(row._id.status)) s.notReached += row.n
      if (row.firstAt.toISOString() < s.firstAt) s.firstAt = row.firstAt.toISOString()
      subjects.set(key, s)
    }
    return [...subjects.values()].sort((a, b) => b.firstAt.localeCompare(a.firstAt))
  },

  /** How many of the branch's reminders are still waiting to be sent, and since when (one aggregation). */
  'reminder.queue': async (_input, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    const visible = followedSubjects(actor.capabilities)
    if (!visible.length) fail('AUTH.FORBIDDEN')
    const [row] = await db.aggregate<{ n: number; since: Date }>('reminders', [
      { $match: { branchId: actor.member.branchId, status: { $in: waitingStatuses }, subjectType: { $in: visible } } },
      { $group: { _id: null, n: { $sum: 1 }, since: { $min: '$createdAt' } } },
    ])
    return { waiting: row?.n ?? 0, since: row ? row.since.toISOString() : null }
  },

  /** Who was sent what about one subject, who was not reached and why. */
  'reminder.deliveries': async ({ subjectType, subjectId }, ctx) => {
    const { db } = ctx
    const actor = await memberActor(ctx)
    if (!maySee(actor, subjectType)) fail('AUTH.FORBIDDEN')
    const reminders = await db.all('reminders', { branchId: actor.member.branchId, subjectType, subjectId }, ['createdAt', 'asc'])
    if (!reminders.length) fail('NOT_FOUND')
    const memberIds = [...new Set(reminders.map((r) => r.memberId))]
    const [members, groups, inbox] = await Promise.all([
      db.all('members', { _id: { $in: memberIds } }),
      db.all('groups', { branchId: actor.member.branchId }),
      db.all('inbox', { _id: { $in: reminders.map((r) => r._id) }, readAt: { $ne: null } }),
    ])
    const memberOf = new Map(members.map((m) => [m._id, m]))
    const groupName = new Map(groups.map((g) => [g._id, g.name]))
    const read = new Set(inbox.map((m) => m._id))
    const view: ReminderDeliveriesView = {
      subjectType,
      subjectId,
      title: reminders[0].subjectTitle,
      rows: sortedForFollowUp(reminders, memberOf).map((r) => {
        const member = memberOf.get(r.memberId)
        const status = r.status
        return {
          id: r._id,
          memberId: r.memberId,
          memberName: member?.name ?? '',
          groupName: member?.groupId ? (groupName.get(member.groupId) ?? null) : null,
          kind: r.kind,
          kindLabel: reminderKindLabels[r.kind],
          status,
          statusLabel: deliveryStatusLabels[status],
          reason: r.reason,
          errcode: r.errcode,
          codes: r.codes ?? [],
          at: (r.finishedAt ?? r.createdAt).toISOString(),
          read: read.has(r._id),
        }
      }),
    }
    return view
  },
})
