import type { AttendanceRow, InactiveMemberView, MeetingAttendanceView, MemberAttendanceView, MinutesView } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { attendanceStatusLabels, audienceRole, meetingTypeLabels, monthsWithoutAttendance, quorum } from '../../shared/domain/meeting'
import { memberCategoryLabels } from '../../shared/domain/member'
import type { MeetingDoc, MinutesDoc } from '../../shared/domain/documents'
import { memberActor, requireCapability, resolveActor, type MemberActor } from '../_lib/actor'
import { cloud } from '../_lib/cloud'
import type { Db } from '../_lib/db'
import { writeWorkbook, type SheetSpec } from '../_lib/excel'
import { cloudPathOf, storeGenerated } from '../_lib/files'
import { defineFunction } from '../_lib/handler'
import { attendanceRow, canManageMeeting, meetingAudience, meetingOfBranch, meetingView, requireManage } from '../_lib/meetings'

/**
 * A meeting's attendance: 应到 / 实到 / 迟到 / 请假 / 缺席, by group, with times, the quorum where
 * one applies, and every correction. A fixed number of reads whatever the branch's size.
 */
async function meetingAttendance(db: Db, actor: MemberActor, meeting: MeetingDoc, now: Date): Promise<MeetingAttendanceView> {
  const mayReview = actor.capabilities.includes('reviewAttendance')
  if (!mayReview) requireManage(actor, meeting, true)
  const [audience, records, leaves, groupList, log] = await Promise.all([
    meetingAudience(db, meeting),
    db.allCounted('attendance', { meetingId: meeting._id }),
    db.all('leaveRequests', { meetingId: meeting._id }),
    db.all('groups', { branchId: meeting.branchId }, ['order', 'asc']),
    db.all('attendanceLog', { meetingId: meeting._id }, ['at', 'asc']),
  ])
  const groups = new Map(groupList.map((g) => [g._id, g]))
  const recordOf = new Map(records.map((r) => [r.memberId, r]))
  const leaveOf = new Map(leaves.map((l) => [l.memberId, l]))
  const nameOf = new Map(audience.all.map((m) => [m._id, m.name]))
  const rows = audience.all.flatMap((m) => {
    const role = audienceRole(meeting.audience, m)
    const record = recordOf.get(m._id) ?? null
    if (role === 'expected') return [attendanceRow(m, groups, 'expected', record, leaveOf.get(m._id) ?? null)]
    // Observers appear once they came.
    return record ? [attendanceRow(m, groups, 'observer', record, null)] : []
  })
  const expectedRows = rows.filter((r) => r.role === 'expected')
  const count = (status: string) => expectedRows.filter((r) => r.status === status).length
  const present = count('present')
  const late = count('late')
  const attendedIds = new Set(expectedRows.filter((r) => r.status === 'present' || r.status === 'late').map((r) => r.memberId))
  const byGroup = [...groupList.map((g) => ({ id: g._id as string | null, name: g.name })), { id: null, name: '未分组' }]
    .map((g) => {
      const inGroup = expectedRows.filter((r) => (audience.all.find((m) => m._id === r.memberId)?.groupId ?? null) === g.id)
      return {
        groupId: g.id,
        groupName: g.name,
        expected: inGroup.length,
        attended: inGroup.filter((r) => attendedIds.has(r.memberId)).length,
        leave: inGroup.filter((r) => r.status === 'leave').length,
        absent: inGroup.filter((r) => r.status === 'absent').length,
      }
    })
    .filter((g) => g.expected > 0)
  return {
    meeting: await meetingView(db, meeting, actor, now),
    expected: expectedRows.length,
    present,
    late,
    leave: count('leave'),
    absent: count('absent'),
    observers: rows.filter((r) => r.role === 'observer').length,
    rate: expectedRows.length ? Math.round(((present + late) / expectedRows.length) * 1000) / 1000 : 0,
    byGroup,
    quorum: quorum(meeting.type, audience.expected, attendedIds),
    rows,
    corrections: log.map((l) => ({ at: new Date(l.at).toISOString(), byName: l.byName, memberName: nameOf.get(l.memberId) ?? '', before: l.before, after: l.after, reason: l.reason })),
  }
}

export const main = defineFunction('attendance', {
  'attendance.meeting': async ({ meetingId }, ctx) => {
    const actor = await memberActor(ctx)
    return meetingAttendance(ctx.db, actor, await meetingOfBranch(ctx.db, actor, meetingId, ctx.now), ctx.now)
  },

  /** One member over a period: self, or anyone for those who review attendance. */
  'attendance.member': async ({ memberId, from, to }, ctx): Promise<MemberAttendanceView> => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    let member = actor.member
    if (memberId && memberId !== actor.member._id) {
      requireCapability(actor, 'reviewAttendance')
      const found = await db.get('members', memberId)
      if (!found) fail('ROSTER.MEMBER_NOT_FOUND')
      if (found.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
      member = found
    }
    const meetings = (
      await db.all('meetings', { branchId: member.branchId, status: 'published', startAt: { $gte: new Date(from), $lte: new Date(to) } }, ['startAt', 'asc'])
    ).filter((m) => audienceRole(m.audience, member) === 'expected')
    const ids = meetings.map((m) => m._id)
    const [records, leaves, group] = await Promise.all([
      ids.length ? db.all('attendance', { memberId: member._id, meetingId: { $in: ids } }) : Promise.resolve([]),
      ids.length ? db.all('leaveRequests', { memberId: member._id, meetingId: { $in: ids }, status: 'approved' }) : Promise.resolve([]),
      member.groupId ? db.get('groups', member.groupId) : Promise.resolve(null),
    ])
    // A meeting still to come counts once the member checked in, not as an absence before it happened.
    const rows = meetings.filter((m) => new Date(m.endAt).getTime() <= now.getTime() || records.some((r) => r.meetingId === m._id)).map((m) => {
      const record = records.find((r) => r.meetingId === m._id)
      const status = record?.status ?? (leaves.some((l) => l.meetingId === m._id) ? 'leave' : 'absent')
      return { meetingId: m._id, title: m.title, type: m.type, startAt: new Date(m.startAt).toISOString(), status, checkedInAt: record?.checkedInAt ? new Date(record.checkedInAt).toISOString() : null }
    })
    const count = (status: string) => rows.filter((r) => r.status === status).length
    return {
      member: { id: member._id, name: member.name, groupName: group?.name ?? null },
      from,
      to,
      expected: rows.length,
      attended: count('present') + count('late'),
      late: count('late'),
      leave: count('leave'),
      absent: count('absent'),
      rows,
    }
  },

  /** Members with no organisational life for 3 (and 6) consecutive months. */
  'attendance.inactive': async (_input, ctx): Promise<InactiveMemberView[]> => {
    const { db, now } = ctx
    const actor = requireCapability(await resolveActor(ctx), 'reviewAttendance')
    const branchId = actor.member.branchId
    const since = new Date(now.getTime() - 400 * 24 * 3600_000)
    const [members, meetings, groups] = await Promise.all([
      db.all('members', { branchId, status: 'active', category: { $in: ['full', 'probationary'] } }),
      db.all('meetings', { branchId, status: 'published', startAt: { $gte: since, $lte: now } }),
      db.all('groups', { branchId }),
    ])
    const records = meetings.length ? await db.all('attendance', { branchId, meetingId: { $in: meetings.map((m) => m._id) }, status: { $in: ['present', 'late'] } }) : []
    const startOf = new Map(meetings.map((m) => [m._id, new Date(m.startAt)]))
    const groupName = new Map(groups.map((g) => [g._id, g.name]))
    return members
      .map((m) => {
        const attended = records.filter((r) => r.memberId === m._id).map((r) => startOf.get(r.meetingId) as Date)
        const months = monthsWithoutAttendance(attended, now, new Date(m.createdAt ?? since))
        const last = attended.length ? new Date(Math.max(...attended.map((d) => d.getTime()))).toISOString() : null
        return { memberId: m._id, name: m.name, groupName: m.groupId ? (groupName.get(m.groupId) ?? null) : null, category: m.category, lastAttendedAt: last, months, level: (months >= 6 ? 6 : 3) as 3 | 6 }
      })
      .filter((m) => m.months >= 3)
      .sort((a, b) => b.months - a.months)
  },

  'attendance.minutes': async ({ meetingId }, ctx) => {
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(ctx.db, actor, meetingId, ctx.now)
    // The record of a 支委会 is for the committee: those in the audience, who run or record it,
    // and who review attendance. Drafts only for those who run it.
    const mayRead = mayRecord(actor, meeting) || (meeting.status !== 'draft' && (actor.capabilities.includes('reviewAttendance') || audienceRole(meeting.audience, actor.member) !== 'outside'))
    if (!mayRead) fail('AUTH.FORBIDDEN')
    return minutesView(meeting, actor, await ctx.db.get('minutes', meetingId))
  },

  /** 会议记录, entered by the 记录人 (or whoever runs the meeting). */
  'attendance.saveMinutes': async ({ meetingId, ...minutes }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId, now, { fresh: true })
    if (!mayRecord(actor, meeting)) fail('AUTH.FORBIDDEN')
    const foreign = minutes.photos.find((fileID) => !cloudPathOf(fileID).startsWith(`minutes/${meetingId}/`))
    if (foreign) fail('INPUT.INVALID', '照片需从本会议的会议记录页面上传', { photos: '照片需从本会议的会议记录页面上传' })
    const doc: MinutesDoc = { _id: meetingId, ...minutes, recordedBy: actor.member._id, recordedByName: actor.member.name, updatedAt: now }
    const { _id, ...data } = doc
    await db.set('minutes', _id, data)
    return minutesView(meeting, actor, doc)
  },

  /** The sign-in sheet and the meeting record as a 台账 files them. */
  'attendance.exportSheet': async ({ meetingId }, ctx) => {
    const { db, now } = ctx
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(db, actor, meetingId, now)
    const [view, minutes] = await Promise.all([meetingAttendance(db, actor, meeting, now), db.get('minutes', meetingId)])
    const content = await writeWorkbook(signInWorkbook(view, minutes))
    const day = beijingDate(meeting.startAt)
    return storeGenerated(`exports/${meeting.branchId}/meeting-${meeting._id}-${now.getTime()}.xlsx`, content, `${day}${meeting.title}签到表.xlsx`)
  },
})


function mayRecord(actor: MemberActor, meeting: MeetingDoc): boolean {
  return meeting.recorderId === actor.member._id || canManageMeeting(actor, meeting)
}

async function minutesView(meeting: MeetingDoc, actor: MemberActor, doc: MinutesDoc | null): Promise<MinutesView> {
  const photos = doc?.photos.length
    ? ((await cloud.getTempFileURL({ fileList: doc.photos.map((fileID) => ({ fileID, maxAge: 3600 })) })) as { fileList: Array<{ fileID: string; tempFileURL: string }> }).fileList.map((f) => ({ fileID: f.fileID, url: f.tempFileURL }))
    : []
  return {
    meetingId: meeting._id,
    topics: doc?.topics ?? meeting.agenda,
    content: doc?.content ?? '',
    decisions: doc?.decisions ?? '',
    photos,
    recordedBy: doc?.recordedByName ?? null,
    updatedAt: doc ? new Date(doc.updatedAt).toISOString() : null,
    canEdit: mayRecord(actor, meeting),
  }
}

function beijingDate(date: Date): string {
  const d = new Date(new Date(date).getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

function beijingTime(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

/** Sheet 1 签到表, sheet 2 会议记录: the two pages a 台账 keeps for each meeting. */
function signInWorkbook(view: MeetingAttendanceView, minutes: MinutesDoc | null): SheetSpec[] {
  const m = view.meeting
  const when = `${beijingDate(new Date(m.startAt))} ${beijingTime(m.startAt)}–${beijingTime(m.endAt)}`
  const remark = (r: AttendanceRow) => (r.status === 'leave' ? `请假：${r.leaveReason ?? ''}` : r.method === 'manual' ? '补签' : r.role === 'observer' ? '列席' : '')
  const absentees = view.rows.filter((r) => r.role === 'expected' && (r.status === 'absent' || r.status === 'leave'))
  return [
    {
      name: '签到表',
      title: `${m.title}签到表（${meetingTypeLabels[m.type]}，${when}，${m.venue}）`,
      columns: [
        { header: '序号', width: 6 },
        { header: '姓名', width: 10 },
        { header: '党小组', width: 22 },
        { header: '类别', width: 12 },
        { header: '签到时间', width: 10 },
        { header: '状态', width: 8 },
        { header: '备注', width: 24 },
      ],
      rows: view.rows.map((r, i) => [i + 1, r.name, r.groupName ?? '', memberCategoryLabels[r.category], beijingTime(r.checkedInAt), attendanceStatusLabels[r.status], remark(r)]),
      notes: [`应到 ${view.expected} 人，实到 ${view.present + view.late} 人（其中迟到 ${view.late} 人），请假 ${view.leave} 人，缺席 ${view.absent} 人，列席 ${view.observers} 人。`],
    },
    {
      name: '会议记录',
      columns: [
        { header: '项目', width: 14 },
        { header: '内容', width: 70 },
      ],
      rows: [
        ['会议名称', m.title],
        ['会议类型', meetingTypeLabels[m.type]],
        ['时间', when],
        ['地点', m.venue],
        ['主持人', m.host?.name ?? ''],
        ['记录人', m.recorder?.name ?? ''],
        ['应到', view.expected],
        ['实到', view.present + view.late],
        ['缺席人员及原因', absentees.map((r) => `${r.name}（${r.status === 'leave' ? `请假：${r.leaveReason ?? ''}` : '缺席'}）`).join('；') || '无'],
        ['议题', (minutes?.topics ?? m.agenda).map((t, i) => `${i + 1}. ${t}`).join('\n')],
        ['内容与决议', [minutes?.content, minutes?.decisions ? `决议：${minutes.decisions}` : ''].filter(Boolean).join('\n')],
        ...(view.quorum ? [['法定人数', `${view.quorum.met ? '已达到' : '未达到'}（应到有表决权 ${view.quorum.base} 人，实到 ${view.quorum.present} 人，需 ${view.quorum.required} 人）`]] : []),
      ],
    },
  ]
}
