import { useMemo } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { DeskChartsView } from '../../../../shared/api/areas/desk'
import { call } from '../../services/api'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { chartColors } from '../../styles/colors'
import BarChart, { type Bar } from '../components/BarChart'
import { PeriodChooser, percent, Table, thisYear, useChosen } from '../shared'
import '../shared.scss'
import './index.scss'

/** 统计图表: attendance rate, volunteer hours and compliance month by month, each with its table. */
export default function ChartsPage() {
  const { params } = useRouter()
  const branchId = params.branchId || undefined
  const { choice: period, choose, state, reload } = useChosen(params.period ? decodeURIComponent(params.period) : String(thisYear()), (key) => call('desk.charts', { branchId, period: key }))
  const view = state.status === 'ready' ? state.data : null
  return (
    <PageShell title='统计图表' subtitle={view ? `${view.branch.name} · ${view.period.label}` : ' '}>
      <PeriodChooser value={period} onChange={choose} />
      {view?.period.notice ? <View className='card muted'>{view.period.notice}</View> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? <Charts view={view} /> : null}
    </PageShell>
  )
}

function Charts({ view }: { view: DeskChartsView }) {
  const attendance = useMemo<Bar[]>(() => view.attendanceByMonth.map((m) => ({ x: m.label, y: m.rate === null ? 0 : Math.round(m.rate * 1000) / 10 })), [view])
  const hours = useMemo<Bar[]>(() => view.volunteerByMonth.map((m) => ({ x: m.label, y: m.hours })), [view])
  const compliance = useMemo<Bar[]>(
    () =>
      view.complianceByMonth.flatMap((m) => [
        { x: `${m.month}`, y: m.green, series: '已召开' },
        { x: `${m.month}`, y: m.amber, series: '即将到期' },
        { x: `${m.month}`, y: m.red, series: '未召开' },
      ]),
    [view],
  )
  const complianceColors = useMemo(() => [chartColors.green, chartColors.amber, chartColors.primary], [])
  return (
    <>
      <View className='section-title'>出勤率（按月）</View>
      <View className='card'>
        <BarChart id='chart-attendance' data={attendance} max={100} unit='%' label='各月组织生活出勤率' />
        <Table head={['月份', '会议', '应到', '实到', '出勤率']} rows={view.attendanceByMonth.filter((m) => m.meetings > 0).map((m) => [m.label, m.meetings, m.expected, m.attended, percent(m.rate)])} />
      </View>

      <View className='section-title'>志愿服务时长（按月）</View>
      <View className='card'>
        <BarChart id='chart-hours' data={hours} unit='h' label='各月志愿服务时长' />
        {view.volunteerByMonth.some((m) => m.shifts > 0) ? (
          <Table head={['月份', '班次', '人次', '小时']} rows={view.volunteerByMonth.filter((m) => m.shifts > 0).map((m) => [m.label, m.shifts, m.personTimes, m.hours])} />
        ) : (
          <View className='muted'>本期还没有登记志愿服务时长。</View>
        )}
      </View>

      <View className='section-title'>三会一课完成情况（{view.year}年，按月到期）</View>
      <View className='card'>
        <BarChart id='chart-compliance' data={compliance} colors={complianceColors} label='各月到期的三会一课要求' />
        <View className='charts__key'>
          <View className='charts__swatch desk-cell desk-cell--green' />
          已召开
          <View className='charts__swatch desk-cell desk-cell--amber' />
          即将到期
          <View className='charts__swatch desk-cell desk-cell--red' />
          未召开
        </View>
        <Table head={['月份', '到期', '已召开', '即将到期', '未召开']} rows={view.complianceByMonth.filter((m) => m.due > 0).map((m) => [`${m.month}月`, m.due, m.green, m.amber, m.red])} />
      </View>
    </>
  )
}
