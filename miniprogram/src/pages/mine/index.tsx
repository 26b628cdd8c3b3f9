import { useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { memberCategoryLabels, positionLabels } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import PageShell from '../../components/PageShell'
import { usePrivacyState } from '../../components/PrivacyGate'
import { openPrivacyContract } from '../../components/PrivacyGate/privacy'
import './index.scss'

type MeView = ActionOutput<'member.me'>
type Member = NonNullable<MeView['member']>

type State =
  | { status: 'loading' }
  | { status: 'ready'; me: MeView }
  | { status: 'error'; error: ApiError }

export default function Mine() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const latest = useRef(0)
  const hasData = useRef(false)

  const load = async () => {
    const ticket = ++latest.current
    if (!hasData.current) setState({ status: 'loading' })
    const result = await call('member.me', {})
    if (ticket !== latest.current) return // a newer load is under way
    if (result.ok) {
      hasData.current = true
      setState({ status: 'ready', me: result.data })
    } else if (hasData.current) {
      // Keep what is on screen; say the refresh failed.
      void Taro.showToast({ title: result.error.message, icon: 'none' })
    } else {
      setState({ status: 'error', error: result.error })
    }
  }

  // Runs on first show and whenever the tab comes back into view.
  useDidShow(() => {
    void load()
  })

  const member = state.status === 'ready' ? state.me.member : null

  return (
    <PageShell title='我的' hero={member ? <MemberHero member={member} /> : null}>
      {state.status === 'loading' ? <View className='card mine__loading'>正在加载…</View> : null}

      {state.status === 'error' ? (
        <View className='card mine__status'>
          <View className='mine__status-icon mine__status-icon--error'>!</View>
          <View className='mine__status-title'>{state.error.message}</View>
          <Button className='mine__retry' type='primary' fill='outline' size='small' onClick={() => void load()}>
            重试
          </Button>
        </View>
      ) : null}

      {state.status === 'ready' && !member ? (
        <View className='card mine__status'>
          <View className='mine__status-icon'>党</View>
          <View className='mine__status-title'>你还没有加入支部</View>
          <View className='mine__status-note'>
            加入支部需要将微信与支部名册绑定，绑定功能将随花名册功能一起上线。
          </View>
        </View>
      ) : null}

      {member ? <MemberDetails member={member} /> : null}

      <PrivacySection />
    </PageShell>
  )
}

function MemberHero({ member }: { member: Member }) {
  return (
    <View className='mine__hero'>
      <View className='mine__avatar'>{member.name.slice(0, 1)}</View>
      <View className='mine__hero-text'>
        <View className='mine__name-row'>
          <Text className='mine__name'>{member.name}</Text>
          <Text className='mine__category'>{memberCategoryLabels[member.category]}</Text>
        </View>
        <Text className='mine__branch'>{member.branch.name}</Text>
      </View>
    </View>
  )
}

function MemberDetails({ member }: { member: Member }) {
  const positions = member.positions.map((p) => positionLabels[p]).join('、')
  return (
    <View className='card card--flush'>
      <CellGroup divider>
        <Cell title='所在支部' extra={member.branch.name} />
        <Cell title='党小组' extra={member.group ? member.group.name : '未分组'} />
        <Cell title='党员类别' extra={memberCategoryLabels[member.category]} />
        <Cell title='职务' extra={positions || '无'} />
        <Cell title='手机号' extra={member.phoneMasked} />
      </CellGroup>
    </View>
  )
}

function PrivacySection() {
  const privacy = usePrivacyState()
  // Built as an array: CellGroup decides which cell is last by counting children, nulls included.
  const cells = [
    <Cell
      key='collect'
      title='我们收集的信息'
      description='姓名、手机号（列表中脱敏）、所在党组织与职务、签到与志愿服务记录、学习心得。不收集身份证号。'
    />,
    <Cell
      key='purpose'
      title='用途'
      description='仅用于本支部的组织生活：会议通知与签到、志愿服务统计、学习交流。信息只在本支部内可见，按职务控制查看范围。'
    />,
  ]
  if (process.env.TARO_ENV === 'weapp') {
    cells.push(
      <Cell
        key='contract'
        title='隐私保护指引'
        extra={privacy.needAuthorization === false ? '已同意 ›' : '查看 ›'}
        clickable
        onClick={openPrivacyContract}
      />,
    )
  }
  return (
    <>
      <View className='section-title'>隐私说明</View>
      <View className='card card--flush'>
        <CellGroup divider>{cells}</CellGroup>
      </View>
    </>
  )
}
