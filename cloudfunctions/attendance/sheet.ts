import type { AttendanceRow, MeetingAttendanceView } from '../../shared/api/contract'
import { checkInWords, leaveReasonWords, meetingEnded, quorumWords, statusLabel } from '../../shared/domain/attendance'
import type { MinutesDoc } from '../../shared/domain/documents'
import { meetingTypeLabels } from '../../shared/domain/meeting'
import { memberCategoryLabels } from '../../shared/domain/member'
import { beijingClock, formatFullDate } from '../../shared/domain/time'
import type { SheetSpec } from '../_lib/excel'

const clock = (iso: string | null) => (iso ? beijingClock(iso) : '')

/** The 备注 of a line: a leave with its reason, a hand check-in with why, the host, an observer. */
function remark(r: AttendanceRow): string {
  if (r.status === 'leave') return leaveReasonWords(r)
  if (r.method === 'manual') return r.note ? `补签：${r.note}` : '补签'
  if (r.method === 'host') return '主持人，打开签到码时记为到会'
  return r.role === 'observer' ? '列席' : ''
}

/**
 * Sheet 1 签到表, sheet 2 会议记录: the two pages a 台账 keeps for each meeting, by 党小组 in the
 * roster's order, with a 签名 column for the printed sheet. Exported while the meeting still runs,
 * it uses the app's words and rule: whoever has not come is 未签到, and the quorum is not decided.
 */
export function signInWorkbook(view: MeetingAttendanceView, minutes: MinutesDoc | null, now: Date): SheetSpec[] {
  const m = view.meeting
  const ended = meetingEnded(m, now)
  const when = `${formatFullDate(m.startAt)} ${clock(m.startAt)}–${clock(m.endAt)}`
  const absentees = view.rows.filter((r) => r.role === 'expected' && (r.status === 'absent' || r.status === 'leave'))
  const quorum = view.quorum ? quorumWords(m.type, view.quorum, ended) : null
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
        { header: '签名', width: 14 },
      ],
      rows: view.rows.map((r, i) => [i + 1, r.name, r.groupName ?? '', memberCategoryLabels[r.category], checkInWords(r, m, clock), statusLabel(r.status, ended), remark(r), '']),
      notes: [
        `应到 ${view.expected} 人，实到 ${view.attended} 人（其中迟到 ${view.late} 人），请假 ${view.leave} 人，${statusLabel('absent', ended)} ${view.absent} 人，列席 ${view.observers} 人。`,
        ...(ended ? [] : ['导出时会议尚未结束：“未签到”的人员在会议结束后计为缺席。']),
      ],
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
        ['实到', view.attended],
        [`${statusLabel('absent', ended)}人员及原因`, absentees.map((r) => `${r.name}（${r.status === 'leave' ? leaveReasonWords(r) : statusLabel(r.status, ended)}）`).join('；') || '无'],
        ['议题', (minutes?.topics ?? m.agenda).map((t, i) => `${i + 1}. ${t}`).join('\n')],
        ['内容与决议', [minutes?.content, minutes?.decisions ? `决议：${minutes.decisions}` : ''].filter(Boolean).join('\n')],
        ...(quorum ? [['法定人数', `${quorum.title}：${quorum.detail}`]] : []),
      ],
    },
  ]
}
