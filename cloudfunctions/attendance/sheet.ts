import type { AttendanceRow, MeetingAttendanceView } from '../../shared/api/contract'
import type { MinutesDoc } from '../../shared/domain/documents'
import { attendanceStatusLabels, meetingTypeLabels } from '../../shared/domain/meeting'
import { memberCategoryLabels } from '../../shared/domain/member'
import { beijingClock, formatFullDate } from '../../shared/domain/time'
import type { SheetSpec } from '../_lib/excel'

const clock = (iso: string | null) => (iso ? beijingClock(iso) : '')

/** Sheet 1 签到表, sheet 2 会议记录: the two pages a 台账 keeps for each meeting. */
export function signInWorkbook(view: MeetingAttendanceView, minutes: MinutesDoc | null): SheetSpec[] {
  const m = view.meeting
  const when = `${formatFullDate(m.startAt)} ${clock(m.startAt)}–${clock(m.endAt)}`
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
      rows: view.rows.map((r, i) => [i + 1, r.name, r.groupName ?? '', memberCategoryLabels[r.category], clock(r.checkedInAt), attendanceStatusLabels[r.status], remark(r)]),
      notes: [`应到 ${view.expected} 人，实到 ${view.attended} 人（其中迟到 ${view.late} 人），请假 ${view.leave} 人，缺席 ${view.absent} 人，列席 ${view.observers} 人。`],
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
        ['缺席人员及原因', absentees.map((r) => `${r.name}（${r.status === 'leave' ? `请假：${r.leaveReason ?? ''}` : '缺席'}）`).join('；') || '无'],
        ['议题', (minutes?.topics ?? m.agenda).map((t, i) => `${i + 1}. ${t}`).join('\n')],
        ['内容与决议', [minutes?.content, minutes?.decisions ? `决议：${minutes.decisions}` : ''].filter(Boolean).join('\n')],
        ...(view.quorum ? [['法定人数', `${view.quorum.met ? '已达到' : '未达到'}（应到有表决权 ${view.quorum.base} 人，实到 ${view.quorum.present} 人，需 ${view.quorum.required} 人）`]] : []),
      ],
    },
  ]
}
