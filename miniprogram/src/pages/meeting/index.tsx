import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MeetingView, MeView } from '../../../../shared/api/contract'
import type { Result } from '../../../../shared/errors'
import { leaveOpen, meetingEnded, meetingTypeLabels } from '../../../../shared/domain/meeting'
import { mayReadMinutes, mayRecordMinutes, mayReviewMeetingAttendance } from '../../../../shared/domain/meeting-roles'
import { followedSubjects } from '../../../../shared/domain/reminders/followers'
import { call } from '../../services/api'
import { formatClock, formatSpan, formatTime } from '../../services/format'
import { openFile } from '../../services/download'
import { confirm, fieldError, toast, useBusy, useResource } from '../../services/hooks'
import { checkinUrl, meetingCaller, myStatusChip, scanCheckinCode } from '../../services/meeting'
import { useSavedMeeting } from '../../services/saved'
import { askReminders } from '../../services/reminders'
import PageShell from '../../components/PageShell'
import PromptSheet from '../../components/PromptSheet'
import { Loading, LoadError } from '../../components/StatusView'
import Chip from '../../components/Chip'
import './index.scss'

interface Loaded {
  meeting: MeetingView
  me: MeView
}

const go = (url: string) => void Taro.navigateTo({ url })

function audienceText(meeting: MeetingView): string {
  const a = meeting.audience
  const base = a.kind === 'branch' ? '全体党员' : a.kind === 'committee' ? '支委委员' : a.kind === 'group' ? (a.groupName ?? '党小组') : `指定 ${a.memberIds.length} 人`
  return a.allowObservers ? `${base}（积极分子等可列席）` : base
}

const leaveWords: Record<'pending' | 'approved' | 'rejected', string> = {
  pending: '已提交请假，等待支部审批，结果会发到“消息”。',
  approved: '请假已批准。',
  rejected: '请假未批准，如需请假可重新提交。',
}

const windowWords = { notOpen: '未开始', open: '签到进行中', closed: '已结束' } as const

/** 会议详情: what, when, where, who; my status and 请假; the host's tools when I run it. */
export default function MeetingPage() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const { state, reload, replace } = useResource<Loaded>(async (): Promise<Result<Loaded>> => {
    const [meeting, me] = await Promise.all([call('meeting.get', { meetingId }), call('member.me', {})])
    if (!meeting.ok) return meeting
    if (!me.ok) return me
    return { ok: true, data: { meeting: meeting.data, me: me.data } }
  })
  const { busy, run } = useBusy()
  const [sheet, setSheet] = useState<null | 'leave' | 'cancel'>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)

  useDidShow(() => {
    void reload({ quiet: true })
  })
  // The edit form's save, shown at once.
  useSavedMeeting(meetingId, (meeting) => {
    if (state.status === 'ready') replace({ ...state.data, meeting })
  })

  if (state.status !== 'ready') {
    return (
      <PageShell title='会议详情'>
        {state.status === 'loading' ? <Loading /> : <LoadError error={state.error} onRetry={() => void reload()} />}
      </PageShell>
    )
  }

  const { meeting, me } = state.data
  const caller = meetingCaller(me)
  const roleFacts = { type: meeting.type, audience: meeting.audience, hostId: meeting.host?.id ?? null, recorderId: meeting.recorder?.id ?? null, status: meeting.status }
  const isRecorder = caller !== null && meeting.recorder?.id === caller.id
  const manage = meeting.canManage
  const published = meeting.status === 'published'
  const cancelled = meeting.status === 'cancelled'
  const now = Date.now()
  const chip = myStatusChip(meeting, now)
  const update = (next: MeetingView) => replace({ meeting: next, me })

  const requestLeave = (reason: string) => {
    // Asked in the tap that submits, before any await: the decision comes back as a reminder.
    void askReminders('afterLeaveRequest')
    return run('leave', async () => {
      const r = await call('leave.request', { meetingId, reason })
      if (!r.ok) {
        setSheetError(fieldError(r.error, 'reason'))
        return
      }
      setSheet(null)
      toast('已提交请假', 'success')
      void reload({ quiet: true })
    })
  }

  const remindMe = () => {
    void askReminders('meeting').then((allowed) => {
      if (allowed) toast('会前一天和开会前 1 小时会提醒你', 'success')
    })
  }

  const cancelMeeting = (reason: string) =>
    run('cancel', async () => {
      const r = await call('meeting.cancel', { meetingId, reason })
      if (!r.ok) {
        setSheetError(fieldError(r.error, 'reason'))
        return
      }
      setSheet(null)
      update(r.data)
      toast('会议已取消', 'success')
    })

  const publish = () =>
    run('publish', async () => {
      if (!(await confirm('发布会议', '发布后，参会党员会在“活动”中看到这次会议，并在“消息”中收到通知。', '发布'))) return
      const r = await call('meeting.publish', { meetingId })
      if (!r.ok) return toast(r.error.message)
      update(r.data)
      toast('已发布', 'success')
    })

  const exportSheet = () =>
    run('export', async () => {
      const r = await call('attendance.exportSheet', { meetingId })
      if (!r.ok) return toast(r.error.message)
      const opened = await openFile(r.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const scan = async () => {
    const code = await scanCheckinCode()
    if (code) go(checkinUrl(code))
  }

  // The same rules the functions enforce decide which tools show.
  const showCode = published && meeting.canRunCheckin
  // A cancelled meeting took no attendance: no 考勤 and no sheet to export.
  const showAttendance = published && caller !== null && mayReviewMeetingAttendance(caller, roleFacts)
  // Whoever may read the record (those in the audience too) opens it; who may write it, writes.
  const showMinutes = !cancelled && caller !== null && mayReadMinutes(caller, roleFacts)
  const recordsMinutes = caller !== null && mayRecordMinutes(caller, roleFacts)
  const canAskLeave = published && leaveOpen(meeting, now) && meeting.myRole === 'expected' && !meeting.myCheckedInAt && (!meeting.myLeave || meeting.myLeave.status === 'rejected')
  // Reminders are for the same people who may still ask for leave: expected, before the start, not on leave.
  const canRemind = canAskLeave
  const seesReminders = published && caller !== null && followedSubjects(caller.capabilities).includes('meeting')
  const scanOpen = process.env.TARO_ENV === 'weapp' && published && meeting.window.state === 'open' && meeting.myRole !== 'outside' && !meeting.myCheckedInAt

  return (
    <PageShell
      title={meeting.title}
      hero={
        <View className='meeting__hero'>
          <Text className='meeting__type'>{meetingTypeLabels[meeting.type]}</Text>
          {meeting.status === 'draft' ? <Text className='meeting__state'>草稿 · 未发布</Text> : null}
          {cancelled ? <Text className='meeting__state'>已取消</Text> : null}
          {published ? <Text className='meeting__state'>{windowWords[meeting.window.state]}</Text> : null}
        </View>
      }
    >
      {cancelled ? (
        <View className='alert alert--error'>
          <View className='alert__title'>本次会议已取消</View>
          {meeting.cancelReason ? <View className='alert__line'>原因：{meeting.cancelReason}</View> : null}
        </View>
      ) : null}

      <View className='card meeting__info'>
        <Row label='时间' value={formatSpan(meeting.startAt, meeting.endAt)} />
        <Row label='地点' value={meeting.venue} />
        <Row label='主持人' value={meeting.host?.name ?? '未指定'} />
        <Row label='记录人' value={meeting.recorder?.name ?? '未指定'} />
        <Row label='参会范围' value={audienceText(meeting)} />
        {published ? <Row label='签到时间' value={`${formatClock(meeting.window.opensAt)} 起，${formatClock(meeting.window.closesAt)} 止；开始 ${meeting.checkin.lateAfterMinutes} 分钟后计迟到`} /> : null}
      </View>

      {meeting.agenda.length ? (
        <>
          <View className='section-title'>议题</View>
          <View className='card'>
            {meeting.agenda.map((item, i) => (
              <View className='meeting__agenda' key={i}>
                <Text className='meeting__agenda-no'>{i + 1}</Text>
                <Text className='meeting__agenda-text'>{item}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}

      {meeting.myRole !== 'outside' && meeting.status !== 'draft' ? (
        <>
          <View className='section-title'>我的情况</View>
          <View className='card'>
            <View className='meeting__mine'>
              <Text>{meeting.myRole === 'observer' ? '列席人员' : '应到人员'}</Text>
              {chip ? <Chip tone={chip.tone}>{chip.text}</Chip> : null}
            </View>
            {meeting.myLeave ? (
              <View className='meeting__leave'>
                <View className='meeting__leave-line'>{leaveWords[meeting.myLeave.status]}</View>
                {meeting.myLeave.comment ? <View className='meeting__leave-comment'>审批意见：{meeting.myLeave.comment}</View> : null}
                {meeting.myLeave.status === 'approved' ? (
                  <View className='meeting__leave-comment'>
                    会后请完成补学。
                    <Text className='meeting__link' onClick={() => go('/packageMine/makeup/index')}>
                      我的补学 ›
                    </Text>
                  </View>
                ) : null}
              </View>
            ) : null}
            {scanOpen ? (
              <View className='meeting__mine-action'>
                <Button type='primary' size='large' block onClick={() => void scan()}>
                  扫码签到
                </Button>
              </View>
            ) : null}
            {canRemind ? (
              <View className='meeting__mine-action'>
                <Button type='primary' size='large' block onClick={remindMe}>
                  提醒我
                </Button>
                <View className='muted meeting__mine-note'>会前一天傍晚和开会前 1 小时，通过微信提醒你；提醒也会出现在“消息”里。</View>
              </View>
            ) : null}
            {canAskLeave ? (
              <View className='meeting__mine-action'>
                <Button
                  type='primary'
                  fill='outline'
                  size='large'
                  block
                  onClick={() => {
                    setSheetError(null)
                    setSheet('leave')
                  }}
                >
                  请假
                </Button>
                <View className='muted meeting__mine-note'>{meeting.type === 'groupMeeting' ? '请在会议开始前请假，由党小组长或支部书记、组织委员审批。' : '请在会议开始前请假，由支部书记或组织委员审批。'}</View>
              </View>
            ) : null}
          </View>
        </>
      ) : null}

      {showCode || showAttendance || showMinutes || (manage && !cancelled) ? (
        <>
          {/* Someone who only reads the record sees it under its own name, not as management. */}
          <View className='section-title'>{showCode || showAttendance || recordsMinutes || manage || seesReminders ? '会议管理' : '会议资料'}</View>
          <View className='card meeting__tools'>
            {showCode ? <Tool name='签到码' note='投屏或在手机上展示' primary onClick={() => go(`/packageMeeting/code/index?id=${meetingId}`)} /> : null}
            {showAttendance ? <Tool name='考勤' note='应到、实到、补签' onClick={() => go(`/packageMeeting/attendance/index?id=${meetingId}`)} /> : null}
            {showMinutes ? <Tool name='会议记录' note={isRecorder ? '我是记录人' : recordsMinutes ? '内容、决议、照片' : '会议内容与决议'} onClick={() => go(`/packageMeeting/minutes/index?id=${meetingId}`)} /> : null}
            {manage && !cancelled ? <Tool name='编辑' note='时间、范围、议题' onClick={() => go(`/packageMeeting/edit/index?id=${meetingId}`)} /> : null}
            {showAttendance ? <Tool name='导出签到表' note='Excel 台账' busy={busy === 'export'} onClick={() => void exportSheet()} /> : null}
            {seesReminders ? <Tool name='提醒情况' note='谁收到了提醒，谁没有' onClick={() => go(`/packageReminders/sent/index?type=meeting&id=${meetingId}`)} /> : null}
          </View>
          {manage && meeting.status === 'draft' ? (
            <View className='actions'>
              <Button type='primary' size='large' block loading={busy === 'publish'} onClick={() => void publish()}>
                发布
              </Button>
            </View>
          ) : null}
          {manage && !cancelled && !meetingEnded(meeting, now) ? (
            <View className='meeting__cancel'>
              <Button
                fill='none'
                type='default'
                size='small'
                onClick={() => {
                  setSheetError(null)
                  setSheet('cancel')
                }}
              >
                取消会议
              </Button>
            </View>
          ) : null}
        </>
      ) : null}

      <PromptSheet
        visible={sheet === 'leave'}
        title='请假'
        note={`${meetingTypeLabels[meeting.type]}“${meeting.title}”，${formatTime(meeting.startAt)} 开始。请写明事由，审批结果会发到“消息”。`}
        placeholder='请假事由，如：带学生外出参赛'
        name='reason'
        requiredMessage='请填写请假事由'
        multiline
        confirmText='提交请假'
        error={sheetError}
        busy={busy === 'leave'}
        onConfirm={(reason) => void requestLeave(reason)}
        onCancel={() => setSheet(null)}
      />
      <PromptSheet
        visible={sheet === 'cancel'}
        title='取消会议'
        note='取消后参会党员会收到通知，签到码失效。'
        placeholder='取消原因，如：与区教育局会议冲突，改期另行通知'
        name='cancelReason'
        requiredMessage='请填写取消原因'
        maxLength={100}
        multiline
        confirmText='确认取消'
        danger
        error={sheetError}
        busy={busy === 'cancel'}
        onConfirm={(reason) => void cancelMeeting(reason)}
        onCancel={() => setSheet(null)}
      />
    </PageShell>
  )
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='meeting__row'>
      <Text className='meeting__label'>{label}</Text>
      <Text className='meeting__value'>{value}</Text>
    </View>
  )
}

function Tool({ name, note, primary, busy, onClick }: { name: string; note: string; primary?: boolean; busy?: boolean; onClick: () => void }) {
  return (
    <View className={primary ? 'meeting__tool meeting__tool--primary' : 'meeting__tool'} onClick={busy ? undefined : onClick}>
      <View className='meeting__tool-name'>{busy ? '正在生成…' : name}</View>
      <View className='meeting__tool-note'>{note}</View>
    </View>
  )
}
