import '../messages'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import StudyRow from '../../components/StudyRow'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/** 学习交流: 优秀 notes their authors chose to share with the branch. */
export default function SharedNotesPage() {
  const { state, reload } = useResource(() => call('study.shared', {}))
  useDidShow(() => {
    void reload({ quiet: true })
  })
  return (
    <PageShell title='学习交流' subtitle='评为优秀、经作者同意在支部内交流的心得'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !state.data.length ? <StatusCard title='还没有交流的心得' note='评为优秀的心得，经作者同意后会出现在这里。' /> : null}
      {state.status === 'ready' && state.data.length ? (
        <View className='card card--flush'>
          {state.data.map((n) => (
            <StudyRow
              key={n.id}
              title={n.title}
              lines={[`${n.authorName}${n.groupName ? ` · ${n.groupName}` : ''} · ${n.characters} 字`, n.taskTitle]}
              onClick={() => void Taro.navigateTo({ url: `/packageStudy/note/index?id=${n.id}` })}
            />
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
