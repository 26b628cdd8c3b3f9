import type { ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '../../../../shared/api/contract'
import { memberCategoryLabels, positionLabels } from '../../../../shared/domain/member'
import { abilitiesOf } from '../../../../shared/domain/meeting-roles'
import { attendanceStatusLabels } from '../../../../shared/domain/meeting'
import { hoursStatusLabels, logKindLabels, signupStatusLabels } from '../../../../shared/domain/volunteer-labels'
import { call } from '../../services/api'
import { formatClock, formatSpan, formatTime } from '../../services/format'
import { openFile } from '../../services/download'
import { toast, useBusy, useResource } from '../../services/hooks'
import { checkinMethodLabels, historyActionLabels, joinStatusLabels, leaveStatusLabels, makeupStatusLabels } from '../../services/labels'
import ListSection from '../../components/ListSection'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import Chip from '../../components/Chip'
import './index.scss'

type MyData = ActionOutput<'member.exportMine'>

/**
 * 我的数据: everything the app holds about the caller, every section on the page in Chinese, and
 * an Excel file of the same to keep; the raw copy is a second option for whoever needs it.
 */
export default function MyDataPage() {
  const { state, reload } = useResource(() => call('member.exportMine', {}))
  const { busy, run } = useBusy()
  useDidShow(() => {
    void reload({ quiet: true })
  })

  const exportFile = () =>
    run('file', async () => {
      const link = await call('member.exportMineFile', {})
      if (!link.ok) return toast(link.error.message)
      const opened = await openFile(link.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const copyRaw = (data: MyData) => {
    Taro.setClipboardData({ data: JSON.stringify(data, null, 2) }).then(
      () => {
        // weapp shows its own “内容已复制”; H5 does not.
        if (process.env.TARO_ENV !== 'weapp') toast('已复制', 'success')
      },
      () => toast('复制失败，请重试'),
    )
  }

  return (
    <PageShell title='我的数据' subtitle='支部通保存的关于你的全部信息'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className='card mydata__intro'>
            <View>截至 {formatTime(state.data.exportedAt)}，以下是支部通保存的关于你的全部信息。</View>
            <View className='muted mydata__note'>{state.data.identity.note}</View>
            <View className='actions'>
              <Button type='primary' block loading={busy === 'file'} onClick={() => void exportFile()}>
                导出为 Excel 文件
              </Button>
            </View>
            <View className='muted mydata__note'>
              每一部分一张工作表，可保存或转发。
              <Text className='mydata__raw' onClick={() => copyRaw(state.data)}>
                复制原始数据（供技术人员核对）
              </Text>
            </View>
          </View>
          <MemberSection data={state.data} />
          <AttendanceSection data={state.data} />
          <ChangesSection data={state.data} />
          <LeaveSection data={state.data} />
          <MakeupSection data={state.data} />
          <VolunteerSection data={state.data} />
          <NotesSection data={state.data} />
          <TestsSection data={state.data} />
          <InboxSection data={state.data} />
          <RemindersSection data={state.data} />
          <UploadsSection data={state.data} />
          <AppraisalDuesSection data={state.data} />
          <HistorySection data={state.data} />
          <JoinRequestsSection data={state.data} />
        </>
      ) : null}
    </PageShell>
  )
}

function AttendanceSection({ data }: { data: MyData }) {
  return (
    <ListSection title='签到记录' items={data.attendance} empty='没有签到记录'>
      {(a, i) => (
        <Row key={i} title={a.meetingTitle} aside={<Chip>{attendanceStatusLabels[a.status]}</Chip>}>
          {a.startAt ? `会议 ${formatTime(a.startAt)}` : ''}
          {a.checkedInAt ? ` · 签到 ${formatClock(a.checkedInAt)}` : ''} · {checkinMethodLabels[a.method]}
          {a.distanceMeters !== null ? ` · 距会场约 ${a.distanceMeters} 米` : ''}
        </Row>
      )}
    </ListSection>
  )
}

function ChangesSection({ data }: { data: MyData }) {
  return (
    <ListSection title='考勤修改记录' items={data.attendanceChanges} empty='没有修改记录'>
      {(c, i) => (
        <Row key={i} title={c.meetingTitle} aside={<Text className='muted'>{formatTime(c.at)}</Text>}>
          {c.byName}：{c.before ? attendanceStatusLabels[c.before] : '无记录'} → {attendanceStatusLabels[c.after]}（{c.reason}）
        </Row>
      )}
    </ListSection>
  )
}

function LeaveSection({ data }: { data: MyData }) {
  return (
    <ListSection title='请假' items={data.leaveRequests} empty='没有请假记录'>
      {(l, i) => (
        <Row key={i} title={l.meetingTitle} aside={<Chip>{leaveStatusLabels[l.status]}</Chip>}>
          事由：{l.reason}
          {l.comment ? `；审批意见：${l.comment}` : ''} · {formatTime(l.requestedAt)}
        </Row>
      )}
    </ListSection>
  )
}

function MakeupSection({ data }: { data: MyData }) {
  return (
    <ListSection title='补学' items={data.makeups} empty='没有补学记录'>
      {(k, i) => (
        <Row key={i} title={k.meetingTitle} aside={<Chip>{makeupStatusLabels[k.status]}</Chip>}>
          {k.note ?? '尚未提交学习体会'}
          {k.completedAt ? ` · ${formatTime(k.completedAt)}` : ''}
        </Row>
      )}
    </ListSection>
  )
}

function VolunteerSection({ data }: { data: MyData }) {
  return (
    <>
      <ListSection title='志愿服务' items={data.volunteer} empty='没有志愿服务记录'>
        {(v, i) => (
          <Row key={i} title={v.activityTitle} aside={<Chip>{signupStatusLabels[v.status]}</Chip>}>
            {formatSpan(v.startAt, v.endAt)}
            {v.hours !== null ? ` · ${v.hours} 小时（${hoursStatusLabels[v.hoursStatus]}${v.confirmedBy ? `，${v.confirmedBy}确认` : ''}）` : ''}
          </Row>
        )}
      </ListSection>
      {data.volunteerChanges.length ? (
        <ListSection title='志愿服务变更' items={data.volunteerChanges} empty=''>
          {(c, i) => (
            <Row key={i} title={c.activityTitle} aside={<Text className='muted'>{formatTime(c.at)}</Text>}>
              {c.byName}：{logKindLabels[c.kind]}
              {c.before || c.after ? `（${c.before ?? '无'} → ${c.after ?? '无'}）` : ''}
              {c.reason ? `，${c.reason}` : ''}
            </Row>
          )}
        </ListSection>
      ) : null}
    </>
  )
}

function NotesSection({ data }: { data: MyData }) {
  return (
    <>
      <ListSection title='学习心得' items={data.notes} empty='没有学习心得'>
        {(n, i) => (
          <Row key={i} title={n.title} aside={<Chip>{n.grade ? `${n.status} · ${n.grade}` : n.status}</Chip>}>
            {n.taskTitle ?? '自主学习'} · {n.characters} 字{n.photos ? ` · ${n.photos} 张照片` : ''}
            {n.shared ? ' · 已在支部内交流' : ''}
            {n.returnComment ? `；退回意见：${n.returnComment}` : ''}
            {n.history.map((h) => `；${formatTime(h.at)} ${h.byName}${h.action}${h.comment ? `（${h.comment}）` : ''}`).join('')}
            <View className='mydata__body'>{n.body}</View>
          </Row>
        )}
      </ListSection>
      {data.studyConfirmations.length ? (
        <ListSection title='学习任务确认' items={data.studyConfirmations} empty=''>
          {(c, i) => (
            <Row key={i} title={c.taskTitle} aside={<Text className='muted'>{formatTime(c.confirmedAt)}</Text>}>
              已确认完成
            </Row>
          )}
        </ListSection>
      ) : null}
    </>
  )
}

function TestsSection({ data }: { data: MyData }) {
  return (
    <ListSection title='理论测试' items={data.testAttempts} empty='没有参加过理论测试'>
      {(t, i) => (
        <Row key={i} title={t.testTitle} aside={<Chip>{t.status}</Chip>}>
          开始于 {formatTime(t.startedAt)}
          {t.submittedAt ? ` · 交卷 ${formatTime(t.submittedAt)}` : ''} ·{' '}
          {t.score !== null ? `得分 ${t.score} / ${t.totalPoints}` : t.resultsFrom ? `成绩于 ${formatTime(t.resultsFrom)} 后公布` : '简答题待评分'}
          {t.answers.map((a, j) => (
            <View key={j} className='mydata__body'>
              {a.question}：{a.answer}
            </View>
          ))}
        </Row>
      )}
    </ListSection>
  )
}

function RemindersSection({ data }: { data: MyData }) {
  return (
    <>
      <ListSection title='提醒' items={data.reminders} empty='没有提醒记录'>
        {(r, i) => (
          <Row key={i} title={r.subjectTitle} aside={<Chip>{r.status}</Chip>}>
            {r.kind} · {formatTime(r.at)}
            {r.reason ? ` · ${r.reason}` : ''}
          </Row>
        )}
      </ListSection>
      {data.subscriptions.length ? (
        <ListSection title='订阅消息' items={data.subscriptions} empty=''>
          {(x, i) => (
            <Row key={i} title={x.template} aside={<Text className='muted'>剩余 {x.remaining} 次</Text>}>
              累计允许 {x.accepted} 次，已发送 {x.spent} 次{x.always ? ` · ${x.always}` : ''}
            </Row>
          )}
        </ListSection>
      ) : null}
    </>
  )
}

function UploadsSection({ data }: { data: MyData }) {
  return (
    <ListSection title='上传的文件' items={data.uploads} empty='没有上传过文件'>
      {(u, i) => (
        <Row key={i} title={u.purpose} aside={<Text className='muted'>{formatTime(u.createdAt)}</Text>}>
          {u.fileName}
        </Row>
      )}
    </ListSection>
  )
}

/** 民主评议 (whether you voted, never how), 党费 and your own 发展党员 pipeline. */
function AppraisalDuesSection({ data }: { data: MyData }) {
  return (
    <>
      <ListSection title='民主评议' items={data.appraisals} empty='没有参加过民主评议'>
        {(a, i) => (
          <Row key={i} title={a.roundTitle} aside={<Text className='muted'>{a.voted ? '已投票' : '未投票'}</Text>}>
            自评{a.selfSubmitted ? '已提交' : '草稿'}：{a.selfText || '（空）'}
            {a.verdict ? ` · 评定意见：${a.verdict}（${a.reason ?? ''}）` : ''}
          </Row>
        )}
      </ListSection>
      <ListSection title='党费交纳记录' items={data.duesPayments} empty={data.dues ? '还没有交纳记录' : '没有党费记录'}>
        {(p, i) => (
          <Row key={i} title={`${p.amount} 元`} aside={<Text className='muted'>{p.paidOn}</Text>}>
            {p.months.join('、')} · 收据 {p.receiptNo} · {p.recordedBy} 登记
          </Row>
        )}
      </ListSection>
      <ListSection title={data.development ? `发展党员（${data.development.stage}）` : '发展党员'} items={data.development ? [...data.development.steps.map((s) => ({ title: s.step, date: s.date, text: '' })), ...data.development.records.map((r) => ({ title: r.kind, date: r.date, text: `${r.summary} · ${r.enteredBy} 录入` }))] : []} empty='不在发展党员名单中'>
        {(x, i) => (
          <Row key={i} title={x.title} aside={<Text className='muted'>{x.date}</Text>}>
            {x.text}
          </Row>
        )}
      </ListSection>
    </>
  )
}

function InboxSection({ data }: { data: MyData }) {
  return (
    <ListSection title='消息' items={data.inbox} empty='没有消息'>
      {(x, i) => (
        <Row key={i} title={x.title} aside={<Text className='muted'>{x.read ? '已读' : '未读'}</Text>}>
          {x.body} · {formatTime(x.createdAt)}
        </Row>
      )}
    </ListSection>
  )
}

function MemberSection({ data }: { data: MyData }) {
  const m = data.member
  return (
    <>
      <View className='section-title'>花名册信息</View>
      {m ? (
        <View className='card card--flush'>
          <CellGroup divider>
            <Cell title='姓名' extra={m.name} />
            <Cell title='所在支部' extra={m.branch.name} />
            <Cell title='党小组' extra={m.group?.name ?? '未分组'} />
            <Cell title='党员类别' extra={memberCategoryLabels[m.category]} />
            <Cell title='职务' extra={m.positions.map((p) => positionLabels[p]).join('、') || '无'} />
            <Cell title='入党时间' extra={m.joinedPartyAt ?? '未登记'} />
            <Cell title='手机号' extra={m.phoneMasked} />
            <Cell title='权限' extra={abilitiesOf(m).join('、') || '普通成员'} />
          </CellGroup>
        </View>
      ) : (
        <View className='card muted'>你的微信还没有绑定支部成员。</View>
      )}
    </>
  )
}

function HistorySection({ data }: { data: MyData }) {
  return (
    <ListSection title='变更记录' items={data.history} empty='没有记录'>
      {(h, i) => (
        <Row key={i} title={historyActionLabels[h.action] ?? h.action} aside={<Text className='muted'>{formatTime(h.at)}</Text>}>
          {h.byName ? `${h.byName}：` : ''}
          {h.note}
        </Row>
      )}
    </ListSection>
  )
}

function JoinRequestsSection({ data }: { data: MyData }) {
  return (
    <ListSection title='加入申请' items={data.joinRequests} empty='没有记录'>
      {(r, i) => (
        <Row key={i} title={r.branchName} aside={<Chip>{joinStatusLabels[r.status] ?? r.status}</Chip>}>
          {r.name} · {r.phoneMasked} · {formatTime(r.submittedAt)}
        </Row>
      )}
    </ListSection>
  )
}

function Row({ title, aside, children }: { title: string; aside: ReactNode; children: ReactNode }) {
  return (
    <View className='mydata__row'>
      <View className='mydata__row-head'>
        <Text className='mydata__row-title'>{title}</Text>
        {aside}
      </View>
      <View className='mydata__row-note'>{children}</View>
    </View>
  )
}
