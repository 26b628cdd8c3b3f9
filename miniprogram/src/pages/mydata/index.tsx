import type { ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '../../../../shared/api/contract'
import { memberCategoryLabels, positionLabels } from '../../../../shared/domain/member'
import { capabilityLabels } from '../../../../shared/domain/permissions'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { toast, useResource } from '../../services/hooks'
import { historyActionLabels, joinStatusLabels } from '../../services/labels'
import ListSection from '../../components/ListSection'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import Chip from '../../components/Chip'
import './index.scss'

type MyData = ActionOutput<'member.exportMine'>

/** 我的数据: everything the app holds about the caller, readable, and copyable as JSON. */
export default function MyDataPage() {
  const { state, reload } = useResource(() => call('member.exportMine', {}))
  useDidShow(() => {
    void reload()
  })

  const copyAll = (data: MyData) => {
    Taro.setClipboardData({ data: JSON.stringify(data, null, 2) }).then(
      () => {
        // weapp shows its own “内容已复制”; H5 does not.
        if (process.env.TARO_ENV !== 'weapp') toast('已复制全部数据', 'success')
      },
      () => toast('复制失败，请重试'),
    )
  }

  return (
    <PageShell title='我的数据' subtitle='支部通保存的关于你的全部信息'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className='card mydata__intro'>
            <View>导出时间：{formatTime(state.data.exportedAt)}</View>
            <View className='muted mydata__note'>{state.data.identity.note}</View>
            <View className='actions'>
              <Button type='primary' block onClick={() => copyAll(state.data)}>
                复制全部
              </Button>
            </View>
            <View className='muted mydata__note'>复制的是完整数据（JSON 格式），可粘贴到聊天或备忘录中保存。</View>
          </View>
          <MemberSection data={state.data} />
          <HistorySection data={state.data} />
          <JoinRequestsSection data={state.data} />
        </>
      ) : null}
    </PageShell>
  )
}

function MemberSection({ data }: { data: MyData }) {
  const m = data.member
  return (
    <>
      <View className='section-title'>花名册信息</View>
      {m ? (
        <View className='card card--flush'>
          <CellGroup divider>
            <Cell title='姓名' extra={m.name} />
            <Cell title='所在支部' extra={m.branch.name} />
            <Cell title='党小组' extra={m.group?.name ?? '未分组'} />
            <Cell title='党员类别' extra={memberCategoryLabels[m.category]} />
            <Cell title='职务' extra={m.positions.map((p) => positionLabels[p]).join('、') || '无'} />
            <Cell title='入党时间' extra={m.joinedPartyAt ?? '未登记'} />
            <Cell title='手机号' extra={m.phoneMasked} />
            <Cell title='权限' extra={m.capabilities.map((c) => capabilityLabels[c]).join('、') || '普通成员'} />
          </CellGroup>
        </View>
      ) : (
        <View className='card muted'>你的微信还没有绑定支部成员。</View>
      )}
    </>
  )
}

function HistorySection({ data }: { data: MyData }) {
  return (
    <ListSection title='变更记录' items={data.history} empty='没有记录'>
      {(h, i) => (
        <Row key={i} title={historyActionLabels[h.action] ?? h.action} aside={<Text className='muted'>{formatTime(h.at)}</Text>}>
          {h.byName ? `${h.byName}：` : ''}
          {h.note}
        </Row>
      )}
    </ListSection>
  )
}

function JoinRequestsSection({ data }: { data: MyData }) {
  return (
    <ListSection title='加入申请' items={data.joinRequests} empty='没有记录'>
      {(r, i) => (
        <Row key={i} title={r.branchName} aside={<Chip>{joinStatusLabels[r.status] ?? r.status}</Chip>}>
          {r.name} · {r.phoneMasked} · {formatTime(r.submittedAt)}
        </Row>
      )}
    </ListSection>
  )
}

function Row({ title, aside, children }: { title: string; aside: ReactNode; children: ReactNode }) {
  return (
    <View className='mydata__row'>
      <View className='mydata__row-head'>
        <Text className='mydata__row-title'>{title}</Text>
        {aside}
      </View>
      <View className='mydata__row-note'>{children}</View>
    </View>
  )
}
