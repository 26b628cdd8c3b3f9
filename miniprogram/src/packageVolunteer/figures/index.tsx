import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Segmented } from '@nutui/nutui-react-taro'
import type { TeamFiguresView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { addCalendar, beijingDate, endOf, fromBeijing, startOf, type CalendarUnit } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { openFile } from '../../services/download'
import { toast, useBusy } from '../../services/hooks'
import { activityTypeLabels } from '../../services/volunteer'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import './index.scss'

type Preset = 'year' | 'quarter' | 'month' | 'custom'

/** A Beijing period as two calendar dates, `to` inclusive. */
interface Period {
  from: string
  to: string
}

const presetPeriod = (unit: CalendarUnit, now: number): Period => ({ from: beijingDate(startOf(unit, now)), to: beijingDate(addCalendar(endOf(unit, now), -1, 'day')) })
const asInput = (p: Period) => ({ from: fromBeijing(p.from).toISOString(), to: fromBeijing(beijingDate(addCalendar(fromBeijing(p.to), 1, 'day'))).toISOString() })

/**
 * 团队数据: the team's activities, shifts, 人次, hours and people served for a period, by activity
 * type (counts only, nobody ranked), and the hours sheet for the records.
 */
export default function FiguresPage() {
  const [preset, setPreset] = useState<Preset>('year')
  const [period, setPeriod] = useState<Period>(presetPeriod('year', Date.now()))
  const [figures, setFigures] = useState<TeamFiguresView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const { busy, run } = useBusy()

  const load = async (p: Period) => {
    setError(null)
    const r = await call('volunteer.figures', asInput(p))
    if (r.ok) setFigures(r.data)
    else setError(r.error)
  }
  useEffect(() => {
    void load(period)
  }, [period])

  const choose = (value: Preset) => {
    setPreset(value)
    if (value !== 'custom') setPeriod(presetPeriod(value, Date.now()))
  }
  const download = () =>
    run('export', async () => {
      const link = await call('volunteer.exportHours', asInput(period))
      if (!link.ok) return toast(link.error.message)
      if (!link.data.rows) return toast('这段时间还没有已确认的服务时长')
      const opened = await openFile(link.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const t = figures?.total
  return (
    <PageShell title='团队数据' subtitle={figures?.branchName ?? '“七彩阳光”党员志愿服务队'}>
      <View className='segmented-bar'>
        <Segmented
          options={[
            { value: 'year', label: '本年' },
            { value: 'quarter', label: '本季度' },
            { value: 'month', label: '本月' },
            { value: 'custom', label: '自选' },
          ]}
          value={preset}
          onChange={(v) => choose(v as Preset)}
        />
      </View>
      <View className='card figures__period'>
        <Picker mode='date' value={period.from} end={period.to} onChange={(e) => { setPreset('custom'); setPeriod({ ...period, from: String(e.detail.value) }) }}>
          <View className='figures__date'>{period.from}</View>
        </Picker>
        <Text className='muted'>至</Text>
        <Picker mode='date' value={period.to} start={period.from} onChange={(e) => { setPreset('custom'); setPeriod({ ...period, to: String(e.detail.value) }) }}>
          <View className='figures__date'>{period.to}</View>
        </Picker>
      </View>
      {error ? <LoadError error={error} onRetry={() => void load(period)} /> : null}
      {!figures && !error ? <Loading /> : null}
      {t ? (
        <>
          <View className='card figures__totals'>
            {[
              ['开展活动', t.activities, '项'],
              ['服务班次', t.shifts, '次'],
              ['参与', t.personTimes, '人次'],
              ['服务时长', t.hours, '小时'],
              ['受益', t.peopleServed, '人次'],
            ].map(([label, value, unit]) => (
              <View key={label as string} className='figures__total'>
                <Text className='figures__num'>{value}</Text>
                <Text className='figures__label'>
                  {label}（{unit}）
                </Text>
              </View>
            ))}
          </View>
          <View className='section-title'>按活动类型</View>
          <View className='card'>
            <View className='figures__row figures__row--head'>
              <Text className='figures__cell figures__cell--type'>类型</Text>
              <Text className='figures__cell'>班次</Text>
              <Text className='figures__cell'>人次</Text>
              <Text className='figures__cell'>时长</Text>
              <Text className='figures__cell'>受益</Text>
            </View>
            {figures?.byType.length ? (
              figures.byType.map((f) => (
                <View key={f.type} className='figures__row'>
                  <Text className='figures__cell figures__cell--type'>{activityTypeLabels[f.type]}</Text>
                  <Text className='figures__cell'>{f.shifts}</Text>
                  <Text className='figures__cell'>{f.personTimes}</Text>
                  <Text className='figures__cell'>{f.hours}</Text>
                  <Text className='figures__cell'>{f.peopleServed}</Text>
                </View>
              ))
            ) : (
              <View className='muted'>这段时间没有开展志愿服务</View>
            )}
          </View>
          <View className='figures__note'>人次为参与服务并确认时长的人数之和，不对个人排名。</View>
        </>
      ) : null}
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'export'} onClick={() => void download()}>
          导出服务时长（Excel）
        </Button>
      </View>
    </PageShell>
  )
}
