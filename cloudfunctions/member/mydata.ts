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
    sheet(
      '学习心得',
      [['标题', 24], ['学习任务', 24], ['状态', 12], ['评定', 8], ['字数', 8], ['照片', 6], ['支部内交流', 10], ['退回意见', 24], ['提交时间', 18], ['审阅时间', 18], ['审阅记录', 40], ['正文', 80]],
      data.notes.map((n) => [
        n.title,
        n.taskTitle ?? '自主学习',
        n.status,
        n.grade ?? '',
        n.characters,
        n.photos,
        n.shared ? '是' : '否',
        n.returnComment ?? '',
        at(n.submittedAt),
        at(n.reviewedAt),
        n.history.map((h) => `${at(h.at)} ${h.byName}${h.action}${h.comment ? `：${h.comment}` : ''}`).join('\n'),
        n.body,
      ]),
    ),
    sheet('学习任务确认', [['学习任务', 30], ['确认完成时间', 18]], data.studyConfirmations.map((c) => [c.taskTitle, at(c.confirmedAt)])),
    sheet(
      '理论测试',
      [['测试', 24], ['状态', 12], ['开始作答', 18], ['交卷时间', 18], ['得分', 12], ['作答', 80]],
      data.testAttempts.map((t) => [
        t.testTitle,
        t.status,
        at(t.startedAt),
        at(t.submittedAt),
        t.score !== null ? `${t.score} / ${t.totalPoints}` : t.resultsFrom ? `${at(t.resultsFrom)} 后公布` : '待评分',
        t.answers.map((a) => `${a.question}　${a.answer}`).join('\n'),
      ]),
    ),
    sheet('提醒', [['事项', 30], ['类别', 14], ['时间', 18], ['发送结果', 12], ['说明', 30]], data.reminders.map((r) => [r.subjectTitle, r.kind, at(r.at), r.status, r.reason ?? ''])),
    sheet(
      '订阅消息',
      [['消息', 18], ['剩余次数', 10], ['累计允许', 10], ['已发送', 8], ['总是保持', 10], ['更新时间', 18]],
      data.subscriptions.map((x) => [x.template, x.remaining, x.accepted, x.spent, x.always ?? '', at(x.updatedAt)]),
    ),
    sheet('上传的文件', [['用途', 16], ['文件名', 44], ['时间', 18]], data.uploads.map((u) => [u.purpose, u.fileName, at(u.createdAt)])),
    sheet(
      '民主评议',
      [['评议', 24], ['自评', 60], ['自评已提交', 10], ['已投票', 8], ['评定意见', 10], ['理由', 30], ['限期改正至', 14], ['改正情况', 14]],
      data.appraisals.map((a) => [a.roundTitle, a.selfText, a.selfSubmitted ? '是' : '否', a.voted ? '是' : '否', a.verdict ?? '', a.reason ?? '', a.correctionDue ?? '', a.correctionOutcome ?? '']),
    ),
    sheet(
      '党费',
      [['起始月份', 12], ['类别', 24], ['基数（元）', 12], ['每月（元）', 12]],
      (data.dues?.bases ?? []).map((b) => [b.fromMonth, b.kind, b.base, b.monthly]),
    ),
    sheet('党费交纳记录', [['月份', 30], ['金额（元）', 12], ['交纳日期', 14], ['收据号', 16], ['登记人', 12]], data.duesPayments.map((p) => [p.months.join('、'), p.amount, p.paidOn, p.receiptNo, p.recordedBy])),
    sheet(
      '发展党员',
      [['项目', 24], ['日期', 14], ['内容', 50], ['录入人', 12]],
      data.development
        ? [
            ['目前阶段', '', data.development.stage, ''],
            ...data.development.steps.map((s) => [s.step, s.date, '', '']),
            ...data.development.records.map((r) => [r.kind, r.date, r.summary, r.enteredBy]),
            ...data.development.votes.map((v) => [`支部党员大会表决：${v.kind}`, v.date, v.passed ? '通过' : '未通过', '']),
          ]
        : [],
    ),
  ]
}
