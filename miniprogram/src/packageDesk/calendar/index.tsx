import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ComplianceCellView, ComplianceRowView, ComplianceView } from '../../../../shared/api/areas/desk'
import { cellWords, frequencyLabels, type Frequency } from '../../../../shared/domain/compliance-labels'
import { call } from '../../services/api'
import { formatDay } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { go, Legend, Table, thisYear, useChosen, YearSwitch } from '../shared'
import '../shared.scss'
import './index.scss'

/** 三会一课 calendar: each requirement by month, quarter or year, green, amber, red or grey. */
export default function CalendarPage() {
  const { params } = useRouter()
  const branchId = params.branchId || undefined
  const [chosen, setChosen] = useState<{ row: ComplianceRowView; cell: ComplianceCellView } | null>(null)
  const { choice: year, choose: changeYear, state, reload, replace } = useChosen(thisYear(), (y) => call('desk.compliance', { branchId, year: y }), () => setChosen(null))
  const { busy, run } = useBusy()

  const setLecture = (frequency: Frequency) =>
    run('rules', async () => {
      const r = await call('desk.setRules', { frequency: { partyLecture: frequency } })
      if (!r.ok) return toast(r.error.message)
      replace(r.data)
      toast('已保存', 'success')
    })

  const view = state.status === 'ready' ? state.data : null
  return (
    <PageShell title='三会一课' subtitle={view ? view.branch.name : ' '}>
      <YearSwitch year={year} max={thisYear()} onChange={changeYear} />
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? (
        <>
          {view.alerts.length ? (
            <View className='card cal__alerts'>
              {view.alerts.map((a, i) => (
                <View className={`cal__alert cal__alert--${a.status}`} key={i}>
                  {a.text}
                </View>
              ))}
            </View>
          ) : null}
          <View className='card cal__card'>
            <Months />
            {view.rows.map((row) => (
              <View className='cal__row' key={`${row.kind}-${row.groupId ?? ''}`}>
                <View className='cal__label'>
                  {row.label}
                  <Text className='cal__freq'>{frequencyLabels[row.frequency]}</Text>
                </View>
                <View className='cal__cells'>
                  {row.cells.map((cell) => (
                    <View
                      key={cell.key}
                      className={`cal__cell cal__cell--${row.frequency} desk-cell desk-cell--${cell.beforeRecords ? 'before' : cell.status}${chosen?.cell.key === cell.key && chosen.row === row ? ' cal__cell--on' : ''}`}
                      onClick={() => setChosen({ row, cell })}
                    >
                      {cell.held.length > 1 ? cell.held.length : ''}
                    </View>
                  ))}
                </View>
              </View>
            ))}
            <View className='cal__legend'>
              <Legend />
            </View>
          </View>
          {chosen ? <CellDetail row={chosen.row} cell={chosen.cell} /> : <View className='muted cal__hint'>点格子可查看当期会议</View>}

          <View className='section-title'>按季度</View>
          <View className='card'>
            <Table head={['季度', '应召开', '已召开', '即将到期', '未召开']} rows={view.byQuarter.map((q) => [`第${q.quarter}季度`, q.due, q.green, q.amber, q.red])} />
          </View>

          {view.canEditRules ? <Rules view={view} busy={busy === 'rules'} onLecture={(f) => void setLecture(f)} /> : null}
        </>
      ) : null}
    </PageShell>
  )
}

function Months() {
  return (
    <View className='cal__row cal__row--head'>
      <View className='cal__label' />
      <View className='cal__cells'>
        {Array.from({ length: 12 }, (_, i) => (
          <Text className='cal__month' key={i}>
            {i + 1}
          </Text>
        ))}
      </View>
    </View>
  )
}

function CellDetail({ row, cell }: { row: ComplianceRowView; cell: ComplianceCellView }) {
  const list = (title: string, items: ComplianceCellView['held']) =>
    items.length ? (
      <View className='cal__list'>
        <View className='muted'>{title}</View>
        {items.map((m) => (
          <View className='cal__meeting' key={m.id} onClick={() => go(`/pages/meeting/index?id=${encodeURIComponent(m.id)}`)}>
            <Text>{formatDay(m.startAt)}</Text>
            <Text className='cal__meeting-title'>{m.title}</Text>
            <Text className='muted'>›</Text>
          </View>
        ))}
      </View>
    ) : null
  return (
    <View className='card'>
      <View className='cal__detail-head'>
        <Text className='cal__detail-title'>
          {row.label} · {cell.label}
        </Text>
        <Text className={`chip chip--${cell.status === 'grey' ? 'grey' : cell.status}`}>{cellWords(cell)}</Text>
      </View>
      {list('已召开', cell.held)}
      {list('已安排', cell.planned)}
      {list('未达到法定人数，不计入', cell.noQuorum)}
      {!cell.held.length && !cell.planned.length && !cell.noQuorum.length ? <View className='muted'>本期没有这类会议</View> : null}
    </View>
  )
}

function Rules({ view, busy, onLecture }: { view: ComplianceView; busy: boolean; onLecture: (f: Frequency) => void }) {
  const lecture = view.rules.frequency.partyLecture
  return (
    <>
      <View className='section-title'>本支部规则</View>
      <View className='card'>
        <View className='cal__rule'>
          <Text>党课</Text>
          <View className='cal__segment'>
            {(['month', 'quarter'] as Frequency[]).map((f) => (
              <Text key={f} className={lecture === f ? 'cal__seg cal__seg--on' : 'cal__seg'} onClick={() => !busy && lecture !== f && onLecture(f)}>
                {frequencyLabels[f]}
              </Text>
            ))}
          </View>
        </View>
        <View className='muted'>到期前 {view.rules.dueSoonDays} 天未召开即提醒（黄色）。</View>
      </View>
    </>
  )
}
