import '../messages'
import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CalendarEntry, DevelopmentSettings } from '../../../../shared/api/contract'
import { developmentSettingLabels } from '../../../../shared/domain/development-rules'
import { call } from '../../services/api'
import { todayInBeijing } from '../../services/format'
import { toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import { dateWords } from '../labels'
import '../person/index.scss'

type Key = keyof DevelopmentSettings

/**
 * 发展党员规则: what the branch's province sets differently (each with its default and bounds), and
 * the days off and days worked the branch adds to the national holiday calendar — next year's
 * notice once it is published, or a local day off.
 */
export default function SettingsPage() {
  const { state, reload, replace } = useResource(() => call('development.settings', {}))
  const { busy, run } = useBusy()
  const [values, setValues] = useState<Record<Key, string> | null>(null)
  const [calendar, setCalendar] = useState<CalendarEntry[]>([])
  const [day, setDay] = useState(todayInBeijing())
  const [workday, setWorkday] = useState(false)
  useDidShow(() => {
    void reload({ quiet: true })
  })
  useEffect(() => {
    if (state.status !== 'ready') return
    setValues(Object.fromEntries(Object.entries(state.data.settings).map(([k, v]) => [k, String(v)])) as Record<Key, string>)
    setCalendar(state.data.calendar)
  }, [state])
  if (state.status === 'loading' || !values) return <PageShell title='发展党员规则'>{state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : <Loading />}</PageShell>
  if (state.status === 'error') return <PageShell title='发展党员规则'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const view = state.data
  const keys = Object.keys(view.defaults) as Key[]
  const save = () =>
    run('save', async () => {
      // Only what differs from the defaults is the branch's own: a default changed later still applies.
      const settings: Partial<DevelopmentSettings> = {}
      for (const k of keys) if (Number(values[k]) !== view.defaults[k]) settings[k] = Number(values[k])
      const r = await call('development.saveSettings', { settings, calendar })
      if (!r.ok) return toast(r.error.message)
      replace(r.data)
      toast('已保存', 'success')
    })
  const addDay = () => setCalendar([...calendar.filter((e) => e.date !== day), { date: day, workday }].sort((a, b) => a.date.localeCompare(b.date)))
  return (
    <PageShell title='发展党员规则' subtitle='按本省（市）规定调整；党章和细则的规定不能修改'>
      <View className='card'>
        {keys.map((k) => (
          <FormField key={k} label={developmentSettingLabels[k]} hint={`默认 ${view.defaults[k]}，可设 ${view.bounds[k][0]}–${view.bounds[k][1]}`}>
            <Input type='number' name={k} value={values[k]} onInput={(e) => setValues({ ...values, [k]: e.detail.value })} />
          </FormField>
        ))}
      </View>
      <View className='section-title'>工作日历</View>
      <View className='card'>
        <View className='dev__record'>
          已按国务院办公厅通知录入 {view.nationalYears.join('、')} 年的节假日和调休；其他年份暂按周一至周五计算。新的通知发布后，可在这里逐日补充，也可添加本地放假或上班的日子。
        </View>
        {calendar.map((e) => (
          <View key={e.date} className='dev__record'>
            {dateWords(e.date)} {e.workday ? '上班' : '放假'}
            <Text className='dev__link' onClick={() => setCalendar(calendar.filter((x) => x.date !== e.date))}>
              {' '}删除
            </Text>
          </View>
        ))}
        <FormField label='日期'>
          <Picker mode='date' value={day} onChange={(e) => setDay(String(e.detail.value))}>
            <View>{dateWords(day)}</View>
          </Picker>
        </FormField>
        <FormField label='这一天上班（调休）' required={false}>
          <Switch checked={workday} onChange={(e) => setWorkday(e.detail.value)} />
        </FormField>
        <Button block onClick={addDay}>
          添加这一天
        </Button>
      </View>
      <Button type='primary' size='large' block loading={busy === 'save'} onClick={() => void save()}>
        保存规则和日历
      </Button>
    </PageShell>
  )
}
