import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ShiftCardView } from '../../../../shared/api/contract'
import { formatClock, formatSpan } from '../../services/format'
import { activityTypeLabels, eligibilityLabels, placeChip, seatsLine, signupButton } from '../../services/volunteer'
import Chip from '../Chip'
import './index.scss'

interface Props {
  shift: ShiftCardView
  /** Show the day too (lists not grouped by day). */
  withDay?: boolean
  /** The sign-up button: tapped with whether it joins the line. */
  onSignup?: (shift: ShiftCardView, waitlist: boolean) => void
  busy?: boolean
  /** A line under the card's details (who offers a swap, the leader's tools…). */
  note?: string
  children?: ReactNode
}

/** One shift in a list: type, activity, time, place, seats, my place; tap → the shift's page. */
export default function ShiftCard({ shift, withDay, onSignup, busy, note, children }: Props) {
  const chip = placeChip(shift.mine, shift)
  const button = onSignup ? signupButton(shift) : null
  const open = () => void Taro.navigateTo({ url: `/packageVolunteer/shift/index?id=${shift.id}` })
  return (
    <View className={shift.status === 'cancelled' ? 'shift-card shift-card--cancelled' : 'shift-card'}>
      <View className='shift-card__body' onClick={open}>
        <View className='shift-card__top'>
          <Text className='shift-card__type'>{activityTypeLabels[shift.activityType]}</Text>
          {shift.eligibility === 'partyMembers' ? <Text className='shift-card__tag'>{eligibilityLabels.partyMembers}</Text> : null}
          <View className='shift-card__spacer' />
          {chip ? <Chip tone={chip.tone}>{chip.text}</Chip> : null}
        </View>
        <View className='shift-card__title'>{shift.activityTitle}</View>
        <View className='shift-card__line'>{withDay ? formatSpan(shift.startAt, shift.endAt) : `${formatClock(shift.startAt)}–${formatClock(shift.endAt)}`} · {shift.place}</View>
        <View className='shift-card__line shift-card__line--muted'>
          {seatsLine(shift)} · 计 {shift.hours} 小时{shift.leader ? ` · 带队 ${shift.leader.name}` : ''}
        </View>
        {note ? <View className='shift-card__note'>{note}</View> : null}
      </View>
      {button || children ? (
        <View className='shift-card__actions'>
          {children}
          {button ? (
            <Button
              size='small'
              type='primary'
              fill={button.waitlist ? 'outline' : 'solid'}
              disabled={button.disabled}
              loading={busy}
              onClick={() => onSignup?.(shift, button.waitlist)}
            >
              {button.label}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
