import type { DeskChartsView, FiguresView, LedgerTableView, OrgDeskView } from '../../shared/api/areas/desk'
import { fail } from '../../shared/errors'
import { computeFigures, tallyMeetings, type Figures } from '../../shared/domain/figures'
import { periodStartYear } from '../../shared/domain/period'
import { mayReviewMeetingAttendance } from '../../shared/domain/meeting-roles'
import { addCalendar, beijingDate, beijingParts, formatSortable, startOf } from '../../shared/domain/time'
import { callerOf, requireAllowed, requireCapability, requireMember, resolveActor } from '../_lib/actor'
import { defineFunction } from '../_lib/handler'
import { meetingOfBranch, settledExpected } from '../_lib/meetings'
import { platformFields, platformText } from './ledger'
import { personSheets } from './person-sheets'
import { figureMeeting, figureMembers } from '../_lib/branch-records'
import { attendanceOf, categoryChanges, loadRecords, recordsOfBranch } from './records'
import { branchFigures, complianceOf, complianceSpan, deskBranch, figuresData, isQuorumType, ledgerFile, ledgerParts, missingSources, noticeOf, orgOf, paragraphOf, periodView, recordRefs, reportPeriod } from './reports'

export const main = defineFunction('desk', {
  /** 三会一课 compliance calendar of a branch for a year. */
  'desk.compliance': async ({ branchId, year }, { caller, now, db }) => {
    const actor = await resolveActor({ caller, db })
    const { branch, canManage } = await deskBranch(db, actor, branchId)
    const y = year ?? beijingParts(now).year
    const loaded = await loadRecords(db, [branch], complianceSpan(y), { attendanceFor: isQuorumType })
    return complianceOf(branch, loaded, y, now, canManage && actor.kind === 'member' && actor.capabilities.includes('manageMeetings'))
  },

  /** The branch's own rules: how often each kind is due, and how many days before it turns amber. */
  'desk.setRules': async ({ frequency, dueSoonDays }, { caller, now, db }) => {
    const actor = requireCapability(await resolveActor({ caller, db }), 'manageMeetings')
    const branch = await db.get('branches', actor.member.branchId)
    if (!branch) fail('NOT_FOUND')
    const setting = { frequency: { ...(branch.complianceRules?.frequency ?? {}), ...(frequency ?? {}) }, dueSoonDays: dueSoonDays ?? branch.complianceRules?.dueSoonDays }
    if (setting.dueSoonDays === undefined) delete setting.dueSoonDays
    await db.update('branches', branch._id, { complianceRules: setting })
    const updated = { ...branch, complianceRules: setting }
    const y = beijingParts(now).year
    const loaded = await loadRecords(db, [updated], complianceSpan(y), { attendanceFor: isQuorumType })
    return complianceOf(updated, loaded, y, now, true)
  },

  /** The figures of a period with the drafted paragraph; each figure names its records. */
  'desk.figures': async (input, { caller, now, db }): Promise<FiguresView> => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, input.branchId)
    const { loaded, view, figures, paragraph } = await branchFigures(db, branch, input, now)
    // A member opens the branch's meetings, tasks and tests read-only; the organisation its tests.
    const opens = { meeting: actor.kind === 'member', studyTask: actor.kind === 'member', test: true }
    return { branch: { id: branch._id, name: branch.name }, period: view, figures: figuresData(figures), paragraph, refs: recordRefs(loaded, figures, actor), opens, missingSources }
  },

  /** Month by month over the period: attendance rate, volunteer hours; compliance of the year it starts in. */
  'desk.charts': async ({ branchId, year, period: key }, { caller, now, db }): Promise<DeskChartsView> => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, branchId)
    const { asked, period } = reportPeriod({ year, period: key }, now)
    const y = periodStartYear(asked, now)
    const loaded = await loadRecords(db, [branch], { from: new Date(Math.min(period.from.getTime(), complianceSpan(y).from.getTime())), to: new Date(Math.max(period.to.getTime(), complianceSpan(y).to.getTime())) }, { attendanceFor: () => true, volunteer: { now } })
    const spansYears = beijingParts(period.from).year !== beijingParts(new Date(period.to.getTime() - 1)).year
    const months: Array<{ key: string; month: number; label: string; figures: Figures }> = []
    for (let from = startOf('month', period.from); from < period.to; from = addCalendar(from, 1, 'month')) {
      const { year: my, month } = beijingParts(from)
      const span = { from: new Date(Math.max(from.getTime(), period.from.getTime())), to: new Date(Math.min(addCalendar(from, 1, 'month').getTime(), period.to.getTime())) }
      months.push({ key: beijingDate(from).slice(0, 7), month, label: spansYears ? `${my}年${month}月` : `${month}月`, figures: computeFigures(loaded.records, span, now) })
    }
    const compliance = complianceOf(branch, loaded, y, now, false)
    return {
      branch: { id: branch._id, name: branch.name },
      year: y,
      period: periodView(asked, now, noticeOf(asked, loaded, now, null)),
      months: months.map((m) => m.key),
      attendanceByMonth: months.map(({ month, label, figures: f }) => ({ month, label, meetings: f.meetings.total.value, expected: f.meetings.expected, attended: f.meetings.attended, rate: f.meetings.rate })),
      volunteerByMonth: months.map(({ month, label, figures: f }) => ({ month, label, shifts: f.volunteer.total.shifts, personTimes: f.volunteer.total.personTimes, hours: f.volunteer.total.hours })),
      complianceByMonth: compliance.byMonth,
    }
  },

  /** One tap: the period's 台账 as one workbook. */
  'desk.ledger': async (input, { caller, now, db }) => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, input.branchId)
    const { loaded, period, view, figures, paragraph } = await branchFigures(db, branch, input, now)
    return ledgerFile(db, branch.name, branch._id, [branch], loaded, period, view, figures, paragraph, now)
  },

  /** One per-person table of the 台账 on screen: the rows the workbook prints. */
  'desk.table': async ({ table, ...input }, { caller, now, db }): Promise<LedgerTableView> => {
    const actor = await resolveActor({ caller, db })
    const { branch } = await deskBranch(db, actor, input.branchId)
    const { loaded, period, view, figures } = await branchFigures(db, branch, input, now)
    const { tallies, makeups, services } = await ledgerParts(db, [branch], loaded, period, now)
    const sheet = personSheets({ owner: branch.name, subtitle: `${branch.name}　${view.label}`, loaded, tallies, makeups, figures, services, manyBranches: false })[table]
    return {
      branch: { id: branch._id, name: branch.name },
      period: view,
      table,
      title: sheet.title ?? sheet.name,
      subtitle: sheet.subtitle ?? '',
      columns: sheet.columns.map((c) => c.header),
      groups: sheet.groups ?? [],
      rows: sheet.rows.map((r) => r.map((c) => (c instanceof Date ? formatSortable(c) : (c ?? null)))),
      notes: [...(view.notice ? [view.notice] : []), ...(sheet.notes ?? [])],
    }
  },

  /** A meeting's record in the official platforms' fields, to copy in one tap. */
  'desk.meetingRecord': async ({ meetingId }, { caller, db, now }) => {
    const actor = requireMember(await resolveActor({ caller, db }))
    const meeting = await meetingOfBranch(db, actor, meetingId)
    requireAllowed(mayReviewMeetingAttendance(callerOf(actor), meeting))
    const branchId = meeting.branchId
    const [members, history, attendance, leaves, minutes, log] = await Promise.all([
      db.all('members', { branchId }),
      categoryChanges(db, branchId),
      attendanceOf(db, [meetingId], 1),
      db.all('leaveRequests', { meetingId }),
      db.get('minutes', meetingId),
      db.all('attendanceLog', { meetingId }, ['at', 'asc']),
    ])
    // A leave entered by hand has its reason in the log, as the 签到表 prints it.
    const handReasons = new Map<string, string>()
    for (const l of log) {
      if (l.after === 'leave') handReasons.set(l.memberId, l.reason)
      else handReasons.delete(l.memberId)
    }
    const people = figureMembers(members, history)
    // The copy of a closed meeting reads the expected list written into its record, as every screen does.
    await settledExpected(db, meeting, people, now)
    const tally = tallyMeetings({
      meetings: [figureMeeting(meeting)],
      members: people,
      attendance: (attendance.get(meetingId) ?? []).map((e) => ({ meetingId, memberId: e.memberId, status: e.status })),
      leaves: leaves.filter((l) => l.status === 'approved').map((l) => ({ meetingId, memberId: l.memberId })),
    }).get(meetingId)
    const nameOf = (id: string | null) => (id ? (members.find((m) => m._id === id)?.name ?? '') : '')
    const fields = platformFields({ meeting, tally, minutes, leaves, nameOf, handReasons })
    return { meetingId, fields, text: `会议名称：${meeting.title}\n${platformText(fields)}` }
  },

  /** An organisation admin's view: every branch's compliance and figures side by side, and the organisation's own. */
  'desk.org': async (input, { caller, now, db }): Promise<OrgDeskView> => {
    const { org, branches } = await orgOf(db, await resolveActor({ caller, db }))
    const { asked, period } = reportPeriod(input, now)
    const y = beijingParts(period.from).year
    const span = complianceSpan(y)
    const loaded = await loadRecords(db, branches, { from: new Date(Math.min(span.from.getTime(), period.from.getTime())), to: new Date(Math.max(span.to.getTime(), period.to.getTime())) }, {
      attendanceFor: (m) => isQuorumType(m) || (m.startAt >= period.from && m.startAt < period.to),
      volunteer: { now },
    })
    const figures = computeFigures(loaded.records, period, now)
    const { notice, paragraph } = paragraphOf(asked, figures, loaded, now, org)
    return {
      org: { id: org._id, name: org.name },
      period: periodView(asked, now, notice),
      year: y,
      branches: branches.map((b) => {
        const f = computeFigures(recordsOfBranch(loaded, b._id), period, now)
        const c = complianceOf(b, loaded, y, now, false)
        const cells = c.byMonth.reduce((s, m) => ({ due: s.due + m.due, green: s.green + m.green, amber: s.amber + m.amber, red: s.red + m.red }), { due: 0, green: 0, amber: 0, red: 0 })
        return {
          id: b._id,
          name: b.name,
          members: f.members.byCategory.reduce((n, x) => n + x.count.value, 0),
          partyMembers: f.members.partyMembers.value,
          compliance: cells,
          alerts: c.alerts,
          meetingsHeld: f.meetings.total.value,
          attendanceRate: f.meetings.rate,
          partyLectures: f.partyLectures.held.value,
          volunteerHours: f.volunteer.total.hours,
          notesSubmitted: f.study.notesSubmitted.value,
        }
      }),
      figures: figuresData(figures),
      paragraph,
      missingSources,
    }
  },

  /** The organisation's 台账: every branch's records in one workbook, with a 支部 column. */
  'desk.orgLedger': async (input, { caller, now, db }) => {
    const { org, branches } = await orgOf(db, await resolveActor({ caller, db }))
    const { asked, period } = reportPeriod(input, now)
    const loaded = await loadRecords(db, branches, period, { attendanceFor: () => true, volunteer: { now } })
    const figures = computeFigures(loaded.records, period, now)
    const { notice, paragraph } = paragraphOf(asked, figures, loaded, now, org)
    return ledgerFile(db, org.name, org._id, branches, loaded, period, periodView(asked, now, notice), figures, paragraph, now)
  },
})
