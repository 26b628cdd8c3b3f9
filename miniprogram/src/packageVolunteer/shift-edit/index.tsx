import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { VolunteerManageView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { hoursFollowingTimes, shiftLengthHours } from '../../../../shared/domain/volunteer'
import { addCalendar } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { beijingIso, splitBeijing, todayInBeijing } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import { ClockPicker, SeatFields, WhenPicker, seatInput, type SeatForm } from '../fields'

type When = { date: string; time: string }
interface Form extends SeatForm {
  date: string
  start: string
  end: string
  opens: When
  closes: When
  cancelBy: When
  /** Someone typed the hours: they no longer follow the times. */
  hoursByHand: boolean
}

const iso = (w: When) => beijingIso(w.date, w.time)
const when = (instant: string | number | Date) => splitBeijing(new Date(instant).getTime())

/** A new shift three days ahead: 09:00–11:00, sign-up open now and closing the evening before. */
function freshForm(now: number): Form {
  const date = splitBeijing(addCalendar(now, 3, 'day').getTime()).date
  const dayBefore = splitBeijing(addCalendar(now, 2, 'day').getTime()).date
  return {
    date,
    start: '09:00',
    end: '11:00',
    opens: when(now),
    closes: { date: dayBefore, time: '20:00' },
    cancelBy: { date: dayBefore, time: '12:00' },
    capacity: '6',
    eligibility: 'partyMembers',
    leaderId: null,
    hours: '2',
    hoursByHand: false,
    presencePercent: '60',
    place: '',
    geofence: null,
  }
}

/** 添加 / 编辑班次: date and times, sign-up and cancel deadlines, seats, leader and hours. */
export default function ShiftEditPage() {
  const { params } = useRouter()
  const shiftId = params.id ?? ''
  const [activityId, setActivityId] = useState(params.activityId ?? '')
  const [form, setForm] = useState<Form | null>(null)
  const [people, setPeople] = useState<VolunteerManageView['people']>([])
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()

  const load = async () => {
    const [manage, shift] = await Promise.all([call('volunteer.manage', {}), shiftId ? call('volunteer.shift', { shiftId }) : Promise.resolve(null)])
    if (!manage.ok) return setLoadError(manage.error)
    if (shift && !shift.ok) return setLoadError(shift.error)
    setPeople(manage.data.people)
    if (shift) {
      const s = shift.data
      setActivityId(s.activityId)
      setForm({
        date: when(s.startAt).date,
        start: when(s.startAt).time,
        end: when(s.endAt).time,
        opens: when(s.signupOpensAt),
        closes: when(s.signupClosesAt),
        cancelBy: when(s.cancelDeadline),
        capacity: String(s.capacity),
        eligibility: s.eligibility,
        leaderId: s.leader?.id ?? null,
        hours: String(s.hours),
        hoursByHand: s.hours !== shiftLengthHours({ startAt: new Date(s.startAt), endAt: new Date(s.endAt) }),
        presencePercent: String(Math.round(s.presenceShare * 100)),
        place: s.place,
        geofence: s.geofence,
      })
    } else setForm(freshForm(Date.now()))
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (loadError) return <PageShell title='志愿服务班次'><LoadError error={loadError} onRetry={() => void load()} /></PageShell>
  if (!form) return <PageShell title='志愿服务班次'><Loading /></PageShell>
  const change = (patch: Partial<Form>) => {
    const next = { ...form, ...patch }
    // The hours follow the shift's length, whichever of start and end is edited first, until someone sets them by hand.
    if (patch.hours !== undefined) next.hoursByHand = true
    else if ((patch.date || patch.start || patch.end) && !form.hoursByHand) {
      next.hours = String(hoursFollowingTimes({ startAt: new Date(beijingIso(next.date, next.start)), endAt: new Date(beijingIso(next.date, next.end)) }, Number(form.hours)))
    }
    setForm(next)
    setFields({})
  }

  const save = () =>
    run('save', async () => {
      const times = { startAt: beijingIso(form.date, form.start), endAt: beijingIso(form.date, form.end), signupOpensAt: iso(form.opens), signupClosesAt: iso(form.closes), cancelDeadline: iso(form.cancelBy) }
      const seats = seatInput(form)
      const r = shiftId ? await call('volunteer.updateShift', { shiftId, ...times, ...seats }) : await call('volunteer.addShift', { activityId, ...times, ...seats })
      if (!r.ok) {
        if (r.error.fields) setFields(r.error.fields)
        return toast(r.error.message)
      }
      toast('已保存', 'success')
      setTimeout(() => void (shiftId ? Taro.navigateBack() : Taro.redirectTo({ url: `/packageVolunteer/shift/index?id=${r.data.id}` })), 600)
    })

  return (
    <PageShell title={shiftId ? '编辑班次' : '添加班次'} subtitle='报名、取消截止后，老师只能通过换班或联系带队人调整'>
      <View className='card'>
        <FormField label='日期' error={fields.startAt}>
          <Picker mode='date' value={form.date} start={todayInBeijing()} onChange={(e) => change({ date: String(e.detail.value) })} style={{ flex: 1 }}>
            <View className='form-item__value'>{form.date}</View>
          </Picker>
        </FormField>
        <FormField label='时间' error={fields.endAt}>
          <ClockPicker value={form.start} onChange={(start) => change({ start })} />
          <Text className='vol-fields__to'>至</Text>
          <ClockPicker value={form.end} onChange={(end) => change({ end })} />
        </FormField>
        <FormField label='报名开始' error={fields.signupOpensAt}>
          <WhenPicker date={form.opens.date} time={form.opens.time} onChange={(date, time) => change({ opens: { date, time } })} />
        </FormField>
        <FormField label='报名截止' error={fields.signupClosesAt}>
          <WhenPicker date={form.closes.date} time={form.closes.time} onChange={(date, time) => change({ closes: { date, time } })} />
        </FormField>
        <FormField label='取消截止' error={fields.cancelDeadline} hint='此后不能自行取消，只能换班或由带队人移出'>
          <WhenPicker date={form.cancelBy.date} time={form.cancelBy.time} onChange={(date, time) => change({ cancelBy: { date, time } })} />
        </FormField>
        <SeatFields form={form} people={people} fields={fields} onChange={change} />
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'save'} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
