import type { PendingView } from '../../shared/api/areas/study'
import { fail } from '../../shared/errors'
import type { StudyTaskDoc } from '../../shared/domain/documents'
import { mayRemind, pendingMembers, remindIntervalMs, type TaskRecord } from '../../shared/domain/study'
import { studyTaskRoundContent } from '../../shared/domain/reminders'
import type { Actor } from '../_lib/actor'
import { groupsOf, iso, isoOf } from '../_lib/common'
import type { Db } from '../_lib/db'
import type { WeChatStandIns } from '../_lib/handler'
import { remindNow } from '../_lib/reminders'
import { managedTask } from '../_lib/study'
import { taskAudience } from '../_lib/task-audience'

/** Who owes a task (未提交) and the one-tap reminder to them all. */

/** Who in the task's branch owes it, from three reads that cost the same for 100 or 1,000 members. */
async function pendingOf(db: Db, task: StudyTaskDoc, now: Date) {
  const [audience, notes, completions, groups] = await Promise.all([
    taskAudience(db, task, now),
    db.allCounted('notes', { taskId: task._id }),
    db.allCounted('studyCompletions', { taskId: task._id }),
    groupsOf(db, task.branchId),
  ])
  const records = new Map<string, TaskRecord>()
  for (const n of notes) records.set(n.memberId, { noteStatus: n.status, confirmedAt: null })
  for (const c of completions) records.set(c.memberId, { noteStatus: records.get(c.memberId)?.noteStatus ?? null, confirmedAt: c.confirmedAt })
  const pending = pendingMembers(task, audience, records)
  return { audience, pending, groups }
}

/** Who has not handed in a task, with how far each got; the same cost for 100 or 1,000 members. */
export async function pendingView(db: Db, actor: Actor, taskId: string, now: Date): Promise<PendingView> {
  const { task, canManage } = await managedTask(db, actor, taskId)
  const { audience, pending, groups } = await pendingOf(db, task, now)
  const last = task.lastRemindedAt ?? null
  return {
    task: { id: task._id, title: task.title, dueDate: task.dueDate, dueAt: isoOf(task.dueAt), noteRequired: task.noteRequired },
    audience: audience.length,
    handedIn: audience.length - pending.length,
    pending: pending.map(({ member, state }) => ({ memberId: member._id, name: member.name, groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null, state })),
    lastRemindedAt: iso(last),
    nextRemindAt: mayRemind(last, now) ? null : isoOf(new Date((last as Date).getTime() + remindIntervalMs)),
    canRemind: canManage,
  }
}

/**
 * One tap reminds everyone who has not handed in, through the inbox. The task's last reminder
 * time is claimed with a conditional update first, so two taps at once send one round.
 */
export async function remindPending(db: Db, actor: Actor, taskId: string, now: Date, wechat?: WeChatStandIns): Promise<{ reminded: number }> {
  const { task, canManage } = await managedTask(db, actor, taskId)
  if (!canManage) fail('AUTH.FORBIDDEN')
  // Who has left the branch since the task fell due still owed it, but is no longer reminded.
  const pending = (await pendingOf(db, task, now)).pending.filter(({ member }) => member.status === 'active')
  if (!pending.length) fail('STUDY.NOTHING_PENDING')
  // Claimed first, with a conditional update: two taps at once send one round.
  const cutoff = new Date(now.getTime() - remindIntervalMs)
  const claimed = (await db.updateWhere('studyTasks', { _id: task._id, lastRemindedAt: null }, { lastRemindedAt: now })) || (await db.updateWhere('studyTasks', { _id: task._id, lastRemindedAt: { $lte: cutoff } }, { lastRemindedAt: now }))
  if (claimed !== 1) fail('STUDY.REMINDED_RECENTLY')
  const subject = { id: task._id, title: task.title, dueAt: task.dueAt, noteRequired: task.noteRequired }
  // A subscribe message where the member has an acceptance left, and always a copy in 消息.
  // Each round is its own occurrence, so a later round reaches those still behind.
  await remindNow(
    db,
    pending.map(({ member, state }) => ({
      kind: 'studyTaskDue' as const,
      subject: { type: 'task' as const, id: task._id, version: `round-${now.toISOString()}` },
      memberId: member._id,
      branchId: task.branchId,
      at: now,
      content: studyTaskRoundContent(subject, state, now),
    })),
    now,
    // The function has 10 s: sends still going then are left to the reminder timer.
    { deadline: new Date(Date.now() + 5_000), send: wechat?.send },
  )
  return { reminded: pending.length }
}
