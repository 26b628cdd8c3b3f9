import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MeetingSummaryView } from '../../../../shared/api/contract'
import { meetingTypeLabels } from '../../../../shared/domain/meeting'
import { formatSpan, isTodayInBeijing } from '../../services/format'
import { checkinLikelyOpen, myStatusChip, type ChipTone } from '../../services/meeting'
import Chip from '../Chip'
import './index.scss'

interface Props {
  meeting: MeetingSummaryView
  /** 'mine': the caller's status; 'manage': the meeting's state (草稿 / 已发布 / 已取消). */
  mode?: 'mine' | 'manage'
  compact?: boolean
}

const manageChip: Record<MeetingSummaryView['status'], { text: string; tone: ChipTone }> = {
  draft: { text: '草稿', tone: 'gold' },
  published: { text: '已发布', tone: 'green' },
  cancelled: { text: '已取消', tone: 'grey' },
}

/** One meeting in a list: type, title, Beijing time, venue and a status chip. Tap → detail. */
export default function MeetingCard({ meeting, mode = 'mine', compact }: Props) {
  const now = Date.now()
  const chip = mode === 'manage' ? manageChip[meeting.status] : myStatusChip(meeting, now)
  const today = meeting.status !== 'cancelled' && isTodayInBeijing(meeting.startAt)
  const open = mode === 'mine' && checkinLikelyOpen(meeting, now)
  const className = ['meeting-card', today ? 'meeting-card--today' : '', meeting.status === 'cancelled' ? 'meeting-card--cancelled' : '', compact ? 'meeting-card--compact' : '']
    .filter(Boolean)
    .join(' ')
  return (
    <View className={className} onClick={() => void Taro.navigateTo({ url: `/pages/meeting/index?id=${meeting.id}` })}>
      <View className='meeting-card__top'>
        <Text className='meeting-card__type'>{meetingTypeLabels[meeting.type]}</Text>
        {today ? <Text className='meeting-card__today'>今天</Text> : null}
        <View className='meeting-card__spacer' />
        {chip ? <Chip tone={chip.tone} className='meeting-card__chip'>{chip.text}</Chip> : null}
      </View>
      <View className='meeting-card__title'>{meeting.title}</View>
      <View className='meeting-card__line'>{formatSpan(meeting.startAt, meeting.endAt)}</View>
      <View className='meeting-card__line'>{meeting.venue}</View>
      {open ? <View className='meeting-card__hint'>签到进行中，到会场后请扫码签到</View> : null}
    </View>
  )
}
