import '../messages'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

/** 各支部概况 (organisation admin): each branch's head count and how many have joined on WeChat. */
export default function OrgPage() {
  const { params } = useRouter()
  const orgName = params.orgName ? decodeURIComponent(params.orgName) : ''
  const { state, reload } = useResource(() => call('org.branches', {}))
  useDidShow(() => {
    void reload()
  })

  const branches = state.status === 'ready' ? state.data : []
  const total = branches.reduce((s, b) => s + b.members, 0)
  const bound = branches.reduce((s, b) => s + b.bound, 0)

  return (
    <PageShell title='各支部概况' subtitle={orgName || ' '}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !branches.length ? <StatusCard title='还没有支部' note='本组织下还没有设立支部。' /> : null}
      {branches.length ? (
        <>
          <View className='card org__total'>
            共 {branches.length} 个支部、{total} 名成员，其中 {bound} 人已绑定微信。
          </View>
          <View className='card card--flush'>
            {branches.map((b) => (
              <View className='org__branch' key={b.id} onClick={() => void Taro.navigateTo({ url: `/packageAdmin/roster/index?branchId=${encodeURIComponent(b.id)}` })}>
                <View className='org__branch-main'>
                  <Text className='org__branch-name'>{b.name}</Text>
                  <View className='org__branch-figures'>
                    成员 {b.members} 人 · 已绑定微信 {b.bound} 人{b.members ? `（${Math.round((b.bound / b.members) * 100)}%）` : ''}
                  </View>
                  <View className='org__bar'>
                    <View className='org__bar-fill' style={{ width: `${b.members ? Math.round((b.bound / b.members) * 100) : 0}%` }} />
                  </View>
                </View>
                <Text className='org__arrow'>花名册 ›</Text>
              </View>
            ))}
          </View>
          <View className='muted org__note'>点开支部可只读查看其花名册。</View>
          <View className='actions'>
            <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: '/packageDesk/org/index' })}>
              各支部三会一课与年度数据
            </Button>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
