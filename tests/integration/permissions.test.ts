import { actions, type ActionInput, type ActionName } from '../../shared/api/contract'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, header, upload, uploadTo, xlsx } from '../support/api'
import { addCalendar, beijingDate, beijingParts } from '../../shared/domain/time'
import { monthOf } from '../../shared/domain/dues'
import { at, moveShift, rosterFields, shiftInput, shiftToken } from '../support/volunteer'
import { hoursAgo, inMinutes, meetingToken, moveMeeting } from '../support/meetings'

/**
 * Every action of the roster, meeting, volunteer, study and theory test features, run as each kind of caller. Allowed callers succeed;
 * every refusal is AUTH.FORBIDDEN (AUTH.NOT_BOUND for a WeChat user who has not joined) and
 * writes nothing. Later features add their actions to this table.
 */
const roles = {
  secretary: 'demo-secretary',
  organizationCommittee: 'demo-org-committee',
  groupLeader: 'demo-group-leader',
  fullMember: 'demo-member',
  activist: 'demo-activist',
  unbound: 'demo-newcomer',
  otherBranchSecretary: 'demo-branch2-secretary',
  orgAdmin: 'demo-org-admin',
} as const
type Role = keyof typeof roles
const everyone = Object.keys(roles) as Role[]

let cloud: LocalCloud
const importSheet = () => xlsx([header, ['矩阵', '正式党员', '', '', '13300000001', '']])
let importFile: string
let questionFile: string
let historyFile: string
const historySheet = () => xlsx([['日期', '开始时间', '结束时间', '会议类型', '会议名称', '地点', '出席'], ['2024-05-08', '15:30', '16:30', '支委会', '矩阵补录会议', '会议室', '']])
let backfillDay = 0
/** A past meeting of the caller's branch, each on a day of its own so none repeats another. */
const backfillFields = () => {
  const day = addCalendar(new Date('2024-01-01T07:00:00Z'), ++backfillDay, 'day')
  return { ...meetingFields('补录的会议'), type: 'committeeMeeting' as const, startAt: day.toISOString(), endAt: new Date(day.getTime() + 3600_000).toISOString(), attendance: [] }
}
let memberSeq = 0

/**
 * A fresh roster entry in branch 1 for actions that change one, so each role has its own target:
 * bound to a WeChat identity, or transferred out (and so unbound).
 */
async function freshMember({ transferred = false } = {}): Promise<string> {
  const id = `matrix-member-${++memberSeq}`
  await cloud.store.commit([
    {
      coll: 'members',
      id,
      doc: { _id: id, branchId: 'branch-mingde-1', groupId: 'group-1-1', name: '测试成员', category: 'full', positions: [], phone: `1350000${String(memberSeq).padStart(4, '0')}`, joinedPartyAt: null, status: transferred ? 'transferredOut' : 'active', grants: [], revokes: [], createdAt: new Date(), updatedAt: new Date() },
    },
    ...(transferred ? [] : [{ coll: 'bindings', id: `matrix-openid-${memberSeq}`, doc: { _id: `matrix-openid-${memberSeq}`, memberId: id, branchId: 'branch-mingde-1', boundAt: new Date() } }]),
  ])
  return id
}

async function freshRequest(): Promise<string> {
  const id = `matrix-applicant-${++memberSeq}`
  await cloud.store.commit([
    { coll: 'joinRequests', id, doc: { _id: id, branchId: 'branch-mingde-1', name: '申请人', phone: '13500001111', status: 'pending', submittedAt: new Date(), decidedAt: null, decidedBy: null, comment: null, memberId: null } },
  ])
  return id
}

interface Case<A extends ActionName = ActionName> {
  action: A
  allowed: Role[]
  input: (role: Role) => Promise<ActionInput<A>>
  /** A domain refusal some role gets instead of AUTH.*, e.g. not in a meeting's audience. */
  refusals?: Partial<Record<Role, string>>
}
const c = <A extends ActionName>(action: A, allowed: Role[], input: (role: Role) => Promise<ActionInput<A>>, refusals?: Partial<Record<Role, string>>): Case =>
  ({ action, allowed, input, refusals }) as unknown as Case

/** A published whole-branch meeting of branch 1, hosted by the secretary. */
async function freshMeeting(overrides: Partial<ActionInput<'meeting.create'>> = {}): Promise<string> {
  const result = await callAs(cloud, roles.secretary, 'meeting.create', {
    type: 'themedPartyDay',
    title: '权限测试会议',
    startAt: inMinutes(10),
    endAt: inMinutes(70),
    venue: '会议室',
    audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: true },
    hostId: 'member-001',
    recorderId: null,
    agenda: [],
    checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: true, geofence: null },
    publish: true,
    ...overrides,
  })
  if (!result.ok) throw new Error(result.error.code)
  return result.data.id
}
/** A meeting that ended an hour ago, its expected list archived. */
async function endedMeeting(): Promise<string> {
  const meetingId = await freshMeeting()
  await moveMeeting(cloud, meetingId, hoursAgo(2), hoursAgo(1))
  return meetingId
}
const freshToken = async () => {
  const meetingId = await freshMeeting()
  return meetingToken(cloud, meetingId)
}
async function freshLeave(): Promise<{ meetingId: string; memberId: string }> {
  const meetingId = await freshMeeting()
  const result = await callAs(cloud, roles.fullMember, 'leave.request', { meetingId, reason: '外出培训' })
  if (!result.ok) throw new Error(result.error.code)
  return { meetingId, memberId: 'member-007' }
}
/** Each role's own roster entry; an open 补学 item is made for it (or for someone else's, for those with none). */
const memberOfRole: Record<Role, string> = {
  secretary: 'member-001',
  organizationCommittee: 'member-002',
  groupLeader: 'member-004',
  fullMember: 'member-007',
  activist: 'member-024',
  unbound: 'member-007',
  otherBranchSecretary: 'member-027',
  orgAdmin: 'member-007',
}
async function freshMakeup(role: Role): Promise<string> {
  const id = `matrix-makeup-${++memberSeq}`
  const memberId = memberOfRole[role]
  await cloud.store.commit([
    { coll: 'makeups', id, doc: { _id: id, meetingId: 'none', memberId, branchId: memberId === 'member-027' ? 'branch-mingde-2' : 'branch-mingde-1', status: 'open', note: null, createdAt: new Date(), completedAt: null } },
  ])
  return id
}
const meetingFields = (title: string) => ({
  type: 'partyLecture' as const,
  title,
  startAt: inMinutes(60),
  endAt: inMinutes(120),
  venue: '会议室',
  audience: { kind: 'branch' as const, groupId: null, memberIds: [], allowObservers: false },
  hostId: null,
  recorderId: null,
  agenda: [],
  checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
})

// Volunteer service: activities of branch 1 and shifts led by the group leader (陈志强, member-004),
// each on a day of its own so nobody's places overlap.
let shiftDay = 20
const shiftFields = (activityId: string) => {
  const day = ++shiftDay
  return shiftInput(activityId, { startAt: at(day, '09:00'), endAt: at(day, '10:00'), signupClosesAt: at(day, '08:00'), cancelDeadline: at(day - 1, '18:00'), eligibility: 'allTeachers', capacity: 5, leaderId: 'member-004' })
}
async function freshActivity(publish = true): Promise<string> {
  const result = await callAs(cloud, roles.secretary, 'volunteer.createActivity', { type: 'community', title: '权限测试活动', description: '', place: '社区', organiser: '志愿服务队', publish })
  if (!result.ok) throw new Error(result.error.code)
  return result.data.id
}
async function freshShift(): Promise<string> {
  const result = await callAs(cloud, roles.secretary, 'volunteer.addShift', shiftFields(await freshActivity()))
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`)
  return result.data.id
}
/** A fresh shift the role (when it can) has signed up for. */
async function shiftWith(role: Role): Promise<string> {
  const shiftId = await freshShift()
  if (branchOne.includes(role)) await callAs(cloud, roles[role], 'volunteer.signup', { shiftId, waitlist: true })
  return shiftId
}
/** A fresh shift someone else holds; `offer` puts their seat up for a swap. */
async function shiftHeldByAnother(offer: boolean): Promise<{ shiftId: string; memberId: string }> {
  const shiftId = await freshShift()
  const memberId = await freshMember()
  const openid = memberId.replace('matrix-member-', 'matrix-openid-')
  await callAs(cloud, openid, 'volunteer.signup', { shiftId, waitlist: false })
  if (offer) await callAs(cloud, openid, 'volunteer.offerSwap', { shiftId, offer: true })
  return { shiftId, memberId }
}
async function freshRoster(): Promise<string> {
  const from = beijingDate(addCalendar(Date.now(), 120, 'day'))
  const to = beijingDate(addCalendar(Date.now(), 126, 'day'))
  const result = await callAs(cloud, roles.secretary, 'volunteer.createRoster', { activityId: await freshActivity(), ...rosterFields(from, to) })
  if (!result.ok) throw new Error(result.error.code)
  return result.data.roster.id
}
const aYear = () => ({ from: addCalendar(Date.now(), -180, 'day').toISOString(), to: addCalendar(Date.now(), 180, 'day').toISOString() })
/** A meeting of branch 1 with one reminder sent about it. */
async function freshReminderSubject(): Promise<string> {
  const meetingId = await freshMeeting()
  const id = `matrix-reminder-${++memberSeq}`
  const at = new Date()
  await cloud.store.commit([
    {
      coll: 'reminders',
      id,
      doc: { _id: id, key: id, kind: 'meetingSoon', subjectType: 'meeting', subjectId: meetingId, subjectVersion: null, subjectTitle: '权限测试会议', branchId: 'branch-mingde-1', memberId: 'member-007', template: 'meetingReminder', link: null, data: {}, at, status: 'sent', createdAt: at, claimedBy: null, leaseUntil: null, codes: [0], errcode: 0, errmsg: null, reason: null, finishedAt: at },
    },
  ])
  return meetingId
}

// Study and the theory test.
const inDays = (n: number) => beijingDate(addCalendar(new Date(), n, 'day'))
async function freshTask(overrides: Partial<ActionInput<'study.createTask'>> = {}): Promise<string> {
  const result = await callAs(cloud, roles.secretary, 'study.createTask', {
    title: '权限测试学习任务',
    materials: { text: '学习材料', links: [], files: [] },
    audience: { kind: 'branch', groupId: null, memberIds: [] },
    dueDate: inDays(7),
    noteRequired: true,
    minChars: 0,
    ...overrides,
  })
  if (!result.ok) throw new Error(result.error.code)
  return result.data.ids[0]
}
/** A note written by `role`'s member (the full member's for those without one), in a given state. */
async function freshNote(role: Role, status: 'submitted' | 'approved', grade: 'excellent' | null = null): Promise<string> {
  const id = `matrix-note-${++memberSeq}`
  const memberId = role === 'unbound' || role === 'orgAdmin' ? 'member-007' : memberOfRole[role]
  const now = new Date()
  await cloud.store.commit([
    {
      coll: 'notes',
      id,
      doc: { _id: id, branchId: memberId === 'member-027' ? 'branch-mingde-2' : 'branch-mingde-1', memberId, authorName: '作者', groupId: null, taskId: null, title: '心得', body: '学习心得体会正文', characters: 8, photos: [], status, grade, shared: false, sharedAt: null, contentCheck: 'pass', returnComment: null, firstSubmittedAt: now, submittedAt: now, reviewedAt: null, reviewedBy: null, history: [], createdAt: now, updatedAt: now },
    },
  ])
  return id
}
const noteBody = { taskId: null, title: '权限测试心得', body: '学习党的创新理论，结合教育教学实际。', photos: [] }
async function freshTest(): Promise<string> {
  const result = await callAs(cloud, roles.secretary, 'exam.create', {
    title: '权限测试理论测试',
    description: '',
    questions: [
      { type: 'single', stem: '题目一', options: ['甲', '乙'], correct: 0, points: 2 },
      { type: 'short', stem: '题目二', reference: '', points: 8 },
    ],
    timeLimitMinutes: 30,
    opensAt: inMinutes(-1),
    closesAt: inMinutes(60),
  })
  if (!result.ok) throw new Error(result.error.code)
  return result.data.ids[0]
}
/** A fresh test the role has started (where it may), and optionally handed in. */
async function startedTest(role: Role, submit = false): Promise<string> {
  const testId = await freshTest()
  await callAs(cloud, roles[role], 'exam.start', { testId })
  if (submit) await callAs(cloud, roles[role], 'exam.submit', { testId, answers: { q1: 0, q2: '答案' } })
  return testId
}
/** A handed-in sheet of the full member, with a short answer to grade. */
async function sheetToGrade(): Promise<{ testId: string; attemptKey: string; questionId: string; points: number }> {
  const testId = await startedTest('fullMember', true)
  const attempt = cloud.store.getDoc('testAttempts', `${testId}_member-007`) as unknown as { gradingKey: string }
  return { testId, attemptKey: attempt.gradingKey, questionId: 'q2', points: 6 }
}

/** Marks every unfinished 民主评议 of both demo branches concluded, so a new one may open. */
async function finishRounds(): Promise<void> {
  const open = cloud.store.docs('appraisalRounds').filter((r) => r.status !== 'concluded')
  if (open.length) await cloud.store.commit(open.map((r) => ({ coll: 'appraisalRounds', id: String(r._id), doc: { ...r, status: 'concluded' } })))
}
let roundYear = 1990
/** A fresh 民主评议 of branch 1, open, closed (with every verdict but none, or all) or concluded with a 不合格 to follow up. */
async function freshRound(state: 'open' | 'closed' | 'decided' | 'concluded' = 'open'): Promise<string> {
  await finishRounds()
  const year = ++roundYear
  const opened = await callAs(cloud, roles.secretary, 'appraisal.open', { title: `${year}年度民主评议`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` })
  if (!opened.ok) throw new Error(opened.error.code)
  const roundId = opened.data.id
  if (state === 'open') return roundId
  await callAs(cloud, roles.secretary, 'appraisal.close', { roundId })
  if (state === 'closed') return roundId
  const docs = cloud.store.docs('appraisalParticipants').filter((d) => d.roundId === roundId && d.category === 'full')
  const failing = memberOf('fullMember')
  await cloud.store.commit(
    docs.map((d) => ({
      coll: 'appraisalParticipants',
      id: String(d._id),
      doc: { ...d, verdict: { grade: d.memberId === failing ? 'fail' : 'pass', reason: '全年表现', by: { id: 'member-001', name: '李红梅' }, at: new Date() }, correction: d.memberId === failing ? { due: addCalendar(new Date(), 90, 'day'), outcome: null, note: null, recordedAt: null, by: null } : null },
    })),
  )
  if (state === 'decided') return roundId
  const round = cloud.store.getDoc('appraisalRounds', roundId)
  if (!round) throw new Error(`no round ${roundId}`)
  await cloud.store.commit([{ coll: 'appraisalRounds', id: roundId, doc: { ...round, status: 'concluded', concludedAt: new Date() } }])
  return roundId
}
const memberOf = (role: Role) => String((cloud.store.getDoc('bindings', roles[role]) as { memberId: string } | undefined)?.memberId ?? 'nobody')
/** A whole ballot as `role` would cast it: every 正式党员 of the round but themselves. */
async function ballotFor(role: Role): Promise<ActionInput<'appraisal.vote'>> {
  const roundId = await freshRound()
  const round = cloud.store.getDoc('appraisalRounds', roundId) as unknown as { participants: Array<{ memberId: string; category: string }> }
  return { roundId, grades: round.participants.filter((p) => p.category === 'full' && p.memberId !== memberOf(role)).map((p) => ({ memberId: p.memberId, grade: 'pass' as const })) }
}

/** A fresh member of branch 1 with a 党费 record from two months back and nothing paid. */
async function freshDuesMember(): Promise<string> {
  const memberId = await freshMember()
  const firstMonth = monthOf(addCalendar(new Date(), -2, 'month'))
  await cloud.store.commit([
    { coll: 'duesAccounts', id: memberId, doc: { _id: memberId, branchId: 'branch-mingde-1', memberId, name: '测试成员', firstMonth, quarterly: false, bases: [{ fromMonth: firstMonth, kind: 'working', baseFen: 400_000 }], paidMonths: [], warned: [], updatedAt: new Date(), updatedBy: { id: 'member-001', name: '李红梅' } } },
  ])
  return memberId
}
// 发展党员: a fresh 积极分子 of branch 1, in the pipeline unless told, so each role has its own target.
async function freshApplicant(inPipeline = true): Promise<string> {
  const id = `matrix-dev-${++memberSeq}`
  const at = new Date()
  await cloud.store.commit([
    { coll: 'members', id, doc: { _id: id, branchId: 'branch-mingde-1', groupId: 'group-1-1', name: '申请人', category: 'activist', positions: [], phone: `1370000${String(memberSeq).padStart(4, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: at, updatedAt: at } },
    ...(inPipeline
      ? [{ coll: 'developments', id, doc: { _id: id, branchId: 'branch-mingde-1', memberId: id, name: '申请人', dates: { application: '2025-01-06' }, activistCarriedFrom: null, mentorIds: [], sponsorIds: [], politicalReview: null, training: null, leavingOn: null, extensionMonths: null, transferredInProbationary: false, records: [], votes: [], log: [], createdAt: at, updatedAt: at } }]
      : []),
  ])
  return id
}
let voteMeeting: Promise<string> | null = null
/** A 支部党员大会 of branch 1 held yesterday: 20 正式党员 expected, 11 checked in. */
function heldGeneralMeeting(): Promise<string> {
  voteMeeting ??= (async () => {
    const id = 'matrix-general-meeting'
    const end = new Date(Date.now() - 24 * 3600_000)
    const expected = Array.from({ length: 20 }, (_, i) => `member-${String(i + 1).padStart(3, '0')}`)
    await cloud.store.commit([
      {
        coll: 'meetings',
        id,
        doc: { _id: id, branchId: 'branch-mingde-1', type: 'generalMeeting', title: '支部党员大会', startAt: new Date(end.getTime() - 3600_000), endAt: end, venue: '会议室', audience: { kind: 'members', groupId: null, memberIds: expected, allowObservers: false }, hostId: 'member-001', recorderId: null, agenda: [], checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null }, status: 'published', cancelReason: null, code: 'MXGM0001', secret: 'matrix', createdBy: 'member-001', createdAt: end, updatedAt: end },
      },
      ...expected.slice(0, 11).map((memberId) => ({ coll: 'attendance', id: `${id}_${memberId}`, doc: { _id: `${id}_${memberId}`, meetingId: id, branchId: 'branch-mingde-1', memberId, status: 'present', checkedInAt: end, method: 'rotating', distanceMeters: null, updatedAt: end } })),
    ])
    return id
  })()
  return voteMeeting
}
const deciders: Role[] = ['secretary', 'organizationCommittee']
const partyMembers: Role[] = ['secretary', 'organizationCommittee', 'groupLeader', 'fullMember']
const otherBranch = (code: string) => ({ otherBranchSecretary: code })

const managers: Role[] = ['secretary', 'organizationCommittee']
const branchOne: Role[] = ['secretary', 'organizationCommittee', 'groupLeader', 'fullMember', 'activist']
const anyMember: Role[] = [...branchOne, 'otherBranchSecretary']
const cases: Case[] = [
  c('system.ping', everyone, async () => ({})),
  c('member.me', everyone, async () => ({})),
  c('home.desk', everyone, async () => ({})),
  c('member.exportMine', everyone, async () => ({})),
  c('member.exportMineFile', everyone, async () => ({})),
  c('roster.list', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1' })),
  c('roster.export', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1' })),
  c('roster.get', managers, async () => ({ memberId: 'member-001' })),
  c('roster.addMember', managers, async () => ({ name: '新成员', category: 'full' as const, groupId: 'group-1-1', positions: [], phone: `1340000${String(++memberSeq).padStart(4, '0')}`, joinedPartyAt: null })),
  c('roster.updateMember', managers, async () => ({ memberId: await freshMember(), name: '改名成员' })),
  c('roster.transferOut', managers, async () => ({ memberId: await freshMember(), note: '调离' })),
  c('roster.unbind', managers, async () => ({ memberId: await freshMember() })),
  c('roster.setCapabilities', ['secretary'], async () => ({ memberId: await freshMember(), grants: ['reviewNotes' as const], revokes: [] })),
  c('roster.reactivate', ['secretary'], async () => ({ memberId: await freshMember({ transferred: true }), note: '误操作，恢复在册' })),
  // These act on the caller's own branch: another branch's secretary may, in theirs.
  c('roster.createGroup', [...managers, 'otherBranchSecretary'], async () => ({ name: `新小组${++memberSeq}` })),
  c('roster.template', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('roster.prepareImport', [...managers, 'otherBranchSecretary'], async () => ({})),
  // Each importer imports a sheet they uploaded themselves; the others try the secretary's.
  c('roster.import', [...managers, 'otherBranchSecretary'], async (role) => ({ fileID: [...managers, 'otherBranchSecretary'].includes(role) ? await upload(cloud, roles[role], await importSheet()) : importFile, dryRun: true })),
  c('join.listRequests', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('join.inviteCode', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('join.decide', managers, async () => ({ requestId: await freshRequest(), decision: 'reject' as const })),
  c('org.branches', ['orgAdmin'], async () => ({})),

  // Meetings and check-in.
  c('meeting.create', [...managers, 'otherBranchSecretary'], async () => ({ ...meetingFields('新建会议'), publish: true })),
  c('meeting.update', managers, async () => ({ meetingId: await freshMeeting(), title: '改名后的会议' })),
  // 补录 acts on the caller's own branch: another branch's secretary may, in theirs.
  c('meeting.backfill', [...managers, 'otherBranchSecretary'], async () => {
    const { checkin: _checkin, ...fields } = backfillFields()
    return fields
  }),
  c('meeting.historyTemplate', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('meeting.prepareHistoryImport', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('meeting.importHistory', [...managers, 'otherBranchSecretary'], async (role) => ({
    fileID: [...managers, 'otherBranchSecretary'].includes(role) ? await uploadTo(cloud, roles[role], 'meeting.prepareHistoryImport', {}, await historySheet()) : historyFile,
    dryRun: true,
  })),
  c('meeting.recordsFrom', [...managers, 'otherBranchSecretary'], async () => ({ recordsFrom: '2024-01-01' })),
  c('meeting.publish', managers, async () => ({ meetingId: await freshMeeting({ publish: false }) })),
  c('meeting.cancel', managers, async () => ({ meetingId: await freshMeeting(), reason: '改期' })),
  c('meeting.get', [...branchOne], async () => ({ meetingId: await freshMeeting() })),
  c('meeting.page', everyone, async () => ({})),
  c('meeting.listMine', [...branchOne, 'otherBranchSecretary'], async () => ({})),
  c('meeting.people', [...managers, 'groupLeader', 'otherBranchSecretary'], async () => ({})),
  c('meeting.listManage', [...managers, 'groupLeader', 'otherBranchSecretary'], async () => ({})),
  c('checkin.code', managers, async () => ({ meetingId: await freshMeeting() })),
  c('checkin.staticCode', managers, async () => ({ meetingId: await freshMeeting() })),
  c('checkin.scan', [...branchOne], async () => ({ token: await freshToken() })),
  c('checkin.manual', managers, async () => ({ meetingId: await freshMeeting(), memberId: 'member-008', status: 'present' as const, reason: '现场确认' })),
  c('attendance.meeting', managers, async () => ({ meetingId: await freshMeeting() })),
  c('attendance.member', managers, async () => ({ memberId: 'member-008', from: inMinutes(-60), to: inMinutes(60) })),
  c('attendance.inactive', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('minutes.get', [...branchOne], async () => ({ meetingId: await freshMeeting() })),
  c('minutes.preparePhoto', managers, async () => ({ meetingId: await freshMeeting(), ext: 'jpg' as const })),
  c('minutes.save', managers, async () => ({ meetingId: await freshMeeting(), topics: ['议题'], content: '内容', decisions: '', photos: [] })),
  c('attendance.exportSheet', managers, async () => ({ meetingId: await freshMeeting() })),
  c('attendance.correctRoll', managers, async () => ({ meetingId: await endedMeeting(), change: { kind: 'remove' as const, memberId: 'member-008' }, reason: '已调离，误计入应到' })),
  c('leave.request', ['secretary', 'organizationCommittee', 'groupLeader', 'fullMember'], async () => ({ meetingId: await freshMeeting({ audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false } }), reason: '外出培训' }), {
    activist: 'CHECKIN.NOT_IN_AUDIENCE',
  }),
  c('leave.listPending', [...managers, 'groupLeader', 'otherBranchSecretary'], async () => ({})),
  c('leave.decide', managers, async () => ({ ...(await freshLeave()), approve: true })),
  c('leave.makeups', [...branchOne, 'otherBranchSecretary'], async () => ({ scope: 'mine' as const })),
  c('leave.completeMakeup', [...branchOne, 'otherBranchSecretary'], async (role) => ({ makeupId: await freshMakeup(role), note: '已阅读会议材料并写下体会，共十余字。' })),
  c('join.submit', ['unbound', 'orgAdmin'], async () => ({ inviteCode: 'MD1024', name: '新来的人', phone: `1370000${String(++memberSeq).padStart(4, '0')}` }), {
    secretary: 'JOIN.ALREADY_BOUND',
    organizationCommittee: 'JOIN.ALREADY_BOUND',
    groupLeader: 'JOIN.ALREADY_BOUND',
    fullMember: 'JOIN.ALREADY_BOUND',
    activist: 'JOIN.ALREADY_BOUND',
    otherBranchSecretary: 'JOIN.ALREADY_BOUND',
  }),
  c('inbox.list', [...branchOne, 'otherBranchSecretary'], async () => ({})),
  c('inbox.markRead', [...branchOne, 'otherBranchSecretary'], async () => ({ ids: [] })),

  // Volunteer service: every member signs up; a shift's leader runs it; managers set things up.
  c('volunteer.board', [...branchOne, 'otherBranchSecretary'], async () => ({})),
  c('volunteer.shift', branchOne, async () => ({ shiftId: await freshShift() })),
  c('volunteer.signup', branchOne, async () => ({ shiftId: await freshShift(), waitlist: true })),
  c('volunteer.cancel', branchOne, async (role) => ({ shiftId: await shiftWith(role) })),
  c('volunteer.offerSwap', branchOne, async (role) => ({ shiftId: await shiftWith(role), offer: true })),
  c('volunteer.takeSwap', branchOne, async () => {
    const { shiftId, memberId } = await shiftHeldByAnother(true)
    return { shiftId, fromMemberId: memberId }
  }),
  c('volunteer.remove', [...managers, 'groupLeader'], async () => ({ ...(await shiftHeldByAnother(false)), reason: '临时有课' })),
  c('volunteer.code', [...managers, 'groupLeader'], async () => ({ shiftId: await freshShift() })),
  c('volunteer.scan', branchOne, async (role) => {
    const shiftId = await shiftWith(role)
    await moveShift(cloud, shiftId, -10, 60)
    return { token: shiftToken(cloud, shiftId) }
  }),
  c('volunteer.confirmHours', [...managers, 'groupLeader'], async () => {
    const shiftId = await freshShift()
    await moveShift(cloud, shiftId, 120, 60)
    return { shiftId, peopleServed: 12, entries: [] }
  }),
  c('volunteer.history', [...branchOne, 'otherBranchSecretary'], async () => aYear()),
  c('volunteer.figures', [...managers, 'orgAdmin'], async () => ({ ...aYear(), branchId: 'branch-mingde-1' })),
  c('volunteer.exportHours', [...managers, 'orgAdmin'], async () => ({ ...aYear(), branchId: 'branch-mingde-1' })),
  c('volunteer.manage', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('volunteer.activity', managers, async () => ({ activityId: await freshActivity() })),
  c('volunteer.createActivity', [...managers, 'otherBranchSecretary'], async () => ({ type: 'homeTeaching' as const, title: '送教上门', description: '', place: '学生家中', organiser: '志愿服务队', publish: true })),
  c('volunteer.updateActivity', managers, async () => ({ activityId: await freshActivity(), title: '改名后的活动' })),
  c('volunteer.publishActivity', managers, async () => ({ activityId: await freshActivity(false) })),
  c('volunteer.cancelActivity', managers, async () => ({ activityId: await freshActivity(), reason: '天气原因' })),
  c('volunteer.addShift', managers, async () => shiftFields(await freshActivity())),
  c('volunteer.updateShift', managers, async () => ({ shiftId: await freshShift(), capacity: 8 })),
  c('volunteer.cancelShift', managers, async () => ({ shiftId: await freshShift(), reason: '天气原因' })),
  c('volunteer.createRoster', managers, async () => ({ activityId: await freshActivity(), ...rosterFields(beijingDate(addCalendar(Date.now(), 130, 'day')), beijingDate(addCalendar(Date.now(), 134, 'day'))) })),
  c('volunteer.updateRoster', managers, async () => ({ rosterId: await freshRoster(), ...rosterFields(beijingDate(addCalendar(Date.now(), 120, 'day')), beijingDate(addCalendar(Date.now(), 128, 'day'))) })),
  c('inbox.markAllRead', [...branchOne, 'otherBranchSecretary'], async () => ({})),
  c('inbox.unread', [...branchOne, 'otherBranchSecretary'], async () => ({})),

  // Reminders: each member records their own acceptances; those who run meetings see who was reached.
  c('reminder.subscribe', [...branchOne, 'otherBranchSecretary'], async () => ({ moment: 'meeting' as const, answers: { meetingReminder: 'accept' } })),
  c('reminder.mine', [...branchOne, 'otherBranchSecretary'], async () => ({})),
  c('reminder.subjects', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('reminder.queue', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('reminder.deliveries', managers, async () => ({ subjectType: 'meeting' as const, subjectId: await freshReminderSubject() }), { otherBranchSecretary: 'NOT_FOUND' }),
  // Study (学习): tasks, notes, review, sharing, reminders, counts.
  c('study.page', everyone, async () => ({})),
  c('study.overview', anyMember, async () => ({})),
  c('study.createTask', ['secretary', 'otherBranchSecretary', 'orgAdmin'], async () => ({
    title: '新学习任务',
    materials: { text: '', links: [], files: [] },
    audience: { kind: 'branch' as const, groupId: null, memberIds: [] },
    dueDate: inDays(3),
    noteRequired: false,
    minChars: 0,
  })),
  c('study.task', partyMembers, async () => ({ taskId: await freshTask() }), { activist: 'STUDY.NOT_IN_AUDIENCE', ...otherBranch('STUDY.TASK_NOT_FOUND') }),
  c('study.people', ['secretary', 'otherBranchSecretary'], async () => ({})),
  c('study.preparePhoto', anyMember, async () => ({ ext: 'jpg' as const })),
  c('study.prepareMaterial', ['secretary', 'otherBranchSecretary'], async () => ({ ext: 'pdf' as const })),
  c('study.manageTasks', ['secretary', 'otherBranchSecretary', 'orgAdmin'], async () => ({})),
  c('study.confirmTask', partyMembers, async () => ({ taskId: await freshTask({ noteRequired: false }) }), { activist: 'STUDY.NOT_IN_AUDIENCE', ...otherBranch('STUDY.TASK_NOT_FOUND') }),
  c('study.pending', ['secretary', 'orgAdmin'], async () => ({ taskId: await freshTask() }), otherBranch('STUDY.TASK_NOT_FOUND')),
  c('study.remind', ['secretary'], async () => ({ taskId: await freshTask() }), otherBranch('STUDY.TASK_NOT_FOUND')),
  c('study.saveNote', anyMember, async () => noteBody),
  c('study.submitNote', anyMember, async () => noteBody),
  c('study.note', ['secretary', 'fullMember'], async () => ({ noteId: await freshNote('fullMember', 'submitted') }), {
    organizationCommittee: 'AUTH.FORBIDDEN',
    groupLeader: 'AUTH.FORBIDDEN',
    activist: 'AUTH.FORBIDDEN',
    otherBranchSecretary: 'NOTE.NOT_FOUND',
  }),
  c('study.myNotes', anyMember, async () => ({})),
  c('study.reviewQueue', ['secretary', 'otherBranchSecretary'], async () => ({})),
  c('study.review', ['secretary'], async () => ({ noteId: await freshNote('fullMember', 'submitted'), decision: 'approve' as const, grade: 'pass' as const }), otherBranch('NOTE.NOT_FOUND')),
  // Only the author consents to sharing: each role shares its own 优秀 note.
  c('study.share', anyMember, async (role) => ({ noteId: await freshNote(role, 'approved', 'excellent'), share: true }), { orgAdmin: 'AUTH.FORBIDDEN' }),
  c('study.shared', anyMember, async () => ({})),
  c('study.yearCounts', anyMember, async () => ({ year: beijingParts(new Date()).year, scope: 'mine' as const })),

  // The theory test.
  c('exam.list', [...anyMember, 'orgAdmin'], async () => ({})),
  c('exam.create', ['secretary', 'otherBranchSecretary', 'orgAdmin'], async () => ({
    title: '新测试',
    description: '',
    questions: [{ type: 'trueFalse' as const, stem: '判断题', correct: true, points: 1 }],
    timeLimitMinutes: 20,
    opensAt: inMinutes(60),
    closesAt: inMinutes(120),
  })),
  c('exam.template', ['secretary', 'otherBranchSecretary', 'orgAdmin'], async () => ({})),
  c('exam.prepareImport', ['secretary', 'otherBranchSecretary'], async () => ({})),
  // Only the one who uploaded the sheet may import it.
  c('exam.importQuestions', ['secretary'], async () => ({ fileID: questionFile }), otherBranch('FILE.NOT_FOUND')),
  c('exam.start', partyMembers, async () => ({ testId: await freshTest() }), { activist: 'TEST.NOT_IN_AUDIENCE', ...otherBranch('TEST.NOT_FOUND') }),
  c('exam.answer', partyMembers, async (role) => ({ testId: await startedTest(role), answers: { q1: 1 } }), { activist: 'TEST.NOT_STARTED', ...otherBranch('TEST.NOT_FOUND') }),
  c('exam.submit', partyMembers, async (role) => ({ testId: await startedTest(role) }), { activist: 'TEST.NOT_STARTED', ...otherBranch('TEST.NOT_FOUND') }),
  c('exam.result', partyMembers, async (role) => ({ testId: await startedTest(role, true) }), { activist: 'TEST.NOT_STARTED', ...otherBranch('TEST.NOT_FOUND') }),
  c('exam.overview', ['secretary', 'organizationCommittee', 'orgAdmin'], async () => ({ testId: await freshTest() }), otherBranch('TEST.NOT_FOUND')),
  c('exam.gradingQueue', ['secretary'], async () => ({ testId: await freshTest() }), otherBranch('TEST.NOT_FOUND')),
  c('exam.grade', ['secretary'], sheetToGrade, otherBranch('TEST.NOT_FOUND')),
  // A branch's test is the branch's: the organisation admin reads it but does not close it.
  c('exam.close', ['secretary'], async () => ({ testId: await freshTest() }), otherBranch('TEST.NOT_FOUND')),


  // The desk: those who review attendance read their branch's, an organisation admin any of its branches'.
  c('desk.compliance', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1' })),
  c('desk.figures', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1' })),
  c('desk.charts', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1' })),
  c('desk.ledger', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1' })),
  c('desk.table', [...managers, 'orgAdmin'], async () => ({ branchId: 'branch-mingde-1', table: 'members' as const })),
  c('desk.setRules', [...managers, 'otherBranchSecretary'], async () => ({ dueSoonDays: 7 })),
  c('desk.meetingRecord', managers, async () => ({ meetingId: await freshMeeting() })),
  c('desk.org', ['orgAdmin'], async () => ({})),
  c('desk.orgLedger', ['orgAdmin'], async () => ({})),

  // 民主评议: the 书记 runs a round, the 支委会 decides, Party members take part; rounds are the branch's own.
  c('appraisal.list', anyMember, async () => ({})),
  c('appraisal.round', branchOne, async () => ({ roundId: await freshRound() }), otherBranch('APPRAISAL.NOT_FOUND')),
  c('appraisal.open', ['secretary', 'otherBranchSecretary'], async () => {
    await finishRounds()
    const year = ++roundYear
    return { title: `${year}年度民主评议`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` }
  }),
  c('appraisal.saveSelf', partyMembers, async () => ({ roundId: await freshRound(), text: '自评草稿' }), { activist: 'APPRAISAL.NOT_A_VOTER', ...otherBranch('APPRAISAL.NOT_FOUND') }),
  c('appraisal.vote', partyMembers, ballotFor, { activist: 'APPRAISAL.NOT_A_VOTER', ...otherBranch('APPRAISAL.NOT_FOUND') }),
  c('appraisal.participation', branchOne, async () => ({ roundId: await freshRound() }), otherBranch('APPRAISAL.NOT_FOUND')),
  c('appraisal.close', ['secretary'], async () => ({ roundId: await freshRound() }), otherBranch('APPRAISAL.NOT_FOUND')),
  c('appraisal.verdict', managers, async () => ({ roundId: await freshRound('closed'), memberId: memberOf('fullMember'), grade: 'pass' as const, reason: '全年表现良好' }), otherBranch('APPRAISAL.NOT_FOUND')),
  c('appraisal.conclude', ['secretary'], async () => ({ roundId: await freshRound('decided') }), otherBranch('APPRAISAL.NOT_FOUND')),
  c('appraisal.correctionOutcome', managers, async () => ({ roundId: await freshRound('concluded'), memberId: memberOf('fullMember'), outcome: 'corrected' as const, note: '已按期改正' }), otherBranch('APPRAISAL.NOT_FOUND')),

  // 党费: the register is kept by those who manage the roster, each member reads their own.
  c('dues.monthly', [...managers, 'otherBranchSecretary'], async () => ({})),
  c('dues.setBase', managers, async () => ({ memberId: await freshMember(), kind: 'working' as const, base: '4800', fromMonth: monthOf(new Date()) }), otherBranch('ROSTER.MEMBER_NOT_FOUND')),
  c('dues.recordPayment', managers, async () => ({ memberId: await freshDuesMember(), months: [monthOf(new Date())], amount: '40', paidOn: beijingDate(new Date()), receiptNo: 'DF-0001' }), otherBranch('ROSTER.MEMBER_NOT_FOUND')),
  c('dues.mine', anyMember, async () => ({})),
  c('dues.report', [...managers, 'otherBranchSecretary'], async () => ({ year: beijingParts(new Date()).year })),
  // 发展党员: only the committee decides; the 培养联系人 (孙伟, fullMember) sees and adds the 考察 of
  // 许诺 (the activist, who sees her own and hands in 思想汇报); 陈志强 (groupLeader) is 邓佳怡's
  // 介绍人; the organisation reads every branch and changes nothing.
  c('development.list', everyone.filter((r) => r !== 'unbound'), async () => ({})),
  c('development.person', [...deciders, 'fullMember', 'activist', 'orgAdmin'], async () => ({ memberId: 'member-024' })),
  c('development.start', deciders, async () => ({ memberId: await freshApplicant(false), application: '2025-01-06' }), otherBranch('ROSTER.MEMBER_NOT_FOUND')),
  c('development.setDates', deciders, async () => ({ memberId: await freshApplicant(), dates: { applicantTalk: '2025-01-20' } })),
  c('development.setFacts', deciders, async () => ({ memberId: await freshApplicant(), leavingOn: '2030-07-01' })),
  c('development.setPeople', deciders, async () => ({ memberId: await freshApplicant(), mentorIds: ['member-007'], sponsorIds: [] })),
  c('development.addRecord', [...deciders, 'activist'], async (role) => ({ memberId: 'member-024', kind: 'thoughtReport' as const, date: '2025-06-30', summary: `思想汇报（${role}）` })),
  c('development.recordVote', deciders, async () => ({ memberId: await freshApplicant(), kind: 'admission' as const, meetingId: await heldGeneralMeeting(), yes: 11, no: 0, abstain: 0, writtenYes: 0, writtenNo: 0, writtenAbstain: 0 })),
  c('development.settings', [...deciders, 'otherBranchSecretary'], async () => ({})),
  c('development.saveSettings', [...deciders, 'otherBranchSecretary'], async () => ({ settings: { thoughtReportMonths: 3 }, calendar: [] })),
]

beforeAll(async () => {
  cloud = await startSeededCloud()
  importFile = await upload(cloud, roles.secretary, await importSheet())
  questionFile = await uploadTo(cloud, roles.secretary, 'exam.prepareImport', {}, await xlsx([['题型', '题目', '选项A', '选项B', '答案'], ['单选', '题目', '甲', '乙', 'A']]))
  historyFile = await uploadTo(cloud, roles.secretary, 'meeting.prepareHistoryImport', {}, await historySheet())
})
afterAll(() => cloud.close())

it('lists every action of the contract, so a new one cannot be forgotten', () => {
  expect(cases.map((k) => k.action).sort()).toEqual(Object.keys(actions).sort())
})

describe.each(cases.map((k) => [k.action, k] as const))('%s', (_action, k) => {
  it.each(everyone.map((role) => [role, k.allowed.includes(role)] as const))('as %s → allowed: %s', async (role, allowed) => {
    const input = await k.input(role)
    const seq = cloud.store.commitSeq
    const result = await callAs(cloud, roles[role], k.action, input as never)
    if (allowed) {
      expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toBe('ok')
      return
    }
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe(k.refusals?.[role] ?? (role === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN'))
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

/** 发展党员's documents: each entered by whose it is (or by the committee receiving it on paper). */
describe('development.addRecord by kind', () => {
  const table: Array<[kind: 'assessment' | 'sponsorOpinion', memberId: string, allowed: Role[]]> = [
    ['assessment', 'member-024', ['secretary', 'organizationCommittee', 'fullMember']],
    ['sponsorOpinion', 'member-025', ['secretary', 'organizationCommittee', 'groupLeader']],
  ]
  it.each(table.flatMap(([kind, memberId, allowed]) => everyone.map((role) => [kind, role, memberId, allowed.includes(role)] as const)))('%s as %s → allowed: %s', async (kind, role, memberId, allowed) => {
    const seq = cloud.store.commitSeq
    const result = await callAs(cloud, roles[role], 'development.addRecord', { memberId, kind, date: '2025-07-01', summary: `${kind}（${role}）` })
    if (allowed) {
      expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toBe('ok')
      return
    }
    expect(result.ok ? 'ok' : result.error.code).toBe(role === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
    expect(cloud.store.commitSeq).toBe(seq)
  })
})

/**
 * The organisation admin (党总支) reads every branch and changes only what the organisation set
 * itself (shared/domain/permissions.ts `orgAdminMayChange`): each write of the study and theory
 * test areas on a record the organisation set, and on one a branch set, as the admin and as the
 * branch's secretary. Refusals write nothing.
 */
describe('the organisation admin: its own tasks and tests, and a branch\'s', () => {
  async function orgTest(): Promise<string> {
    const result = await callAs(cloud, roles.orgAdmin, 'exam.create', {
      title: '党总支理论测试',
      description: '',
      questions: [{ type: 'short' as const, stem: '简答', reference: '', points: 10 }],
      timeLimitMinutes: 30,
      opensAt: inMinutes(-1),
      closesAt: inMinutes(60),
    })
    if (!result.ok) throw new Error(result.error.code)
    return result.data.ids[0]
  }
  async function orgTask(): Promise<string> {
    const result = await callAs(cloud, roles.orgAdmin, 'study.createTask', {
      title: '党总支学习任务',
      materials: { text: '材料', links: [], files: [] },
      audience: { kind: 'branch', groupId: null, memberIds: [] },
      dueDate: inDays(5),
      noteRequired: true,
      minChars: 0,
    })
    if (!result.ok) throw new Error(result.error.code)
    return result.data.ids[0]
  }
  type Owner = 'org' | 'branch'
  type Write = { action: ActionName; input: (owner: Owner) => Promise<Record<string, unknown>> }
  const writes: Write[] = [
    { action: 'exam.close', input: async (owner) => ({ testId: owner === 'org' ? await orgTest() : await freshTest() }) },
    { action: 'exam.grade', input: async (owner) => {
      const testId = owner === 'org' ? await orgTest() : await freshTest()
      await callAs(cloud, roles.fullMember, 'exam.start', { testId })
      await callAs(cloud, roles.fullMember, 'exam.submit', { testId, answers: owner === 'org' ? { q1: '答案' } : { q1: 0, q2: '答案' } })
      const attempt = cloud.store.getDoc('testAttempts', `${testId}_member-007`) as unknown as { gradingKey: string }
      return { testId, attemptKey: attempt.gradingKey, questionId: owner === 'org' ? 'q1' : 'q2', points: 5 }
    } },
    { action: 'study.remind', input: async (owner) => ({ taskId: owner === 'org' ? await orgTask() : await freshTask() }) },
  ]
  // Who may, per write and owner of the record: the admin closes the organisation's test; a
  // branch's secretary closes their own, grades every sheet of their branch and reminds for every
  // task their branch runs (the organisation's copy included).
  const table: Array<[ActionName, Owner, 'orgAdmin' | 'secretary', boolean]> = [
    ['exam.close', 'org', 'orgAdmin', true],
    ['exam.close', 'branch', 'orgAdmin', false],
    ['exam.close', 'org', 'secretary', false],
    ['exam.close', 'branch', 'secretary', true],
    ['exam.grade', 'org', 'orgAdmin', false],
    ['exam.grade', 'branch', 'orgAdmin', false],
    ['exam.grade', 'org', 'secretary', true],
    ['exam.grade', 'branch', 'secretary', true],
    ['study.remind', 'org', 'orgAdmin', false],
    ['study.remind', 'branch', 'orgAdmin', false],
    ['study.remind', 'org', 'secretary', true],
    ['study.remind', 'branch', 'secretary', true],
  ]
  it('covers every write on a record the organisation or a branch set', () => {
    expect(new Set(table.map(([action]) => action))).toEqual(new Set(writes.map((w) => w.action)))
  })
  it.each(table)('%s of a test or task the %s set, by the %s → allowed: %s', async (action, owner, role, allowed) => {
    const input = await (writes.find((w) => w.action === action) as Write).input(owner)
    const seq = cloud.store.commitSeq
    const result = await callAs(cloud, roles[role], action, input as never)
    if (allowed) {
      expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toBe('ok')
      return
    }
    expect(result.ok ? 'ok' : result.error.code).toBe('AUTH.FORBIDDEN')
    expect(cloud.store.commitSeq).toBe(seq)
  })
  it('leaves a member\'s attempt in progress untouched when the admin is refused closing a branch\'s test', async () => {
    const testId = await freshTest()
    await callAs(cloud, roles.fullMember, 'exam.start', { testId })
    const before = cloud.store.getDoc('theoryTests', testId)
    const attemptBefore = cloud.store.getDoc('testAttempts', `${testId}_member-007`)
    const result = await callAs(cloud, roles.orgAdmin, 'exam.close', { testId })
    expect(result.ok ? 'ok' : result.error.code).toBe('AUTH.FORBIDDEN')
    expect(cloud.store.getDoc('theoryTests', testId)).toEqual(before)
    expect(cloud.store.getDoc('testAttempts', `${testId}_member-007`)).toEqual(attemptBefore)
    const answered = await callAs(cloud, roles.fullMember, 'exam.answer', { testId, answers: { q1: 1 } })
    expect(answered.ok).toBe(true)
  })
})

/**
 * The changes that could hand over someone's account (unbinding their WeChat, changing their name
 * or phone, transferring them out, binding a waiting WeChat to them) and bringing a transferred
 * member back, against each kind of *target*: an ordinary member, a 支委, a member the secretary
 * granted a capability, the 副书记, the branch's only 书记, and the caller themselves. Each case
 * runs in a branch of its own, so an allowed change leaves nobody else's world changed.
 */
describe('account changes, by target', () => {
  const leads = ['secretary', 'deputySecretary'] as const
  const everyManager = [...leads, 'organizationCommittee'] as const
  type Caller = 'secretary' | 'deputySecretary' | 'organizationCommittee' | 'fullMember' | 'otherBranchSecretary'
  const callers: Caller[] = ['secretary', 'deputySecretary', 'organizationCommittee', 'fullMember', 'otherBranchSecretary']
  type Person = 'secretary' | 'deputySecretary' | 'organizationCommittee' | 'fullMember' | 'committee' | 'granted' | 'member'
  type Target = 'member' | 'committee' | 'granted' | 'deputySecretary' | 'lastSecretary' | 'self'
  type Change = 'unbind' | 'rename' | 'rephone' | 'transferOut' | 'bind' | 'reactivate'

  /** Who may, per change and target. Everyone else is refused with AUTH.FORBIDDEN and nothing written. */
  const table: Array<[Change, Target, readonly Caller[]]> = [
    ...(['unbind', 'rename', 'rephone'] as const).flatMap((change) => [
      [change, 'member', everyManager],
      [change, 'committee', leads],
      [change, 'granted', leads],
      [change, 'deputySecretary', ['secretary']],
      [change, 'lastSecretary', ['deputySecretary']],
      [change, 'self', []],
    ] as Array<[Change, Target, readonly Caller[]]>),
    ['transferOut', 'member', everyManager],
    ['transferOut', 'committee', leads],
    ['transferOut', 'granted', leads],
    ['transferOut', 'deputySecretary', ['secretary']],
    ['transferOut', 'lastSecretary', []],
    ['transferOut', 'self', []],
    ['bind', 'member', everyManager],
    ['bind', 'committee', leads],
    ['bind', 'granted', leads],
    ['reactivate', 'member', leads],
    ['reactivate', 'committee', leads],
    ['reactivate', 'granted', leads],
  ]

  let branchSeq = 0
  /** A branch of its own: 书记, 副书记, 组织委员, an ordinary caller, and the targets. */
  async function world(change: Change, target: Target): Promise<{ ids: Record<Person, string>; openids: Record<Person, string>; requestId: string }> {
    const n = ++branchSeq
    const branchId = `matrix-branch-${n}`
    const people: Record<Person, { positions: string[]; grants: string[] }> = {
      secretary: { positions: ['secretary'], grants: [] },
      deputySecretary: { positions: ['deputySecretary'], grants: [] },
      organizationCommittee: { positions: ['organizationCommittee'], grants: [] },
      fullMember: { positions: [], grants: [] },
      committee: { positions: ['publicityCommittee'], grants: [] },
      granted: { positions: ['groupLeader'], grants: ['reviewNotes'] },
      member: { positions: [], grants: [] },
    }
    const ids = Object.fromEntries(Object.keys(people).map((p) => [p, `${branchId}-${p}`])) as Record<Person, string>
    const openids = Object.fromEntries(Object.keys(people).map((p) => [p, `matrix-${n}-${p}`])) as Record<Person, string>
    const targeted = target === 'lastSecretary' ? 'secretary' : target === 'self' ? null : target
    const transferred = change === 'reactivate' ? targeted : null
    const unbound = change === 'bind' ? targeted : transferred
    const requestId = `matrix-${n}-applicant`
    await cloud.store.commit([
      { coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: `矩阵支部${n}`, inviteCode: `MX${n}` } },
      ...(Object.entries(people) as Array<[Person, { positions: string[]; grants: string[] }]>).flatMap(([person, { positions, grants }], i) => [
        {
          coll: 'members',
          id: ids[person],
          doc: { _id: ids[person], branchId, groupId: null, name: '矩阵成员', category: 'full', positions, phone: `1360000${String(i).padStart(4, '0')}`, joinedPartyAt: null, status: person === transferred ? 'transferredOut' : 'active', grants, revokes: [], createdAt: new Date(), updatedAt: new Date() },
        },
        ...(person === unbound ? [] : [{ coll: 'bindings', id: openids[person], doc: { _id: openids[person], memberId: ids[person], branchId, boundAt: new Date() } }]),
      ]),
      { coll: 'joinRequests', id: requestId, doc: { _id: requestId, branchId, name: '申请人', phone: '13600009999', status: 'pending', submittedAt: new Date(), decidedAt: null, decidedBy: null, comment: null, memberId: null } },
    ])
    return { ids, openids, requestId }
  }

  const cases = table.flatMap(([change, target, allowed]) => callers.map((caller) => [change, target, caller, allowed.includes(caller)] as const))

  it.each(cases)('%s of %s by %s → allowed: %s', async (change, target, caller, allowed) => {
    const { ids, openids, requestId } = await world(change, target)
    const openid = caller === 'otherBranchSecretary' ? roles.otherBranchSecretary : openids[caller]
    // Another branch's secretary is never in this branch: their "self" is just someone here.
    const self = caller === 'otherBranchSecretary' ? ids.member : ids[caller]
    const memberId = target === 'self' ? self : target === 'lastSecretary' ? ids.secretary : ids[target]
    const seq = cloud.store.commitSeq
    const result = await (change === 'unbind'
      ? callAs(cloud, openid, 'roster.unbind', { memberId })
      : change === 'rename'
        ? callAs(cloud, openid, 'roster.updateMember', { memberId, name: '改名换姓' })
        : change === 'rephone'
          ? callAs(cloud, openid, 'roster.updateMember', { memberId, phone: '13600008888' })
          : change === 'transferOut'
            ? callAs(cloud, openid, 'roster.transferOut', { memberId, note: '调离' })
            : change === 'bind'
              ? callAs(cloud, openid, 'join.decide', { requestId, decision: 'bindExisting', memberId })
              : callAs(cloud, openid, 'roster.reactivate', { memberId, note: '误操作，恢复在册' }))
    if (allowed) {
      expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toBe('ok')
      return
    }
    expect(result.ok ? 'ok' : result.error.code).toBe('AUTH.FORBIDDEN')
    expect(cloud.store.commitSeq).toBe(seq)
  })
})
