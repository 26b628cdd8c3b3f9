import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, Segmented } from '@nutui/nutui-react-taro'
import type { MeetingSummaryView } from '../../../../shared/api/contract'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import { checkinUrl, scanCheckinCode } from '../../services/meeting'
import PageShell from '../../components/PageShell'
import MeetingCard from '../../components/MeetingCard'
import { JoinPrompt, Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

/** One call for the whole first screen: the server knows who is asking and what they run. */
const load = () => call('meeting.page', {})

const go = (url: string) => void Taro.navigateTo({ url })

/** 活动: my meetings (upcoming first, then recent); for managers, the meetings they run. */
export default function Meetings() {
  const { state, reload } = useResource(load)
  const [tab, setTab] = useState<'mine' | 'manage'>('mine')

  useDidShow(() => {
    void reload({ quiet: true })
  })
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const scan = async () => {
    const code = await scanCheckinCode()
    if (code) go(checkinUrl(code))
  }

  const data = state.status === 'ready' ? state.data : null
  const managed = data?.managed ?? null

  return (
    <PageShell
      title='活动'
      subtitle='组织生活安排与扫码签到'
      hero={
        process.env.TARO_ENV === 'weapp' ? (
          <View className='meetings__scan' onClick={() => void scan()}>
            <View className='meetings__scan-icon'>⌗</View>
            <View>
              <View className='meetings__scan-title'>扫码签到</View>
              <View className='meetings__scan-note'>到会场后扫描大屏上的签到码</View>
            </View>
          </View>
        ) : null
      }
    >
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}

      {data && !data.member ? (
        <JoinPrompt note='加入支部后，这里会显示你需要参加的会议。' />
      ) : null}

      {data && data.member && managed ? (
        <View className='segmented-bar'>
          <Segmented
            options={[
              { value: 'mine', label: '我的会议' },
              { value: 'manage', label: '我组织的会议' },
            ]}
            value={tab}
            onChange={(v) => setTab(v === 'manage' ? 'manage' : 'mine')}
          />
        </View>
      ) : null}

      {data && data.member && (tab === 'mine' || !managed) ? <MineList upcoming={data.upcoming} recent={data.recent} /> : null}

      {data && managed && tab === 'manage' ? (
        <>
          <View className='meetings__new'>
            <Button type='primary' size='large' block onClick={() => go('/packageMeeting/edit/index')}>
              新建会议
            </Button>
          </View>
          {managed.length ? (
            managed.map((m) => <MeetingCard key={m.id} meeting={m} mode='manage' />)
          ) : (
            <StatusCard mark='会' title='还没有组织过会议' note='点“新建会议”安排一次组织生活，发布后党员会在“活动”中看到。' />
          )}
        </>
      ) : null}

      {data && managed && tab === 'mine' ? (
        <View className='meetings__manage-link' onClick={() => setTab('manage')}>
          新建会议、签到码、考勤等请到“我组织的会议” ›
        </View>
      ) : null}
    </PageShell>
  )
}

function MineList({ upcoming, recent }: { upcoming: MeetingSummaryView[]; recent: MeetingSummaryView[] }) {
  if (!upcoming.length && !recent.length) {
    return <StatusCard mark='会' title='近期没有你的会议' note='支部发布会议后，会显示在这里。' />
  }
  return (
    <>
      <View className='section-title'>即将开始</View>
      {upcoming.length ? upcoming.map((m) => <MeetingCard key={m.id} meeting={m} />) : <View className='card muted'>暂时没有即将开始的会议</View>}
      {recent.length ? (
        <>
          <View className='section-title'>最近的会议</View>
          {recent.map((m) => (
            <MeetingCard key={m.id} meeting={m} />
          ))}
        </>
      ) : null}
    </>
  )
}
