import '../messages'
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { beijingParts } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/**
 * 年度学习: per member per year — tasks set and handed in, notes, 优秀. The branch's table (for
 * those who run its study) lists people by group and name: figures, never a ranking.
 */
export default function YearPage() {
  const { params } = useRouter()
  const scope = params.scope === 'branch' ? 'branch' : 'mine'
  const [year, setYear] = useState(beijingParts(new Date()).year)
  const { state, reload } = useResource(() => call('study.yearCounts', { year, scope }))

  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [year])

  const rows = state.status === 'ready' ? state.data.rows : []
  const mine = scope === 'mine' ? rows[0] : null
  const thisYear = beijingParts(new Date()).year

  return (
    <PageShell title={scope === 'branch' ? '支部年度学习统计' : '我的年度学习'} subtitle='学习任务、心得与优秀篇数'>
      <View className='card pstudy__year'>
        <View className='pstudy__year-step' onClick={() => setYear(year - 1)}>
          ‹
        </View>
        {year} 年
        <View className='pstudy__year-step' onClick={() => year < thisYear && setYear(year + 1)}>
          {year < thisYear ? '›' : ' '}
        </View>
      </View>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {mine ? (
        <View className='card pstudy__stats'>
          <Stat value={`${mine.counts.tasksDone}/${mine.counts.tasks}`} label='完成学习任务' />
          <Stat value={mine.counts.notes} label='提交心得' />
          <Stat value={mine.counts.excellent} label='优秀心得' />
        </View>
      ) : null}
      {scope === 'branch' && state.status === 'ready' ? (
        <View className='card'>
          <View className='pstudy__table-row'>
            <View className='pstudy__cell pstudy__cell--name'>姓名</View>
            <View className='pstudy__cell'>任务</View>
            <View className='pstudy__cell'>心得</View>
            <View className='pstudy__cell'>优秀</View>
          </View>
          {rows.map((r) => (
            <View key={r.memberId} className='pstudy__table-row'>
              <View className='pstudy__cell pstudy__cell--name'>
                {r.name}
                <View className='muted'>{r.groupName ?? '未分组'}</View>
              </View>
              <View className='pstudy__cell'>
                {r.counts.tasksDone}/{r.counts.tasks}
              </View>
              <View className='pstudy__cell'>{r.counts.notes}</View>
              <View className='pstudy__cell'>{r.counts.excellent}</View>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}

function Stat({ value, label }: { value: string | number; label: string }) {
  return (
    <View className='pstudy__stat'>
      <View className='pstudy__stat-num'>{value}</View>
      <View className='pstudy__stat-label'>{label}</View>
    </View>
  )
}
