import { main } from '../../cloudfunctions/development/index'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/api/contract'
import type { AttendanceDoc, MeetingDoc, MemberDoc } from '../../shared/domain/documents'
import type { MemberCategory, Position } from '../../shared/domain/member'
import type { Capability } from '../../shared/domain/permissions'
import type { Result } from '../../shared/errors'
import { MemoryDb } from '../support/memory-db'

/** The development function's handlers with a fixed `now` (Beijing 2026-03-10) and the in-memory database. */
const now = new Date('2026-03-10T10:00:00+08:00')

type Person = [id: string, name: string, category: MemberCategory, positions: Position[], grants?: Capability[], branchId?: string]
const people: Person[] = [
  ['sec', '李书记', 'full', ['secretary']],
  ['org', '张组织', 'full', ['organizationCommittee']],
  ['pub', '王宣传', 'full', ['publicityCommittee']],
  ['granted', '陈组长', 'full', ['groupLeader'], ['manageDevelopment']],
  ['mentor', '孙联系', 'full', []],
  ['sponsor', '周介绍', 'full', []],
  ['other', '吴党员', 'full', []],
  ['act', '许积极', 'activist', []],
  ['act2', '邓积极', 'activist', []],
  ['prob', '谢预备', 'probationary', []],
  ['far', '外支部书记', 'full', ['secretary'], [], 'b2'],
]

function world() {
  const member = ([id, name, category, positions, grants = [], branchId = 'b1']: Person): MemberDoc => ({
    _id: id, branchId, groupId: null, name, category, positions, phone: '13800000000', joinedPartyAt: null, status: 'active', grants, revokes: [], createdAt: now, updatedAt: now,
  })
  const meeting = (id: string, endAt: Date, audience: MeetingDoc['audience']['kind'] = 'branch'): MeetingDoc => ({
    _id: id, branchId: 'b1', type: 'generalMeeting', title: '支部党员大会', startAt: new Date(endAt.getTime() - 3600_000), endAt, venue: '会议室',
    audience: { kind: audience, groupId: null, memberIds: [], allowObservers: true }, hostId: 'sec', recorderId: null, agenda: [], checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
    status: 'published', cancelReason: null, code: 'X', secret: 's', createdBy: 'sec', createdAt: now, updatedAt: now,
  })
  const present = (meetingId: string, ids: string[]): AttendanceDoc[] => ids.map((m) => ({ _id: `${meetingId}_${m}`, meetingId, branchId: 'b1', memberId: m, status: 'present', checkedInAt: now, method: 'rotating', distanceMeters: null, updatedAt: now }))
  const db = new MemoryDb({
    orgs: [{ _id: 'o1', name: '党总支' }],
    branches: [{ _id: 'b1', orgId: 'o1', name: '第一支部', inviteCode: 'A' }, { _id: 'b2', orgId: 'o1', name: '第二支部', inviteCode: 'B' }],
    members: people.map(member),
    bindings: people.map(([id, , , , , branchId = 'b1']) => ({ _id: `o-${id}`, memberId: id, branchId, boundAt: now })),
    orgAdmins: [{ _id: 'o-admin', orgId: 'o1', name: '党总支管理员' }],
    // 7 正式党员 in branch 1: 4 needed present, 4 yes to pass.
    meetings: [meeting('held', new Date('2026-03-09T17:00:00+08:00')), meeting('thin', new Date('2026-03-08T17:00:00+08:00')), meeting('ahead', new Date('2026-03-20T17:00:00+08:00'))],
    attendance: [...present('held', ['sec', 'org', 'pub', 'mentor', 'sponsor']), ...present('thin', ['sec', 'org', 'pub'])],
  })
  async function call<A extends ActionName>(who: string, action: A, input: ActionInput<A>): Promise<Result<ActionOutput<A>>> {
    return (await main.run({ action, input }, { caller: { openid: `o-${who}`, appid: 'wx', source: 'wx_client' }, now, db })) as Result<ActionOutput<A>>
  }
  async function ok<A extends ActionName>(who: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
    const r = await call(who, action, input)
    if (!r.ok) throw new Error(`${action} as ${who}: ${r.error.code} ${r.error.message}`)
    return r.data
  }
  const code = async <A extends ActionName>(who: string, action: A, input: ActionInput<A>) => {
    const r = await call(who, action, input)
    return r.ok ? 'ok' : r.error.code
  }
  return { db, call, ok, code }
}

describe('putting a person in the pipeline', () => {
  it('the committee starts from the 入党申请书, once; the answer is the timeline with the talk due', async () => {
    const { ok, code } = world()
    const view = await ok('sec', 'development.start', { memberId: 'act', application: '2026-03-02' })
    expect(view.steps.find((s) => s.key === 'applicantTalk')).toMatchObject({ status: 'due', by: { date: '2026-04-02', rule: 'talkWithinMonth' } })
    expect(view.may.decide).toBe(true)
    expect(await code('org', 'development.start', { memberId: 'act', application: '2026-03-02' })).toBe('DEVELOPMENT.EXISTS')
  })
  it('refuses a date after today, a Party member, and someone of another branch', async () => {
    const { code } = world()
    expect(await code('sec', 'development.start', { memberId: 'act', application: '2026-03-11' })).toBe('DEVELOPMENT.DATE_IN_FUTURE')
    expect(await code('sec', 'development.start', { memberId: 'prob', application: '2026-03-01' })).toBe('DEVELOPMENT.NOT_ELIGIBLE')
    expect(await code('far', 'development.start', { memberId: 'act', application: '2026-03-01' })).toBe('ROSTER.MEMBER_NOT_FOUND')
  })
  it('only the committee decides: a grant outside the committee and a 支委 without 发展党员 are refused, writing nothing', async () => {
    const { db, code } = world()
    for (const who of ['pub', 'granted', 'mentor', 'act', 'admin']) {
      expect(await code(who, 'development.start', { memberId: 'act', application: '2026-03-01' })).toBe('AUTH.FORBIDDEN')
    }
    expect(db.peek('developments', 'act')).toBeUndefined()
  })
})

describe('dates, people and documents', () => {
  async function started() {
    const w = world()
    await w.ok('sec', 'development.start', { memberId: 'act', application: '2024-11-04' })
    await w.ok('sec', 'development.start', { memberId: 'act2', application: '2025-01-06' })
    await w.ok('sec', 'development.setDates', { memberId: 'act', dates: { applicantTalk: '2024-11-20', activist: '2025-03-03', mentors: '2025-03-03' } })
    await w.ok('sec', 'development.setPeople', { memberId: 'act', mentorIds: ['mentor'], sponsorIds: [] })
    return w
  }
  it('every change is logged with who, before and after; a date can be corrected and cleared', async () => {
    const { ok } = await started()
    const view = await ok('org', 'development.setDates', { memberId: 'act', dates: { activist: '2025-03-04', mentors: null } })
    expect(view.log.slice(0, 2)).toEqual([
      expect.objectContaining({ byName: '张组织', what: '指定培养联系人', before: '2025-03-03', after: null }),
      expect.objectContaining({ byName: '张组织', what: '确定为入党积极分子', before: '2025-03-03', after: '2025-03-04' }),
    ])
    expect(view.steps.find((s) => s.key === 'mentors')?.status).toBe('due')
    expect(view.dates.candidateEarliest).toBe('2026-03-04')
  })
  it('a 培养联系人 must be a 正式党员 of the branch, not the person', async () => {
    const { code } = await started()
    expect(await code('sec', 'development.setPeople', { memberId: 'act', mentorIds: ['prob'], sponsorIds: [] })).toBe('DEVELOPMENT.PERSON_NOT_FULL')
    expect(await code('sec', 'development.setPeople', { memberId: 'act', mentorIds: ['far'], sponsorIds: [] })).toBe('DEVELOPMENT.PERSON_NOT_FULL')
    expect(await code('sec', 'development.setPeople', { memberId: 'act', mentorIds: ['act'], sponsorIds: [] })).toBe('DEVELOPMENT.PERSON_NOT_FULL')
  })
  it('the 培养联系人 sees only the people linked to them and adds their 考察, not a decision', async () => {
    const { ok, code } = await started()
    const listed = await ok('mentor', 'development.list', {})
    expect(listed.people.map((p) => [p.name, p.links])).toEqual([['许积极', ['mentor']]])
    expect(listed.canDecide).toBe(false)
    const view = await ok('mentor', 'development.addRecord', { memberId: 'act', kind: 'assessment', date: '2025-09-01', summary: '表现积极' })
    expect(view.records[0]).toMatchObject({ kind: 'assessment', date: '2025-09-01', by: { name: '孙联系' } })
    expect(view.periodic[0]).toMatchObject({ kind: 'assessments', nextDue: '2026-03-01', status: 'overdue' })
    expect(await code('mentor', 'development.person', { memberId: 'act2' })).toBe('AUTH.FORBIDDEN')
    expect(await code('mentor', 'development.addRecord', { memberId: 'act', kind: 'sponsorOpinion', date: '2025-09-01', summary: '同意' })).toBe('AUTH.FORBIDDEN')
    expect(await code('mentor', 'development.setDates', { memberId: 'act', dates: { activistFiled: '2025-03-05' } })).toBe('AUTH.FORBIDDEN')
  })
  it('the person sees their own timeline and hands in 思想汇报; a second tap adds nothing', async () => {
    const { ok, code } = await started()
    const input = { memberId: 'act', kind: 'thoughtReport' as const, date: '2026-03-09', summary: '学习体会' }
    await ok('act', 'development.addRecord', input)
    const view = await ok('act', 'development.addRecord', input)
    expect(view.records.filter((r) => r.kind === 'thoughtReport')).toHaveLength(1)
    expect(view.links).toEqual(['self'])
    expect(view.log).toEqual([])
    expect(await code('act', 'development.addRecord', { ...input, kind: 'assessment' })).toBe('AUTH.FORBIDDEN')
    expect(await code('act', 'development.person', { memberId: 'act2' })).toBe('AUTH.FORBIDDEN')
    expect(await code('act', 'development.addRecord', { ...input, date: '2026-03-11' })).toBe('DEVELOPMENT.DATE_IN_FUTURE')
  })
  it('the organisation reads every branch read-only; another branch’s secretary sees nothing of it', async () => {
    const { ok, code } = await started()
    const listed = await ok('admin', 'development.list', {})
    expect(listed.people.map((p) => p.branchName)).toEqual(['第一支部', '第一支部'])
    expect((await ok('admin', 'development.person', { memberId: 'act' })).may).toEqual({ decide: false, addThoughtReport: false, addAssessment: false, addSponsorOpinion: false })
    expect(await code('admin', 'development.addRecord', { memberId: 'act', kind: 'thoughtReport', date: '2026-03-01', summary: 'x' })).toBe('AUTH.FORBIDDEN')
    expect((await ok('far', 'development.list', {})).people).toEqual([])
    expect(await code('far', 'development.person', { memberId: 'act' })).toBe('AUTH.FORBIDDEN')
  })
  it('the list puts what is overdue first and offers who may be added', async () => {
    const { ok } = await started()
    const listed = await ok('sec', 'development.list', {})
    expect(listed.people[0]).toMatchObject({ name: '许积极', stage: 'activist' })
    expect(listed.people[0].overdue).toBeGreaterThan(0)
    expect(listed.people[1]).toMatchObject({ name: '邓积极', next: { key: 'applicantTalk', status: 'overdue', by: '2025-02-06' } })
    expect(listed.addable).toEqual([])
  })
})

describe('the 党员大会 vote', () => {
  async function candidate() {
    const w = world()
    await w.ok('sec', 'development.start', { memberId: 'act', application: '2024-01-08' })
    return w
  }
  const votes = { yes: 4, no: 1, abstain: 0, writtenYes: 0, writtenNo: 0, writtenAbstain: 0 }
  it('a vote with quorum and a majority of 应到 sets the 党员大会 date and starts the 预备期', async () => {
    const { ok } = await candidate()
    const view = await ok('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'held', ...votes })
    expect(view.votes[0]).toMatchObject({ entitled: 7, present: 5, yes: 4, passed: true, date: '2026-03-09' })
    expect(view.dates.probationStart).toBe('2026-03-09')
    expect(view.dates.probationEnd).toBe('2027-03-09')
  })
  it('three yes of five present is not a majority of seven entitled: recorded as 未通过, the step stays open', async () => {
    const { ok } = await candidate()
    const view = await ok('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'held', ...votes, yes: 3, no: 2 })
    expect(view.votes[0]).toMatchObject({ passed: false })
    expect(view.dates.probationStart).toBeNull()
  })
  it('a written yes from one who could not come counts', async () => {
    const { ok } = await candidate()
    const view = await ok('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'held', ...votes, yes: 3, no: 2, writtenYes: 1 })
    expect(view.votes[0]).toMatchObject({ passed: true, writtenYes: 1 })
  })
  it('refuses a meeting without quorum, counts that cannot be, a meeting not yet held, and a second entry, writing nothing', async () => {
    const { db, code, ok } = await candidate()
    const before = JSON.stringify(db.peek('developments', 'act'))
    expect(await code('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'thin', ...votes, yes: 3, no: 0 })).toBe('DEVELOPMENT.VOTE_NO_QUORUM')
    expect(await code('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'held', ...votes, yes: 5, no: 1 })).toBe('DEVELOPMENT.VOTE_INVALID')
    expect(await code('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'ahead', ...votes })).toBe('DEVELOPMENT.VOTE_MEETING')
    expect(JSON.stringify(db.peek('developments', 'act'))).toBe(before)
    await ok('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'held', ...votes })
    expect(await code('sec', 'development.recordVote', { memberId: 'act', kind: 'admission', meetingId: 'held', ...votes })).toBe('DEVELOPMENT.VOTE_EXISTS')
  })
})

describe('the branch’s own rules', () => {
  it('a setting changes the timeline; a value out of bounds is refused', async () => {
    const { ok, code } = world()
    await ok('sec', 'development.start', { memberId: 'act', application: '2025-11-03' })
    expect((await ok('sec', 'development.person', { memberId: 'act' })).steps.find((s) => s.key === 'activist')?.from?.date).toBe('2026-02-03')
    const saved = await ok('sec', 'development.saveSettings', { settings: { monthsApplicationToActivist: 6 }, calendar: [{ date: '2027-10-01', workday: false, note: '国庆' }] })
    expect(saved.settings.monthsApplicationToActivist).toBe(6)
    expect(saved.nationalYears).toEqual([2025, 2026])
    expect((await ok('sec', 'development.person', { memberId: 'act' })).steps.find((s) => s.key === 'activist')?.from?.date).toBe('2026-05-03')
    expect(await code('sec', 'development.saveSettings', { settings: { candidateNoticeWorkdays: 0 }, calendar: [] })).toBe('INPUT.INVALID')
    expect(await code('mentor', 'development.settings', {})).toBe('AUTH.FORBIDDEN')
  })
})
