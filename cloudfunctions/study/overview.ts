import type { NoteSummaryView, StudyOverview, YearCountsView } from '../../shared/api/areas/study'
import { fail } from '../../shared/errors'
import { mayReviewNotes } from '../../shared/domain/permissions'
import type { MemberDoc, NoteDoc } from '../../shared/domain/documents'
import { awaitingReview, inStudyAudience, yearCounts, type TaskRecord } from '../../shared/domain/study'
import { addCalendar, fromBeijing, startOf } from '../../shared/domain/time'
import type { MemberActor } from '../_lib/actor'
import { groupsOf } from '../_lib/common'
import type { Db } from '../_lib/db'
import { noteSummary, taskSummary } from '../_lib/study'

/** What the 学习 page and the lists of notes show, and the counts per member per year (no ranking). */

/** Tasks a member's 学习 page shows: due within the last year or later. */
const recentTasks = (branchId: string, now: Date) => ({ branchId, dueAt: { $gte: addCalendar(now, -1, 'year') } })

function recordOf(taskId: string, notes: Map<string, NoteDoc>, completions: Set<string>, confirmedAt: Map<string, Date>): TaskRecord {
  return { noteStatus: notes.get(taskId)?.status ?? null, confirmedAt: completions.has(taskId) ? (confirmedAt.get(taskId) ?? null) : null }
}

/** The caller's notes and confirmations, keyed by task. */
async function myRecords(db: Db, member: MemberDoc): Promise<{ notes: NoteDoc[]; byTask: Map<string, NoteDoc>; confirmed: Map<string, Date> }> {
  const [notes, completions] = await Promise.all([
    db.all('notes', { memberId: member._id }, ['updatedAt', 'desc']),
    db.all('studyCompletions', { memberId: member._id }),
  ])
  const byTask = new Map(notes.filter((n) => n.taskId).map((n) => [n.taskId as string, n]))
  return { notes, byTask, confirmed: new Map(completions.map((c) => [c.taskId, c.confirmedAt])) }
}

function recordFor(taskId: string, mine: { byTask: Map<string, NoteDoc>; confirmed: Map<string, Date> }): TaskRecord {
  return recordOf(taskId, mine.byTask, new Set(mine.confirmed.keys()), mine.confirmed)
}

/** Notes as lists show them, with their task's title and the author's group. */
export async function summaries(db: Db, notes: NoteDoc[], branchId: string): Promise<NoteSummaryView[]> {
  const taskIds = [...new Set(notes.map((n) => n.taskId).filter((t): t is string => Boolean(t)))]
  const [tasks, groups] = await Promise.all([taskIds.length ? db.all('studyTasks', { _id: { $in: taskIds } }) : Promise.resolve([]), groupsOf(db, branchId)])
  const titles = new Map(tasks.map((t) => [t._id, t.title]))
  return notes.map((n) => noteSummary(n, n.taskId ? (titles.get(n.taskId) ?? null) : null, n.groupId ? (groups.get(n.groupId)?.name ?? null) : null))
}

/** The 学习 page: the caller's tasks with where each stands, their notes, and what waits for them to review. */
export async function overviewOf(db: Db, actor: MemberActor, now: Date): Promise<StudyOverview> {
  const reviewer = mayReviewNotes(actor.capabilities)
  const [tasks, mine, toReview] = await Promise.all([
    db.all('studyTasks', recentTasks(actor.member.branchId, now), ['dueAt', 'desc']),
    myRecords(db, actor.member),
    reviewer ? db.count('notes', { branchId: actor.member.branchId, status: { $in: [...awaitingReview] } }) : Promise.resolve(null),
  ])
  const myTasks = tasks.filter((t) => inStudyAudience(t.audience, actor.member))
  return {
    tasks: myTasks.map((t) => taskSummary(t, { memberId: actor.member._id, record: recordFor(t._id, mine) }, now)),
    myNotes: await summaries(db, mine.notes, actor.member.branchId),
    toReview,
    canManage: actor.capabilities.includes('manageStudy'),
    canReview: reviewer,
  }
}

export async function myNotes(db: Db, actor: MemberActor): Promise<NoteSummaryView[]> {
  const notes = await db.all('notes', { memberId: actor.member._id }, ['updatedAt', 'desc'])
  return summaries(db, notes, actor.member.branchId)
}

/** 学习交流: the branch's shared notes, newest first. */
export async function sharedNotes(db: Db, actor: MemberActor): Promise<NoteSummaryView[]> {
  const notes = await db.all('notes', { branchId: actor.member.branchId, shared: true }, ['sharedAt', 'desc'])
  return summaries(db, notes, actor.member.branchId)
}

/** Per member per year: tasks set and handed in, notes, 优秀. Listed by group and name, never ranked. */
export async function yearCountsOf(db: Db, actor: MemberActor, year: number, scope: 'mine' | 'branch'): Promise<YearCountsView> {
  if (scope === 'branch' && !actor.capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
  const branchId = actor.member.branchId
  const from = startOf('year', fromBeijing(`${year}-01-01`))
  const to = fromBeijing(`${year + 1}-01-01`)
  const one = scope === 'mine' ? { memberId: actor.member._id } : {}
  const [tasks, members, notes, completions, groups] = await Promise.all([
    db.all('studyTasks', { branchId, dueAt: { $gte: from, $lt: to } }),
    scope === 'mine' ? Promise.resolve([actor.member]) : db.all('members', { branchId, status: 'active' }),
    db.all('notes', { branchId, ...one, status: { $ne: 'draft' as const } }),
    db.all('studyCompletions', { branchId, ...one }),
    groupsOf(db, branchId),
  ])
  const rows = members.map((member) => {
    const mine = notes.filter((n) => n.memberId === member._id)
    const byTask = new Map(mine.filter((n) => n.taskId).map((n) => [n.taskId as string, n]))
    const confirmed = new Map(completions.filter((c) => c.memberId === member._id).map((c) => [c.taskId, c.confirmedAt]))
    const records = new Map(tasks.map((t) => [t._id, recordOf(t._id, byTask, new Set(confirmed.keys()), confirmed)]))
    const theirTasks = tasks.filter((t) => inStudyAudience(t.audience, member))
    return {
      memberId: member._id,
      name: member.name,
      groupName: member.groupId ? (groups.get(member.groupId)?.name ?? null) : null,
      counts: yearCounts(year, theirTasks, records, mine),
    }
  })
  const groupOrder = (g: string | null) => [...groups.values()].find((x) => x.name === g)?.order ?? 99
  rows.sort((a, b) => groupOrder(a.groupName) - groupOrder(b.groupName) || a.name.localeCompare(b.name, 'zh-Hans-CN'))
  return { year, rows }
}
