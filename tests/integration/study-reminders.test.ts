import type { ActionInput } from '../../shared/api/contract'
import { addCalendar, beijingDate, fromBeijing } from '../../shared/domain/time'
import { templateBinding, type TemplateKey } from '../../shared/domain/reminders'
import type { TimerReport } from '../../cloudfunctions/_lib/reminders'
import type { ReminderDoc } from '../../shared/domain/documents'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'
import { acceptReminder, fireReminderTimer } from '../support/reminders'

/**
 * Study reminders through the real functions, the timer and the local cloud's WeChat: a task due
 * in two days (only to those who owe it), a note reviewed (only to its author), a theory test
 * opening (only to Party members who have not started it).
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const publicity = 'demo-publicity' // 王丽, 宣传委员
const member = 'demo-member' // 孙伟
const probationary = 'demo-probationary' // 谢雨婷
const activist = 'demo-activist'
/** Branch one has 23 Party members (20 正式, 3 预备). */
const partyMembers = 23

const inDays = (n: number) => beijingDate(addCalendar(new Date(), n, 'day'))
const memberIdOf = (openid: string) => cloud.store.docs('bindings').find((b) => b._id === openid)?.memberId as string

const fire = (at: Date): Promise<TimerReport> => fireReminderTimer(cloud, at)
const accept = (openid: string, template: TemplateKey) => acceptReminder(cloud, openid, template, 'studyTask')

const remindersAbout = (subjectId: string) => cloud.store.docs('reminders').filter((r) => r.subjectId === subjectId) as unknown as ReminderDoc[]
const sentAbout = (page: string, touser?: string) => cloud.openapi.outbox({ touser }).filter((m) => m.page === page)
const value = (message: Record<string, unknown>, key: string) => (message.data as Record<string, { value: string }>)[key].value

async function newTask(overrides: Partial<ActionInput<'study.createTask'>>): Promise<string> {
  const input: ActionInput<'study.createTask'> = {
    title: '学习任务',
    materials: { text: '请认真学习。', links: [], files: [] },
    audience: { kind: 'branch', groupId: null, memberIds: [] },
    dueDate: inDays(5),
    noteRequired: true,
    minChars: 10,
    ...overrides,
  }
  return (await ok(cloud, secretary, 'study.createTask', input)).ids[0]
}

const noteBody = '结合班主任工作，认真学习全会精神，把立德树人落到每一节课上。'

describe('study task reminders from the timer', () => {
  it('reach, two days before the due day, only those in the task’s audience who have not handed in', async () => {
    const dueDay = inDays(5)
    const branchTask = await newTask({ title: '学习全会公报', dueDate: dueDay })
    const chosenTask = await newTask({ title: '观看专题片', dueDate: dueDay, noteRequired: false, minChars: 0, audience: { kind: 'members', groupId: null, memberIds: [memberIdOf(probationary), memberIdOf(activist)] } })
    // 孙伟 has handed in; 谢雨婷 has only a draft; 王丽's note came back to her.
    await ok(cloud, member, 'study.submitNote', { taskId: branchTask, title: '学习心得', body: noteBody, photos: [] })
    await ok(cloud, probationary, 'study.saveNote', { taskId: branchTask, title: '草稿', body: '还没写完', photos: [] })
    const returned = await ok(cloud, publicity, 'study.submitNote', { taskId: branchTask, title: '王丽的心得', body: noteBody, photos: [] })
    await ok(cloud, secretary, 'study.review', { noteId: returned.id, decision: 'return', comment: '请再具体些' })
    // The activist confirmed the film; 谢雨婷 has not.
    await ok(cloud, activist, 'study.confirmTask', { taskId: chosenTask })
    await accept(member, 'studyReminder')
    await accept(probationary, 'studyReminder')
    await accept(probationary, 'studyReminder')

    const firstDay = inDays(3)
    // 我的 → 消息提醒 shows each what is coming: her, the task; him, nothing about it.
    const ahead = (openid: string) => ok(cloud, openid, 'reminder.mine', {}).then((v) => v.upcoming.filter((u) => u.link?.endsWith(branchTask)))
    expect(await ahead(probationary)).toEqual([expect.objectContaining({ kind: 'studyTaskDue', subjectTitle: '学习全会公报', at: fromBeijing(firstDay, '09:00').toISOString(), byWeChat: true })])
    expect(await ahead(member)).toEqual([])

    await fire(fromBeijing(firstDay, '08:55'))
    expect([...remindersAbout(branchTask), ...remindersAbout(chosenTask)]).toEqual([])

    // Two timer runs overlapping at 09:00: each person is told once between them.
    const runs = await Promise.all([fire(fromBeijing(firstDay, '09:00')), fire(fromBeijing(firstDay, '09:00'))])
    const told = remindersAbout(branchTask)
    expect(runs[0].due).toBe(runs[1].due)
    expect(told.every((r) => r.kind === 'studyTaskDue')).toBe(true)
    expect(told.map((r) => r.memberId)).toHaveLength(partyMembers - 1)
    expect(told.map((r) => r.memberId)).not.toContain(memberIdOf(member))
    expect(told.map((r) => r.memberId)).toEqual(expect.arrayContaining([memberIdOf(probationary), memberIdOf(publicity)]))
    expect(told.map((r) => r.memberId)).not.toContain(memberIdOf(activist))
    expect(remindersAbout(chosenTask).map((r) => r.memberId)).toEqual([memberIdOf(probationary)])

    // By WeChat for 谢雨婷, who accepted; 孙伟's acceptance is not spent on a task he has done.
    const toHer = sentAbout(`packageStudy/task/index?id=${branchTask}`, probationary)
    expect(toHer).toHaveLength(1)
    expect(toHer[0]).toMatchObject({ delivered: true, templateId: templateBinding('studyReminder').id })
    expect(value(toHer[0], 'thing1')).toBe('学习全会公报')
    expect(sentAbout(`packageStudy/task/index?id=${branchTask}`, member)).toEqual([])
    expect((await ok(cloud, member, 'reminder.mine', {})).templates.find((t) => t.key === 'studyReminder')?.remaining).toBe(1)
    // In 消息 for everyone told, with what the task asks of them.
    const inbox = (await ok(cloud, probationary, 'inbox.list', {})).messages.filter((m) => m.kind === 'studyTaskDue')
    expect(inbox.find((m) => m.link === `packageStudy/task/index?id=${chosenTask}`)?.body).toContain('你还没有完成学习')
    expect(inbox.find((m) => m.link === `packageStudy/task/index?id=${branchTask}`)?.body).toContain('你还没有提交心得')
    expect((await ok(cloud, member, 'inbox.list', {})).messages.some((m) => m.link?.endsWith(branchTask) && m.kind === 'studyTaskDue')).toBe(false)

    // Later runs of the same window send nothing again.
    await fire(fromBeijing(firstDay, '09:05'))
    await fire(fromBeijing(inDays(4), '10:00'))
    expect(remindersAbout(branchTask)).toHaveLength(partyMembers - 1)
    expect(sentAbout(`packageStudy/task/index?id=${branchTask}`, probationary)).toHaveLength(1)

    // Whoever runs the branch's study sees who was reached; a member does not.
    const view = await ok(cloud, publicity, 'reminder.deliveries', { subjectType: 'task', subjectId: branchTask })
    expect(view.rows.find((r) => r.memberName === '谢雨婷')).toMatchObject({ status: 'sent', kind: 'studyTaskDue' })
    expect(await callAs(cloud, member, 'reminder.deliveries', { subjectType: 'task', subjectId: branchTask })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('note review reminders', () => {
  it('tell the author alone, at once, when the note is returned and again when it is accepted', async () => {
    await accept(member, 'reviewResult')
    const note = await ok(cloud, member, 'study.submitNote', { taskId: null, title: '读《习近平谈治国理政》有感', body: noteBody, photos: [] })
    const page = `packageStudy/note/index?id=${note.id}`

    await ok(cloud, secretary, 'study.review', { noteId: note.id, decision: 'return', comment: '请结合教学实际' })
    const first = sentAbout(page)
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ touser: member, delivered: true, templateId: templateBinding('reviewResult').id })
    expect(value(first[0], 'phrase2')).toBe('退回修改')
    expect(value(first[0], 'thing3')).toBe('请结合教学实际')

    await ok(cloud, member, 'study.submitNote', { noteId: note.id, taskId: null, title: '读《习近平谈治国理政》有感', body: `${noteBody}修改后`, photos: [] })
    await ok(cloud, publicity, 'study.review', { noteId: note.id, decision: 'approve', grade: 'excellent' })
    // Only one acceptance: the second result reaches 消息, not WeChat.
    expect(sentAbout(page)).toHaveLength(1)
    const about = remindersAbout(note.id).sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt))
    expect(about.map((r) => [r.kind, r.memberId, r.status])).toEqual([
      ['noteReviewed', memberIdOf(member), 'sent'],
      ['noteReviewed', memberIdOf(member), 'noQuota'],
    ])
    const inbox = (await ok(cloud, member, 'inbox.list', {})).messages.filter((m) => m.link === page)
    expect(inbox.map((m) => m.title).sort()).toEqual(['心得已审阅', '心得被退回'])
    expect(inbox.find((m) => m.title === '心得已审阅')?.body).toContain('优秀')
    // Nobody else hears of it.
    for (const other of [secretary, publicity, probationary]) {
      expect((await ok(cloud, other, 'inbox.list', {})).messages.some((m) => m.link === page)).toBe(false)
    }
  })
})

describe('theory test reminders from the timer', () => {
  it('tell the Party members who have not started it when the window opens, in daytime, once', async () => {
    const questions: ActionInput<'exam.create'>['questions'] = [{ type: 'trueFalse', stem: '预备党员享有表决权。', correct: false, points: 2 }]
    const base = { description: '以考促学', questions, timeLimitMinutes: 30 }
    const openNow = (await ok(cloud, secretary, 'exam.create', { ...base, title: '已开放的测试', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: fromBeijing(inDays(10), '22:00').toISOString() })).ids[0]
    const opensLater = (await ok(cloud, secretary, 'exam.create', { ...base, title: '后天开考的测试', opensAt: fromBeijing(inDays(2), '10:00').toISOString(), closesAt: fromBeijing(inDays(9), '22:00').toISOString() })).ids[0]
    await ok(cloud, member, 'exam.start', { testId: openNow })
    await accept(probationary, 'testReminder')
    const ahead = (await ok(cloud, probationary, 'reminder.mine', {})).upcoming.filter((u) => u.kind === 'testOpening')
    expect(ahead).toEqual([expect.objectContaining({ subjectTitle: '后天开考的测试', at: fromBeijing(inDays(2), '10:00').toISOString(), link: `packageStudy/test/index?id=${opensLater}` })])

    // The morning after it opened (never in the night): all but the one who has started it.
    await fire(fromBeijing(inDays(1), '07:55'))
    expect(remindersAbout(openNow)).toEqual([])
    await fire(fromBeijing(inDays(1), '08:00'))
    const told = remindersAbout(openNow).map((r) => r.memberId)
    expect(told).toHaveLength(partyMembers - 1)
    expect(told).not.toContain(memberIdOf(member))
    expect(told).not.toContain(memberIdOf(activist))
    expect(remindersAbout(opensLater)).toEqual([])
    const toHer = sentAbout(`packageStudy/test/index?id=${openNow}`, probationary)
    expect(toHer).toHaveLength(1)
    expect(value(toHer[0], 'thing1')).toBe('已开放的测试')
    expect(value(toHer[0], 'number3')).toBe('30')

    // The other test: nothing before its window, everyone when it opens, nobody twice.
    await fire(fromBeijing(inDays(2), '09:55'))
    expect(remindersAbout(opensLater)).toEqual([])
    await fire(fromBeijing(inDays(2), '10:00'))
    await fire(fromBeijing(inDays(2), '10:05'))
    expect(remindersAbout(opensLater).map((r) => r.kind)).toEqual(Array(partyMembers).fill('testOpening'))
    expect(remindersAbout(openNow)).toHaveLength(partyMembers - 1)
    // The other branch has its own tests: none of these reach it.
    expect(cloud.store.docs('reminders').filter((r) => (r.subjectId === openNow || r.subjectId === opensLater) && r.branchId !== 'branch-mingde-1')).toEqual([])
    const inbox = await ok(cloud, 'demo-branch2-secretary', 'inbox.list', {})
    expect(inbox.messages.some((m) => m.link?.endsWith(openNow) || m.link?.endsWith(opensLater))).toBe(false)
  })
})
