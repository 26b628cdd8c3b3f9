/**
 * A generated year of a branch's records (meetings of every type, attendance, leave, volunteer
 * shifts, study, tests, roster changes), from a seed, for figures tests and benchmarks. The
 * records are the plain inputs of shared/domain/figures.ts; tests count them independently.
 */
import { meetingTypeLabels, type AttendanceStatus, type MeetingAudience, type MeetingType } from '../../shared/domain/meeting'
import type { MemberCategory, Position } from '../../shared/domain/member'
import type { FigureMember, FigureRecords } from '../../shared/domain/figures'
import { activityTypeLabels, type ActivityType } from '../../shared/domain/volunteer'
import { beijingDate, fromBeijing, hourMs } from '../../shared/domain/time'

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratedYear extends FigureRecords {
  year: number
  groups: Array<{ id: string; name: string }>
  /** Extra meeting detail for seeding a database: venue and recorder. */
  meetingExtras: Map<string, { venue: string; recorderId: string | null; agenda: string[] }>
  members: Array<FigureMember & { phone: string }>
  /** Study tasks, each with the instant stored as its `dueAt`. */
  studyTasks: Array<FigureRecords['studyTasks'][number] & { at: Date }>
  /** Every sign-up on the shifts, credited or not, and the shifts' details for the database. */
  signups: Array<{ shiftId: string; memberId: string; memberName: string; hoursStatus: 'credited' | 'noShow' | 'pending'; hours: number | null }>
  shiftExtras: Map<string, { activityId: string; activityType: ActivityType; activityTitle: string; startAt: Date; endAt: Date; hours: number; status: 'published' | 'cancelled'; peopleServed: number }>
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const given = '红梅建国志强丽华海燕文明秀英晓东春生玉兰德华淑珍'

/**
 * `members` people in `groups` groups (about 75% 正式党员), with some joining, leaving and being
 * confirmed (转正) during the year; a year of meetings of every type, some just outside the
 * year, some cancelled or drafts; attendance with leave and absences; volunteer, study, tests.
 */
export function generateYear(options: { seed: number; year: number; members: number; groups?: number; branch?: string }): GeneratedYear {
  const rnd = random(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]
  const prefix = options.branch ?? 'b'
  const { year } = options
  const day = (month: number, d: number, clock = '16:30') => fromBeijing(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`, clock)
  const yearStart = fromBeijing(`${year}-01-01`)
  const groups = Array.from({ length: options.groups ?? 3 }, (_, i) => ({ id: `${prefix}-g${i + 1}`, name: `第${'一二三四五六七八九十'[i]}党小组` }))

  const members: GeneratedYear['members'] = []
  for (let i = 0; i < options.members; i++) {
    const r = rnd()
    let category: MemberCategory = r < 0.75 ? 'full' : r < 0.85 ? 'probationary' : r < 0.9 ? 'candidate' : r < 0.96 ? 'activist' : 'nonMember'
    const positions: Position[] = i === 0 ? ['secretary'] : i === 1 ? ['organizationCommittee'] : i === 2 ? ['publicityCommittee'] : i === 3 ? ['deputySecretary'] : []
    if (i < 4) category = 'full'
    const groupId = groups.length ? groups[i % groups.length].id : null
    if (groupId && i >= 4 && i < 4 + groups.length) positions.push('groupLeader')
    // Most were on the roster before the year; some join during it, a few leave.
    const since = i < 4 || rnd() < 0.85 ? new Date(yearStart.getTime() - 90 * 86400_000) : day(1 + Math.floor(rnd() * 11), 1 + Math.floor(rnd() * 27), '09:00')
    const leftAt = i >= 4 && rnd() < 0.06 ? day(2 + Math.floor(rnd() * 10), 1 + Math.floor(rnd() * 27), '10:00') : null
    const changes: Array<FigureMember['categoryChanges'][number]> = []
    let joinedPartyAt: string | null = category === 'full' ? `${year - 5 - Math.floor(rnd() * 20)}-07-01` : null
    // Some full members were confirmed (转正) this year; some probationary ones joined this year.
    if (category === 'full' && i >= 4 && rnd() < 0.12) {
      changes.push({ at: day(1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 27), '10:00'), from: 'probationary', to: 'full' })
      joinedPartyAt = `${year - 1}-0${1 + Math.floor(rnd() * 9)}-15`
    }
    if (category === 'probationary') {
      if (rnd() < 0.5) {
        const at = day(1 + Math.floor(rnd() * 11), 1 + Math.floor(rnd() * 27), '10:00')
        changes.push({ at, from: 'candidate', to: 'probationary' })
        joinedPartyAt = beijingDate(at)
      } else joinedPartyAt = `${year - 1}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-20`
    }
    members.push({
      id: `${prefix}-m${String(i + 1).padStart(3, '0')}`,
      name: `${surnames[i % surnames.length]}${given[(i * 2) % given.length]}${given[(i * 2 + 1) % given.length]}`,
      category,
      positions,
      groupId,
      since,
      leftAt,
      joinedPartyAt,
      categoryChanges: changes,
      phone: `139${String(options.seed % 1000).padStart(3, '0')}${String(i).padStart(5, '0')}`,
    })
  }

  const meetings: FigureRecords['meetings'][number][] = []
  const meetingExtras: GeneratedYear['meetingExtras'] = new Map()
  const host = (type: MeetingType, groupId: string | null) => {
    if (type === 'partyLecture') return rnd() < 0.5 ? members[0].id : pick(members.slice(1, 4)).id
    if (type === 'groupMeeting') return members.find((m) => m.groupId === groupId && m.positions.includes('groupLeader'))?.id ?? members[0].id
    return members[0].id
  }
  const add = (type: MeetingType, at: Date, audience: MeetingAudience, status: 'published' | 'draft' | 'cancelled' = 'published') => {
    const id = `${prefix}-mt${String(meetings.length + 1).padStart(4, '0')}`
    meetings.push({ id, type, title: `${beijingDate(at).slice(0, 4)}年${Number(beijingDate(at).slice(5, 7))}月${meetingTypeLabels[type]}`, startAt: at, endAt: new Date(at.getTime() + 90 * 60_000), status, audience, hostId: host(type, audience.groupId) })
    meetingExtras.set(id, { venue: '党员活动室', recorderId: members[1].id, agenda: ['学习传达上级精神', '研究支部工作'] })
  }
  const branch: MeetingAudience = { kind: 'branch', groupId: null, memberIds: [], allowObservers: true }
  const committee: MeetingAudience = { kind: 'committee', groupId: null, memberIds: [], allowObservers: false }
  const status = () => (rnd() < 0.06 ? 'cancelled' : rnd() < 0.04 ? 'draft' : 'published')
  for (let month = 1; month <= 12; month++) {
    if (rnd() < 0.92) add('committeeMeeting', day(month, 3 + Math.floor(rnd() * 20)), committee, status())
    for (const g of groups) if (rnd() < 0.85) add('groupMeeting', day(month, 5 + Math.floor(rnd() * 20)), { kind: 'group', groupId: g.id, memberIds: [], allowObservers: false }, status())
    if (rnd() < 0.9) add('themedPartyDay', day(month, 1 + Math.floor(rnd() * 27)), branch, status())
    if (month % 3 === 0) add('generalMeeting', day(month, 10 + Math.floor(rnd() * 15)), { ...branch, allowObservers: false }, status())
    if (month % 3 === 2 || rnd() < 0.15) add('partyLecture', day(month, 2 + Math.floor(rnd() * 25)), branch, status())
    if (rnd() < 0.3) add('groupStudy', day(month, 2 + Math.floor(rnd() * 25)), branch, status())
    if (rnd() < 0.1) add('other', day(month, 2 + Math.floor(rnd() * 25)), { kind: 'members', groupId: null, memberIds: members.slice(0, 8).map((m) => m.id), allowObservers: false }, status())
  }
  add('orgLifeMeeting', day(12, 20), branch)
  add('memberAppraisal', day(12, 22), branch)
  // Just outside the year, either side (Beijing time), which the year's figures must not count.
  add('committeeMeeting', fromBeijing(`${year - 1}-12-31`, '23:00'), committee)
  add('committeeMeeting', fromBeijing(`${year + 1}-01-01`, '00:00'), committee)

  const attendance: FigureRecords['attendance'][number][] = []
  const leaves: FigureRecords['leaves'][number][] = []
  for (const meeting of meetings) {
    if (meeting.status !== 'published') continue
    for (const member of members) {
      if (member.since > meeting.startAt || (member.leftAt && member.leftAt <= meeting.startAt)) continue
      const r = rnd()
      const later = member.categoryChanges.find((c) => c.at > meeting.startAt)
      const then = later ? later.from : member.category
      const party = then === 'full' || then === 'probationary'
      const invited =
        meeting.audience.kind === 'branch' ? party : meeting.audience.kind === 'committee' ? member.positions.some((p) => p !== 'groupLeader') : meeting.audience.kind === 'group' ? party && member.groupId === meeting.audience.groupId : meeting.audience.memberIds.includes(member.id)
      if (!invited) {
        // Activists come to some branch meetings as observers (列席).
        if (meeting.audience.allowObservers && r < 0.3) attendance.push({ meetingId: meeting.id, memberId: member.id, status: 'observer' })
        continue
      }
      let s: AttendanceStatus | null = r < 0.78 ? 'present' : r < 0.86 ? 'late' : r < 0.93 ? null : r < 0.96 ? 'absent' : 'leave'
      if (s === null) {
        if (rnd() < 0.6) leaves.push({ meetingId: meeting.id, memberId: member.id })
        continue
      }
      if (s === 'absent' && rnd() < 0.5) s = null
      if (s) attendance.push({ meetingId: meeting.id, memberId: member.id, status: s })
    }
  }

  // Volunteer activities in several shifts each; those who served are credited the shift's hours,
  // some no-shows and some still waiting for the leader are not; one shift was cancelled.
  const types: ActivityType[] = ['community', 'zebraCrossing', 'homeTeaching', 'elderCare']
  const shifts: GeneratedYear['shifts'][number][] = []
  const services: GeneratedYear['services'][number][] = []
  const signups: GeneratedYear['signups'] = []
  const shiftExtras: GeneratedYear['shiftExtras'] = new Map()
  const addShift = (a: number, activityType: ActivityType, startAt: Date, status: 'published' | 'cancelled' = 'published') => {
    const id = `${prefix}-sh${String(shiftExtras.size + 1).padStart(3, '0')}`
    const hours = 0.5 + Math.floor(rnd() * 4) * 0.5
    const endAt = new Date(startAt.getTime() + hours * hourMs)
    const title = `${activityTypeLabels[activityType]}（第${a + 1}项）`
    shiftExtras.set(id, { activityId: `${prefix}-act${a}`, activityType, activityTitle: title, startAt, endAt, hours, status, peopleServed: Math.floor(rnd() * 60) })
    if (status === 'published') shifts.push({ id, activityId: `${prefix}-act${a}`, activityType, startAt, peopleServed: shiftExtras.get(id)!.peopleServed })
    const people = members.filter(() => rnd() < 0.12).slice(0, 9)
    for (const person of people) {
      const r = rnd()
      const hoursStatus = r < 0.85 ? 'credited' : r < 0.93 ? 'noShow' : 'pending'
      signups.push({ shiftId: id, memberId: person.id, memberName: person.name, hoursStatus, hours: hoursStatus === 'credited' ? hours : null })
      if (status === 'published' && hoursStatus === 'credited') {
        services.push({ shiftId: id, memberName: person.name, activityId: `${prefix}-act${a}`, activityTitle: title, activityType, organiser: '“七彩阳光”志愿服务队', startAt, endAt, hours, confirmedBy: members[0].name })
      }
    }
  }
  for (let a = 0; a < 14; a++) {
    const activityType = pick(types)
    const count = 1 + Math.floor(rnd() * 4)
    const month = 1 + Math.floor(rnd() * 12)
    for (let k = 0; k < count; k++) addShift(a, activityType, day(month, 1 + Math.floor(rnd() * 27), '07:30'))
  }
  addShift(14, 'community', day(6, 15, '09:00'), 'cancelled')
  // Just before the year (Beijing time): not counted.
  addShift(15, 'community', fromBeijing(`${year - 1}-12-31`, '23:00'))

  const studyTasks = Array.from({ length: 6 }, (_, i) => {
    const at = day(1 + i * 2, 5, '09:00')
    return { id: `${prefix}-task${i}`, title: `学习任务${i + 1}`, dueDate: beijingDate(at), at }
  })
  const notes: FigureRecords['notes'][number][] = []
  for (const task of studyTasks) {
    for (const member of members) {
      if (rnd() < 0.7) notes.push({ id: `${task.id}-${member.id}`, memberId: member.id, taskId: task.id, submittedAt: new Date(task.at.getTime() + (1 + Math.floor(rnd() * 20)) * 86400_000), excellent: rnd() < 0.15 })
    }
  }
  // A note submitted in the next year for a December task.
  notes.push({ id: `${prefix}-late-note`, memberId: members[5].id, taskId: null, submittedAt: fromBeijing(`${year + 1}-01-02`, '09:00'), excellent: false })
  const tests = [3, 6, 9, 12].map((m, i) => {
    const expected = members.filter((x) => x.category === 'full' || x.category === 'probationary').length
    return { id: `${prefix}-test${i}`, title: `第${i + 1}季度理论测试`, closesAt: day(m, 25, '22:00'), expected, taken: Math.max(0, expected - Math.floor(rnd() * 5)) }
  })

  return { year, groups, members, meetings, meetingExtras, attendance, leaves, shifts, services, signups, shiftExtras, studyTasks, notes, tests }
}

/**
 * The documents a generated year is stored as: a branch of the given organisation with its
 * groups, roster (with category changes in the history), meetings, attendance and approved leave.
 * The first member is the secretary, bound to `secretaryOpenid`.
 */
export function yearDocuments(gen: GeneratedYear, branch: { id: string; orgId: string; name: string; secretaryOpenid?: string; study?: boolean }): Array<{ coll: string; id: string; doc: { _id: string } & Record<string, unknown> }> {
  const docs: Array<{ coll: string; id: string; doc: { _id: string } & Record<string, unknown> }> = []
  const put = (coll: string, id: string, doc: Record<string, unknown>) => docs.push({ coll, id, doc: { _id: id, ...doc } })
  put('branches', branch.id, { orgId: branch.orgId, name: branch.name, inviteCode: `G${branch.id.replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase()}` })
  gen.groups.forEach((g, i) => put('groups', g.id, { branchId: branch.id, name: g.name, order: i + 1 }))
  for (const m of gen.members) {
    put('members', m.id, {
      branchId: branch.id,
      groupId: m.groupId,
      name: m.name,
      category: m.category,
      positions: [...m.positions],
      phone: m.phone,
      joinedPartyAt: m.joinedPartyAt,
      status: m.leftAt ? 'transferredOut' : 'active',
      ...(m.leftAt ? { transferredAt: m.leftAt } : {}),
      grants: [],
      revokes: [],
      createdAt: m.since,
      updatedAt: m.since,
    })
    m.categoryChanges.forEach((c, i) =>
      put('memberHistory', `${m.id}-h${i}`, { memberId: m.id, branchId: branch.id, at: c.at, byMemberId: gen.members[0].id, byName: gen.members[0].name, action: 'updated', note: '类别变更', category: { from: c.from, to: c.to } }),
    )
  }
  if (branch.secretaryOpenid) put('bindings', branch.secretaryOpenid, { memberId: gen.members[0].id, branchId: branch.id, boundAt: gen.members[0].since })
  for (const m of gen.meetings) {
    const extra = gen.meetingExtras.get(m.id)!
    put('meetings', m.id, {
      branchId: branch.id,
      type: m.type,
      title: m.title,
      startAt: m.startAt,
      endAt: m.endAt,
      venue: extra.venue,
      audience: m.audience,
      hostId: m.hostId,
      recorderId: extra.recorderId,
      agenda: extra.agenda,
      checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
      status: m.status,
      cancelReason: m.status === 'cancelled' ? '时间调整' : null,
      code: m.id,
      secret: 'x',
      createdBy: gen.members[0].id,
      createdAt: m.startAt,
      updatedAt: m.startAt,
    })
  }
  const startOf = new Map(gen.meetings.map((m) => [m.id, m.startAt]))
  for (const a of gen.attendance) {
    const at = startOf.get(a.meetingId)!
    put('attendance', `${a.meetingId}_${a.memberId}`, {
      meetingId: a.meetingId,
      branchId: branch.id,
      memberId: a.memberId,
      status: a.status,
      checkedInAt: a.status === 'present' || a.status === 'observer' ? new Date(at.getTime() - 5 * 60_000) : a.status === 'late' ? new Date(at.getTime() + 10 * 60_000) : null,
      method: a.status === 'absent' || a.status === 'leave' ? 'manual' : 'rotating',
      distanceMeters: null,
      updatedAt: at,
    })
  }
  for (const l of gen.leaves) {
    const at = startOf.get(l.meetingId)!
    put('leaveRequests', `${l.meetingId}_${l.memberId}`, { meetingId: l.meetingId, branchId: branch.id, memberId: l.memberId, reason: '外出教研', status: 'approved', comment: null, requestedAt: new Date(at.getTime() - 86400_000), decidedAt: at, decidedBy: gen.members[0].id })
  }
  for (const [id, extra] of gen.shiftExtras) {
    const { startAt } = extra
    put('shifts', id, {
      branchId: branch.id,
      activityId: extra.activityId,
      activityType: extra.activityType,
      activityTitle: extra.activityTitle,
      organiser: '“七彩阳光”志愿服务队',
      place: '学校门口',
      rosterId: null,
      date: beijingDate(startAt),
      startAt,
      endAt: extra.endAt,
      signupOpensAt: new Date(startAt.getTime() - 7 * 86400_000),
      signupClosesAt: startAt,
      cancelDeadline: new Date(startAt.getTime() - 12 * hourMs),
      capacity: 10,
      taken: gen.signups.filter((x) => x.shiftId === id).length,
      waitlist: [],
      eligibility: 'partyMembers',
      leaderId: gen.members[0].id,
      leaderName: gen.members[0].name,
      hours: extra.hours,
      presenceShare: 0.6,
      geofence: null,
      status: extra.status,
      cancelReason: extra.status === 'cancelled' ? '天气原因' : null,
      cancelledByRoster: false,
      peopleServed: extra.peopleServed,
      version: 1,
      secret: 'x',
      createdBy: gen.members[0].id,
      createdAt: startAt,
      updatedAt: startAt,
    })
  }
  for (const x of gen.signups) {
    const extra = gen.shiftExtras.get(x.shiftId)!
    const { startAt } = extra
    put('signups', `${x.shiftId}_${x.memberId}`, {
      shiftId: x.shiftId,
      activityId: extra.activityId,
      branchId: branch.id,
      memberId: x.memberId,
      memberName: x.memberName,
      startAt,
      endAt: extra.endAt,
      status: 'confirmed',
      signedUpAt: new Date(startAt.getTime() - 86400_000),
      confirmedAt: new Date(startAt.getTime() - 86400_000),
      offeredAt: null,
      checkInAt: x.hoursStatus === 'noShow' ? null : startAt,
      checkOutAt: x.hoursStatus === 'noShow' ? null : extra.endAt,
      checkInMethod: x.hoursStatus === 'noShow' ? null : 'code',
      hours: x.hours,
      hoursStatus: x.hoursStatus,
      confirmedBy: x.hoursStatus === 'pending' ? null : gen.members[0].name,
      confirmedById: x.hoursStatus === 'pending' ? null : gen.members[0].id,
      rev: 1,
      updatedAt: extra.endAt,
    })
  }
  if (branch.study) docs.push(...studyDocuments(gen, branch.id, branch.orgId))
  return docs
}

/**
 * The study records of a generated year as documents: its tasks, every note (an 积极分子's too),
 * approved 优秀 / 合格 or still waiting, and its tests with an attempt by each Party member still on
 * the roll except one in seven; every fifth taker's short answer is not graded yet.
 */
export function studyDocuments(gen: GeneratedYear, branchId: string, orgId: string): Array<{ coll: string; id: string; doc: { _id: string } & Record<string, unknown> }> {
  const docs: Array<{ coll: string; id: string; doc: { _id: string } & Record<string, unknown> }> = []
  const put = (coll: string, id: string, doc: Record<string, unknown>) => docs.push({ coll, id, doc: { _id: id, ...doc } })
  const secretary = gen.members[0]
  for (const t of gen.studyTasks) {
    put('studyTasks', t.id, {
      branchId, orgId, orgTaskId: null, title: t.title, materials: { text: '学习材料', links: [], files: [] }, audience: { kind: 'branch', groupId: null, memberIds: [] },
      dueDate: t.dueDate, dueAt: t.at, noteRequired: true, minChars: 300, createdBy: secretary.id, createdByName: secretary.name, createdAt: new Date(t.at.getTime() - 20 * 86400_000), lastRemindedAt: null,
    })
  }
  gen.notes.forEach((n, i) => {
    const author = gen.members.find((m) => m.id === n.memberId)!
    const waiting = !n.excellent && i % 9 === 0
    put('notes', n.id, {
      branchId, memberId: author.id, authorName: author.name, groupId: author.groupId, taskId: n.taskId, title: `${author.name}的学习体会（${i + 1}）`, body: '学习体会正文。'.repeat(60), characters: 360 + (i % 7) * 40, photos: [],
      status: waiting ? 'submitted' : 'approved', grade: waiting ? null : n.excellent ? 'excellent' : 'pass', shared: n.excellent, sharedAt: n.excellent ? n.submittedAt : null, contentCheck: null, returnComment: null,
      firstSubmittedAt: n.submittedAt, submittedAt: n.submittedAt, reviewedAt: waiting ? null : n.submittedAt, reviewedBy: waiting ? null : secretary.id, history: [], createdAt: n.submittedAt, updatedAt: n.submittedAt,
    })
  })
  gen.tests.forEach((t, k) => {
    const opensAt = new Date(t.closesAt.getTime() - 7 * 86400_000)
    put('theoryTests', t.id, {
      branchId, orgId, orgTestId: null, title: t.title, description: '', questions: [{ id: 'q1', type: 'single', stem: '题目', options: ['甲', '乙'], correct: 0, points: 90 }, { id: 'q2', type: 'short', stem: '简答', reference: '要点', points: 10 }],
      timeLimitMinutes: 30, opensAt, closesAt: t.closesAt, closedEarlyAt: null, createdBy: secretary.id, createdByName: secretary.name, createdAt: opensAt,
    })
    const takers = gen.members.filter((m) => (m.category === 'full' || m.category === 'probationary') && !m.leftAt).filter((_, i) => (i + k) % 7 !== 0)
    takers.forEach((m, i) => {
      const startedAt = new Date(opensAt.getTime() + (i + 1) * hourMs)
      const graded = i % 5 !== 0
      put('testAttempts', `${t.id}_${m.id}`, {
        testId: t.id, branchId, memberId: m.id, status: 'submitted', startedAt, deadline: new Date(startedAt.getTime() + 30 * 60_000), answers: {}, savedAt: null, submittedAt: new Date(startedAt.getTime() + (10 + (i % 15)) * 60_000), autoSubmitted: false,
        objective: 60 + ((i * 7) % 31), earned: {}, shortScores: graded ? { q2: 8 } : {}, score: graded ? 68 + ((i * 7) % 31) : null, gradingKey: `${t.id}-${i}`,
      })
    })
  })
  return docs
}
