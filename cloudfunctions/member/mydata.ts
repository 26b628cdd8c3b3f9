import type { MyDataExport } from '../../shared/api/contract'
import { attendanceStatusLabels } from '../../shared/domain/meeting'
import { memberCategoryLabels, positionLabels } from '../../shared/domain/member'
import { abilitiesOf } from '../../shared/domain/meeting-roles'
import { checkinMethodLabels, historyActionLabels, joinStatusLabels, leaveStatusLabels, makeupStatusLabels } from '../../shared/domain/record-labels'
import { formatSortable } from '../../shared/domain/time'
import { hoursStatusLabels, logKindLabels, signupStatusLabels } from '../../shared/domain/volunteer-labels'
import type { SheetSpec } from '../_lib/excel'

const at = (iso: string | null) => (iso ? formatSortable(iso) : '')

/**
 * 我的数据 as a workbook a person can open and read: one sheet per section, Chinese headings and
 * words throughout, times in Beijing time. What the page shows, in the same order.
 */
export function myDataWorkbook(data: MyDataExport): SheetSpec[] {
  const m = data.member
  const sheet = (name: string, columns: Array<[string, number]>, rows: SheetSpec['rows']): SheetSpec => ({
    name,
    columns: columns.map(([header, width]) => ({ header, width })),
    rows: rows.length ? rows : [['（无记录）']],
  })
  return [
    {
      name: '个人信息',
      title: `支部通保存的关于你的信息（导出于 ${at(data.exportedAt)}）`,
      columns: [
        { header: '项目', width: 14 },
        { header: '内容', width: 60 },
      ],
      rows: m
        ? [
            ['姓名', m.name],
            ['所在支部', m.branch.name],
            ['党小组', m.group?.name ?? '未分组'],
            ['党员类别', memberCategoryLabels[m.category]],
            ['职务', m.positions.map((p) => positionLabels[p]).join('、') || '无'],
            ['入党时间', m.joinedPartyAt ?? '未登记'],
            ['手机号', m.phoneMasked],
            ['权限', abilitiesOf(m).join('、') || '普通成员'],
            ['微信身份', data.identity.note],
          ]
        : [['微信身份', data.identity.note], ['花名册', '你的微信还没有绑定支部成员']],
    },
    sheet('变更记录', [['时间', 18], ['操作人', 10], ['事项', 14], ['说明', 50]], data.history.map((h) => [at(h.at), h.byName, historyActionLabels[h.action] ?? h.action, h.note])),
    sheet('加入申请', [['支部', 24], ['姓名', 10], ['手机号', 14], ['状态', 10], ['提交时间', 18]], data.joinRequests.map((r) => [r.branchName, r.name, r.phoneMasked, joinStatusLabels[r.status] ?? r.status, at(r.submittedAt)])),
    sheet(
      '签到记录',
      [['会议', 30], ['会议时间', 18], ['状态', 8], ['签到时间', 18], ['方式', 16], ['距会场（米）', 12]],
      data.attendance.map((a) => [a.meetingTitle, at(a.startAt), attendanceStatusLabels[a.status], at(a.checkedInAt), checkinMethodLabels[a.method], a.distanceMeters ?? '']),
    ),
    sheet(
      '考勤修改',
      [['会议', 30], ['时间', 18], ['修改人', 10], ['修改前', 8], ['修改后', 8], ['原因', 30]],
      data.attendanceChanges.map((c) => [c.meetingTitle, at(c.at), c.byName, c.before ? attendanceStatusLabels[c.before] : '无记录', attendanceStatusLabels[c.after], c.reason]),
    ),
    sheet('请假', [['会议', 30], ['事由', 30], ['状态', 8], ['审批意见', 24], ['申请时间', 18]], data.leaveRequests.map((l) => [l.meetingTitle, l.reason, leaveStatusLabels[l.status], l.comment ?? '', at(l.requestedAt)])),
    sheet('补学', [['会议', 30], ['状态', 8], ['学习体会', 50], ['完成时间', 18]], data.makeups.map((k) => [k.meetingTitle, makeupStatusLabels[k.status], k.note ?? '', at(k.completedAt)])),
    sheet(
      '志愿服务',
      [['活动', 30], ['开始', 18], ['结束', 18], ['状态', 8], ['签到', 18], ['签退', 18], ['服务时长（小时）', 14], ['时长确认', 10], ['确认人', 10]],
      data.volunteer.map((v) => [v.activityTitle, at(v.startAt), at(v.endAt), signupStatusLabels[v.status], at(v.checkInAt), at(v.checkOutAt), v.hours ?? '', hoursStatusLabels[v.hoursStatus], v.confirmedBy ?? '']),
    ),
    sheet(
      '志愿服务变更',
      [['活动', 30], ['时间', 18], ['事项', 12], ['操作人', 10], ['变更前', 12], ['变更后', 12], ['原因', 30]],
      data.volunteerChanges.map((c) => [c.activityTitle, at(c.at), logKindLabels[c.kind], c.byName, c.before ?? '', c.after ?? '', c.reason ?? '']),
    ),
    sheet('消息', [['时间', 18], ['标题', 24], ['内容', 60], ['已读', 6]], data.inbox.map((x) => [at(x.createdAt), x.title, x.body, x.read ? '是' : '否'])),
  ]
}
