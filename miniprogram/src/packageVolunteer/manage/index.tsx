import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { useResource } from '../../services/hooks'
import { activityTypeLabels } from '../../services/volunteer'
import PageShell from '../../components/PageShell'
import Chip from '../../components/Chip'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })
const statusChip = { draft: { text: '草稿', tone: 'gold' }, published: { text: '已发布', tone: 'green' }, cancelled: { text: '已取消', tone: 'grey' } } as const

/** 志愿服务管理: the team's activities, a new one, the team's figures and the hours sheet. */
export default function ManagePage() {
  const { state, reload } = useResource(() => call('volunteer.manage', { includeCancelled: true }))
  useDidShow(() => {
    void reload({ quiet: true })
  })
  const data = state.status === 'ready' ? state.data : null
  return (
    <PageShell title='志愿服务管理' subtitle='活动、班次与排班，团队数据'>
      <View className='card manage__tools'>
        <Button type='primary' onClick={() => go('/packageVolunteer/activity-edit/index')}>
          新建活动
        </Button>
        <Button fill='outline' type='primary' onClick={() => go('/packageVolunteer/figures/index')}>
          团队数据与导出
        </Button>
      </View>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {data && !data.activities.length ? <StatusCard mark='志' title='还没有志愿服务活动' note='新建一个活动，再添加班次或按规则一次排好一学期的班。' /> : null}
      {data?.activities.map((a) => (
        <View key={a.id} className='card manage__activity' onClick={() => go(`/packageVolunteer/activity/index?id=${a.id}`)}>
          <View className='manage__head'>
            <Text className='manage__type'>{activityTypeLabels[a.type]}</Text>
            <Chip tone={statusChip[a.status].tone}>{statusChip[a.status].text}</Chip>
          </View>
          <View className='manage__title'>{a.title}</View>
          <View className='manage__line'>
            {a.place} · {a.upcomingShifts ? `${a.upcomingShifts} 个班次待进行，最近 ${formatTime(a.nextShiftAt as string)}` : '没有待进行的班次'}
          </View>
        </View>
      ))}
    </PageShell>
  )
}
