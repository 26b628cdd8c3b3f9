import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { memberCategoryLabels } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import { formatDate } from '../../services/format'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

/**
 * 需关注成员: party members without organisational life for 3 consecutive months; 6 months is the
 * line the Party Constitution (Art. 9) draws. For the branch's own follow-up, not a ranking.
 */
export default function InactivePage() {
  const { state, reload } = useResource(() => call('attendance.inactive', {}))

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const list = state.status === 'ready' ? state.data : []
  const six = list.filter((m) => m.level === 6)
  const three = list.filter((m) => m.level === 3)

  return (
    <PageShell title='需关注成员' subtitle='连续多月未参加组织生活的党员，请支委及时谈心了解'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !list.length ? <StatusCard tone='green' mark='✓' title='没有需要关注的党员' note='所有党员近 3 个月都参加过组织生活。' /> : null}

      {six.length ? (
        <>
          <View className='section-title inactive__title--red'>6 个月以上未参加组织生活（{six.length} 人）</View>
          <View className='alert alert--error'>党章第九条：党员连续六个月不参加党的组织生活，又无正当理由的，被认为是自行脱党。请尽快了解情况。</View>
          <List items={six} />
        </>
      ) : null}
      {three.length ? (
        <>
          <View className='section-title'>3 个月以上未参加组织生活（{three.length} 人）</View>
          <List items={three} />
        </>
      ) : null}
    </PageShell>
  )
}

function List({ items }: { items: Array<{ memberId: string; name: string; groupName: string | null; category: keyof typeof memberCategoryLabels; lastAttendedAt: string | null; months: number; level: 3 | 6 }> }) {
  return (
    <View className='card card--flush'>
      {items.map((m) => (
        <View className='inactive__row' key={m.memberId} onClick={() => void Taro.navigateTo({ url: `/packageMeeting/member-record/index?memberId=${m.memberId}` })}>
          <View className='inactive__main'>
            <View>
              <Text className='inactive__name'>{m.name}</Text>
              <Text className='muted'>
                {m.groupName ?? '未分组'} · {memberCategoryLabels[m.category]}
              </Text>
            </View>
            <View className='muted'>{m.lastAttendedAt ? `最近一次参加：${formatDate(m.lastAttendedAt)}` : '近一年无参加记录'}</View>
          </View>
          <Text className={m.level === 6 ? 'inactive__months inactive__months--red' : 'inactive__months'}>{m.months} 个月</Text>
        </View>
      ))}
    </View>
  )
}
