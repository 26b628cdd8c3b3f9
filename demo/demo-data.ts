import { newMember, type AttemptDoc, type BindingDoc, type BranchDoc, type GroupDoc, type MemberDoc, type NoteDoc, type OrgAdminDoc, type OrgDoc, type StudyTaskDoc, type TheoryTestDoc } from '../shared/domain/documents'
import { memberCategoryLabels, positionLabels, type MemberCategory, type Position } from '../shared/domain/member'
import { dueInstant } from '../shared/domain/study'
import { countCharacters } from '../shared/domain/text'
import { gradeObjective, type Question } from '../shared/domain/theory-test'
import { addCalendar, beijingDate, fromBeijing } from '../shared/domain/time'
import type { DocumentStore, Change, Doc } from '../localcloud/db/store'
import type { DemoIdentity } from './sign-in-page'
import { demoVolunteer } from './demo-volunteer'

/**
 * The demo branch the run command seeds: a school 党总支 with a branch of realistic size
 * (3 groups; 20 正式党员, 3 预备党员, 3 入党积极分子) and a second branch, so that isolation shows.
 * Every name and phone number is fictional.
 */
const org: OrgDoc = { _id: 'org-mingde', name: '明德实验学校党总支' }
const branches: BranchDoc[] = [
  { _id: 'branch-mingde-1', orgId: org._id, name: '明德实验学校第一党支部', inviteCode: 'MD1024' },
  { _id: 'branch-mingde-2', orgId: org._id, name: '明德实验学校第二党支部', inviteCode: 'MD2048' },
]
const groups: GroupDoc[] = [
  { _id: 'group-1-1', branchId: 'branch-mingde-1', name: '第一党小组（语文组）', order: 1 },
  { _id: 'group-1-2', branchId: 'branch-mingde-1', name: '第二党小组（数学组）', order: 2 },
  { _id: 'group-1-3', branchId: 'branch-mingde-1', name: '第三党小组（综合组）', order: 3 },
  { _id: 'group-2-1', branchId: 'branch-mingde-2', name: '第一党小组', order: 1 },
]

type Row = [name: string, group: string, category: MemberCategory, positions: Position[], openid?: string]
const rows: Row[] = [
  ['李红梅', 'group-1-1', 'full', ['secretary'], 'demo-secretary'],
  ['张建国', 'group-1-2', 'full', ['organizationCommittee'], 'demo-org-committee'],
  ['王丽', 'group-1-3', 'full', ['publicityCommittee'], 'demo-publicity'],
  ['陈志强', 'group-1-1', 'full', ['groupLeader'], 'demo-group-leader'],
  ['刘芳', 'group-1-2', 'full', ['groupLeader']],
  ['赵敏', 'group-1-3', 'full', ['groupLeader']],
  ['孙伟', 'group-1-1', 'full', [], 'demo-member'],
  ['周静', 'group-1-1', 'full', []],
  ['吴磊', 'group-1-1', 'full', []],
  ['郑雪', 'group-1-1', 'full', []],
  ['冯涛', 'group-1-2', 'full', []],
  ['朱琳', 'group-1-2', 'full', []],
  ['胡斌', 'group-1-2', 'full', []],
  ['郭晓燕', 'group-1-2', 'full', []],
  ['何俊', 'group-1-3', 'full', []],
  ['高雅', 'group-1-3', 'full', []],
  ['林海', 'group-1-3', 'full', []],
  ['罗娟', 'group-1-3', 'full', []],
  ['梁晨', 'group-1-1', 'full', []],
  ['宋佳', 'group-1-2', 'full', []],
  ['谢雨婷', 'group-1-1', 'probationary', [], 'demo-probationary'],
  ['韩冬', 'group-1-2', 'probationary', []],
  ['唐小溪', 'group-1-3', 'probationary', []],
  ['许诺', 'group-1-1', 'activist', [], 'demo-activist'],
  ['邓佳怡', 'group-1-2', 'activist', []],
  ['曹阳', 'group-1-3', 'activist', []],
  ['彭国华', 'group-2-1', 'full', ['secretary'], 'demo-branch2-secretary'],
  ['蒋文', 'group-2-1', 'full', []],
  ['沈丹', 'group-2-1', 'full', []],
]

export interface DemoWorld {
  org: OrgDoc
  branches: BranchDoc[]
  groups: GroupDoc[]
  members: MemberDoc[]
  bindings: BindingDoc[]
  orgAdmins: OrgAdminDoc[]
  identities: DemoIdentity[]
  study: { tasks: StudyTaskDoc[]; notes: NoteDoc[]; tests: TheoryTestDoc[]; attempts: AttemptDoc[] }
}

export function demoWorld(now = new Date()): DemoWorld {
  const members: MemberDoc[] = rows.map(([name, groupId, category, positions], i) =>
    newMember(
      {
      _id: `member-${String(i + 1).padStart(3, '0')}`,
      branchId: groups.find((g) => g._id === groupId)!.branchId,
      groupId,
      name,
      category,
      positions,
      phone: `139${String(10000000 + i * 7919).slice(-8)}`,
      joinedPartyAt: category === 'full' ? `${2001 + ((i * 7) % 22)}-07-01` : category === 'probationary' ? '2025-06-20' : null,
      },
      now,
    ),
  )
  const bindings: BindingDoc[] = []
  const identities: DemoIdentity[] = []
  rows.forEach(([, , category, positions, openid], i) => {
    if (!openid) return
    const member = members[i]
    bindings.push({ _id: openid, memberId: member._id, branchId: member.branchId, boundAt: now })
    const branch = branches.find((b) => b._id === member.branchId)!
    const role = positions.length ? positions.map((p) => positionLabels[p]).join('、') : memberCategoryLabels[category]
    identities.push({ openid, name: member.name, description: `${role} · ${branch.name.replace('明德实验学校', '')}` })
  })
  identities.push({ openid: 'demo-org-admin', name: '党总支管理员', description: `党总支 · 查看各支部` })
  // Teachers who have not joined yet, one for each way of joining: on the roster (binds at once)
  // and not on it (waits for the secretary).
  const onRoster = members.find((m) => m.name === '周静') as MemberDoc
  const invite = branches[0].inviteCode
  identities.push({
    openid: 'demo-newcomer-roster',
    name: '周静（未绑定）',
    description: '花名册上有，尚未绑定微信',
    hint: `加入时填邀请码 ${invite}、姓名 周静、手机号 ${onRoster.phone}：与花名册一致，立即绑定。`,
  })
  identities.push({
    openid: 'demo-newcomer-transfer',
    name: '钱晓东（新调入）',
    description: '花名册上没有此人',
    hint: `加入时填邀请码 ${invite}、姓名 钱晓东和任一手机号：花名册上没有，申请交书记在“加入申请”中审核。`,
  })
  identities.push({ openid: 'demo-newcomer', name: '新来的老师', description: '尚未加入支部的微信用户' })
  const orgAdmins: OrgAdminDoc[] = [{ _id: 'demo-org-admin', orgId: org._id, name: '党总支管理员' }]
  return { org, branches, groups, members, bindings, orgAdmins, identities, study: demoStudy(now, members) }
}

const demoQuestions: Question[] = [
  { id: 'q1', type: 'single', stem: '中国共产党的根本宗旨是？', options: ['全心全意为人民服务', '实现共同富裕', '发展社会生产力', '建设社会主义现代化强国'], correct: 0, points: 4 },
  { id: 'q2', type: 'multiple', stem: '“三会一课”中的“三会”包括？', options: ['支部党员大会', '支部委员会', '党小组会', '民主生活会'], correct: [0, 1, 2], points: 6 },
  { id: 'q3', type: 'trueFalse', stem: '预备党员享有表决权、选举权和被选举权。', correct: false, points: 4 },
  { id: 'q4', type: 'trueFalse', stem: '党员无正当理由连续六个月不参加党的组织生活，被认为是自行脱党。', correct: true, points: 4 },
  { id: 'q5', type: 'single', stem: '党的基层组织设立委员会的，委员会每届任期为？', options: ['两年或三年', '三年至五年', '五年', '一年'], correct: 1, points: 4 },
  { id: 'q6', type: 'short', stem: '结合教育教学工作，谈谈如何在立德树人中发挥党员先锋模范作用。', reference: '言之有理、联系实际即可', points: 18 },
]

/**
 * The demo branch's study: a task for the branch with notes in every state (one 优秀 and shared,
 * one waiting, one returned, one a draft), a theory test open now, and last quarter's, closed and
 * graded, so results and the distribution show.
 */
function demoStudy(now: Date, members: MemberDoc[]): DemoWorld['study'] {
  const branchId = 'branch-mingde-1'
  const byName = (name: string) => members.find((m) => m.name === name)!
  const secretary = byName('李红梅')
  const ago = (days: number) => addCalendar(now, -days, 'day')
  const task: StudyTaskDoc = {
    _id: 'task-demo-plenum',
    branchId,
    orgId: org._id,
    orgTaskId: null,
    title: '学习党的二十届四中全会精神',
    materials: {
      text: '认真学习全会公报，重点领会“十五五”时期经济社会发展的指导思想、主要目标和重大举措，结合学校教育教学实际谈体会。',
      links: [{ title: '中国共产党第二十届中央委员会第四次全体会议公报', url: 'https://www.gov.cn/' }],
      files: [],
    },
    audience: { kind: 'branch', groupId: null, memberIds: [] },
    dueDate: beijingDate(addCalendar(now, 10, 'day')),
    dueAt: dueInstant(beijingDate(addCalendar(now, 10, 'day'))),
    noteRequired: true,
    minChars: 300,
    createdBy: secretary._id,
    createdByName: secretary.name,
    createdAt: ago(5),
    lastRemindedAt: null,
  }
  const reading: StudyTaskDoc = {
    ...task,
    _id: 'task-demo-constitution',
    title: '重温《中国共产党章程》总纲',
    materials: { text: '通读党章总纲，对照检查自己履行党员义务的情况。', links: [], files: [] },
    dueDate: beijingDate(addCalendar(now, 20, 'day')),
    dueAt: dueInstant(beijingDate(addCalendar(now, 20, 'day'))),
    noteRequired: false,
    minChars: 0,
    createdAt: ago(2),
  }
  const body = (opening: string) =>
    `${opening}全会站在党和国家事业发展全局的高度，对“十五五”时期的发展作出了战略部署。作为一名教师党员，我深刻体会到，教育是国之大计、党之大计，必须坚持为党育人、为国育才。` +
    '在今后的工作中，我将把学习全会精神同班主任工作、课堂教学结合起来：一是坚持立德树人，把思想政治教育融入学科教学，上好每一节课；二是关注每一名学生的成长，特别是学习有困难的学生，做到不让一个孩子掉队；' +
    '三是加强自身学习，提升信息化教学能力，积极参与课后服务和家校沟通；四是发挥党员先锋模范作用，在备课组里带头开展教学研究，帮助青年教师尽快成长。' +
    '我将以全会精神为指引，立足三尺讲台，守初心、担使命，以实际行动办好人民满意的教育。'
  const note = (name: string, status: NoteDoc['status'], extra: Partial<NoteDoc>, opening: string): NoteDoc => {
    const m = byName(name)
    const text = body(opening)
    const submitted = status === 'draft' ? null : ago(3)
    return {
      _id: `${task._id}_${m._id}`,
      branchId,
      memberId: m._id,
      authorName: m.name,
      groupId: m.groupId,
      taskId: task._id,
      title: `学习四中全会精神心得（${m.name}）`,
      body: text,
      characters: countCharacters(text),
      photos: [],
      status,
      grade: null,
      shared: false,
      sharedAt: null,
      contentCheck: status === 'draft' ? null : 'pass',
      returnComment: null,
      firstSubmittedAt: submitted,
      submittedAt: submitted,
      reviewedAt: null,
      reviewedBy: null,
      history: submitted ? [{ at: submitted, byId: m._id, byName: m.name, action: 'submit', grade: null, comment: null, check: 'pass' }] : [],
      createdAt: ago(4),
      updatedAt: submitted ?? ago(1),
      ...extra,
    }
  }
  const reviewer = byName('王丽')
  const sun = note('孙伟', 'approved', { grade: 'excellent', shared: true, sharedAt: ago(1), reviewedAt: ago(2), reviewedBy: reviewer._id }, '通过认真学习全会公报，')
  sun.history.push({ at: ago(2), byId: reviewer._id, byName: reviewer.name, action: 'approve', grade: 'excellent', comment: null }, { at: ago(1), byId: sun.memberId, byName: sun.authorName, action: 'share', grade: null, comment: null })
  const wu = note('吴磊', 'returned', { returnComment: '请结合本学期的教学工作，谈谈具体打算', reviewedAt: ago(2), reviewedBy: secretary._id }, '这次学习让我')
  wu.history.push({ at: ago(2), byId: secretary._id, byName: secretary.name, action: 'return', grade: null, comment: '请结合本学期的教学工作，谈谈具体打算' })
  const notes = [sun, note('周静', 'submitted', {}, '全会精神内涵丰富，'), wu, note('谢雨婷', 'draft', { title: '学习四中全会精神的体会（草稿）' }, '作为一名预备党员，')]

  const quarterTest = (id: string, title: string, opensAt: Date, closesAt: Date): TheoryTestDoc => ({
    _id: id,
    branchId,
    orgId: org._id,
    orgTestId: null,
    title,
    description: '以考促学：党章、党的基本知识和全会精神，共 6 题。',
    questions: demoQuestions,
    timeLimitMinutes: 30,
    opensAt,
    closesAt,
    closedEarlyAt: null,
    createdBy: secretary._id,
    createdByName: secretary.name,
    createdAt: opensAt,
  })
  // Windows on whole days, 08:00 to 22:00 Beijing time.
  const at = (date: Date, clock: string) => fromBeijing(beijingDate(date), clock)
  const open = quarterTest('test-demo-current', '本季度党员理论素养测试', at(ago(1), '08:00'), at(addCalendar(now, 13, 'day'), '22:00'))
  const last = quarterTest('test-demo-last', '上季度党员理论素养测试', at(ago(100), '08:00'), at(ago(86), '22:00'))
  const sheet = (name: string, answers: AttemptDoc['answers'], short: number): AttemptDoc => {
    const m = byName(name)
    const grade = gradeObjective(last.questions, answers)
    const startedAt = ago(95)
    return {
      _id: `${last._id}_${m._id}`,
      testId: last._id,
      branchId,
      memberId: m._id,
      status: 'submitted',
      startedAt,
      deadline: new Date(startedAt.getTime() + 30 * 60_000),
      answers,
      savedAt: startedAt,
      submittedAt: new Date(startedAt.getTime() + 20 * 60_000),
      autoSubmitted: false,
      objective: grade.objective,
      earned: grade.earned,
      shortScores: { q6: short },
      score: grade.objective + short,
      gradingKey: `demo${m._id.slice(-3)}`,
    }
  }
  const attempts = [
    sheet('孙伟', { q1: 0, q2: [0, 1, 2], q3: false, q4: true, q5: 1, q6: '坚持立德树人，上好每一节课，关心每一名学生。' }, 16),
    sheet('周静', { q1: 0, q2: [0, 1], q3: false, q4: true, q5: 1, q6: '以身作则，为人师表。' }, 13),
    sheet('吴磊', { q1: 0, q2: [0, 1, 2], q3: true, q4: true, q5: 2, q6: '做学生的引路人。' }, 12),
    sheet('李红梅', { q1: 0, q2: [0, 1, 2], q3: false, q4: true, q5: 1, q6: '把党的教育方针落实到教育教学全过程。' }, 17),
  ]
  return { tasks: [task, reading], notes, tests: [open, last], attempts }
}


/** Writes the demo world unless the database already holds branches (keeps a user's changes). */
export async function seedDemo(store: DocumentStore): Promise<{ seeded: boolean; identities: DemoIdentity[] }> {
  const world = demoWorld()
  if (store.docs('branches').length > 0) return { seeded: false, identities: world.identities }
  const changes: Change[] = [
    { coll: 'orgs', id: world.org._id, doc: { ...world.org } },
    ...world.branches.map((doc) => ({ coll: 'branches', id: doc._id, doc: { ...doc } })),
    ...world.groups.map((doc) => ({ coll: 'groups', id: doc._id, doc: { ...doc } })),
    ...world.members.map((doc) => ({ coll: 'members', id: doc._id, doc: { ...doc } })),
    ...world.bindings.map((doc) => ({ coll: 'bindings', id: doc._id, doc: { ...doc } })),
    ...world.orgAdmins.map((doc) => ({ coll: 'orgAdmins', id: doc._id, doc: { ...doc } })),
    ...world.study.tasks.map((doc) => ({ coll: 'studyTasks', id: doc._id, doc: { ...doc } })),
    ...world.study.notes.map((doc) => ({ coll: 'notes', id: doc._id, doc: { ...doc } })),
    ...world.study.tests.map((doc) => ({ coll: 'theoryTests', id: doc._id, doc: { ...doc } })),
    ...world.study.attempts.map((doc) => ({ coll: 'testAttempts', id: doc._id, doc: { ...doc } })),
  ]
  const volunteer = demoVolunteer(new Date())
  for (const [coll, docs] of [['volunteerActivities', volunteer.activities], ['volunteerRosters', volunteer.rosters], ['shifts', volunteer.shifts], ['signups', volunteer.signups]] as const) {
    for (const doc of docs) changes.push({ coll, id: doc._id, doc: { ...doc } as unknown as Doc })
  }
  await store.commit(changes)
  return { seeded: true, identities: world.identities }
}
