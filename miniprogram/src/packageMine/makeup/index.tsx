import { useState, type ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MakeupView } from '../../../../shared/api/contract'
import { makeupOpen, meetingTypeLabels } from '../../../../shared/domain/meeting'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { fieldError, toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import Chip from '../../components/Chip'
import type { ChipTone } from '../../services/meeting'
import './index.scss'

const MIN_NOTE = 10

/** 我的补学: after an approved absence, read the meeting's materials and write a short note. */
export default function MakeupPage() {
  const { state, reload } = useResource(() => call('leave.makeups', { scope: 'mine' }))

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const list = state.status === 'ready' ? state.data : []
  const open = list.filter((m) => m.status === 'open')
  const done = list.filter((m) => m.status === 'done')

  return (
    <PageShell title='我的补学' subtitle='请假获批的会议，会后补学会议内容并写下体会'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !list.length ? <StatusCard tone='green' mark='✓' title='没有补学任务' note='请假获批后，对应会议的补学会出现在这里。' /> : null}
      {open.length ? <View className='section-title'>待完成（{open.length}）</View> : null}
      {open.map((m) => (
        <OpenItem key={m.id} makeup={m} onDone={() => void reload({ quiet: true })} />
      ))}
      {done.length ? <View className='section-title'>已完成</View> : null}
      {done.map((m) => (
        <View className='card' key={m.id}>
          <Heading makeup={m} tone='green' label='已完成' />
          {m.note ? <View className='makeup__note'>{m.note}</View> : null}
          {m.completedAt ? <View className='muted'>完成于 {formatTime(m.completedAt)}</View> : null}
        </View>
      ))}
    </PageShell>
  )
}

/** A makeup card's title with its status chip, then the meeting's type and time (and any link after them). */
function Heading({ makeup, tone, label, children }: { makeup: MakeupView; tone: ChipTone; label: string; children?: ReactNode }) {
  return (
    <>
      <View className='makeup__head'>
        <Text className='makeup__title'>{makeup.meetingTitle}</Text>
        <Chip tone={tone}>{label}</Chip>
      </View>
      <View className='muted'>
        {meetingTypeLabels[makeup.meetingType]} · {makeup.meetingStartAt ? formatTime(makeup.meetingStartAt) : ''}
        {children}
      </View>
    </>
  )
}

function OpenItem({ makeup, onDone }: { makeup: MakeupView; onDone: () => void }) {
  return (
    <View className='card'>
      <Heading makeup={makeup} tone='gold' label='待补学'>
        {' '}
        <Text className='makeup__link' onClick={() => void Taro.navigateTo({ url: `/pages/meeting/index?id=${makeup.meetingId}` })}>
          会议详情 ›
        </Text>
      </Heading>
      {!makeupOpen({ endAt: makeup.meetingEndAt }, Date.now()) ? (
        <View className='makeup__steps'>会议结束后（{formatTime(makeup.meetingEndAt)} 以后）即可补学：届时阅读会议记录，写下学习体会。</View>
      ) : (
        <>
          <Material makeup={makeup} />
          <View className='makeup__steps'>阅读后，写下你的学习体会：</View>
          <NoteForm makeup={makeup} onDone={onDone} />
        </>
      )}
    </View>
  )
}

/** What to study: the 会议记录 when the 记录人 has saved it, else the agenda. */
function Material({ makeup }: { makeup: MakeupView }) {
  const m = makeup.minutes
  if (!m) return null
  return (
    <View className='makeup__material'>
      <View className='makeup__material-title'>{m.recorded ? '会议记录' : '会议议题（会议记录尚未录入）'}</View>
      {m.topics.map((t, i) => (
        <View className='makeup__material-line' key={i}>
          {i + 1}. {t}
        </View>
      ))}
      {m.content ? <View className='makeup__material-text'>{m.content}</View> : null}
      {m.decisions ? <View className='makeup__material-text'>决议：{m.decisions}</View> : null}
    </View>
  )
}

function NoteForm({ makeup, onDone }: { makeup: MakeupView; onDone: () => void }) {
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useBusy()
  const length = note.trim().length

  const submit = () =>
    run('done', async () => {
      if (length < MIN_NOTE) {
        setError(`请写下不少于 ${MIN_NOTE} 字的学习体会（已写 ${length} 字）`)
        return
      }
      const r = await call('leave.completeMakeup', { makeupId: makeup.id, note: note.trim() })
      if (!r.ok) {
        setError(fieldError(r.error, 'note'))
        if (r.error.code === 'MAKEUP.DONE') onDone()
        return
      }
      toast('补学已完成', 'success')
      onDone()
    })

  return (
    <>
      <View className={error ? 'makeup__field makeup__field--error' : 'makeup__field'}>
        <Textarea
          name='note'
          className='makeup__textarea'
          value={note}
          maxlength={2000}
          placeholder={`不少于 ${MIN_NOTE} 字`}
          onInput={(e) => {
            setNote(e.detail.value)
            if (error) setError(null)
          }}
        />
      </View>
      <View className='makeup__count'>{length} 字</View>
      {error ? <View className='form-item__error'>{error}</View> : null}
      <View className='makeup__actions'>
        <Button type='primary' size='small' loading={busy === 'done'} onClick={() => void submit()}>
          完成补学
        </Button>
      </View>
    </>
  )
}
