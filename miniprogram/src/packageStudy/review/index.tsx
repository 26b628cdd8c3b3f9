import '../messages'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { NoteSummaryView } from '../../../../shared/api/areas/study'
import { formatDateTime } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import { heldLabel, noteChip } from '../../services/study'
import PageShell from '../../components/PageShell'
import StudyRow from '../../components/StudyRow'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/** 审阅心得: notes waiting (oldest first; those the content check held are marked), then recent decisions. */
export default function ReviewQueuePage() {
  const { state, reload } = useResource(() => call('study.reviewQueue', {}))
  useDidShow(() => {
    void reload({ quiet: true })
  })

  return (
    <PageShell title='审阅心得' subtitle='评为优秀或合格，或写明意见退回修改'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className='section-title'>待审阅（{state.data.waiting.length}）</View>
          {state.data.waiting.length ? (
            <View className='card card--flush'>
              {state.data.waiting.map((n) => (
                <Row key={n.id} note={n} />
              ))}
            </View>
          ) : (
            <StatusCard tone='green' mark='✓' title='没有待审阅的心得' />
          )}
          {state.data.reviewed.length ? (
            <>
              <View className='section-title'>最近审阅</View>
              <View className='card card--flush'>
                {state.data.reviewed.map((n) => (
                  <Row key={n.id} note={n} />
                ))}
              </View>
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}

function Row({ note }: { note: NoteSummaryView }) {
  const meta = `${note.authorName}${note.groupName ? ` · ${note.groupName}` : ''} · ${note.characters} 字${note.submittedAt ? ` · ${formatDateTime(note.submittedAt, new Date())}` : ''}`
  return (
    <StudyRow
      title={note.title}
      lines={[meta, note.taskTitle ?? '自主学习']}
      chip={heldLabel(note) ? { text: '人工复核', tone: 'amber' } : noteChip(note)}
      onClick={() => void Taro.navigateTo({ url: `/packageStudy/review/note?id=${note.id}` })}
    />
  )
}
