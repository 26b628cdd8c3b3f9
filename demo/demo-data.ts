import type { BindingDoc, BranchDoc, GroupDoc, MemberDoc, OrgAdminDoc, OrgDoc } from '../shared/domain/documents'
import { memberCategoryLabels, newMember, positionLabels, type MemberCategory, type Position } from '../shared/domain/member'
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
  return { org, branches, groups, members, bindings, orgAdmins, identities }
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
  ]
  const volunteer = demoVolunteer(new Date())
  for (const [coll, docs] of [['volunteerActivities', volunteer.activities], ['volunteerRosters', volunteer.rosters], ['shifts', volunteer.shifts], ['signups', volunteer.signups]] as const) {
    for (const doc of docs) changes.push({ coll, id: doc._id, doc: { ...doc } as unknown as Doc })
  }
  await store.commit(changes)
  return { seeded: true, identities: world.identities }
}
