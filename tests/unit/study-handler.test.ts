import { main } from '../../cloudfunctions/study/index'
import type { StudyTaskDoc, InboxDoc, NoteDoc } from '../../shared/domain/documents'
import { balanceKey, templateBinding } from '../../shared/domain/reminders'
import { minNoteCharacters } from '../../shared/domain/study'
import { hourMs } from '../../shared/domain/time'
import type { SubscribeMessage } from '../../cloudfunctions/_lib/reminders'
import type { MemoryDb } from '../support/memory-db'
import { branchWorld, caller, data, openidOf, people, refusal } from '../support/handler-world'

/**
 * The study function's handlers through `main.run`, with a fixed `now`, the in-memory database and
 * a stand-in for WeChat's content check and subscribe messages: every refusal and every step a
 * teacher or the secretary would see.
 */
const now = new Date('2026-03-02T10:00:00+08:00')
const later = (hours: number) => new Date(now.getTime() + hours * hourMs)
const body = (n: number) => '学'.repeat(n)

function world() {
  const { db } = branchWorld()
  const verdicts: Record<string, 'pass' | 'review' | 'risky' | 'fail'> = {}
  const sent: SubscribeMessage[] = []
  const call = caller(main, db, {
    msgSecCheck: async ({ content }) => {
      const verdict = Object.entries(verdicts).find(([word]) => content.includes(word))?.[1] ?? 'pass'
      if (verdict === 'fail') throw Object.assign(new Error('system error'), { errCode: -1 })
      return { result: { suggest: verdict, label: 100 } }
    },
    send: async (message) => {
      sent.push(message)
      return { errCode: 0 }
    },
  })
  const inbox = (memberId: string) => [...(db.collections.get('inbox')?.values() ?? [])].filter((m) => m.memberId === memberId) as unknown as InboxDoc[]
  const note = (id: string) => db.peek('notes', id) as NoteDoc | undefined
  return { db, call, verdicts, sent, inbox, note }
}

type World = ReturnType<typeof world>

const taskInput = (over: Partial<{ dueDate: string; noteRequired: boolean; minChars: number; audience: { kind: 'branch' | 'group' | 'members'; groupId: string | null; memberIds: string[] } }> = {}) => ({
  title: '学习二十届三中全会精神',
  materials: { text: '请通读全文', links: [], files: [] },
  audience: { kind: 'branch' as const, groupId: null, memberIds: [] },
  dueDate: '2026-03-10',
  noteRequired: true,
  minChars: 20,
  ...over,
})

async function setTask(w: World, over: Parameters<typeof taskInput>[0] = {}): Promise<string> {
  const { ids } = data(await w.call('publicity', 'study.createTask', taskInput(over), now))
  return ids[0]
}

const commits = (db: MemoryDb) => JSON.stringify([...db.collections].map(([name, docs]) => [name, [...docs.values()]]))

describe('study tasks', () => {
  it('are set by those who run study, and each Party member of the branch is told; activists and other branches are not', async () => {
    const w = world()
    const taskId = await setTask(w)
    const task = w.db.peek('studyTasks', taskId) as StudyTaskDoc
    expect(task).toMatchObject({ branchId: 'b1', title: '学习二十届三中全会精神', dueDate: '2026-03-10', noteRequired: true, minChars: 20, createdByName: '王强' })
    for (const who of ['secretary', 'publicity', 'member', 'probationary'] as const) {
      expect(w.inbox(people[who]._id)).toEqual([expect.objectContaining({ title: '新的学习任务', body: '“学习二十届三中全会精神”，请于3月10日前完成并提交学习心得（不少于 20 字）', link: `packageStudy/task/index?id=${taskId}` })])
    }
    expect(w.inbox(people.activist._id)).toEqual([])
    expect(w.inbox(people.otherSecretary._id)).toEqual([])
  })

  it('refuse a member without 管理学习, a due date already past, a group or members of another branch, and files not uploaded for the task, writing nothing', async () => {
    const w = world()
    const before = commits(w.db)
    expect(refusal(await w.call('member', 'study.createTask', taskInput(), now)).code).toBe('AUTH.FORBIDDEN')
    expect(refusal(await w.call('stranger', 'study.createTask', taskInput(), now)).code).toBe('AUTH.NOT_BOUND')
    expect(refusal(await w.call('publicity', 'study.createTask', taskInput({ dueDate: '2026-03-01' }), now))).toMatchObject({ code: 'INPUT.INVALID', fields: { dueDate: '截止日期已过' } })
    expect(refusal(await w.call('publicity', 'study.createTask', taskInput({ audience: { kind: 'group', groupId: 'g-elsewhere', memberIds: [] } }), now))).toMatchObject({ code: 'INPUT.INVALID', fields: { 'audience.groupId': '党小组不存在' } })
    expect(refusal(await w.call('publicity', 'study.createTask', taskInput({ audience: { kind: 'members', groupId: null, memberIds: [people.member._id, people.otherSecretary._id] } }), now))).toMatchObject({
      code: 'INPUT.INVALID',
      fields: { 'audience.memberIds': '所选成员不在本支部' },
    })
    const withFile = { ...taskInput(), materials: { text: '', links: [], files: [{ fileID: 'cloud://env.bucket/someone/else.pdf', name: '文件.pdf' }] } }
    expect(refusal(await w.call('publicity', 'study.createTask', withFile, now)).code).toBe('STUDY.FILE_FOREIGN')
    expect(refusal(await w.call('admin', 'study.createTask', taskInput({ audience: { kind: 'group', groupId: 'g1', memberIds: [] } }), now))).toMatchObject({ code: 'INPUT.INVALID', fields: { 'audience.kind': '党总支布置的任务面向各支部全体党员' } })
    expect(commits(w.db)).toBe(before)
  })

  it('due today is still open until the end of the day in Beijing', async () => {
    const w = world()
    const taskId = await setTask(w, { dueDate: '2026-03-02' })
    const line = (at: Date) => w.call('member', 'study.overview', {}, at).then((r) => data(r).tasks.find((t) => t.id === taskId)?.my?.progress)
    expect(await line(now)).toBe('due')
    expect(await line(new Date('2026-03-02T23:59:00+08:00'))).toBe('due')
    expect(await line(new Date('2026-03-03T00:00:00+08:00'))).toBe('overdue')
  })

  it('set by the organisation reach every branch of it, each with its own copy', async () => {
    const w = world()
    const { ids, branches } = data(await w.call('admin', 'study.createTask', taskInput(), now))
    expect(branches).toBe(2)
    expect(ids.map((id) => (w.db.peek('studyTasks', id) as StudyTaskDoc).branchId).sort()).toEqual(['b1', 'b2'])
    expect(w.inbox(people.otherSecretary._id)).toHaveLength(1)
    expect(data(await w.call('admin', 'study.manageTasks', {}, now)).map((t) => t.branchName).sort()).toEqual(['第一党支部', '第二党支部'])
  })

  it('open to those they are set for, to those who run study and read the desk, and to nobody in another branch', async () => {
    const w = world()
    const taskId = await setTask(w, { audience: { kind: 'group', groupId: 'g2', memberIds: [] } })
    expect(data(await w.call('probationary', 'study.task', { taskId }, now))).toMatchObject({ id: taskId, audience: { kind: 'group', groupName: '第二党小组' }, my: { progress: 'due' } })
    expect(refusal(await w.call('member', 'study.task', { taskId }, now)).code).toBe('STUDY.NOT_IN_AUDIENCE')
    expect(data(await w.call('secretary', 'study.task', { taskId }, now))).toMatchObject({ my: null, canManage: true })
    expect(refusal(await w.call('otherSecretary', 'study.task', { taskId }, now)).code).toBe('STUDY.TASK_NOT_FOUND')
  })

  it('without a note are done by 已学习, once however often it is tapped; a task that asks for a note is not', async () => {
    const w = world()
    const readOnly = await setTask(w, { noteRequired: false, minChars: 0 })
    const first = data(await w.call('member', 'study.confirmTask', { taskId: readOnly }, now))
    expect(first.my).toMatchObject({ progress: 'done', confirmedAt: now.toISOString() })
    const again = data(await w.call('member', 'study.confirmTask', { taskId: readOnly }, later(1)))
    expect(again.my?.confirmedAt).toBe(now.toISOString())
    expect(w.db.collections.get('studyCompletions')?.size).toBe(1)
    expect(refusal(await w.call('activist', 'study.confirmTask', { taskId: readOnly }, now)).code).toBe('STUDY.NOT_IN_AUDIENCE')
    const withNote = await setTask(w)
    expect(refusal(await w.call('member', 'study.confirmTask', { taskId: withNote }, now)).code).toBe('STUDY.NOTE_REQUIRED')
  })
})

describe('a note from draft to shared', () => {
  it('goes draft → submitted → returned → resubmitted → approved as 优秀 → shared, each step in its history with who', async () => {
    const w = world()
    const taskId = await setTask(w)
    const draft = data(await w.call('member', 'study.saveNote', { taskId, title: '心得', body: body(5), photos: [] }, now))
    expect(draft).toMatchObject({ status: 'draft', canEdit: true, characters: 5, history: [] })
    // Another phone finds the same draft.
    expect(data(await w.call('member', 'study.overview', {}, later(1))).myNotes.map((n) => n.id)).toEqual([draft.id])

    const submitted = data(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(30), photos: [] }, later(1)))
    expect(submitted).toMatchObject({ id: draft.id, status: 'submitted', contentCheck: 'pass', canEdit: false })
    expect(data(await w.call('member', 'study.overview', {}, later(1))).tasks[0].my?.progress).toBe('submitted')
    expect(data(await w.call('secretary', 'study.reviewQueue', {}, later(1))).waiting.map((n) => n.id)).toEqual([draft.id])

    const returned = data(await w.call('secretary', 'study.review', { noteId: draft.id, decision: 'return', comment: '请结合本职工作' }, later(2)))
    expect(returned).toMatchObject({ status: 'returned', returnComment: '请结合本职工作' })
    expect(w.inbox(people.member._id).find((m) => m.title === '心得被退回')?.body).toBe('你的心得“心得”被退回，请按意见修改后重新提交。意见：请结合本职工作')
    expect(data(await w.call('member', 'study.overview', {}, later(2))).tasks[0].my?.progress).toBe('returned')

    data(await w.call('member', 'study.saveNote', { noteId: draft.id, taskId, title: '心得（修改）', body: body(35), photos: [] }, later(3)))
    const resubmitted = data(await w.call('member', 'study.submitNote', { noteId: draft.id, taskId, title: '心得（修改）', body: body(40), photos: [] }, later(3)))
    expect(resubmitted.status).toBe('resubmitted')

    const approved = data(await w.call('publicity', 'study.review', { noteId: draft.id, decision: 'approve', grade: 'excellent' }, later(4)))
    expect(approved).toMatchObject({ status: 'approved', grade: 'excellent' })
    expect(w.inbox(people.member._id).find((m) => m.title === '心得已审阅')?.body).toBe('你的心得“心得（修改）”已审阅：优秀')
    expect(data(await w.call('member', 'study.overview', {}, later(4))).tasks[0].my?.progress).toBe('done')

    // 学习交流: closed to other members until the author shares it, open once shared.
    expect(refusal(await w.call('probationary', 'study.note', { noteId: draft.id }, later(4)))).toMatchObject({ code: 'AUTH.FORBIDDEN', message: '这篇心得只有作者和审阅人可以查看' })
    expect(data(await w.call('member', 'study.share', { noteId: draft.id, share: true }, later(5))).shared).toBe(true)
    expect(data(await w.call('probationary', 'study.shared', {}, later(5))).map((n) => n.id)).toEqual([draft.id])
    expect(data(await w.call('probationary', 'study.note', { noteId: draft.id }, later(5))).history).toEqual([])
    expect(refusal(await w.call('member', 'study.share', { noteId: draft.id, share: true }, later(5))).code).toBe('NOTE.ALREADY_SHARED')
    expect(data(await w.call('member', 'study.share', { noteId: draft.id, share: false }, later(6))).shared).toBe(false)
    expect(refusal(await w.call('member', 'study.share', { noteId: draft.id, share: false }, later(6))).code).toBe('NOTE.NOT_SHARED')
    expect(data(await w.call('probationary', 'study.shared', {}, later(6)))).toEqual([])

    expect(data(await w.call('member', 'study.note', { noteId: draft.id }, later(6))).history.map((h) => [h.action, h.byName, h.at])).toEqual([
      ['submit', '张伟', later(1).toISOString()],
      ['return', '李红梅', later(2).toISOString()],
      ['resubmit', '张伟', later(3).toISOString()],
      ['approve', '王强', later(4).toISOString()],
      ['share', '张伟', later(5).toISOString()],
      ['unshare', '张伟', later(6).toISOString()],
    ])
    expect(w.note(draft.id)).toMatchObject({ firstSubmittedAt: later(1), submittedAt: later(3), reviewedBy: people.publicity._id })
  })

  it('refuses each illegal move with its own code and leaves the note as it was', async () => {
    const w = world()
    const taskId = await setTask(w)
    const { id } = data(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(30), photos: [] }, now))
    const stored = JSON.stringify(w.note(id))
    expect(refusal(await w.call('member', 'study.saveNote', { noteId: id, taskId, title: '改', body: body(30), photos: [] }, later(1))).code).toBe('NOTE.UNDER_REVIEW')
    expect(refusal(await w.call('member', 'study.submitNote', { noteId: id, taskId, title: '改', body: body(30), photos: [] }, later(1))).code).toBe('NOTE.ALREADY_SUBMITTED')
    expect(refusal(await w.call('member', 'study.share', { noteId: id, share: true }, later(1))).code).toBe('NOTE.NOT_APPROVED')
    expect(refusal(await w.call('member', 'study.review', { noteId: id, decision: 'approve', grade: 'pass' }, later(1))).code).toBe('AUTH.FORBIDDEN')
    expect(JSON.stringify(w.note(id))).toBe(stored)

    data(await w.call('secretary', 'study.review', { noteId: id, decision: 'return', comment: '再具体些' }, later(2)))
    expect(refusal(await w.call('publicity', 'study.review', { noteId: id, decision: 'approve', grade: 'pass' }, later(2))).code).toBe('NOTE.AWAITING_REVISION')

    data(await w.call('member', 'study.submitNote', { noteId: id, taskId, title: '心得', body: body(30), photos: [] }, later(3)))
    data(await w.call('secretary', 'study.review', { noteId: id, decision: 'approve', grade: 'pass' }, later(4)))
    expect(refusal(await w.call('member', 'study.saveNote', { noteId: id, taskId, title: '改', body: body(30), photos: [] }, later(5))).code).toBe('NOTE.ALREADY_APPROVED')
    expect(refusal(await w.call('member', 'study.submitNote', { noteId: id, taskId, title: '改', body: body(30), photos: [] }, later(5))).code).toBe('NOTE.ALREADY_APPROVED')
    expect(refusal(await w.call('member', 'study.share', { noteId: id, share: true }, later(5))).code).toBe('NOTE.NOT_EXCELLENT')
    expect(w.note(id)).toMatchObject({ status: 'approved', grade: 'pass', title: '心得', shared: false })
  })

  it('the review race: a second decision on a note already decided is refused and changes nothing, and the author is told once', async () => {
    const w = world()
    const taskId = await setTask(w)
    const { id } = data(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(30), photos: [] }, now))
    const [first, second] = [
      await w.call('secretary', 'study.review', { noteId: id, decision: 'approve', grade: 'excellent' }, later(1)),
      await w.call('publicity', 'study.review', { noteId: id, decision: 'return', comment: '请补充' }, later(1)),
    ]
    expect(data(first).status).toBe('approved')
    expect(refusal(second)).toMatchObject({ code: 'NOTE.ALREADY_REVIEWED', message: '心得已审阅过' })
    expect(w.note(id)).toMatchObject({ status: 'approved', grade: 'excellent', returnComment: null })
    expect(w.inbox(people.member._id).filter((m) => m.link === `packageStudy/note/index?id=${id}`).map((m) => m.title)).toEqual(['心得已审阅'])
  })

  it('a reviewer never reviews their own note, nor sees another person’s draft', async () => {
    const w = world()
    const taskId = await setTask(w)
    const own = data(await w.call('publicity', 'study.submitNote', { taskId, title: '我的心得', body: body(30), photos: [] }, now))
    expect(refusal(await w.call('publicity', 'study.review', { noteId: own.id, decision: 'approve', grade: 'excellent' }, now))).toMatchObject({ code: 'NOTE.OWN_NOTE', message: '不能审阅自己的心得，请由其他支委审阅' })
    expect(data(await w.call('secretary', 'study.review', { noteId: own.id, decision: 'approve', grade: 'pass' }, now)).status).toBe('approved')
    const draft = data(await w.call('member', 'study.saveNote', { taskId, title: '草稿', body: body(3), photos: [] }, now))
    expect(refusal(await w.call('secretary', 'study.note', { noteId: draft.id }, now)).code).toBe('NOTE.NOT_FOUND')
    expect(refusal(await w.call('secretary', 'study.review', { noteId: draft.id, decision: 'approve', grade: 'pass' }, now)).code).toBe('NOTE.NOT_FOUND')
    expect(refusal(await w.call('otherSecretary', 'study.note', { noteId: own.id }, now)).code).toBe('NOTE.NOT_FOUND')
  })

  it('is refused below the task’s 字数 and the floor, above the longest, with photos not the author’s, and for a task not set for the author', async () => {
    const w = world()
    const taskId = await setTask(w, { minChars: 50 })
    expect(refusal(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(49), photos: [] }, now))).toMatchObject({ code: 'NOTE.TOO_SHORT', message: '心得至少 50 字，现在 49 字' })
    const free = { taskId: null, title: '随笔', photos: [] }
    expect(refusal(await w.call('member', 'study.submitNote', { ...free, body: body(minNoteCharacters - 1) }, now)).message).toBe(`心得至少 ${minNoteCharacters} 字，现在 ${minNoteCharacters - 1} 字`)
    expect(refusal(await w.call('member', 'study.saveNote', { ...free, body: body(10001) }, now))).toMatchObject({ code: 'NOTE.TOO_LONG', fields: { body: '心得不能超过 10000 字' } })
    expect(refusal(await w.call('member', 'study.saveNote', { ...free, body: body(20), photos: ['cloud://env.bucket/notes/someone-else.jpg'] }, now)).code).toBe('NOTE.PHOTO_FOREIGN')
    expect(refusal(await w.call('activist', 'study.saveNote', { taskId, title: '心得', body: body(60), photos: [] }, now)).code).toBe('STUDY.NOT_IN_AUDIENCE')
    // Nothing of the refused submissions is stored: the task's note was never written.
    expect(w.note(`${taskId}_${people.member._id}`)).toBeUndefined()
    const mine = data(await w.call('member', 'study.saveNote', { taskId, title: '心得', body: body(60), photos: [] }, now))
    expect(refusal(await w.call('probationary', 'study.saveNote', { noteId: mine.id, taskId, title: '冒名', body: body(60), photos: [] }, now)).code).toBe('NOTE.NOT_FOUND')
    expect(refusal(await w.call('member', 'study.saveNote', { noteId: mine.id, taskId: null, title: '心得', body: body(60), photos: [] }, now))).toMatchObject({ code: 'INPUT.INVALID', fields: { taskId: '心得所属的学习任务不能更改' } })
  })

  it('WeChat’s content check: risky text is refused and stays a draft; text it wants a person to see, or could not check, is submitted and held', async () => {
    const w = world()
    w.verdicts['赌博'] = 'risky'
    w.verdicts['加微信'] = 'review'
    w.verdicts['断线'] = 'fail'
    const draft = data(await w.call('member', 'study.saveNote', { taskId: null, title: '随笔', body: `${body(20)}赌博`, photos: [] }, now))
    expect(refusal(await w.call('member', 'study.submitNote', { noteId: draft.id, taskId: null, title: '随笔', body: `${body(20)}赌博`, photos: [] }, now)).code).toBe('NOTE.CONTENT_RISKY')
    expect(w.note(draft.id)).toMatchObject({ status: 'draft', contentCheck: null, submittedAt: null })
    expect(data(await w.call('member', 'study.submitNote', { noteId: draft.id, taskId: null, title: '随笔', body: `${body(20)}加微信`, photos: [] }, now))).toMatchObject({ status: 'submitted', contentCheck: 'review' })
    const other = data(await w.call('probationary', 'study.submitNote', { taskId: null, title: '断线', body: body(20), photos: [] }, now))
    expect(other).toMatchObject({ status: 'submitted', contentCheck: 'unchecked' })
    expect(data(await w.call('secretary', 'study.reviewQueue', {}, now)).waiting.map((n) => n.contentCheck).sort()).toEqual(['review', 'unchecked'])
  })
})

describe('who owes a task, and the reminder to them', () => {
  async function owed(w: World) {
    const taskId = await setTask(w)
    data(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(30), photos: [] }, now))
    data(await w.call('probationary', 'study.saveNote', { taskId, title: '草稿', body: body(5), photos: [] }, now))
    const returned = data(await w.call('secretary', 'study.submitNote', { taskId, title: '书记的心得', body: body(30), photos: [] }, now))
    data(await w.call('publicity', 'study.review', { noteId: returned.id, decision: 'return', comment: '请补充' }, now))
    return taskId
  }

  it('lists those who have not handed in with how far each got; the member who handed in is not among them', async () => {
    const w = world()
    const taskId = await owed(w)
    const view = data(await w.call('publicity', 'study.pending', { taskId }, now))
    expect(view).toMatchObject({ audience: 4, handedIn: 1, canRemind: true, lastRemindedAt: null, nextRemindAt: null })
    expect(view.pending.map((p) => [p.name, p.state, p.groupName])).toEqual([
      ['李红梅', 'returned', '第一党小组'],
      ['王强', 'notStarted', '第一党小组'],
      ['刘洋', 'draft', '第二党小组'],
    ])
    expect(refusal(await w.call('member', 'study.pending', { taskId }, now)).code).toBe('AUTH.FORBIDDEN')
    expect(refusal(await w.call('otherSecretary', 'study.pending', { taskId }, now)).code).toBe('STUDY.TASK_NOT_FOUND')
    expect(data(await w.call('admin', 'study.pending', { taskId }, now)).canRemind).toBe(false)
    expect(refusal(await w.call('admin', 'study.remind', { taskId }, now)).code).toBe('AUTH.FORBIDDEN')
  })

  it('one tap reminds each of them in 消息 (by WeChat where they accepted), in words that fit how far they got; not again for 6 hours', async () => {
    const w = world()
    const taskId = await owed(w)
    const template = templateBinding('studyReminder')
    await w.db.add('subscriptions', { _id: balanceKey(openidOf('probationary'), template.id), openid: openidOf('probationary'), memberId: people.probationary._id, branchId: 'b1', template: 'studyReminder', templateId: template.id, remaining: 1, longTermAccepted: false, always: null, accepted: 1, spent: 0, lastAnswer: 'accept', updatedAt: now })
    expect(data(await w.call('publicity', 'study.remind', { taskId }, now))).toEqual({ reminded: 3 })
    const told = (memberId: string) => w.inbox(memberId).filter((m) => m.title === '学习任务提醒').map((m) => m.body)
    expect(told(people.secretary._id)).toEqual(['“学习二十届三中全会精神”将于3月10日截止，你的心得已退回，请修改后重新提交'])
    expect(told(people.probationary._id)).toEqual(['“学习二十届三中全会精神”将于3月10日截止，请尽快完成学习并提交心得'])
    expect(told(people.member._id)).toEqual([])
    expect(w.sent.map((m) => m.touser)).toEqual([openidOf('probationary')])

    expect(refusal(await w.call('publicity', 'study.remind', { taskId }, later(5))).code).toBe('STUDY.REMINDED_RECENTLY')
    expect(data(await w.call('publicity', 'study.pending', { taskId }, later(5)))).toMatchObject({ lastRemindedAt: now.toISOString(), nextRemindAt: later(6).toISOString() })
    expect(refusal(await w.call('member', 'study.remind', { taskId }, later(7))).code).toBe('AUTH.FORBIDDEN')

    // Past the due date the words say so.
    const afterDue = new Date('2026-03-11T09:00:00+08:00')
    expect(data(await w.call('secretary', 'study.remind', { taskId }, afterDue))).toEqual({ reminded: 3 })
    expect(w.inbox(people.publicity._id).filter((m) => m.title === '学习任务已逾期').map((m) => m.body)).toEqual(['“学习二十届三中全会精神”已于3月10日截止，请尽快完成学习并提交心得'])
  })

  it('has nobody to remind once everyone has handed in', async () => {
    const w = world()
    const taskId = await setTask(w, { audience: { kind: 'members', groupId: null, memberIds: [people.member._id] } })
    data(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(30), photos: [] }, now))
    expect(refusal(await w.call('publicity', 'study.remind', { taskId }, now))).toMatchObject({ code: 'STUDY.NOTHING_PENDING', message: '所有人都已提交，无需提醒' })
    expect(w.db.peek('studyTasks', taskId)?.lastRemindedAt).toBeNull()
  })
})

describe('counts per member per year', () => {
  it('count tasks set and handed in, notes and 优秀 for oneself; the branch’s only for those who run study', async () => {
    const w = world()
    const taskId = await setTask(w)
    const { id } = data(await w.call('member', 'study.submitNote', { taskId, title: '心得', body: body(30), photos: [] }, now))
    data(await w.call('secretary', 'study.review', { noteId: id, decision: 'approve', grade: 'excellent' }, now))
    expect(data(await w.call('member', 'study.yearCounts', { year: 2026, scope: 'mine' }, now)).rows).toEqual([
      { memberId: people.member._id, name: '张伟', groupName: '第一党小组', counts: { year: 2026, tasks: 1, tasksDone: 1, notes: 1, excellent: 1 } },
    ])
    expect(refusal(await w.call('member', 'study.yearCounts', { year: 2026, scope: 'branch' }, now)).code).toBe('AUTH.FORBIDDEN')
    const branch = data(await w.call('publicity', 'study.yearCounts', { year: 2026, scope: 'branch' }, now)).rows
    expect(branch.map((r) => [r.name, r.counts.tasks, r.counts.tasksDone])).toEqual([
      ['陈静', 0, 0],
      ['李红梅', 1, 0],
      ['王强', 1, 0],
      ['张伟', 1, 1],
      ['刘洋', 1, 0],
    ])
  })
})
