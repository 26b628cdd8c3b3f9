import '../messages'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { PendingState } from '../../../../shared/domain/study'
import { formatDateTime } from '../../../../shared/domain/time'
import { studyTaskWindow } from '../../../../shared/domain/reminders/due'
import { call } from '../../services/api'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import type { ChipTone } from '../../services/meeting'
import { dueLine } from '../../services/study'
import Chip from '../../components/Chip'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

const stateChip: Record<PendingState, { text: string; tone: ChipTone }> = {
  notStarted: { text: '未开始', tone: 'grey' },
  draft: { text: '写了草稿', tone: 'amber' },
  returned: { text: '退回待改', tone: 'red' },
}

/** 提交情况: who has not handed in a task, and one tap to remind them all. */
export default function PendingPage() {
  const { params } = useRouter()
  const taskId = params.id ?? ''
  const { state, reload } = useResource(() => call('study.pending', { taskId }))
  const { busy, run } = useBusy()
  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='提交情况'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='提交情况'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const view = state.data
  const now = new Date()

  const remind = () =>
    run('remind', async () => {
      if (!(await confirm('一键提醒', `向 ${view.pending.length} 位尚未完成的同志发送提醒消息？`, '提醒'))) return
      const r = await call('study.remind', { taskId })
      if (!r.ok) return toast(r.error.message)
      toast(`已提醒 ${r.data.reminded} 人`, 'success')
      void reload({ quiet: true })
    })

  return (
    <PageShell title='提交情况' subtitle={view.task.title}>
      <View className='card pstudy__stats'>
        <View className='pstudy__stat'>
          <View className='pstudy__stat-num'>{view.audience}</View>
          <View className='pstudy__stat-label'>应完成</View>
        </View>
        <View className='pstudy__stat'>
          <View className='pstudy__stat-num'>{view.handedIn}</View>
          <View className='pstudy__stat-label'>已完成</View>
        </View>
        <View className='pstudy__stat'>
          <View className={view.pending.length ? 'pstudy__stat-num pstudy__stat-num--red' : 'pstudy__stat-num'}>{view.pending.length}</View>
          <View className='pstudy__stat-label'>未完成</View>
        </View>
      </View>
      <View className='muted' style={{ margin: '0 8px 16px' }}>
        {dueLine(view.task, now)}
        {view.task.noteRequired ? ' · 需提交心得' : ''}
      </View>
      {view.canRemind && view.pending.length ? (
        <View className='actions'>
          <Button type='primary' size='large' block loading={busy === 'remind'} disabled={busy !== null || view.nextRemindAt !== null} onClick={() => void remind()}>
            {view.nextRemindAt ? `已提醒，${formatDateTime(view.nextRemindAt, now)} 后可再次提醒` : '一键提醒未完成的同志'}
          </Button>
          {view.lastRemindedAt ? <View className='muted' style={{ textAlign: 'center' }}>上次提醒：{formatDateTime(view.lastRemindedAt, now)}</View> : null}
        </View>
      ) : null}
      {/* Once a reminder has gone (a tap, or the timer two days before): who it reached. */}
      {view.canRemind && (view.lastRemindedAt || now >= studyTaskWindow(new Date(view.task.dueAt)).from) ? (
        <Text className='pstudy__inline' style={{ textAlign: 'center', marginBottom: '16px' }} onClick={() => void Taro.navigateTo({ url: `/packageReminders/sent/index?type=task&id=${taskId}` })}>
          提醒发给了谁，谁没有收到 ›
        </Text>
      ) : null}
      {view.pending.length ? (
        <>
          <View className='section-title'>尚未完成（{view.pending.length}）</View>
          <View className='card card--flush'>
            {view.pending.map((p) => (
              <View key={p.memberId} className='study__person'>
                <Text className='study__person-name'>{p.name}</Text>
                <Text className='study__person-group'>{p.groupName ?? '未分组'}</Text>
                <Chip tone={stateChip[p.state].tone}>{stateChip[p.state].text}</Chip>
              </View>
            ))}
          </View>
        </>
      ) : (
        <StatusCard tone='green' mark='✓' title='全部完成' note='这项学习任务的对象都已完成。' />
      )}
    </PageShell>
  )
}
