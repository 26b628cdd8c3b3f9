import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { InboxMessageView } from '../../../../shared/api/contract'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { toast, useResource } from '../../services/hooks'
import { openLink } from '../../services/meeting'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

const kindMark: Record<InboxMessageView['kind'], { mark: string; tone: string }> = {
  leaveApproved: { mark: '假', tone: 'green' },
  leaveRejected: { mark: '假', tone: 'red' },
  makeupCreated: { mark: '学', tone: 'gold' },
  meetingPublished: { mark: '会', tone: 'red' },
  meetingChanged: { mark: '会', tone: 'gold' },
  meetingCancelled: { mark: '会', tone: 'grey' },
  shiftCancelled: { mark: '志', tone: 'grey' },
  shiftPromoted: { mark: '志', tone: 'green' },
  shiftRemoved: { mark: '志', tone: 'red' },
  swapTaken: { mark: '换', tone: 'gold' },
  hoursCorrected: { mark: '时', tone: 'gold' },
  meetingTomorrow: { mark: '会', tone: 'red' },
  meetingSoon: { mark: '会', tone: 'red' },
  leaveDecided: { mark: '假', tone: 'gold' },
  shiftTomorrow: { mark: '志', tone: 'green' },
  studyTaskDue: { mark: '学', tone: 'gold' },
  noteReviewed: { mark: '学', tone: 'green' },
  testOpening: { mark: '考', tone: 'gold' },
  studyTask: { mark: '学', tone: 'gold' },
  theoryTest: { mark: '测', tone: 'gold' },
  appraisalResult: { mark: '评', tone: 'green' },
  duesWarning: { mark: '费', tone: 'red' },
}

/** 消息: every reminder also lands here, whatever subscribe-message quota is left. */
export default function InboxPage() {
  const { state, reload, replace } = useResource(() => call('inbox.list', {}))

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const open = (m: InboxMessageView) => {
    if (state.status === 'ready' && !m.read) {
      replace({ messages: state.data.messages.map((x) => (x.id === m.id ? { ...x, read: true } : x)), unread: Math.max(0, state.data.unread - 1) })
      void call('inbox.markRead', { ids: [m.id] }).then((r) => {
        if (!r.ok) {
          toast(r.error.message)
          void reload({ quiet: true })
        }
      })
    }
    if (m.link) openLink(m.link)
  }

  const markAll = () => {
    if (state.status !== 'ready' || !state.data.unread) return
    replace({ messages: state.data.messages.map((x) => ({ ...x, read: true })), unread: 0 })
    void call('inbox.markAllRead', {}).then((r) => {
      if (!r.ok) toast(r.error.message)
      return reload({ quiet: true })
    })
  }

  const data = state.status === 'ready' ? state.data : null

  return (
    <PageShell title='消息' subtitle={data ? (data.unread ? `${data.unread} 条未读` : '没有未读消息') : undefined}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {data && !data.messages.length ? <StatusCard mark='信' title='还没有消息' note='会议提醒、请假审批结果、补学、志愿服务和学习任务的提醒都会显示在这里。' /> : null}
      {data && data.unread ? (
        <View className='inbox__all' onClick={markAll}>
          全部标为已读
        </View>
      ) : null}
      {data && data.messages.length ? (
        <View className='card card--flush'>
          {data.messages.map((m) => (
            <View className={m.read ? 'inbox__item' : 'inbox__item inbox__item--unread'} key={m.id} onClick={() => open(m)}>
              <View className={`inbox__mark inbox__mark--${kindMark[m.kind].tone}`}>{kindMark[m.kind].mark}</View>
              <View className='inbox__main'>
                <View className='inbox__head'>
                  <Text className='inbox__title'>{m.title}</Text>
                  {!m.read ? <View className='inbox__dot' /> : null}
                </View>
                <View className='inbox__body'>{m.body}</View>
                <View className='inbox__meta'>
                  <Text>{formatTime(m.createdAt)}</Text>
                  {m.link ? <Text className='inbox__go'>查看 ›</Text> : null}
                </View>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
