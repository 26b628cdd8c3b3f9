import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ShiftDetailView, ShiftPersonView } from '../../../../shared/api/contract'
import { call } from '../../services/api'
import { formatClock, formatSpan, formatTime } from '../../services/format'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import { currentPosition } from '../../services/meeting'
import { activityTypeLabels, eligibilityLabels, placeChip, seatsLine, shiftTimes, signUp, signupButton, signupMessage } from '../../services/volunteer'
import { askReminders } from '../../services/reminders'
import { mayCancel, mayChangeShift, mayConfirmHours, mayLeaveWaitlist, mayRemove, maySwap, shiftCheckinWindow } from '../../../../shared/domain/volunteer'
import PageShell from '../../components/PageShell'
import PromptSheet from '../../components/PromptSheet'
import Chip from '../../components/Chip'
import { Loading, LoadError } from '../../components/StatusView'
import { logKindLabels, shareText } from '../labels'
import './index.scss'

/** 班次: what, when, where, who is on it and who waits; my place and its actions; the leader's tools. */
export default function ShiftPage() {
  const { params } = useRouter()
  const shiftId = params.id ?? ''
  const { state, reload, replace } = useResource(() => call('volunteer.shift', { shiftId }))
  const { busy, run } = useBusy()
  const [removing, setRemoving] = useState<ShiftPersonView | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [sheetError, setSheetError] = useState<string | null>(null)

  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='志愿服务班次'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='志愿服务班次'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const shift = state.data
  const now = Date.now()
  // Every window below is the server's rule from shared/domain/volunteer.ts, asked with this clock.
  const times = shiftTimes(shift)
  const at = new Date(now)
  const swapOpen = maySwap(times, at)
  const mine = shift.mine
  const active = mine && (mine.status === 'confirmed' || mine.status === 'waitlisted')
  const chip = placeChip(mine, shift)
  const button = signupButton(shift, now)
  // The server's rule: until the deadline, or within minutes of an accidental 报名.
  const canCancel = mine?.status === 'confirmed' && mayCancel(times, at, { signedUpAt: new Date(mine.signedUpAt) })
  const canLeaveLine = mine?.status === 'waitlisted' && mayLeaveWaitlist(times, at)
  const canRemove = shift.canLead && mayRemove(times, at)
  const hoursOpen = mayConfirmHours(times, at)
  const checkinOpen = shiftCheckinWindow(times, at).state === 'open'

  const act = (key: string, work: () => Promise<{ ok: true; data: ShiftDetailView } | { ok: false; error: { message: string } }>, done: string) =>
    run(key, async () => {
      const result = await work()
      if (!result.ok) return toast(result.error.message)
      replace(result.data)
      toast(done, 'success')
    })

  const signup = (waitlist: boolean) => {
    // Asked in the tap, before any await: the evening-before reminder and a seat from the waitlist.
    void askReminders('afterShiftSignup')
    return run('signup', async () => {
      const result = await signUp(shift, waitlist)
      if (!result) return
      if (!result.ok) return toast(result.error.message)
      toast(signupMessage(result.data), result.data.status === 'confirmed' ? 'success' : 'none')
      await reload({ quiet: true })
    })
  }

  const leave = async () => {
    const waiting = mine?.status === 'waitlisted'
    // The buttons say what they do (a bare 取消 beside 取消报名 reads both ways); WeChat allows four characters.
    if (!(await confirm(waiting ? '退出候补' : '取消报名', waiting ? '退出后排在你后面的人会前移一位。' : '取消后名额会自动给候补的第一位老师。', waiting ? '退出候补' : '取消报名', waiting ? '继续候补' : '保留名额'))) return
    await act('cancel', () => call('volunteer.cancel', { shiftId }), waiting ? '已退出候补' : '已取消报名')
  }

  const checkInHere = () =>
    run('locate', async () => {
      const position = await currentPosition()
      if (!position) return toast('未能获取位置，请允许使用位置信息后重试')
      const result = await call('volunteer.scan', { shiftId, location: position })
      if (!result.ok) return toast(result.error.message)
      toast(result.data.action === 'checkOut' ? '签退成功' : result.data.action === 'checkIn' ? '签到成功' : '你已签到', 'success')
      await reload({ quiet: true })
    })

  const remove = (reason: string) =>
    run('remove', async () => {
      if (!removing) return
      const result = await call('volunteer.remove', { shiftId, memberId: removing.memberId, reason })
      if (!result.ok) return setSheetError(result.error.message)
      replace(result.data)
      setRemoving(null)
      toast('已移出', 'success')
    })

  const cancelShift = (reason: string) =>
    run('cancelShift', async () => {
      const result = await call('volunteer.cancelShift', { shiftId, reason })
      if (!result.ok) return setSheetError(result.error.message)
      replace(result.data)
      setCancelling(false)
      toast('班次已取消，已通知报名的老师', 'none')
    })

  const seated = shift.people.filter((p) => p.status === 'confirmed')
  const waiting = shift.people.filter((p) => p.status === 'waitlisted')
  const swaps = shift.swaps

  return (
    <PageShell title={shift.activityTitle} subtitle={`${activityTypeLabels[shift.activityType]} · ${shift.organiser}`}>
      {shift.status === 'cancelled' ? <View className='alert alert--error'>本班次已取消{shift.cancelReason ? `：${shift.cancelReason}` : ''}</View> : null}

      <View className='card shift'>
        <View className='shift__when'>{formatSpan(shift.startAt, shift.endAt)}</View>
        <View className='shift__line'>地点：{shift.place}</View>
        <View className='shift__line'>带队：{shift.leader?.name ?? '未指定'}</View>
        <View className='shift__line'>
          {eligibilityLabels[shift.eligibility]} · {seatsLine(shift)} · 计 {shift.hours} 小时
        </View>
        <View className='shift__line shift__line--muted'>
          报名截止 {formatTime(shift.signupClosesAt)} · 取消截止 {formatTime(shift.cancelDeadline)}
        </View>
        {shift.description ? <View className='shift__desc'>{shift.description}</View> : null}
      </View>

      {shift.status === 'published' ? (
        <View className='card shift__mine'>
          <View className='shift__mine-head'>
            <Text className='shift__mine-title'>我的报名</Text>
            {chip ? <Chip tone={chip.tone}>{chip.text}</Chip> : <Text className='muted'>未报名</Text>}
          </View>
          {mine?.checkInAt ? (
            <View className='shift__line'>
              签到 {formatClock(mine.checkInAt)}
              {mine.checkOutAt ? ` · 签退 ${formatClock(mine.checkOutAt)}` : ''}
            </View>
          ) : null}
          {mine?.status === 'confirmed' && swapOpen && !canCancel ? <View className='shift__hint'>已过取消截止时间。不能参加时，可以发起换班，请其他老师接替。</View> : null}
          <View className='shift__buttons'>
            {button ? (
              <Button type='primary' fill={button.waitlist ? 'outline' : 'solid'} disabled={button.disabled} loading={busy === 'signup'} onClick={() => void signup(button.waitlist)}>
                {button.label}
              </Button>
            ) : null}
            {canCancel || canLeaveLine ? (
              <Button fill='outline' type='default' loading={busy === 'cancel'} onClick={() => void leave()}>
                {mine?.status === 'waitlisted' ? '退出候补' : '取消报名'}
              </Button>
            ) : null}
            {mine?.status === 'confirmed' && swapOpen && !canCancel ? (
              <Button fill='outline' type='primary' loading={busy === 'swap'} onClick={() => void act('swap', () => call('volunteer.offerSwap', { shiftId, offer: !mine.offered }), mine.offered ? '已撤回换班' : '已发起换班')}>
                {mine.offered ? '撤回换班' : '发起换班'}
              </Button>
            ) : null}
            {mine?.status === 'confirmed' && shift.hasGeofence && checkinOpen && !mine.checkOutAt ? (
              <Button type='primary' loading={busy === 'locate'} onClick={() => void checkInHere()}>
                {mine.checkInAt ? '定位签退' : '定位签到'}
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      {shift.status === 'published' && !active && swaps.length && swapOpen ? (
        <>
          <View className='section-title'>可接替的名额</View>
          <View className='card'>
            {swaps.map((s) => (
              <View key={s.memberId} className='shift__person'>
                <Text className='shift__person-name'>{s.name} 希望有人接替</Text>
                <Button size='small' type='primary' disabled={!shift.mayJoin} loading={busy === `take-${s.memberId}`} onClick={() => void act(`take-${s.memberId}`, () => call('volunteer.takeSwap', { shiftId, fromMemberId: s.memberId }), '已接替')}>
                  接替
                </Button>
              </View>
            ))}
          </View>
        </>
      ) : null}

      {shift.canLead && shift.status === 'published' ? (
        <View className='card shift__tools'>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: `/packageVolunteer/code/index?id=${shiftId}` })}>
            签到码
          </Button>
          <Button fill='outline' type='primary' disabled={!hoursOpen} onClick={() => void Taro.navigateTo({ url: `/packageVolunteer/hours/index?id=${shiftId}` })}>
            {hoursOpen ? '确认服务时长' : '结束后确认时长'}
          </Button>
        </View>
      ) : null}

      <View className='section-title'>已报名（{seated.length}/{shift.capacity}）</View>
      <View className='card'>
        {seated.length ? seated.map((p) => <Person key={p.memberId} person={p} lead={shift.canLead} onRemove={canRemove ? () => { setSheetError(null); setRemoving(p) } : undefined} />) : <View className='muted'>还没有人报名</View>}
      </View>
      {waiting.length ? (
        <>
          <View className='section-title'>候补（按报名先后）</View>
          <View className='card'>
            {waiting.map((p) => (
              <Person key={p.memberId} person={p} lead={shift.canLead} onRemove={canRemove ? () => { setSheetError(null); setRemoving(p) } : undefined} />
            ))}
          </View>
        </>
      ) : null}

      {shift.canLead && shift.log.length ? (
        <>
          <View className='section-title'>变动记录</View>
          <View className='card'>
            {shift.log.map((l, i) => (
              <View key={i} className='shift__log'>
                <View>
                  <Text className='shift__log-kind'>{logKindLabels[l.kind]}</Text> {l.memberName}
                  {l.before || l.after ? `：${l.before ?? '—'} → ${l.after ?? '—'}` : ''}
                </View>
                <View className='shift__log-sub'>
                  {formatTime(l.at)} · {l.byName}
                  {l.reason ? ` · ${l.reason}` : ''}
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}

      {shift.canManage && shift.status === 'published' ? (
        <View className='shift__manage'>
          <Text className='shift__manage-link' onClick={() => void Taro.navigateTo({ url: `/packageReminders/sent/index?type=shift&id=${shiftId}` })}>
            提醒情况
          </Text>
        </View>
      ) : null}
      {shift.canManage && shift.status === 'published' && mayChangeShift(times, at) ? (
        <View className='shift__manage'>
          <Text className='shift__manage-link' onClick={() => void Taro.navigateTo({ url: `/packageVolunteer/shift-edit/index?id=${shiftId}` })}>
            编辑班次
          </Text>
          <Text className='shift__manage-link shift__manage-link--danger' onClick={() => { setSheetError(null); setCancelling(true) }}>
            取消本班次
          </Text>
        </View>
      ) : null}

      <PromptSheet
        visible={Boolean(removing)}
        title={`移出 ${removing?.name ?? ''}`}
        note='将通知本人；候补的第一位老师会自动补上。'
        placeholder='原因，如：临时承担监考任务'
        requiredMessage='请填写原因'
        maxLength={100}
        danger
        confirmText='移出'
        error={sheetError}
        busy={busy === 'remove'}
        name='reason'
        onConfirm={(v) => void remove(v)}
        onCancel={() => setRemoving(null)}
      />
      <PromptSheet
        visible={cancelling}
        title='取消本班次'
        note='已报名和候补的老师都会收到通知。'
        placeholder='原因，如：天气原因改期'
        requiredMessage='请填写原因'
        maxLength={100}
        danger
        confirmText='取消班次'
        error={sheetError}
        busy={busy === 'cancelShift'}
        name='reason'
        onConfirm={(v) => void cancelShift(v)}
        onCancel={() => setCancelling(false)}
      />
    </PageShell>
  )
}

function Person({ person, lead, onRemove }: { person: ShiftPersonView; lead: boolean; onRemove?: () => void }) {
  const presence = person.checkInAt ? `签到 ${formatClock(person.checkInAt)}${person.checkOutAt ? ` · 签退 ${formatClock(person.checkOutAt)}` : ''}` : ''
  return (
    <View className='shift__person'>
      <View className='shift__person-main'>
        <Text className='shift__person-name'>
          {person.position ? `${person.position}. ` : ''}
          {person.name}
        </Text>
        {lead && presence ? <Text className='shift__person-sub'>{`${presence} ${shareText(person.share)}`}</Text> : null}
      </View>
      {person.offered ? <Chip tone='amber'>换班中</Chip> : null}
      {lead && person.hoursStatus === 'credited' ? <Chip tone='green'>{person.hours} 小时</Chip> : null}
      {lead && person.hoursStatus === 'noShow' ? <Chip tone='red'>未到岗</Chip> : null}
      {onRemove ? (
        <Text className='shift__remove' onClick={onRemove}>
          移出
        </Text>
      ) : null}
    </View>
  )
}
