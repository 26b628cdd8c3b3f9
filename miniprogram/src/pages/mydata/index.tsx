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
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
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
    <>
      <View className='section-title'>变更记录</View>
      <View className='card'>
        {data.history.length ? (
          data.history.map((h, i) => (
            <View className='mydata__row' key={i}>
              <View className='mydata__row-head'>
                <Text className='mydata__row-title'>{historyActionLabels[h.action] ?? h.action}</Text>
                <Text className='muted'>{formatTime(h.at)}</Text>
              </View>
              <View className='mydata__row-note'>
                {h.byName ? `${h.byName}：` : ''}
                {h.note}
              </View>
            </View>
          ))
        ) : (
          <View className='muted'>没有记录</View>
        )}
      </View>
    </>
  )
}

function JoinRequestsSection({ data }: { data: MyData }) {
  return (
    <>
      <View className='section-title'>加入申请</View>
      <View className='card'>
        {data.joinRequests.length ? (
          data.joinRequests.map((r, i) => (
            <View className='mydata__row' key={i}>
              <View className='mydata__row-head'>
                <Text className='mydata__row-title'>{r.branchName}</Text>
                <Text className='chip'>{joinStatusLabels[r.status] ?? r.status}</Text>
              </View>
              <View className='mydata__row-note'>
                {r.name} · {r.phoneMasked} · {formatTime(r.submittedAt)}
              </View>
            </View>
          ))
        ) : (
          <View className='muted'>没有记录</View>
        )}
      </View>
    </>
  )
}
