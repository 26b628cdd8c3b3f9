import '../messages'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '../../services/api'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import { windowLine } from '../../services/study'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/** 测试情况: who has not taken it, how many are in it, the branch's distribution (no names next to scores). */
export default function TestOverviewPage() {
  const { params } = useRouter()
  const testId = params.id ?? ''
  const { state, reload } = useResource(() => call('exam.overview', { testId }))
  const { busy, run } = useBusy()
  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='测试情况'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='测试情况'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const view = state.data
  const most = Math.max(1, ...view.distribution.map((b) => b.count))

  const close = () =>
    run('close', async () => {
      if (!(await confirm('提前结束测试', '结束后不能再作答，正在答题的答卷按已保存的答案交卷，成绩随即向本人公布。确定结束吗？', '结束'))) return
      const r = await call('exam.close', { testId })
      if (!r.ok) return toast(r.error.message)
      toast('测试已结束', 'success')
      void reload({ quiet: true })
    })

  return (
    <PageShell title='测试情况' subtitle={`${view.test.title}${view.test.fromOrg ? ' · 党总支' : ''}`}>
      <View className='card'>
        <View className='study__meta' style={{ marginTop: 0 }}>
          {view.branchName} · {windowLine(view.test, new Date())}
        </View>
        <View className='pstudy__stats' style={{ marginTop: '24px' }}>
          <Stat value={view.expected} label='应参加' />
          <Stat value={view.submitted} label='已交卷' />
          <Stat value={view.inProgress} label='答题中' />
          <Stat value={view.notTaken.length} label='未参加' red={view.notTaken.length > 0} />
        </View>
      </View>

      {view.test.canManage ? (
        <View className='actions'>
          {view.gradingPending || view.graded < view.submitted ? (
            <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: `/packageStudy/test-grade/index?id=${testId}` })}>
              评阅简答题{view.gradingPending ? `（${view.gradingPending}）` : ''}
            </Button>
          ) : null}
          {view.test.window !== 'closed' ? (
            <Button type='default' size='large' block loading={busy === 'close'} onClick={() => void close()}>
              提前结束测试
            </Button>
          ) : null}
        </View>
      ) : null}
      <View className='section-title'>成绩分布{view.average !== null ? `（平均 ${view.average} 分，满分 ${view.test.totalPoints} 分）` : ''}</View>
      <View className='card'>
        {view.graded ? (
          view.distribution.map((b) => (
            <View key={b.label} className='pstudy__band'>
              <View className='pstudy__band-label'>{b.label}</View>
              <View className='pstudy__band-bar'>
                <View className='pstudy__band-fill' style={{ width: `${(b.count / most) * 100}%` }} />
              </View>
              <View className='pstudy__band-count'>{b.count} 人</View>
            </View>
          ))
        ) : (
          <View className='muted'>还没有评定完成的答卷</View>
        )}
        {view.gradingPending ? <View className='muted' style={{ marginTop: '12px' }}>有 {view.gradingPending} 道简答题待评阅，评阅后计入总分</View> : null}
      </View>

      <View className='section-title'>未参加（{view.notTaken.length}）</View>
      <View className='card card--flush'>
        {view.notTaken.length ? (
          view.notTaken.map((m) => (
            <View key={m.memberId} className='study__person'>
              <Text className='study__person-name'>{m.name}</Text>
              <Text className='study__person-group'>{m.groupName ?? '未分组'}</Text>
            </View>
          ))
        ) : (
          <View className='study__row muted'>全部参加</View>
        )}
      </View>

    </PageShell>
  )
}

function Stat({ value, label, red }: { value: number; label: string; red?: boolean }) {
  return (
    <View className='pstudy__stat'>
      <View className={red ? 'pstudy__stat-num pstudy__stat-num--red' : 'pstudy__stat-num'}>{value}</View>
      <View className='pstudy__stat-label'>{label}</View>
    </View>
  )
}
