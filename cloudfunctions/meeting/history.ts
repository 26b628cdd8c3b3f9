import { randomBytes } from 'node:crypto'
import type { HistoryImportSummary, RecordsFromView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { staticCodeFrom } from '../../shared/domain/checkin-code'
import { attendanceId, type AttendanceDoc, type MeetingDoc, type MemberDoc } from '../../shared/domain/documents'
import { historyColumns, maxHistoryRows, planHistoryImport, type HistoryPlan, type PlannedMeeting } from '../../shared/domain/history-import'
import { defaultCheckinPolicy, meetingTypeLabels, meetingTypes, normalizedSubject } from '../../shared/domain/meeting'
import { meetingAudienceProblems, meetingTimeProblem } from '../../shared/domain/meeting-form'
import { mayReadDesk } from '../../shared/domain/permissions'
import { generatedPaths, maxImportBytes } from '../../shared/domain/storage'
import { beijingDate } from '../../shared/domain/time'
import { recordsSince } from '../_lib/branch-records'
import { requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { readSheet, writeWorkbook } from '../_lib/excel'
import { readUploaded, storeGenerated } from '../_lib/files'
import type { Handlers } from '../_lib/handler'
import { meetingView, normalizedAudience } from '../_lib/meetings'
import { issueUpload, ownUploads } from '../_lib/uploads'

/**
 * 历史补录: past meetings entered from paper, one at a time or many from a sheet. They are written
 * as held (published) and marked 补录 with who entered them and when; nobody is notified and no
 * reminder is queued, since they are over. Their attendance records are made by hand (method
 * manual); who entered them is the meeting's 补录 mark, so they are not corrections to log.
 */

/** The documents of some past meetings: each meeting with its records. */
function historyDocuments(actor: MemberActor, planned: readonly PlannedMeeting[], batch: string, now: Date) {
  const branchId = actor.member.branchId
  const by = { byMemberId: actor.member._id, byName: actor.member.name }
  const meetings: MeetingDoc[] = []
  const records: AttendanceDoc[] = []
  for (const p of planned) {
    const _id = newId()
    meetings.push({
      _id,
      branchId,
      type: p.type,
      title: p.title,
      startAt: p.startAt,
      endAt: p.endAt,
      venue: p.venue,
      audience: p.audience,
      hostId: p.hostId,
      recorderId: p.recorderId,
      agenda: p.agenda,
      subject: p.subject,
      checkin: defaultCheckinPolicy,
      // Written as a draft first: the whole batch turns held in one step (see writeHistory).
      status: 'draft',
      cancelReason: null,
      backfilled: { at: now, ...by, batch },
      code: staticCodeFrom(randomBytes(8)),
      secret: randomBytes(24).toString('hex'),
      createdBy: actor.member._id,
      createdAt: now,
      updatedAt: now,
    })
    for (const a of p.attendance) {
      const key = attendanceId(_id, a.memberId)
      records.push({ _id: key, meetingId: _id, branchId, memberId: a.memberId, status: a.status, checkedInAt: a.status === 'leave' ? null : now, method: 'manual', distanceMeters: null, updatedAt: now })
    }
  }
  return { meetings, records }
}

/**
 * Writes past meetings in a few batched inserts, then makes the whole batch held in one update:
 * until that step the meetings are drafts nobody counts, so a failure part-way leaves no partial
 * history in any figure.
 */
async function writeHistory(db: Db, actor: MemberActor, planned: readonly PlannedMeeting[], now: Date): Promise<MeetingDoc[]> {
  const batch = newId()
  const { meetings, records } = historyDocuments(actor, planned, batch, now)
  await db.addMany('meetings', meetings)
  await db.addMany('attendance', records)
  await db.updateWhere('meetings', { branchId: actor.member.branchId, 'backfilled.batch': batch, status: 'draft' }, { status: 'published' })
  return meetings.map((m) => ({ ...m, status: 'published' }))
}

/** The branch's roster, transferred members included: they were there then. */
const rosterOf = (db: Db, branchId: string) => db.all('members', { branchId })

/** Meetings already on record at the same moments, of the same type and group: entering them again would count them twice. */
async function alreadyRecorded(db: Db, branchId: string, planned: readonly PlannedMeeting[]): Promise<Map<string, MeetingDoc>> {
  if (!planned.length) return new Map()
  const times = planned.map((p) => p.startAt.getTime())
  const existing = await db.all('meetings', { branchId, status: { $ne: 'cancelled' }, startAt: { $gte: new Date(Math.min(...times)), $lte: new Date(Math.max(...times)) } })
  const key = (m: { startAt: Date; type: string; audience: { groupId: string | null } }) => `${m.startAt.getTime()}_${m.type}_${m.audience.groupId ?? ''}`
  const byKey = new Map(existing.map((m) => [key(m), m]))
  return new Map(planned.filter((p) => byKey.has(key(p))).map((p) => [key(p), byKey.get(key(p)) as MeetingDoc]))
}

function summaryOf(plan: HistoryPlan): HistoryImportSummary {
  const days = plan.meetings.map((m) => beijingDate(m.startAt)).sort()
  return {
    rows: plan.rows,
    meetings: plan.meetings.length,
    records: plan.meetings.reduce((n, m) => n + m.attendance.length, 0),
    from: days[0] ?? null,
    to: days[days.length - 1] ?? null,
    byType: meetingTypes.map((type) => ({ type, count: plan.meetings.filter((m) => m.type === type).length })).filter((t) => t.count > 0),
  }
}

/** The day the branch's records are complete from, and its first day in the app. */
async function recordsFromView(db: Db, branchId: string, canEdit: boolean, recordsFrom?: string): Promise<RecordsFromView> {
  const [branch, first] = await Promise.all([db.get('branches', branchId), db.some('members', { branchId }, 1, ['createdAt', 'asc'])])
  const since = recordsSince(first)
  const firstDay = since ? beijingDate(since) : null
  return { recordsFrom: recordsFrom ?? branch?.recordsFrom ?? firstDay, firstDay, canEdit }
}

export const historyHandlers: Pick<Handlers<'meeting'>, 'meeting.backfill' | 'meeting.historyTemplate' | 'meeting.prepareHistoryImport' | 'meeting.importHistory' | 'meeting.recordsFrom'> = {
  'meeting.backfill': async (input, ctx) => {
    const { db, now } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageMeetings')
    const branchId = actor.member.branchId
    const startAt = new Date(input.startAt)
    const endAt = new Date(input.endAt)
    const time = meetingTimeProblem(startAt, endAt)
    if (time) fail('MEETING.TIME_INVALID', time)
    if (endAt.getTime() > now.getTime()) fail('MEETING.TIME_INVALID', '补录只能录入已经结束的会议')
    const audience = { ...normalizedAudience(input.audience), allowObservers: true }
    const audienceProblems = meetingAudienceProblems(audience)
    const [firstProblem] = Object.values(audienceProblems)
    if (firstProblem) fail('INPUT.INVALID', firstProblem, audienceProblems)
    const seen = new Set<string>()
    for (const a of input.attendance) {
      if (seen.has(a.memberId)) fail('INPUT.INVALID', '同一人只能登记一种出勤情况')
      seen.add(a.memberId)
    }
    const [roster, group] = await Promise.all([rosterOf(db, branchId), audience.groupId ? db.get('groups', audience.groupId) : Promise.resolve(null)])
    if (audience.kind === 'group' && group?.branchId !== branchId) fail('ROSTER.GROUP_NOT_FOUND')
    const ids = new Set(roster.map((m: MemberDoc) => m._id))
    const named = [input.hostId, input.recorderId, ...audience.memberIds, ...input.attendance.map((a) => a.memberId)].filter((x): x is string => Boolean(x))
    if (named.some((id) => !ids.has(id))) fail('ROSTER.MEMBER_NOT_FOUND', '主持人、记录人或参会人员不在本支部花名册中')
    const planned: PlannedMeeting = {
      row: 0,
      type: input.type,
      subject: normalizedSubject(input.subject),
      title: input.title,
      startAt,
      endAt,
      venue: input.venue,
      audience,
      hostId: input.hostId,
      recorderId: input.recorderId,
      agenda: input.agenda,
      attendance: input.attendance,
    }
    const same = await alreadyRecorded(db, branchId, [planned])
    if (same.size) fail('CONFLICT', `这次会议已经登记过：${beijingDate(startAt)}「${[...same.values()][0].title}」`)
    const [meeting] = await writeHistory(db, actor, [planned], now)
    return meetingView(db, meeting, actor, now)
  },

  'meeting.historyTemplate': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageMeetings')
    const groups = await ctx.db.all('groups', { branchId: actor.member.branchId }, ['order', 'asc'])
    const group = groups[0]?.name ?? '第一党小组'
    const content = await writeWorkbook([
      { name: '历史会议', columns: historyColumns.map((c) => ({ header: c.title, width: ['present', 'agenda', 'title'].includes(c.key) ? 30 : 12 })), rows: [] },
      {
        name: '填写说明',
        title: '历史会议补录填写说明（请在“历史会议”工作表中填写，每次会议一行，本页不会被导入）',
        columns: [
          { header: '栏目', width: 14 },
          { header: '怎么填', width: 64 },
          { header: '示例', width: 26 },
        ],
        rows: [
          ['日期（必填）', '会议召开的日期。', '2025-03-05'],
          ['开始时间、结束时间（必填）', '北京时间，24 小时制。', '15:30'],
          ['会议类型（必填）', `${meetingTypes.filter((t) => t !== 'orgCommitteeMeeting' && t !== 'orgGeneralMeeting').map((t) => meetingTypeLabels[t]).join('、')}。`, '支部党员大会'],
          ['专题', '专题会议的专题，如师德师风建设、党风廉政建设、警示教育，也可自填；没有专题留空。', '师德师风建设'],
          ['会议名称（必填）', '纸质台账上的会议名称。', '学习贯彻全会精神'],
          ['地点（必填）', '会议地点。', '三楼会议室'],
          ['参会范围', '全体党员、支委或党小组名称；留空时支委会为支委，其余为全体党员。党小组会必须填写党小组。', group],
          ['主持人、记录人', '花名册上的姓名。', '李红梅'],
          ['出席（必填）', '按签到表填写准时到会的人，姓名之间用“、”分隔。应到而未列在出席、迟到、请假中的人记为缺席。', '张三、李四'],
          ['迟到、请假、列席', '同上，姓名用“、”分隔；列席为参会范围以外到会的人。', '王五'],
          ['议题', '多个议题用“；”分隔。', '传达文件精神；讨论发展对象'],
        ],
        notes: [`一次最多导入 ${maxHistoryRows} 行；空行会被忽略。补录的会议不会通知任何人，并标记为“补录”及录入人。`],
      },
    ])
    return storeGenerated(generatedPaths.historyTemplate(ctx.now.getTime(), newId().slice(0, 6)), content, '历史会议补录模板.xlsx')
  },

  'meeting.prepareHistoryImport': async (_input, ctx) => {
    const actor = requireCapability(await resolveActor(ctx), 'manageMeetings')
    return issueUpload(ctx.db, actor, { purpose: 'historySheet', branchId: actor.member.branchId }, ctx.now)
  },

  'meeting.importHistory': async ({ fileID, dryRun }, ctx) => {
    const { db, now } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'manageMeetings')
    const branchId = actor.member.branchId
    // Only a sheet this person uploaded for this branch: never another person's file.
    if (!(await ownUploads(db, actor, [fileID], { purpose: 'historySheet', branchId })).has(fileID)) fail('FILE.NOT_FOUND')
    const sheet = await readSheet(await readUploaded(fileID, maxImportBytes), '日期', maxHistoryRows)
    const [roster, groups] = await Promise.all([rosterOf(db, branchId), db.all('groups', { branchId }, ['order', 'asc'])])
    const plan = planHistoryImport(sheet.header, sheet.rows, { members: roster.map((m) => ({ id: m._id, name: m.name, category: m.category })), groups: groups.map((g) => ({ id: g._id, name: g.name })), now })
    if ('headerMissing' in plan) fail('IMPORT.HEADER', `表头缺少：${plan.headerMissing.join('、')}。请使用下载的模板`)
    if (plan.rows === 0) fail('IMPORT.EMPTY', '表格中没有会议数据')
    const same = await alreadyRecorded(db, branchId, plan.meetings)
    for (const m of plan.meetings) {
      const existing = same.get(`${m.startAt.getTime()}_${m.type}_${m.audience.groupId ?? ''}`)
      if (existing) plan.errors.push({ row: m.row, message: `这次会议已经登记过（${beijingDate(existing.startAt)}「${existing.title}」）` })
    }
    if (plan.errors.length) {
      plan.errors.sort((a, b) => a.row - b.row)
      const fields = Object.fromEntries(plan.errors.map(({ row, message }) => [`第${row}行`, message]))
      fail('IMPORT.ROWS_INVALID', `表格中有 ${plan.errors.length} 行错误，未导入任何数据，请修改后重新上传`, fields)
    }
    if (!dryRun) await writeHistory(db, actor, plan.meetings, now)
    return summaryOf(plan)
  },

  'meeting.recordsFrom': async ({ recordsFrom }, ctx) => {
    const actor = await resolveActor(ctx)
    if (recordsFrom === undefined) {
      if (actor.kind !== 'member' || !mayReadDesk(actor.capabilities)) fail(actor.kind === 'unbound' ? 'AUTH.NOT_BOUND' : 'AUTH.FORBIDDEN')
      return recordsFromView(ctx.db, actor.member.branchId, actor.capabilities.includes('manageMeetings'))
    }
    const manager = requireCapability(actor, 'manageMeetings')
    if (recordsFrom > beijingDate(ctx.now)) fail('INPUT.INVALID', '记录起始日期不能晚于今天', { recordsFrom: '记录起始日期不能晚于今天' })
    await ctx.db.update('branches', manager.member.branchId, { recordsFrom })
    return recordsFromView(ctx.db, manager.member.branchId, true, recordsFrom)
  },
}
