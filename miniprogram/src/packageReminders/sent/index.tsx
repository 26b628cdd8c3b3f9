import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Segmented } from '@nutui/nutui-react-taro'
import type { ReminderDeliveryRow, ReminderQueueView, ReminderSubjectType, ReminderSubjectView } from '../../../../shared/api/areas/reminder'
import type { Result } from '../../../../shared/errors'
import { waitingStatuses } from '../../../../shared/domain/reminders/delivery'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { useResource } from '../../services/hooks'
import Chip from '../../components/Chip'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

const subjectWords: Record<ReminderSubjectType, string> = { meeting: '会议', shift: '志愿服务', task: '学习任务', note: '学习心得', test: '理论测试' }
const subjectTypes = Object.keys(subjectWords) as ReminderSubjectType[]

const reached = new Set(['sent'])
const waiting = new Set<string>(waitingStatuses)
const waitingOf = (subject: ReminderSubjectView) => waitingStatuses.reduce((n, s) => n + (subject.counts[s] ?? 0), 0)

/**
 * 提醒发送情况: for each meeting, shift or task, the reminders sent and to whom; who was not
 * reached by WeChat (no acceptance left, switched off, not bound, failed) and why, so the
 * secretary knows whom to tell another way. Every reminder is also in the member's 消息.
 */
export default function RemindersPage() {
  const { params } = useRouter()
  const type = subjectTypes.find((t) => t === params.type)
  const id = params.id
  return type && id ? <Deliveries subjectType={type} subjectId={id} /> : <Subjects />
}

/** The subjects and the branch's queue, as one load. */
async function subjectsAndQueue(): Promise<Result<{ subjects: ReminderSubjectView[]; queue: ReminderQueueView }>> {
  const [subjects, queue] = await Promise.all([call('reminder.subjects', {}), call('reminder.queue', {})])
  if (!subjects.ok) return subjects
  if (!queue.ok) return queue
  return { ok: true, data: { subjects: subjects.data, queue: queue.data } }
}

function Subjects() {
  const { state, reload } = useResource(subjectsAndQueue)
  useDidShow(() => {
    void reload({ quiet: true })
  })
  const list = state.status === 'ready' ? state.data.subjects : []
  const queue = state.status === 'ready' ? state.data.queue : null
  return (
    <PageShell title='提醒发送情况' subtitle='近 90 天每次会议、活动、任务的提醒'>
      {queue?.waiting ? (
        <View className='alert alert--info'>
          还有 {queue.waiting} 条提醒排队待发送{queue.since ? `（最早一条 ${formatTime(queue.since)} 起）` : ''}，系统每 5 分钟发送一批，先发时间最近的。
        </View>
      ) : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !list.length ? <StatusCard mark='信' title='还没有发送过提醒' note='会议前一天、开会前 1 小时等提醒发出后，会在这里看到发送情况。' /> : null}
      {list.length ? (
        <View className='card card--flush'>
          {list.map((s) => (
            <SubjectRow key={`${s.subjectType}:${s.subjectId}`} subject={s} />
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}

function SubjectRow({ subject }: { subject: ReminderSubjectView }) {
  const open = () => void Taro.navigateTo({ url: `/packageReminders/sent/index?type=${subject.subjectType}&id=${subject.subjectId}` })
  return (
    <View className='reminders-page__row' onClick={open}>
      <View className='reminders-page__main'>
        <Text className='reminders-page__title'>{subject.title || subjectWords[subject.subjectType]}</Text>
        <Text className='muted'>
          {subjectWords[subject.subjectType]} · {formatTime(subject.firstAt)} 起 · 共 {subject.total} 条
        </Text>
      </View>
      <View className='reminders-page__side'>
        <Chip tone='green'>已发送 {subject.counts.sent ?? 0}</Chip>
        {waitingOf(subject) ? <Chip tone='grey' className='reminders-page__chip'>待发送 {waitingOf(subject)}</Chip> : null}
        {subject.notReached ? <Chip tone='amber' className='reminders-page__chip'>未送达 {subject.notReached}</Chip> : null}
      </View>
    </View>
  )
}

function Deliveries({ subjectType, subjectId }: { subjectType: ReminderSubjectType; subjectId: string }) {
  const { state, reload } = useResource(() => call('reminder.deliveries', { subjectType, subjectId }))
  const [onlyMissed, setOnlyMissed] = useState(false)
  useDidShow(() => {
    void reload({ quiet: true })
  })
  if (state.status !== 'ready') {
    return <PageShell title='提醒发送情况'>{state.status === 'loading' ? <Loading /> : <LoadError error={state.error} onRetry={() => void reload()} />}</PageShell>
  }
  const view = state.data
  const missed = view.rows.filter((r) => !reached.has(r.status) && !waiting.has(r.status))
  const rows = onlyMissed ? missed : view.rows
  return (
    <PageShell title={view.title || subjectWords[subjectType]} subtitle={`${subjectWords[subjectType]}提醒 · 共 ${view.rows.length} 条，微信未送达 ${missed.length} 条`}>
      {missed.length ? <View className='alert alert--info'>未送达的人仍会在“消息”里看到提醒；如事情紧要，请电话或当面告知。</View> : null}
      <View className='segmented-bar'>
        <Segmented
          options={[
            { value: 'all', label: `全部 ${view.rows.length}` },
            { value: 'missed', label: `未送达 ${missed.length}` },
          ]}
          value={onlyMissed ? 'missed' : 'all'}
          onChange={(v) => setOnlyMissed(v === 'missed')}
        />
      </View>
      <View className='card card--flush'>
        {rows.map((r) => (
          <DeliveryRow key={r.id} row={r} />
        ))}
      </View>
    </PageShell>
  )
}

function DeliveryRow({ row }: { row: ReminderDeliveryRow }) {
  const tone = reached.has(row.status) ? 'green' : waiting.has(row.status) ? 'grey' : 'amber'
  return (
    <View className='reminders-page__row'>
      <View className='reminders-page__main'>
        <View>
          <Text className='reminders-page__title'>{row.memberName}</Text>
          <Text className='muted'>{row.groupName ?? '未分组'}</Text>
        </View>
        <Text className='muted'>
          {row.kindLabel} · {formatTime(row.at)}
          {row.read ? ' · 已读' : ''}
        </Text>
        {row.reason ? (
          <Text className='reminders-page__reason'>
            {row.reason}
            {row.errcode ? `（微信 ${row.errcode}）` : ''}
          </Text>
        ) : null}
      </View>
      <Chip tone={tone}>{row.statusLabel}</Chip>
    </View>
  )
}
