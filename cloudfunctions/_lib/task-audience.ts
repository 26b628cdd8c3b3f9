import type { MemberDoc, StudyTaskDoc } from '../../shared/domain/documents'
import { dueDateOf, inStudyAudience, studyAudienceOn } from '../../shared/domain/study'
import type { Db } from './db'
import { branchRoster } from './meetings'

/**
 * Whom a study task is for: until it falls due, the members on the roster now in its audience;
 * once due, those in it on its due date, written into the task's record on the first read after
 * (one conditional update of the one document, as a meeting's expected list is: see
 * settledExpected), so a later transfer or 转正 leaves who owed it as it was.
 */
export async function taskAudience(db: Db, task: StudyTaskDoc, now: Date): Promise<MemberDoc[]> {
  if (now.getTime() < task.dueAt.getTime()) {
    const members = await db.allCounted('members', { branchId: task.branchId, status: 'active' })
    return members.filter((m) => inStudyAudience(task.audience, m))
  }
  const roster = await branchRoster(db, task.branchId)
  let memberIds = task.audienceAtDue?.memberIds
  if (!memberIds) {
    const audienceAtDue = { frozenAt: now, memberIds: studyAudienceOn(task.audience, roster.people, dueDateOf(task.dueAt)) }
    if ((await db.updateWhere('studyTasks', { _id: task._id, audienceAtDue: { $exists: false } }, { audienceAtDue })) === 1) memberIds = audienceAtDue.memberIds
    else memberIds = (await db.get('studyTasks', task._id))?.audienceAtDue?.memberIds ?? audienceAtDue.memberIds
  }
  const listed = new Set(memberIds)
  return roster.members.filter((m) => listed.has(m._id))
}
