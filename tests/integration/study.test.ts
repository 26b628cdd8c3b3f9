import type { ActionInput } from '../../shared/api/contract'
import { addCalendar, beijingDate, beijingParts } from '../../shared/domain/time'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok, uploadTo } from '../support/api'

/**
 * Study through the real functions and the local cloud: tasks, notes with WeChat's content check,
 * review with return and resubmission, sharing, who has not handed in and reminders, yearly counts.
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud({ riskyWords: ['赌博'], reviewWords: ['加微信'] })
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const member = 'demo-member' // 孙伟, member-007, 第一党小组
const probationary = 'demo-probationary' // 谢雨婷, member-021
const activist = 'demo-activist'
const publicity = 'demo-publicity' // 王丽, 宣传委员

const inDays = (n: number) => beijingDate(addCalendar(new Date(), n, 'day'))
const body = (n: number, word = '学') => `${word.repeat(n - 1)}。`
const taskInput = (overrides: Partial<ActionInput<'study.createTask'>> = {}): ActionInput<'study.createTask'> => ({
  title: '学习党的二十届四中全会精神',
  materials: { text: '请认真学习全会公报。', links: [{ title: '全会公报', url: 'https://www.gov.cn/' }], files: [] },
  audience: { kind: 'branch', groupId: null, memberIds: [] },
  dueDate: inDays(7),
  noteRequired: true,
  minChars: 50,
  ...overrides,
})
async function newTask(overrides: Partial<ActionInput<'study.createTask'>> = {}): Promise<string> {
  return (await ok(cloud, secretary, 'study.createTask', taskInput(overrides))).ids[0]
}
const code = async (promise: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const r = await promise
  return r.ok ? 'ok' : r.error?.code
}
/** Runs a call that must be refused, and checks it wrote nothing. */
async function refusedWithoutWrites(run: () => Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | undefined> {
  const seq = cloud.store.commitSeq
  const result = await run()
  expect(result.ok).toBe(false)
  expect(cloud.store.commitSeq).toBe(seq)
  return result.error?.code
}

describe('study tasks', () => {
  it('sets a task for the branch’s Party members, who are told and see it as due', async () => {
    const taskId = await newTask({ title: '学习《中国共产党章程》' })
    const inbox = await ok(cloud, member, 'inbox.list', {})
    expect(inbox.messages.find((m) => m.kind === 'studyTask' && m.body.includes('学习《中国共产党章程》'))).toBeTruthy()
    const overview = await ok(cloud, member, 'study.overview', {})
    expect(overview.tasks.find((t) => t.id === taskId)?.my?.progress).toBe('due')
    // An activist is not in a branch-wide task, and another branch never sees it.
    expect((await ok(cloud, activist, 'study.overview', {})).tasks.map((t) => t.id)).not.toContain(taskId)
    expect(await code(callAs(cloud, activist, 'study.task', { taskId }))).toBe('STUDY.NOT_IN_AUDIENCE')
    expect(await code(callAs(cloud, 'demo-branch2-secretary', 'study.task', { taskId }))).toBe('STUDY.TASK_NOT_FOUND')
  })

  it('lets a task without a note be done by confirming it, once', async () => {
    const taskId = await newTask({ title: '观看专题片', noteRequired: false, minChars: 0 })
    const first = await ok(cloud, member, 'study.confirmTask', { taskId })
    expect(first.my?.progress).toBe('done')
    const again = await ok(cloud, member, 'study.confirmTask', { taskId })
    expect(again.my?.confirmedAt).toBe(first.my?.confirmedAt)
    const noteTask = await newTask()
    expect(await code(callAs(cloud, member, 'study.confirmTask', { taskId: noteTask }))).toBe('STUDY.NOTE_REQUIRED')
  })

  it('sets one task for every branch when the organisation sets it', async () => {
    const result = await ok(cloud, 'demo-org-admin', 'study.createTask', taskInput({ title: '党总支统一学习：教育家精神' }))
    expect(result.branches).toBe(2)
    const branch2 = await ok(cloud, 'demo-branch2-secretary', 'study.manageTasks', {})
    expect(branch2.find((t) => t.title === '党总支统一学习：教育家精神')).toMatchObject({ fromOrg: true })
    const orgView = await ok(cloud, 'demo-org-admin', 'study.manageTasks', {})
    expect(orgView.filter((t) => t.title === '党总支统一学习：教育家精神').map((t) => t.branchName).sort()).toEqual(['明德实验学校第一党支部', '明德实验学校第二党支部'])
    // A group or chosen members belong to one branch: the organisation sets branch-wide tasks only.
    expect(await code(callAs(cloud, 'demo-org-admin', 'study.createTask', taskInput({ audience: { kind: 'group', groupId: 'group-1-1', memberIds: [] } })))).toBe('INPUT.INVALID')
  })

  it('refuses malformed tasks and writes nothing', async () => {
    const bad: Array<Partial<ActionInput<'study.createTask'>>> = [
      { dueDate: '2026-02-30' },
      { dueDate: inDays(-1) },
      { title: ' ' },
      { audience: { kind: 'group', groupId: 'group-2-1', memberIds: [] } },
      { audience: { kind: 'members', groupId: null, memberIds: ['member-027'] } },
      { materials: { text: '', links: [{ title: '链接', url: 'javascript:alert(1)' }], files: [] } },
      { materials: { text: '', links: [], files: [{ fileID: 'cloud://zhibutong-local.bucket/notes/member-007/a.pdf', name: 'a.pdf' }] } },
      { minChars: -1 },
    ]
    for (const overrides of bad) {
      const refusal = await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.createTask', taskInput(overrides)))
      expect(['INPUT.INVALID', 'STUDY.FILE_FOREIGN']).toContain(refusal)
    }
  })
})

describe('notes: content check, review, resubmission, sharing', () => {
  it('keeps a draft on the server, so another phone finds it', async () => {
    const taskId = await newTask()
    const draft = await ok(cloud, member, 'study.saveNote', { taskId, title: '草稿', body: '写到一半', photos: [] })
    expect(draft).toMatchObject({ status: 'draft', characters: 4, canEdit: true })
    // The other phone knows only the task: it finds the same note.
    const task = await ok(cloud, member, 'study.task', { taskId })
    expect(task.my).toMatchObject({ noteId: draft.id, noteStatus: 'draft', progress: 'due' })
    expect((await ok(cloud, member, 'study.note', { noteId: draft.id })).body).toBe('写到一半')
    // A draft is nobody else's business.
    expect(await code(callAs(cloud, secretary, 'study.note', { noteId: draft.id }))).toBe('NOTE.NOT_FOUND')
  })

  it('checks the text as the author, in scene 4, and stores it as submitted when it passes', async () => {
    const taskId = await newTask()
    const before = cloud.openapi.contentChecks.length
    const note = await ok(cloud, member, 'study.submitNote', { taskId, title: '学习体会', body: body(60), photos: [] })
    expect(note).toMatchObject({ status: 'submitted', contentCheck: 'pass', characters: 60 })
    const checks = cloud.openapi.contentChecks.slice(before)
    expect(checks.map((c) => [c.openid, c.scene])).toEqual([
      ['demo-member', 4],
      ['demo-member', 4],
    ])
    expect((await ok(cloud, member, 'study.task', { taskId })).my?.progress).toBe('submitted')
  })

  it('refuses risky text with a clear message and stores nothing as submitted', async () => {
    const taskId = await newTask()
    const draft = await ok(cloud, member, 'study.saveNote', { taskId, title: '体会', body: '原来的草稿', photos: [] })
    const seq = cloud.store.commitSeq
    const result = await callAs(cloud, member, 'study.submitNote', { taskId, title: '体会', body: body(60) + '赌博', photos: [] })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOTE.CONTENT_RISKY', message: '心得中有不适宜发布的内容，请修改后再提交' } })
    expect(cloud.store.commitSeq).toBe(seq)
    expect(await ok(cloud, member, 'study.note', { noteId: draft.id })).toMatchObject({ status: 'draft', body: '原来的草稿' })
  })

  it('holds text the check wants a person to see, marked for the reviewer', async () => {
    const note = await ok(cloud, probationary, 'study.submitNote', { taskId: null, title: '心得', body: body(30) + '加微信', photos: [] })
    expect(note).toMatchObject({ status: 'submitted', contentCheck: 'review' })
    const queue = await ok(cloud, secretary, 'study.reviewQueue', {})
    expect(queue.waiting.find((n) => n.id === note.id)?.contentCheck).toBe('review')
  })

  it('holds the note for a person when the check fails', async () => {
    cloud.openapi.setFault('security.msgSecCheck', { errcode: -1, errmsg: 'system error' })
    try {
      const note = await ok(cloud, probationary, 'study.submitNote', { taskId: null, title: '心得二', body: body(30), photos: [] })
      expect(note).toMatchObject({ status: 'submitted', contentCheck: 'unchecked' })
    } finally {
      cloud.openapi.setFault('security.msgSecCheck', null)
    }
  })

  it('holds the note for a person when the check does not answer in time', async () => {
    cloud.openapi.setFault('security.msgSecCheck', { delayMs: 8000 })
    try {
      const note = await ok(cloud, probationary, 'study.submitNote', { taskId: null, title: '心得三', body: body(30), photos: [] })
      expect(note).toMatchObject({ status: 'submitted', contentCheck: 'unchecked' })
    } finally {
      cloud.openapi.setFault('security.msgSecCheck', null)
    }
  })

  it('refuses a note shorter than the task asks, counting characters, and writes nothing', async () => {
    const taskId = await newTask({ minChars: 50 })
    // 49 characters but far more bytes and UTF-16 units.
    const text = '学'.repeat(40) + 'Party' + '👍🏽👨‍👩‍👧🇨🇳' + '！'
    const refusal = await refusedWithoutWrites(() => callAs(cloud, member, 'study.submitNote', { taskId, title: '体会', body: text, photos: [] }))
    expect(refusal).toBe('NOTE.TOO_SHORT')
    const result = await callAs(cloud, member, 'study.submitNote', { taskId, title: '体会', body: text, photos: [] })
    expect(!result.ok && result.error.message).toBe('心得至少 50 字，现在 49 字')
    expect((await ok(cloud, member, 'study.submitNote', { taskId, title: '体会', body: text + '好', photos: [] })).characters).toBe(50)
  })

  it('takes a note through return and resubmission to 优秀, keeping who did what and when, and telling the author', async () => {
    const taskId = await newTask()
    const submitted = await ok(cloud, member, 'study.submitNote', { taskId, title: '立德树人心得', body: body(60), photos: [] })
    const returned = await ok(cloud, secretary, 'study.review', { noteId: submitted.id, decision: 'return', comment: '请结合班主任工作谈体会' })
    expect(returned).toMatchObject({ status: 'returned', returnComment: '请结合班主任工作谈体会' })
    const inbox = await ok(cloud, member, 'inbox.list', {})
    expect(inbox.messages.find((m) => m.kind === 'noteReviewed' && m.title === '心得被退回')?.body).toContain('请结合班主任工作谈体会')
    expect((await ok(cloud, member, 'study.overview', {})).tasks.find((t) => t.id === taskId)?.my?.progress).toBe('returned')

    const resubmitted = await ok(cloud, member, 'study.submitNote', { noteId: submitted.id, taskId, title: '立德树人心得（修改）', body: body(80, '育'), photos: [] })
    expect(resubmitted.status).toBe('resubmitted')
    // 宣传委员 reviews too.
    const approved = await ok(cloud, publicity, 'study.review', { noteId: submitted.id, decision: 'approve', grade: 'excellent' })
    expect(approved).toMatchObject({ status: 'approved', grade: 'excellent', canShare: false })
    const mine = await ok(cloud, member, 'study.note', { noteId: submitted.id })
    expect(mine.canShare).toBe(true)
    expect(mine.history.map((h) => [h.action, h.byName, h.grade, h.comment])).toEqual([
      ['submit', '孙伟', null, null],
      ['return', '李红梅', null, '请结合班主任工作谈体会'],
      ['resubmit', '孙伟', null, null],
      ['approve', '王丽', 'excellent', null],
    ])
    expect(mine.history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true)
    expect((await ok(cloud, member, 'inbox.list', {})).messages.find((m) => m.kind === 'noteReviewed' && m.title === '心得已审阅')?.body).toContain('优秀')
    expect((await ok(cloud, member, 'study.task', { taskId })).my?.progress).toBe('done')
  })

  it('two reviewers deciding at once: one decision lands, the other is told why, and the author hears once', async () => {
    const note = await ok(cloud, probationary, 'study.submitNote', { taskId: null, title: '审阅竞争', body: body(30), photos: [] })
    const [approve, ret] = await Promise.all([
      callAs(cloud, secretary, 'study.review', { noteId: note.id, decision: 'approve', grade: 'excellent' }),
      callAs(cloud, publicity, 'study.review', { noteId: note.id, decision: 'return', comment: '请补充' }),
    ])
    const landed = [approve, ret].filter((r) => r.ok)
    expect(landed).toHaveLength(1)
    const refused = approve.ok ? ret : approve
    expect(refused).toMatchObject({ ok: false, error: { code: approve.ok ? 'NOTE.ALREADY_REVIEWED' : 'NOTE.AWAITING_REVISION' } })
    const stored = await ok(cloud, probationary, 'study.note', { noteId: note.id })
    expect(stored.status).toBe(approve.ok ? 'approved' : 'returned')
    expect(stored.history.map((h) => h.action)).toEqual(['submit', approve.ok ? 'approve' : 'return'])
    const told = (await ok(cloud, probationary, 'inbox.list', {})).messages.filter((m) => m.kind === 'noteReviewed' && m.link?.endsWith(note.id))
    expect(told).toHaveLength(1)
  })

  it('refuses every illegal move through the API with its own code, and writes nothing', async () => {
    const note = await ok(cloud, member, 'study.submitNote', { taskId: null, title: '心得', body: body(30), photos: [] })
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.submitNote', { noteId: note.id, taskId: null, title: '心得', body: body(30), photos: [] }))).toBe('NOTE.ALREADY_SUBMITTED')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { noteId: note.id, taskId: null, title: '改', body: body(30), photos: [] }))).toBe('NOTE.UNDER_REVIEW')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.share', { noteId: note.id, share: true }))).toBe('NOTE.NOT_APPROVED')
    // A decision without its grade or its comment is refused before anything is read or written.
    expect(await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.review', { noteId: note.id, decision: 'approve' }))).toBe('INPUT.INVALID')
    expect(await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.review', { noteId: note.id, decision: 'return', comment: ' ' }))).toBe('INPUT.INVALID')
    await ok(cloud, secretary, 'study.review', { noteId: note.id, decision: 'approve', grade: 'pass' })
    expect(await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.review', { noteId: note.id, decision: 'return', comment: '再改改' }))).toBe('NOTE.ALREADY_REVIEWED')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { noteId: note.id, taskId: null, title: '改', body: body(30), photos: [] }))).toBe('NOTE.ALREADY_APPROVED')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.share', { noteId: note.id, share: true }))).toBe('NOTE.NOT_EXCELLENT')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.share', { noteId: note.id, share: false }))).toBe('NOTE.NOT_SHARED')

    const own = await ok(cloud, secretary, 'study.submitNote', { taskId: null, title: '书记的心得', body: body(30), photos: [] })
    expect(await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.review', { noteId: own.id, decision: 'approve', grade: 'excellent' }))).toBe('NOTE.OWN_NOTE')
    const draft = await ok(cloud, member, 'study.saveNote', { taskId: null, title: '草稿', body: '草稿', photos: [] })
    expect(await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.review', { noteId: draft.id, decision: 'approve', grade: 'pass' }))).toBe('NOTE.NOT_FOUND')
    const toReturn = await ok(cloud, member, 'study.submitNote', { taskId: null, title: '心得', body: body(30), photos: [] })
    await ok(cloud, secretary, 'study.review', { noteId: toReturn.id, decision: 'return', comment: '请补充' })
    expect(await refusedWithoutWrites(() => callAs(cloud, secretary, 'study.review', { noteId: toReturn.id, decision: 'approve', grade: 'pass' }))).toBe('NOTE.AWAITING_REVISION')
    // A member who reviews nothing may not review.
    expect(await refusedWithoutWrites(() => callAs(cloud, 'demo-org-committee', 'study.reviewQueue', {}))).toBe('AUTH.FORBIDDEN')
  })

  it('shares an 优秀 note with the branch only with the author’s consent, and withdraws it', async () => {
    const note = await ok(cloud, member, 'study.submitNote', { taskId: null, title: '优秀心得', body: body(40), photos: [] })
    await ok(cloud, secretary, 'study.review', { noteId: note.id, decision: 'approve', grade: 'excellent' })
    // Approved as 优秀, but not shared until the author says so.
    expect((await ok(cloud, probationary, 'study.shared', {})).map((n) => n.id)).not.toContain(note.id)
    expect(await code(callAs(cloud, probationary, 'study.note', { noteId: note.id }))).toBe('AUTH.FORBIDDEN')
    // Only the author consents.
    expect(await code(callAs(cloud, secretary, 'study.share', { noteId: note.id, share: true }))).toBe('NOTE.NOT_FOUND')
    await ok(cloud, member, 'study.share', { noteId: note.id, share: true })
    expect((await ok(cloud, probationary, 'study.shared', {})).map((n) => n.id)).toContain(note.id)
    const read = await ok(cloud, probationary, 'study.note', { noteId: note.id })
    expect(read).toMatchObject({ title: '优秀心得', canEdit: false, canShare: false, history: [] })
    expect((await ok(cloud, 'demo-branch2-secretary', 'study.shared', {})).map((n) => n.id)).not.toContain(note.id)
    await ok(cloud, member, 'study.share', { noteId: note.id, share: false })
    expect((await ok(cloud, probationary, 'study.shared', {})).map((n) => n.id)).not.toContain(note.id)
    expect(await code(callAs(cloud, probationary, 'study.note', { noteId: note.id }))).toBe('AUTH.FORBIDDEN')
  })

  it('accepts only photos the author uploaded for their notes, at most 9', async () => {
    const photo = (who: string) => uploadTo(cloud, who, 'study.preparePhoto', { ext: 'jpg' }, Buffer.from('jpeg'))
    const own = await photo(member)
    const other = await photo(probationary)
    // A file under the author's prefix that no function named for them.
    const stray = (await cloud.storage.store(`notes/member-007/${'b'.repeat(32)}.jpg`, Buffer.from('jpeg'))) as string
    const saved = await ok(cloud, member, 'study.saveNote', { taskId: null, title: '有照片', body: '正文', photos: [own] })
    expect(saved.photos).toHaveLength(1)
    expect(saved.photos[0].url).toMatch(/^http/)
    for (const foreign of [other, stray]) {
      expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { taskId: null, title: '有照片', body: '正文', photos: [foreign] }))).toBe('NOTE.PHOTO_FOREIGN')
    }
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { taskId: null, title: '照片太多', body: '正文', photos: Array(10).fill(own) }))).toBe('INPUT.INVALID')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { taskId: null, title: '', body: '正文', photos: [] }))).toBe('INPUT.INVALID')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { taskId: null, title: '太长', body: '长'.repeat(10001), photos: [] }))).toBe('NOTE.TOO_LONG')
    expect(await refusedWithoutWrites(() => callAs(cloud, member, 'study.saveNote', { noteId: 'no-such-note', taskId: null, title: '标题', body: '正文', photos: [] }))).toBe('NOTE.NOT_FOUND')
  })
})

describe('who has not handed in, and reminders', () => {
  it('lists who owes a task and how far they got, and reminds them in one tap, once per six hours', async () => {
    const taskId = await newTask({ title: '专题学习：师德师风', audience: { kind: 'group', groupId: 'group-1-1', memberIds: [] } })
    await ok(cloud, member, 'study.submitNote', { taskId, title: '师德体会', body: body(60), photos: [] })
    await ok(cloud, probationary, 'study.saveNote', { taskId, title: '写了一半', body: '草稿', photos: [] })
    const pending = await ok(cloud, secretary, 'study.pending', { taskId })
    // 第一党小组's Party members: 李红梅, 陈志强, 孙伟, 周静, 吴磊, 郑雪, 梁晨, 谢雨婷 (许诺 is an activist).
    expect(pending.audience).toBe(8)
    expect(pending.handedIn).toBe(1)
    expect(pending.pending.map((p) => p.name)).not.toContain('孙伟')
    expect(pending.pending.find((p) => p.name === '谢雨婷')?.state).toBe('draft')
    expect(pending.pending.find((p) => p.name === '周静')).toMatchObject({ state: 'notStarted', groupName: '第一党小组（语文组）' })

    // Two taps at once send one round.
    const taps = await Promise.allSettled([1, 2, 3].map(() => callAs(cloud, secretary, 'study.remind', { taskId })))
    const outcomes = taps.map((t) => (t.status === 'fulfilled' ? (t.value.ok ? 'ok' : t.value.error.code) : 'crash')).sort()
    expect(outcomes).toEqual(['STUDY.REMINDED_RECENTLY', 'STUDY.REMINDED_RECENTLY', 'ok'])
    const zhou = cloud.store.docs('inbox').filter((m) => m.memberId === 'member-008' && m.kind === 'studyTaskDue' && String(m.body).includes('师德师风'))
    expect(zhou).toHaveLength(1)
    const sun = cloud.store.docs('inbox').filter((m) => m.memberId === 'member-007' && m.kind === 'studyTaskDue' && String(m.body).includes('师德师风'))
    expect(sun).toHaveLength(0)
    expect((await ok(cloud, secretary, 'study.pending', { taskId })).nextRemindAt).not.toBe(null)
    // Only those who run the branch's study see it.
    expect(await code(callAs(cloud, 'demo-org-committee', 'study.pending', { taskId }))).toBe('AUTH.FORBIDDEN')
    expect(await code(callAs(cloud, 'demo-branch2-secretary', 'study.pending', { taskId }))).toBe('STUDY.TASK_NOT_FOUND')
    expect((await ok(cloud, 'demo-org-admin', 'study.pending', { taskId })).canRemind).toBe(false)
  })

  it('counts each member’s year: tasks set and done, notes, 优秀 — without ranking', async () => {
    const year = beijingParts(new Date()).year
    const before = (await ok(cloud, probationary, 'study.yearCounts', { year, scope: 'mine' })).rows[0].counts
    const taskId = await newTask({ title: '年度计数' })
    const note = await ok(cloud, probationary, 'study.submitNote', { taskId, title: '计数心得', body: body(60), photos: [] })
    await ok(cloud, secretary, 'study.review', { noteId: note.id, decision: 'approve', grade: 'excellent' })
    const after = (await ok(cloud, probationary, 'study.yearCounts', { year, scope: 'mine' })).rows[0].counts
    expect(after).toEqual({ ...before, tasks: before.tasks + 1, tasksDone: before.tasksDone + 1, notes: before.notes + 1, excellent: before.excellent + 1 })
    const branch = await ok(cloud, secretary, 'study.yearCounts', { year, scope: 'branch' })
    expect(branch.rows.find((r) => r.name === '谢雨婷')?.counts).toEqual(after)
    // Listed by group, then name: never by how much was done.
    expect(branch.rows[0].groupName).toBe('第一党小组（语文组）')
    expect(await code(callAs(cloud, member, 'study.yearCounts', { year, scope: 'branch' }))).toBe('AUTH.FORBIDDEN')
  })
})
