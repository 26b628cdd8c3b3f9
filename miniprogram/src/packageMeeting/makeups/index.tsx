import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Segmented } from '@nutui/nutui-react-taro'
import { meetingTypeLabels } from '../../../../shared/domain/meeting'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import Chip from '../../components/Chip'
import './index.scss'

/** 补学情况: every make-up item of the branch, open ones first, for reviewers. */
export default function BranchMakeupsPage() {
  const { state, reload } = useResource(() => call('leave.makeups', { scope: 'branch' }))
  const [tab, setTab] = useState<'open' | 'done'>('open')

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const all = state.status === 'ready' ? state.data : []
  const list = all.filter((m) => m.status === tab)
  const open = all.filter((m) => m.status === 'open').length

  return (
    <PageShell title='补学情况' subtitle='请假获批的党员会后需完成补学'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <View className='segmented-bar'>
          <Segmented
            options={[
              { value: 'open', label: `未完成 ${open}` },
              { value: 'done', label: `已完成 ${all.length - open}` },
            ]}
            value={tab}
            onChange={(v) => setTab(v === 'done' ? 'done' : 'open')}
          />
        </View>
      ) : null}
      {state.status === 'ready' && !list.length ? <StatusCard tone='green' mark='✓' title={tab === 'open' ? '没有未完成的补学' : '还没有完成的补学'} /> : null}
      {list.map((m) => (
        <View className='card' key={m.id}>
          <View className='mk__head'>
            <Text className='mk__name'>{m.memberName}</Text>
            <Chip tone={m.status === 'done' ? 'green' : 'gold'}>{m.status === 'done' ? '已完成' : '未完成'}</Chip>
          </View>
          <View className='mk__meeting'>
            {meetingTypeLabels[m.meetingType]} · {m.meetingTitle}
          </View>
          <View className='muted'>会议时间 {m.meetingStartAt ? formatTime(m.meetingStartAt) : ''}</View>
          {m.note ? <View className='mk__note'>{m.note}</View> : null}
          {m.completedAt ? <View className='muted'>完成于 {formatTime(m.completedAt)}</View> : null}
        </View>
      ))}
    </PageShell>
  )
}
