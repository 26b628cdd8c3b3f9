import { addCalendar, beijingDate, hourMs } from '../shared/domain/time'
import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { seedBranch } from './checkin'

async function call<T>(cloud: LocalCloud, openid: string, action: string, input: unknown): Promise<{ data: T; dbOps: number }> {
  const outcome = await cloud.invoke(action.split('.')[0], { action, input }, { openid })
  const result = outcome.result as { ok: boolean; data: T; error?: unknown }
  if (!result?.ok) throw new Error(`${action} failed: ${JSON.stringify(outcome.result ?? outcome.error)}`)
  return { data: result.data, dbOps: outcome.stats.dbOps }
}

const inDays = (n: number) => beijingDate(addCalendar(new Date(), n, 'day'))

/**
 * Study costs, in database operations of one invocation: who has not handed in a task (for a
 * branch of 100 and of 1,000 members, half of whom have: the same number of round trips), one
 * note submitted (with its content check), one theory test handed in.
 */
export async function studyCosts(cloud: LocalCloud): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const size of [100, 1000]) {
    const { branchId, openids } = await seedBranch(cloud, `st${size}`, size)
    const { data } = await call<{ ids: string[] }>(cloud, openids[0], 'study.createTask', {
      title: '基准学习任务',
      materials: { text: '学习材料', links: [], files: [] },
      audience: { kind: 'branch', groupId: null, memberIds: [] },
      dueDate: inDays(7),
      noteRequired: true,
      minChars: 10,
    })
    const taskId = data.ids[0]
    // Half the branch has handed in a note (written straight to the store: the cost measured is the read).
    const now = new Date()
    const notes: Change[] = openids.slice(0, size / 2).map((_, i) => {
      const id = `${taskId}_st${size}-m${i}`
      return {
        coll: 'notes',
        id,
        doc: { _id: id, branchId, memberId: `st${size}-m${i}`, authorName: `成员${i}`, groupId: null, taskId, title: '心得', body: '学习心得', characters: 4, photos: [], status: 'submitted', grade: null, shared: false, sharedAt: null, contentCheck: 'pass', returnComment: null, firstSubmittedAt: now, submittedAt: now, reviewedAt: null, reviewedBy: null, history: [], createdAt: now, updatedAt: now },
      }
    })
    await cloud.store.commit(notes)
    const pending = await call<{ pending: unknown[] }>(cloud, openids[0], 'study.pending', { taskId })
    if (pending.data.pending.length !== size / 2) throw new Error(`study.pending listed ${pending.data.pending.length}, expected ${size / 2}`)
    result[`study.pending.dbOps.members${size}`] = pending.dbOps

    if (size === 100) {
      const submit = await call(cloud, openids[size - 1], 'study.submitNote', { taskId, title: '学习体会', body: '认真学习全会精神，结合教育教学实际，立足岗位作贡献。', photos: [] })
      result['study.noteSubmit.dbOps'] = submit.dbOps

      const test = await call<{ ids: string[] }>(cloud, openids[0], 'exam.create', {
        title: '基准理论测试',
        description: '',
        questions: [
          { type: 'single', stem: '单选题', options: ['甲', '乙', '丙', '丁'], correct: 1, points: 2 },
          { type: 'multiple', stem: '多选题', options: ['甲', '乙', '丙', '丁'], correct: [0, 2], points: 3 },
          { type: 'trueFalse', stem: '判断题', correct: true, points: 1 },
          { type: 'short', stem: '简答题', reference: '', points: 10 },
        ],
        timeLimitMinutes: 30,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + hourMs).toISOString(),
      })
      const testId = test.data.ids[0]
      await call(cloud, openids[1], 'exam.start', { testId })
      await call(cloud, openids[1], 'exam.answer', { testId, answers: { q1: 1, q2: [0, 2] } })
      const handedIn = await call(cloud, openids[1], 'exam.submit', { testId, answers: { q3: true, q4: '答案' } })
      result['study.testSubmit.dbOps'] = handedIn.dbOps
    }
  }
  const { ['study.noteSubmit.dbOps']: note, ['study.testSubmit.dbOps']: test, ...pending } = result
  return { ...pending, 'study.noteSubmit.dbOps': note, 'study.testSubmit.dbOps': test }
}
