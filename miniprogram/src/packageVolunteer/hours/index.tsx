import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import type { ShiftDetailView, ShiftPersonView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { call } from '../../services/api'
import { formatClock, formatSpan } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { shareText } from '../labels'
import './index.scss'

interface Entry {
  memberId: string
  present: boolean
  hours: string
  reason: string
}

/** What the record says: present with the suggested hours when presence met the share, else absent. */
const fromRecord = (p: ShiftPersonView): Entry =>
  p.hoursStatus === 'pending'
    ? { memberId: p.memberId, present: p.suggestedHours > 0, hours: String(p.suggestedHours || ''), reason: '' }
    : { memberId: p.memberId, present: p.hoursStatus === 'credited', hours: String(p.hours ?? ''), reason: '' }

/** Whether an entry departs from the check-in record (or from hours already confirmed): it needs a reason. */
function needsReason(p: ShiftPersonView, e: Entry): boolean {
  const hours = e.present ? Number(e.hours) : 0
  if (p.hoursStatus !== 'pending') return (e.present ? 'credited' : 'noShow') !== p.hoursStatus || hours !== p.hours
  return e.present ? p.suggestedHours === 0 || hours !== p.suggestedHours : p.suggestedHours > 0
}

/**
 * 确认服务时长: the leader confirms each person's hours as presence suggests, corrects them with a
 * reason (kept before and after in the log), marks no-shows and enters people served.
 */
export default function HoursPage() {
  const { params } = useRouter()
  const shiftId = params.id ?? ''
  const [shift, setShift] = useState<ShiftDetailView | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [entries, setEntries] = useState<Entry[]>([])
  const [served, setServed] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()

  const load = async () => {
    const r = await call('volunteer.shift', { shiftId })
    if (!r.ok) return setLoadError(r.error)
    setShift(r.data)
    setEntries(r.data.people.filter((p) => p.status === 'confirmed').map(fromRecord))
    setServed(String(r.data.peopleServed || ''))
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (loadError) return <PageShell title='确认服务时长'><LoadError error={loadError} onRetry={() => void load()} /></PageShell>
  if (!shift) return <PageShell title='确认服务时长'><Loading /></PageShell>
  const people = shift.people.filter((p) => p.status === 'confirmed')
  const update = (i: number, patch: Partial<Entry>) => {
    setEntries((list) => list.map((e, j) => (j === i ? { ...e, ...patch } : e)))
    setFields((f) => Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith(`entries.${i}.`))))
  }

  const submit = () =>
    run('save', async () => {
      setFields({})
      const result = await call('volunteer.confirmHours', {
        shiftId,
        peopleServed: Number(served || 0),
        entries: entries.map((e) => ({ memberId: e.memberId, outcome: e.present ? ('credited' as const) : ('noShow' as const), hours: e.present ? Number(e.hours || 0) : 0, ...(e.reason.trim() ? { reason: e.reason.trim() } : {}) })),
      })
      if (!result.ok) {
        if (result.error.fields) setFields(result.error.fields)
        return toast(result.error.message)
      }
      toast('已确认', 'success')
      setTimeout(() => void Taro.navigateBack(), 600)
    })

  return (
    <PageShell title='确认服务时长' subtitle={`${shift.activityTitle} · ${formatSpan(shift.startAt, shift.endAt)}`}>
      <View className='alert alert--info'>
        在岗时间达到班次时长的 {Math.round(shift.presenceShare * 100)}% 计 {shift.hours} 小时。与签到记录不一致的修改请写明原因，会留下修改记录。
      </View>
      <View className='card'>
        {people.length ? (
          people.map((p, i) => {
            const e = entries[i]
            if (!e) return null
            const reasonNeeded = needsReason(p, e)
            return (
              <View key={p.memberId} className='hours__row'>
                <View className='hours__head'>
                  <View className='hours__who'>
                    <Text className='hours__name'>{p.name}</Text>
                    <Text className='hours__sub'>
                      {p.checkInAt ? `签到 ${formatClock(p.checkInAt)}${p.checkOutAt ? ` · 签退 ${formatClock(p.checkOutAt)}` : ' · 未签退，按在岗至结束计'} ${shareText(p.share)}` : '没有签到记录'}
                    </Text>
                  </View>
                  <Text className='hours__state'>{e.present ? '在岗' : '未到岗'}</Text>
                  <Switch checked={e.present} onChange={(v) => update(i, { present: v, hours: v && !e.hours ? String(shift.hours) : e.hours })} />
                </View>
                {e.present ? (
                  <View className={fields[`entries.${i}.hours`] ? 'hours__field hours__field--error' : 'hours__field'}>
                    <Text className='hours__label'>服务时长（小时）</Text>
                    <Input name={`hours-${i}`} type='digit' value={e.hours} onChange={(v) => update(i, { hours: v })} />
                  </View>
                ) : null}
                {reasonNeeded ? (
                  <View className={fields[`entries.${i}.reason`] ? 'hours__field hours__field--error' : 'hours__field'}>
                    <Input name={`reason-${i}`} placeholder='修改原因，如：忘记签到，现场确认在岗' value={e.reason} maxLength={100} onChange={(v) => update(i, { reason: v })} />
                  </View>
                ) : null}
                {fields[`entries.${i}.reason`] || fields[`entries.${i}.hours`] ? <View className='form-item__error'>{fields[`entries.${i}.reason`] ?? fields[`entries.${i}.hours`]}</View> : null}
              </View>
            )
          })
        ) : (
          <View className='muted'>本班次没有报名的人</View>
        )}
      </View>
      <View className='card'>
        <View className={fields.peopleServed ? 'hours__field hours__field--error' : 'hours__field'}>
          <Text className='hours__label'>受益人次</Text>
          <Input name='peopleServed' type='number' placeholder='如：120' value={served} onChange={setServed} />
        </View>
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'save'} onClick={() => void submit()}>
          确认
        </Button>
      </View>
    </PageShell>
  )
}
