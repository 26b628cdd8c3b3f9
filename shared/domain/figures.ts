/**
 * The figures every branch work summary quotes, for any period, computed from plain records:
 * meetings held by type, attendance, 党课 and who gave them, members by category at the period's
 * end, new members and 转正, volunteer service and study. Each figure carries the ids of the
 * records it counts, so a screen can open them. Pure: the caller passes the records and `now`.
 */
import { audienceRole, meetingTypes, quorum, type AttendanceStatus, type MeetingAudience, type MeetingType } from './meeting'
import { memberCategories, type MemberCategory, type Position } from './member'
import { beijingDate, endOf, fromBeijing } from './time'
import { teamFigures, type HeldShift, type ServiceRecord, type TypeFigures } from './volunteer'

export interface Period {
  from: Date
  /** Exclusive. */
  to: Date
}

/** A meeting as the figures see it. */
export interface FigureMeeting {
  id: string
  type: MeetingType
  title: string
  startAt: Date
  endAt: Date
  status: 'draft' | 'published' | 'cancelled'
  audience: MeetingAudience
  /** 主持人; for a 党课, the one who gave it. */
  hostId: string | null
  /** With records of several branches, a meeting expects only its own branch's members. */
  branchId?: string
  /** 专题, when it has one. */
  subject?: string | null
}

/** A roster entry with what the figures need of its history. */
export interface FigureMember {
  id: string
  name: string
  /** The category now; earlier ones follow from `categoryChanges`. */
  category: MemberCategory
  positions: readonly Position[]
  groupId: string | null
  /** When the entry joined the roster, and when it left (转出), if it did. */
  since: Date
  leftAt: Date | null
  /** 入党时间 (becoming 预备党员), YYYY-MM-DD. */
  joinedPartyAt: string | null
  /** Every change of category, oldest first (转正 is probationary → full). */
  categoryChanges: ReadonlyArray<{ at: Date; from: MemberCategory; to: MemberCategory }>
  branchId?: string
}

export interface FigureAttendance {
  meetingId: string
  memberId: string
  status: AttendanceStatus
}

/** An approved leave (请假) without an attendance record counts as leave, not absence. */
export interface FigureLeave {
  meetingId: string
  memberId: string
}

/** A volunteer shift as the figures see it: the team's figures' shift, with its id to open it. */
export interface FigureShift extends HeldShift {
  id: string
  branchId?: string
}

/** One person's credited service on a shift (the hours sheet's row), with its shift. */
export interface FigureService extends ServiceRecord {
  shiftId: string
  branchId?: string
}

export interface StudyTaskRecord {
  id: string
  branchId?: string
  title: string
  publishedAt: Date
}

export interface NoteRecord {
  id: string
  branchId?: string
  memberId: string
  taskId: string | null
  submittedAt: Date
  excellent: boolean
}

/** A theory test (党员理论素养测试) and how many of those asked took it. */
export interface TestRecord {
  id: string
  branchId?: string
  title: string
  closesAt: Date
  expected: number
  taken: number
}

export interface FigureRecords {
  meetings: readonly FigureMeeting[]
  members: readonly FigureMember[]
  attendance: readonly FigureAttendance[]
  leaves: readonly FigureLeave[]
  /** Published volunteer shifts, and the services credited on them (see volunteerRecords). */
  shifts: readonly FigureShift[]
  services: readonly FigureService[]
  studyTasks: readonly StudyTaskRecord[]
  notes: readonly NoteRecord[]
  tests: readonly TestRecord[]
}

export const emptyRecords: FigureRecords = { meetings: [], members: [], attendance: [], leaves: [], shifts: [], services: [], studyTasks: [], notes: [], tests: [] }

export type RecordKind = 'meeting' | 'member' | 'volunteerShift' | 'studyTask' | 'note' | 'test'

/** A number and the records it counts. */
export interface Figure {
  value: number
  kind: RecordKind
  ids: string[]
}

const figure = (kind: RecordKind, ids: string[], value = ids.length): Figure => ({ value, kind, ids })

/** A member's category at an instant: today's, with the later changes undone. */
export function categoryAt(member: Pick<FigureMember, 'category' | 'categoryChanges'>, instant: Date): MemberCategory {
  let category = member.category
  for (let i = member.categoryChanges.length - 1; i >= 0; i--) {
    const change = member.categoryChanges[i]
    if (change.at.getTime() > instant.getTime()) category = change.from
  }
  return category
}

/** Whether a member was on the roster at an instant. */
export function onRoll(member: Pick<FigureMember, 'since' | 'leftAt'>, instant: Date): boolean {
  return member.since.getTime() <= instant.getTime() && (member.leftAt === null || member.leftAt.getTime() > instant.getTime())
}

export interface MeetingTally {
  expected: number
  present: number
  late: number
  leave: number
  absent: number
  observers: number
  /** 实到: present + late of those expected. */
  attended: number
  /** 人次: everyone who came, observers included. */
  personTimes: number
  quorum: ReturnType<typeof quorum>
  /** Who was expected and did not come, with whether they were on leave. */
  missing: Array<{ memberId: string; status: 'leave' | 'absent' }>
  /** Who was expected, and who of them came: each person's year is counted from these. */
  expectedIds: string[]
  attendedIds: string[]
  /** Those of them who came late. */
  lateIds: string[]
  /** Who came without being expected (列席). */
  observerIds: string[]
}

/**
 * Each meeting's attendance as it stood at the meeting: who was on the roster and in the audience
 * then (with their category then) was expected; a record of presence makes anyone count.
 */
export function tallyMeetings(records: Pick<FigureRecords, 'meetings' | 'members' | 'attendance' | 'leaves'>): Map<string, MeetingTally> {
  const byMeeting = new Map<string, Map<string, AttendanceStatus>>()
  for (const a of records.attendance) {
    let m = byMeeting.get(a.meetingId)
    if (!m) byMeeting.set(a.meetingId, (m = new Map()))
    m.set(a.memberId, a.status)
  }
  const leaves = new Set(records.leaves.map((l) => `${l.meetingId}_${l.memberId}`))
  const membersOf = new Map<string | undefined, FigureMember[]>()
  for (const member of records.members) membersOf.set(member.branchId, [...(membersOf.get(member.branchId) ?? []), member])
  const tallies = new Map<string, MeetingTally>()
  for (const meeting of records.meetings) {
    const statuses = byMeeting.get(meeting.id) ?? new Map<string, AttendanceStatus>()
    const tally: MeetingTally = { expected: 0, present: 0, late: 0, leave: 0, absent: 0, observers: 0, attended: 0, personTimes: 0, quorum: null, missing: [], expectedIds: [], attendedIds: [], lateIds: [], observerIds: [] }
    const expected: Array<{ _id: string; category: MemberCategory }> = []
    const attendedIds = new Set<string>()
    for (const member of meeting.branchId === undefined ? records.members : (membersOf.get(meeting.branchId) ?? [])) {
      const recorded = statuses.get(member.id)
      if (!recorded && !onRoll(member, meeting.startAt)) continue
      const category = categoryAt(member, meeting.startAt)
      const role = audienceRole(meeting.audience, { _id: member.id, groupId: member.groupId, positions: member.positions, category })
      if (role === 'expected') {
        expected.push({ _id: member.id, category })
        const status = recorded ?? (leaves.has(`${meeting.id}_${member.id}`) ? 'leave' : 'absent')
        if (status === 'present' || status === 'late') {
          tally[status]++
          attendedIds.add(member.id)
          if (status === 'late') tally.lateIds.push(member.id)
        } else if (status === 'leave' || status === 'absent') {
          tally[status]++
          tally.missing.push({ memberId: member.id, status })
        }
      } else if (recorded === 'present' || recorded === 'late' || recorded === 'observer') {
        tally.observers++
        tally.observerIds.push(member.id)
      }
    }
    tally.expected = expected.length
    tally.expectedIds = expected.map((m) => m._id)
    tally.attendedIds = [...attendedIds]
    tally.attended = tally.present + tally.late
    tally.personTimes = tally.attended + tally.observers
    tally.quorum = quorum(meeting.type, expected, attendedIds)
    tallies.set(meeting.id, tally)
  }
  return tallies
}

/** A meeting counts as held once it was published and is over. */
export function isHeld(meeting: Pick<FigureMeeting, 'status' | 'endAt'>, now: Date): boolean {
  return meeting.status === 'published' && meeting.endAt.getTime() <= now.getTime()
}

const inPeriod = (at: Date, period: Period) => at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime()

export interface MeetingTypeFigures {
  type: MeetingType
  held: Figure
  expected: number
  attended: number
  personTimes: number
  /** 实到 / 应到, 0–1; null when nobody was expected. */
  rate: number | null
}

export interface Figures {
  from: Date
  to: Date
  /** The instant the member counts are taken at: the period's end, or now if it has not ended. */
  asOf: Date
  meetings: {
    byType: MeetingTypeFigures[]
    total: Figure
    expected: number
    attended: number
    personTimes: number
    rate: number | null
    /** Meetings held on a 专题, by type and subject, in the order first held. */
    bySubject: Array<{ type: MeetingType; subject: string; held: Figure }>
    /** 民主评议党员: the people evaluated (expected at an appraisal held in the period), each once. */
    appraised: Figure
  }
  partyLectures: {
    held: Figure
    bySecretary: Figure
    lectures: Array<{ meetingId: string; title: string; date: string; speakerName: string | null; bySecretary: boolean }>
  }
  members: {
    byCategory: Array<{ category: MemberCategory; count: Figure }>
    /** 正式 + 预备. */
    partyMembers: Figure
    /** 发展新党员: 入党时间 in the period. */
    joined: Figure
    /** 转正: probationary → full in the period. */
    confirmed: Figure
  }
  /** The volunteer team's figures (teamFigures, as the 志愿 pages count them), and the shifts held to open. */
  volunteer: {
    held: Figure
    total: Omit<TypeFigures, 'type'>
    byType: TypeFigures[]
  }
  study: {
    tasks: Figure
    notesSubmitted: Figure
    notesExcellent: Figure
    tests: Figure
    testExpected: number
    testTaken: number
    testRate: number | null
  }
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)

/** Figures for a period from the records of one branch, or of many (an organisation's). */
export function computeFigures(records: FigureRecords, period: Period, now: Date): Figures {
  const asOf = new Date(Math.min(period.to.getTime(), now.getTime()))
  const held = records.meetings.filter((m) => isHeld(m, now) && inPeriod(m.startAt, period)).sort((a, b) => a.startAt.getTime() - b.startAt.getTime())
  const tallies = tallyMeetings({ ...records, meetings: held })
  const sum = (ms: readonly FigureMeeting[], key: 'expected' | 'attended' | 'personTimes') => ms.reduce((n, m) => n + (tallies.get(m.id)?.[key] ?? 0), 0)
  const byType = meetingTypes.map((type): MeetingTypeFigures => {
    const ofType = held.filter((m) => m.type === type)
    const expected = sum(ofType, 'expected')
    const attended = sum(ofType, 'attended')
    return { type, held: figure('meeting', ofType.map((m) => m.id)), expected, attended, personTimes: sum(ofType, 'personTimes'), rate: ratio(attended, expected) }
  })
  const expected = sum(held, 'expected')
  const attended = sum(held, 'attended')
  const bySubject: Figures['meetings']['bySubject'] = []
  for (const m of held) {
    if (!m.subject) continue
    const entry = bySubject.find((x) => x.type === m.type && x.subject === m.subject)
    if (entry) entry.held = figure('meeting', [...entry.held.ids, m.id])
    else bySubject.push({ type: m.type, subject: m.subject, held: figure('meeting', [m.id]) })
  }
  const appraised = [...new Set(held.filter((m) => m.type === 'memberAppraisal').flatMap((m) => tallies.get(m.id)?.expectedIds ?? []))]

  const memberById = new Map(records.members.map((m) => [m.id, m]))
  const lectures = held
    .filter((m) => m.type === 'partyLecture')
    .map((m) => {
      const speaker = m.hostId ? memberById.get(m.hostId) : undefined
      return { meetingId: m.id, title: m.title, date: beijingDate(m.startAt), speakerName: speaker?.name ?? null, bySecretary: Boolean(speaker?.positions.includes('secretary')) }
    })

  const onRollAtEnd = records.members.filter((m) => onRoll(m, new Date(asOf.getTime() - 1)))
  const categoryAtEnd = new Map(onRollAtEnd.map((m) => [m.id, categoryAt(m, new Date(asOf.getTime() - 1))]))
  const byCategory = memberCategories.map((category) => ({ category, count: figure('member', onRollAtEnd.filter((m) => categoryAtEnd.get(m.id) === category).map((m) => m.id)) }))
  const fromDate = beijingDate(period.from)
  const toDate = beijingDate(new Date(period.to.getTime() - 1))
  const joined = records.members.filter((m) => m.joinedPartyAt !== null && m.joinedPartyAt >= fromDate && m.joinedPartyAt <= toDate)
  const confirmed = records.members.filter((m) => m.categoryChanges.some((c) => c.from === 'probationary' && c.to === 'full' && inPeriod(c.at, period)))

  // Every list a figure opens runs in date order.
  const byDate = <T>(at: (x: T) => Date) => (a: T, b: T) => at(a).getTime() - at(b).getTime()
  const shifts = records.shifts.filter((x) => inPeriod(x.startAt, period) && x.startAt.getTime() <= now.getTime()).sort(byDate((x) => x.startAt))
  const services = records.services.filter((x) => inPeriod(x.startAt, period))

  const tasks = records.studyTasks.filter((t) => inPeriod(t.publishedAt, period)).sort(byDate((t) => t.publishedAt))
  const notes = records.notes.filter((n) => inPeriod(n.submittedAt, period)).sort(byDate((n) => n.submittedAt))
  const tests = records.tests.filter((t) => inPeriod(t.closesAt, period) && t.closesAt.getTime() <= now.getTime()).sort(byDate((t) => t.closesAt))
  const testExpected = tests.reduce((n, t) => n + t.expected, 0)
  const testTaken = tests.reduce((n, t) => n + t.taken, 0)

  return {
    from: period.from,
    to: period.to,
    asOf,
    meetings: { byType, total: figure('meeting', held.map((m) => m.id)), expected, attended, personTimes: sum(held, 'personTimes'), rate: ratio(attended, expected), bySubject, appraised: figure('member', appraised) },
    partyLectures: {
      held: figure('meeting', lectures.map((l) => l.meetingId)),
      bySecretary: figure('meeting', lectures.filter((l) => l.bySecretary).map((l) => l.meetingId)),
      lectures,
    },
    members: {
      byCategory,
      partyMembers: figure('member', onRollAtEnd.filter((m) => ['full', 'probationary'].includes(categoryAtEnd.get(m.id) as string)).map((m) => m.id)),
      joined: figure('member', joined.map((m) => m.id)),
      confirmed: figure('member', confirmed.map((m) => m.id)),
    },
    volunteer: { held: figure('volunteerShift', shifts.map((x) => x.id)), ...teamFigures(shifts, services) },
    study: {
      tasks: figure('studyTask', tasks.map((t) => t.id)),
      notesSubmitted: figure('note', notes.map((n) => n.id)),
      notesExcellent: figure('note', notes.filter((n) => n.excellent).map((n) => n.id)),
      tests: figure('test', tests.map((t) => t.id)),
      testExpected,
      testTaken,
      testRate: ratio(testTaken, testExpected),
    },
  }
}

/** The Beijing calendar year as a period. */
export function yearPeriod(year: number): Period {
  const from = fromBeijing(`${year}-01-01`)
  return { from, to: endOf('year', from) }
}
