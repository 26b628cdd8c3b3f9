import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { VolunteerManageView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { addCalendar } from '../../../../shared/domain/time'
import { patternDates, rosterPatternProblems, schoolDays, weekdayLabels, type DateRange, type RosterPattern, type Weekday } from '../../../../shared/domain/volunteer'
import { call } from '../../services/api'
import { todayInBeijing } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import { ClockPicker, SeatFields, seatInput, type SeatForm } from '../fields'
import './index.scss'

interface Form extends SeatForm, RosterPattern {
  cancelHoursBefore: string
  signupClosesMinutesBefore: string
}

const allDays: Weekday[] = [1, 2, 3, 4, 5, 6, 7]

/** 礼让斑马线 for a term: every school day 07:30–08:00 at the gate, two people, starting tomorrow. */
function freshForm(now: number): Form {
  return {
    fromDate: todayInBeijing(addCalendar(now, 1, 'day').getTime()),
    toDate: todayInBeijing(addCalendar(now, 4, 'month').getTime()),
    weekdays: [...schoolDays],
    startClock: '07:30',
    endClock: '08:00',
    holidays: [],
    cancelHoursBefore: '12',
    signupClosesMinutesBefore: '0',
    capacity: '2',
    eligibility: 'partyMembers',
    leaderId: null,
    hours: '0.5',
    presencePercent: '60',
    place: '',
    geofence: null,
  }
}

/**
 * 按规则排班: one step makes the shifts of a pattern (e.g. every school day for a term), skipping
 * the holidays marked; editing it later changes only the shifts that have not started.
 */
export default function RosterPage() {
  const { params } = useRouter()
  const activityId = params.activityId ?? ''
  const rosterId = params.id ?? ''
  const [form, setForm] = useState<Form | null>(null)
  const [people, setPeople] = useState<VolunteerManageView['people']>([])
  const [holiday, setHoliday] = useState<DateRange | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()

  const load = async () => {
    const [manage, activity] = await Promise.all([call('volunteer.manage', {}), rosterId ? call('volunteer.activity', { activityId }) : Promise.resolve(null)])
    if (!manage.ok) return setLoadError(manage.error)
    if (activity && !activity.ok) return setLoadError(activity.error)
    setPeople(manage.data.people)
    const roster = activity?.data.rosters.find((r) => r.id === rosterId)
    setForm(
      roster
        ? {
            fromDate: roster.fromDate,
            toDate: roster.toDate,
            weekdays: roster.weekdays,
            startClock: roster.startClock,
            endClock: roster.endClock,
            holidays: roster.holidays,
            cancelHoursBefore: String(roster.cancelHoursBefore),
            signupClosesMinutesBefore: String(roster.signupClosesMinutesBefore),
            capacity: String(roster.capacity),
            eligibility: roster.eligibility,
            leaderId: roster.leader?.id ?? null,
            hours: String(roster.hours),
            presencePercent: String(Math.round(roster.presenceShare * 100)),
            place: roster.place,
            geofence: roster.geofence,
          }
        : freshForm(Date.now()),
    )
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (loadError) return <PageShell title='按规则排班'><LoadError error={loadError} onRetry={() => void load()} /></PageShell>
  if (!form) return <PageShell title='按规则排班'><Loading /></PageShell>
  const change = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch })
    setFields({})
  }
  const pattern = { fromDate: form.fromDate, toDate: form.toDate, weekdays: form.weekdays, startClock: form.startClock, endClock: form.endClock, holidays: form.holidays }
  // The same rules the server applies, so the count and the problems show before saving.
  const problems = rosterPatternProblems(pattern)
  const count = Object.keys(problems).length ? 0 : patternDates(pattern).length
  const err = (key: string) => fields[`pattern.${key}`] ?? fields[key] ?? problems[key]

  const toggleDay = (d: Weekday) => change({ weekdays: form.weekdays.includes(d) ? form.weekdays.filter((x) => x !== d) : [...form.weekdays, d].sort() })

  const save = () =>
    run('save', async () => {
      const input = { pattern, cancelHoursBefore: Number(form.cancelHoursBefore), signupClosesMinutesBefore: Number(form.signupClosesMinutesBefore), ...seatInput(form) }
      const r = rosterId ? await call('volunteer.updateRoster', { rosterId, ...input }) : await call('volunteer.createRoster', { activityId, ...input })
      if (!r.ok) {
        if (r.error.fields) setFields(r.error.fields)
        return toast(r.error.message)
      }
      const d = r.data as { created: number; updated?: number; cancelled?: number }
      toast(rosterId ? `已更新 ${d.updated ?? 0} 班，新增 ${d.created} 班，取消 ${d.cancelled ?? 0} 班` : `已排好 ${d.created} 个班次`, 'none')
      setTimeout(() => void Taro.navigateBack(), 900)
    })

  return (
    <PageShell title={rosterId ? '修改排班' : '按规则排班'} subtitle={rosterId ? '只改动尚未开始的班次，已开始的保持不变' : '一次排好一学期的班次，跳过假期'}>
      <View className='card'>
        <FormField label='日期范围' error={err('fromDate') ?? err('toDate')}>
          <Picker mode='date' value={form.fromDate} start={todayInBeijing()} onChange={(e) => change({ fromDate: String(e.detail.value) })}>
            <View className='roster__pick'>{form.fromDate}</View>
          </Picker>
          <Text className='vol-fields__to'>至</Text>
          <Picker mode='date' value={form.toDate} start={form.fromDate} onChange={(e) => change({ toDate: String(e.detail.value) })}>
            <View className='roster__pick roster__pick--end'>{form.toDate}</View>
          </Picker>
        </FormField>
        <FormField label='每周' error={err('weekdays')}>
          <View className='roster__days'>
            {allDays.map((d) => (
              <View key={d} className={form.weekdays.includes(d) ? 'roster__day roster__day--on' : 'roster__day'} onClick={() => toggleDay(d)}>
                {weekdayLabels[d].slice(1)}
              </View>
            ))}
          </View>
        </FormField>
        <FormField label='时间' error={err('startClock') ?? err('endClock')}>
          <ClockPicker value={form.startClock} onChange={(startClock) => change({ startClock })} />
          <Text className='vol-fields__to'>至</Text>
          <ClockPicker value={form.endClock} onChange={(endClock) => change({ endClock })} />
        </FormField>
        <FormField label='假期（不排班）' required={false} error={Object.entries(fields).find(([k]) => k.startsWith('pattern.holidays'))?.[1]}>
          <View className='roster__holidays'>
            {form.holidays.map((h, i) => (
              <View key={`${h.from}-${i}`} className='roster__holiday'>
                <Text>{h.from === h.to ? h.from : `${h.from} 至 ${h.to}`}</Text>
                <Text className='roster__remove' onClick={() => change({ holidays: form.holidays.filter((_x, j) => j !== i) })}>
                  删除
                </Text>
              </View>
            ))}
            {holiday ? (
              <View className='roster__holiday'>
                <Picker mode='date' value={holiday.from} start={form.fromDate} end={form.toDate} onChange={(e) => setHoliday({ from: String(e.detail.value), to: holiday.to < String(e.detail.value) ? String(e.detail.value) : holiday.to })}>
                  <View className='roster__pick'>{holiday.from}</View>
                </Picker>
                <Text className='vol-fields__to'>至</Text>
                <Picker mode='date' value={holiday.to} start={holiday.from} end={form.toDate} onChange={(e) => setHoliday({ ...holiday, to: String(e.detail.value) })}>
                  <View className='roster__pick'>{holiday.to}</View>
                </Picker>
                <Text className='roster__add' onClick={() => { change({ holidays: [...form.holidays, holiday] }); setHoliday(null) }}>
                  添加
                </Text>
              </View>
            ) : (
              <Text className='roster__add' onClick={() => setHoliday({ from: form.fromDate, to: form.fromDate })}>
                ＋ 添加假期
              </Text>
            )}
          </View>
        </FormField>
        <View className='roster__count'>{count ? `将排 ${count} 个班次${rosterId ? '（已开始的不变）' : ''}` : '按这个规则排不出班次'}</View>
      </View>
      <View className='card'>
        <SeatFields form={form} people={people} fields={fields} onChange={change} />
        <FormField label='开始前多少小时截止取消' error={fields.cancelHoursBefore}>
          <Input name='cancelHoursBefore' type='digit' value={form.cancelHoursBefore} onChange={(v) => change({ cancelHoursBefore: v })} />
        </FormField>
        <FormField label='开始前多少分钟截止报名' error={fields.signupClosesMinutesBefore}>
          <Input name='signupClosesMinutesBefore' type='number' value={form.signupClosesMinutesBefore} onChange={(v) => change({ signupClosesMinutesBefore: v })} />
        </FormField>
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block disabled={!count} loading={busy === 'save'} onClick={() => void save()}>
          {rosterId ? '保存修改' : `排好 ${count} 个班次`}
        </Button>
      </View>
    </PageShell>
  )
}
