import type { ActionInput } from '../../shared/api/contract'
import type { TheoryTestSummaryView } from '../../shared/api/areas/exam'
import type { FileLink } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import type { TheoryTestDoc } from '../../shared/domain/documents'
import { describeRowErrors, maxQuestions, parseQuestionSheet, questionColumns, takesTheoryTests, testWindow, type Question, type QuestionDraft } from '../../shared/domain/theory-test'
import { formatDateTime } from '../../shared/domain/time'
import { mayReadDesk, orgAdminMayChange } from '../../shared/domain/permissions'
import { testWindowProblem } from '../../shared/domain/date-ranges'
import { generatedPaths, maxImportBytes } from '../../shared/domain/storage'
import { requireMember, type Actor, type MemberActor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { readSheet, writeWorkbook } from '../_lib/excel'
import { readUploaded, storeGenerated } from '../_lib/files'
import { inboxMessage } from '../_lib/inbox'
import { ownUploads } from '../_lib/uploads'
import { settingBranches } from '../_lib/study'
import { summary, times } from './summary'

/** Theory tests (理论测试) as those who run study set them up: created, from a sheet or by hand, and closed. */

/** A test of the caller's branch, or TEST.NOT_FOUND (also for another branch's). */
export async function testOfBranch(db: Db, actor: MemberActor, testId: string): Promise<TheoryTestDoc> {
  const test = await db.get('theoryTests', testId)
  if (!test || test.branchId !== actor.member.branchId) fail('TEST.NOT_FOUND')
  return test
}

/** A test a manager looks after: their branch's (manageStudy), or any of an organisation admin's branches. */
export async function managedTest(db: Db, actor: Actor, testId: string, read?: 'read'): Promise<{ test: TheoryTestDoc; canManage: boolean }> {
  const test = await db.get('theoryTests', testId)
  if (actor.kind === 'orgAdmin') {
    if (!test || test.orgId !== actor.admin.orgId) fail('TEST.NOT_FOUND')
    return { test, canManage: false }
  }
  const member = requireMember(actor)
  const canManage = member.capabilities.includes('manageStudy')
  // Those who read the desk open, read-only, the tests its figures count.
  if (!canManage && !(read && mayReadDesk(member.capabilities))) fail('AUTH.FORBIDDEN')
  if (!test || test.branchId !== member.member.branchId) fail('TEST.NOT_FOUND')
  return { test, canManage }
}

/** 设置测试: manageStudy for their branch; an organisation admin for every branch of the organisation. */
export async function createTest(db: Db, actor: Actor, input: ActionInput<'exam.create'>, now: Date): Promise<{ ids: string[]; branches: number }> {
  const { branches, by } = await settingBranches(db, actor)
  const closesAt = new Date(input.closesAt)
  if (closesAt.getTime() <= now.getTime()) fail('INPUT.INVALID', '结束时间已过', { closesAt: '结束时间已过' })
  const outOfRange = testWindowProblem(new Date(input.opensAt), closesAt, now)
  if (outOfRange) fail('INPUT.DATE_OUT_OF_RANGE', outOfRange.message, { [outOfRange.field]: outOfRange.message })
  const questions = input.questions.map((q, i) => ({ ...q, id: `q${i + 1}` })) as Question[]
  const orgTestId = actor.kind === 'orgAdmin' ? `orgtest-${now.getTime().toString(36)}-${newId().slice(0, 8)}` : null
  const tests: TheoryTestDoc[] = branches.map((branch) => ({
    _id: `test-${now.getTime().toString(36)}-${newId().slice(0, 12)}`,
    branchId: branch._id,
    orgId: branch.orgId,
    orgTestId,
    title: input.title,
    description: input.description,
    questions,
    timeLimitMinutes: input.timeLimitMinutes,
    opensAt: new Date(input.opensAt),
    closesAt,
    closedEarlyAt: null,
    createdBy: by.id,
    createdByName: by.name,
    createdAt: now,
  }))
  await db.addMany('theoryTests', tests)
  const members = (await db.all('members', { branchId: { $in: branches.map((b) => b._id) }, status: 'active' })).filter(takesTheoryTests)
  const messages = tests.flatMap((test) =>
    members
      .filter((m) => m.branchId === test.branchId)
      .map((m) =>
        inboxMessage({
          memberId: m._id,
          branchId: m.branchId,
          kind: 'theoryTest',
          title: '理论测试通知',
          body: `“${test.title}”将于${formatDateTime(test.opensAt, now)}开放，${formatDateTime(test.closesAt, now)}截止，限时 ${test.timeLimitMinutes} 分钟，每人一次`,
          link: `packageStudy/test/index?id=${test._id}`,
          createdAt: now,
        }),
      ),
  )
  if (messages.length) await db.addMany('inbox', messages)
  return { ids: tests.map((t) => t._id), branches: tests.length }
}

const templateRows: Array<Array<string | number>> = [
  ['单选', '中国共产党的根本宗旨是？', '全心全意为人民服务', '实现共同富裕', '发展生产力', '', '', '', 'A', 2],
  ['多选', '“三会一课”包括哪些？', '支部党员大会', '支部委员会', '党小组会', '党课', '', '', 'ABCD', 3],
  ['判断', '预备党员享有表决权。', '', '', '', '', '', '', '错', 1],
  ['简答', '结合教育教学工作，谈谈如何发挥党员先锋模范作用。', '', '', '', '', '', '', '言之有理即可', 10],
]

/** The question sheet template, with one example of each type. */
export async function questionTemplate(actor: Actor, now: Date): Promise<FileLink> {
  if (actor.kind !== 'orgAdmin' && !requireMember(actor).capabilities.includes('manageStudy')) fail('AUTH.FORBIDDEN')
  const content = await writeWorkbook([
    {
      name: '题目',
      columns: questionColumns.map((c) => ({ header: c.title, width: c.key === 'stem' ? 40 : c.key === 'type' || c.key === 'points' || c.key === 'answer' ? 10 : 18 })),
      // Above the header, so the import reads it as a title and not as a question.
      title: '题型填单选、多选、判断或简答；选择题答案填选项字母（多选如 ABD），判断题填“对”或“错”，简答题填参考答案；分值可不填',
      rows: templateRows,
    },
  ])
  return storeGenerated(generatedPaths.questionTemplate(now.getTime(), newId().slice(0, 8)), content, '理论测试题目模板.xlsx')
}

/** Reads a question sheet, all or nothing: every bad row reported as 第N行：原因. */
export async function importQuestions(db: Db, actor: MemberActor, fileID: string): Promise<{ questions: QuestionDraft[] }> {
  // Only a sheet this person uploaded for this branch: never another person's file.
  if (!(await ownUploads(db, actor, [fileID], { purpose: 'questionSheet', branchId: actor.member.branchId })).has(fileID)) fail('FILE.NOT_FOUND')
  const { header, rows } = await readSheet(await readUploaded(fileID, maxImportBytes), '题型', maxQuestions)
  const parsed = parseQuestionSheet(header, rows)
  if ('headerMissing' in parsed) fail('IMPORT.HEADER', `表头缺少：${parsed.headerMissing.join('、')}，请使用下载的模板`)
  if (parsed.errors.length) {
    fail('IMPORT.ROWS_INVALID', `表格中有 ${parsed.errors.length} 行错误，未导入任何题目，请修改后重新上传`, describeRowErrors(parsed.errors))
  }
  if (!parsed.questions.length) fail('IMPORT.EMPTY', '表格中没有题目')
  return { questions: parsed.questions }
}

/** 提前结束: closes the window now; attempts in progress are handed in with what they saved. */
export async function closeTest(db: Db, actor: Actor, testId: string, now: Date): Promise<TheoryTestSummaryView> {
  const { test } = await managedTest(db, actor, testId)
  if (actor.kind === 'member' && test.orgTestId) fail('AUTH.FORBIDDEN', '党总支设置的测试由党总支结束')
  if (actor.kind === 'orgAdmin' && !orgAdminMayChange(test)) fail('AUTH.FORBIDDEN', '支部设置的测试由支部结束')
  if (testWindow(times(test), now) !== 'closed') {
    const opensAt = new Date(Math.min(test.opensAt.getTime(), now.getTime()))
    const data = { closesAt: now, opensAt, closedEarlyAt: now }
    // The organisation closes its test in every branch at once.
    if (actor.kind === 'orgAdmin' && test.orgTestId) await db.updateWhere('theoryTests', { orgTestId: test.orgTestId, closesAt: { $gt: now } }, data)
    else await db.update('theoryTests', testId, data)
    test.closesAt = now
    test.opensAt = opensAt
    test.closedEarlyAt = now
  }
  return summary(test, null, false, actor.kind === 'member', now)
}
