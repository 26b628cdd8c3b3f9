import { Picker, Text, View } from '@tarojs/components'
import { Input, Switch } from '@nutui/nutui-react-taro'
import type { Geofence, VolunteerManageView } from '../../../shared/api/contract'
import { eligibilities, type Eligibility } from '../../../shared/domain/volunteer'
import { toast } from '../services/hooks'
import { currentPosition } from '../services/meeting'
import { eligibilityLabels } from '../services/volunteer'
import FormField, { SelectField } from '../components/FormField'
import './fields.scss'

/** The seats part of a shift or a roster: who may come, how many, who leads, what it counts. */
export interface SeatForm {
  capacity: string
  eligibility: Eligibility
  leaderId: string | null
  hours: string
  /** Percent, as people say it. */
  presencePercent: string
  place: string
  geofence: Geofence | null
}

export function seatInput(form: SeatForm) {
  return {
    capacity: Number(form.capacity),
    eligibility: form.eligibility,
    leaderId: form.leaderId,
    hours: Number(form.hours),
    presenceShare: Number(form.presencePercent) / 100,
    place: form.place,
    geofence: form.geofence,
  }
}

/** A date and a time of day, side by side. */
export function WhenPicker({ date, time, start, onChange }: { date: string; time: string; start?: string; onChange: (date: string, time: string) => void }) {
  return (
    <View className='vol-fields__when'>
      <Picker mode='date' value={date} start={start} onChange={(e) => onChange(String(e.detail.value), time)}>
        <View className='vol-fields__pick'>{date}</View>
      </Picker>
      <Picker mode='time' value={time} onChange={(e) => onChange(date, String(e.detail.value))}>
        <View className='vol-fields__pick vol-fields__pick--time'>{time}</View>
      </Picker>
    </View>
  )
}

/** A time of day. */
export function ClockPicker({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <Picker mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='vol-fields__pick vol-fields__pick--time'>{value}</View>
    </Picker>
  )
}

/** The fields every shift carries, made one by one or by a roster. */
export function SeatFields({ form, people, fields, onChange }: { form: SeatForm; people: VolunteerManageView['people']; fields: Record<string, string>; onChange: (patch: Partial<SeatForm>) => void }) {
  const leaders = [{ value: null as string | null, label: '不指定' }, ...people.map((p) => ({ value: p.id as string | null, label: p.name }))]
  const locate = async () => {
    const position = await currentPosition()
    if (!position) return toast('未能获取位置，请允许使用位置信息后重试')
    onChange({ geofence: { latitude: Number(position.latitude.toFixed(6)), longitude: Number(position.longitude.toFixed(6)), radiusMeters: form.geofence?.radiusMeters ?? 200 } })
  }
  return (
    <>
      <FormField label='名额（人）' error={fields.capacity}>
        <Input name='capacity' type='number' value={form.capacity} onChange={(v) => onChange({ capacity: v })} />
      </FormField>
      <FormField label='报名范围' error={fields.eligibility}>
        <SelectField options={eligibilities.map((value) => ({ value, label: eligibilityLabels[value] }))} value={form.eligibility} onChange={(v) => onChange({ eligibility: v })} />
      </FormField>
      <FormField label='带队人' required={false} error={fields.leaderId} hint='带队人出示签到码、确认服务时长'>
        <SelectField options={leaders} value={form.leaderId} onChange={(v) => onChange({ leaderId: v })} />
      </FormField>
      <FormField label='每人计服务时长（小时）' error={fields.hours}>
        <Input name='hours' type='digit' value={form.hours} onChange={(v) => onChange({ hours: v })} />
      </FormField>
      <FormField label='在岗比例（%）' error={fields.presenceShare} hint='签到到签退覆盖班次时长达到这个比例才计时长'>
        <Input name='presencePercent' type='number' value={form.presencePercent} onChange={(v) => onChange({ presencePercent: v })} />
      </FormField>
      <FormField label='地点' required={false} error={fields.place} hint='不填则用活动的地点'>
        <Input name='place' placeholder='如：学校东门路口' value={form.place} maxLength={40} onChange={(v) => onChange({ place: v })} />
      </FormField>
      <View className='vol-fields__switch'>
        <View>
          <View>定位签到</View>
          <View className='muted'>开启后可凭定位签到（以当前位置为中心）</View>
        </View>
        <Switch checked={form.geofence !== null} onChange={(on) => (on ? void locate() : onChange({ geofence: null }))} />
      </View>
      {form.geofence ? (
        <FormField label='签到范围（米）' error={fields.geofence ?? fields['geofence.radiusMeters']}>
          <Text className='vol-fields__where'>
            {form.geofence.latitude}, {form.geofence.longitude}
          </Text>
          <Input name='radius' type='number' value={String(form.geofence.radiusMeters)} onChange={(v) => form.geofence && onChange({ geofence: { ...form.geofence, radiusMeters: Number(v) || 0 } })} />
        </FormField>
      ) : null}
    </>
  )
}
