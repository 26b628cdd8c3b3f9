import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { VolunteerRosterView } from '../../../../shared/api/contract'
import { weekdayLabels } from '../../../../shared/domain/volunteer'
import { call } from '../../services/api'
import { formatDate } from '../../services/format'
import { toast, useBusy, useResource } from '../../services/hooks'
import { activityTypeLabels, eligibilityLabels } from '../../services/volunteer'
import PageShell from '../../components/PageShell'
import PromptSheet from '../../components/PromptSheet'
import ShiftCard from '../../components/ShiftCard'
import { Loading, LoadError } from '../../components/StatusView'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

/** "每周一至周五 07:30–08:00，2 人，9月1日—1月15日". */
function rosterLine(r: VolunteerRosterView): string {
  const days = r.weekdays.length === 5 && r.weekdays.every((d, i) => d === i + 1) ? '周一至周五' : r.weekdays.map((d) => weekdayLabels[d]).join('、')
  return `每${days} ${r.startClock}–${r.endClock}，${r.capacity} 人，${formatDate(`${r.fromDate}T12:00:00+08:00`)}—${formatDate(`${r.toDate}T12:00:00+08:00`)}`
}

/** One activity: its rosters and shifts, and what a manager does with them. */
export default function ActivityPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const { state, reload, replace } = useResource(() => call('volunteer.activity', { activityId }))
  const { busy, run } = useBusy()
  const [cancelling, setCancelling] = useState(false)
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [showPast, setShowPast] = useState(false)
  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='志愿服务活动'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='志愿服务活动'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const a = state.data
  const now = Date.now()
  // A cancelled shift is not 待进行: it goes with the ended ones.
  const ahead = a.shifts.filter((s) => s.status !== 'cancelled' && Date.parse(s.endAt) >= now)
  const past = a.shifts.filter((s) => s.status === 'cancelled' || Date.parse(s.endAt) < now).reverse()
  const live = a.status !== 'cancelled'

  const publish = () =>
    run('publish', async () => {
      const r = await call('volunteer.publishActivity', { activityId })
      if (!r.ok) return toast(r.error.message)
      replace(r.data)
      toast('已发布，老师们可以报名了', 'success')
    })
  const cancel = (reason: string) =>
    run('cancel', async () => {
      const r = await call('volunteer.cancelActivity', { activityId, reason })
      if (!r.ok) return setSheetError(r.error.message)
      replace(r.data)
      setCancelling(false)
      toast('活动已取消，已通知报名的老师')
    })

  return (
    <PageShell title={a.title} subtitle={`${activityTypeLabels[a.type]} · ${a.organiser}`}>
      {a.status === 'cancelled' ? <View className='alert alert--error'>活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}</View> : null}
      {a.status === 'draft' ? <View className='alert alert--info'>草稿：发布前老师们看不到它的班次。</View> : null}
      <View className='card'>
        <View className='activity__line'>地点：{a.place}</View>
        {a.description ? <View className='activity__desc'>{a.description}</View> : null}
        {live ? (
          <View className='activity__buttons'>
            <Button size='small' fill='outline' type='default' onClick={() => go(`/packageVolunteer/activity-edit/index?id=${activityId}`)}>
              编辑
            </Button>
            {a.status === 'draft' ? (
              <Button size='small' type='primary' loading={busy === 'publish'} onClick={() => void publish()}>
                发布
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>

      {live ? (
        <View className='activity__tools'>
          <Button type='primary' onClick={() => go(`/packageVolunteer/roster/index?activityId=${activityId}`)}>
            按规则排班
          </Button>
          <Button fill='outline' type='primary' onClick={() => go(`/packageVolunteer/shift-edit/index?activityId=${activityId}`)}>
            添加班次
          </Button>
        </View>
      ) : null}

      {a.rosters.length ? (
        <>
          <View className='section-title'>排班规则</View>
          <View className='card'>
            {a.rosters.map((r) => (
              <View key={r.id} className='activity__roster' onClick={() => (live ? go(`/packageVolunteer/roster/index?activityId=${activityId}&id=${r.id}`) : undefined)}>
                <View className='activity__roster-main'>
                  <View>{rosterLine(r)}</View>
                  <View className='activity__roster-sub'>
                    {eligibilityLabels[r.eligibility]} · 带队 {r.leader?.name ?? '未指定'} · 共 {r.total} 班，待进行 {r.upcoming} 班
                    {r.holidays.length ? ` · 跳过 ${r.holidays.length} 段假期` : ''}
                  </View>
                </View>
                {live ? <Text className='activity__arrow'>修改 ›</Text> : null}
              </View>
            ))}
          </View>
        </>
      ) : null}

      <View className='section-title'>待进行的班次（{ahead.length}）</View>
      {ahead.length ? ahead.map((s) => <ShiftCard key={s.id} shift={s} withDay />) : <View className='card muted'>没有待进行的班次</View>}
      {past.length ? (
        <View className='activity__past' onClick={() => setShowPast(!showPast)}>
          {showPast ? '收起已结束或取消的班次' : `已结束或取消的班次（${past.length}）›`}
        </View>
      ) : null}
      {showPast ? past.map((s) => <ShiftCard key={s.id} shift={s} withDay />) : null}

      {live ? (
        <View className='activity__danger' onClick={() => { setSheetError(null); setCancelling(true) }}>
          取消活动
        </View>
      ) : null}
      <PromptSheet
        visible={cancelling}
        title='取消活动'
        note='未开始的班次都会取消，已报名和候补的老师都会收到通知。'
        placeholder='原因，如：天气原因改期'
        requiredMessage='请填写原因'
        maxLength={100}
        danger
        confirmText='取消活动'
        error={sheetError}
        busy={busy === 'cancel'}
        name='reason'
        onConfirm={(v) => void cancel(v)}
        onCancel={() => setCancelling(false)}
      />
    </PageShell>
  )
}
