import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { LeaveView } from '../../../../shared/api/contract'
import { meetingTypeLabels } from '../../../../shared/domain/meeting'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import PromptSheet from '../../components/PromptSheet'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

const keyOf = (l: LeaveView) => `${l.meetingId}:${l.memberId}`

/** 请假审批: pending requests of meetings the caller may decide on; approve or reject with a comment. */
export default function LeavePage() {
  const { state, reload } = useResource(() => call('leave.listPending', {}))
  const { busy, run } = useBusy()
  const [deciding, setDeciding] = useState<null | { leave: LeaveView; approve: boolean }>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const decide = (leave: LeaveView, approve: boolean, comment: string) =>
    run(`${approve ? 'approve' : 'reject'}:${keyOf(leave)}`, async () => {
      const r = await call('leave.decide', { meetingId: leave.meetingId, memberId: leave.memberId, approve, ...(comment ? { comment } : {}) })
      if (!r.ok) {
        if (deciding) setSheetError(r.error.message)
        else toast(r.error.message)
        if (r.error.code === 'LEAVE.NOT_PENDING') void reload({ quiet: true })
        return
      }
      setDeciding(null)
      toast(approve ? '已批准' : '已驳回', 'success')
      // Keep the buttons busy until the card is gone, so a second tap cannot decide it again.
      await reload({ quiet: true })
    })

  const list = state.status === 'ready' ? state.data : []

  return (
    <PageShell title='请假审批' subtitle='批准后自动生成补学任务，结果会通知本人'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !list.length ? <StatusCard tone='green' mark='✓' title='没有待审批的请假' note='党员提交请假后会出现在这里。' /> : null}

      {list.map((l) => (
        <View className='card leave__card' key={keyOf(l)}>
          <View className='leave__head'>
            <Text className='leave__name'>{l.memberName}</Text>
            <Text className='muted'>{l.groupName ?? '未分组'}</Text>
          </View>
          <View className='leave__meeting' onClick={() => void Taro.navigateTo({ url: `/pages/meeting/index?id=${l.meetingId}` })}>
            {meetingTypeLabels[l.meetingType]} · {l.meetingTitle}
            <Text className='muted'> {formatTime(l.startAt)} ›</Text>
          </View>
          <View className='leave__reason'>事由：{l.reason}</View>
          <View className='muted'>提交于 {formatTime(l.requestedAt)}</View>
          <View className='leave__actions'>
            <Button
              size='small'
              fill='outline'
              type='default'
              disabled={busy !== null}
              onClick={() => {
                setSheetError(null)
                setDeciding({ leave: l, approve: false })
              }}
            >
              驳回
            </Button>
            <Button size='small' type='primary' disabled={busy !== null} loading={busy === `approve:${keyOf(l)}`} onClick={() => void decide(l, true, '')}>
              批准
            </Button>
          </View>
          <View
            className='leave__comment-link'
            onClick={() => {
              if (busy !== null) return
              setSheetError(null)
              setDeciding({ leave: l, approve: true })
            }}
          >
            附审批意见后批准 ›
          </View>
        </View>
      ))}

      <PromptSheet
        visible={deciding !== null}
        title={deciding ? `${deciding.approve ? '批准' : '驳回'}${deciding.leave.memberName}的请假` : ''}
        note={deciding?.approve ? '可以写一句审批意见（选填），批准后本人需完成补学。' : '请写明原因，本人会在“消息”中看到。'}
        placeholder={deciding?.approve ? '审批意见（选填）' : '驳回原因，如：本次为支部党员大会，请尽量参加'}
        name='comment'
        requiredMessage={deciding?.approve ? undefined : '请填写驳回原因'}
        multiline
        confirmText={deciding?.approve ? '确认批准' : '确认驳回'}
        danger={deciding ? !deciding.approve : false}
        error={sheetError}
        busy={deciding !== null && busy !== null}
        onConfirm={(comment) => deciding && void decide(deciding.leave, deciding.approve, comment)}
        onCancel={() => setDeciding(null)}
      />
    </PageShell>
  )
}
