import type { MeetingSummaryView } from '../../../shared/api/contract'
import { meetingEnded, meetingStarted } from '../../../shared/domain/meeting'
import { formatClock } from './format'

/** What a meeting card and the meeting page say about the caller's part in it. Pure: no platform API. */

export type ChipTone = 'red' | 'green' | 'amber' | 'gold' | 'grey'

/** The caller's status at a meeting as a short chip: 已签到 16:31 / 迟到 / 请假待批 / 未签到 … */
export function myStatusChip(m: MeetingSummaryView, now: number): { text: string; tone: ChipTone } | null {
  if (m.status === 'cancelled') return { text: '已取消', tone: 'grey' }
  if (m.status === 'draft') return { text: '草稿', tone: 'grey' }
  if (m.myRole === 'outside') return null
  const at = m.myCheckedInAt ? ` ${formatClock(m.myCheckedInAt)}` : ''
  switch (m.myStatus) {
    case 'present':
      return { text: `已签到${at}`, tone: 'green' }
    case 'late':
      return { text: `迟到${at}`, tone: 'amber' }
    case 'observer':
      return { text: `列席${at}`, tone: 'green' }
    case 'leave':
      return { text: '已请假', tone: 'gold' }
    case 'absent':
      return { text: '缺席', tone: 'red' }
    default:
      break
  }
  if (m.myLeave?.status === 'pending') return { text: '请假待批', tone: 'gold' }
  if (m.myLeave?.status === 'approved') return { text: '已请假', tone: 'gold' }
  const started = meetingStarted(m, now)
  const ended = meetingEnded(m, now)
  if (ended) return { text: m.myRole === 'observer' ? '未列席' : '缺席', tone: m.myRole === 'observer' ? 'grey' : 'red' }
  if (m.myRole === 'observer') return { text: '可列席', tone: 'grey' }
  return { text: started ? '未签到' : '待参加', tone: started ? 'red' : 'grey' }
}

/** Whether check-in is open now for this person, by the meeting's own window. */
export function checkinLikelyOpen(m: MeetingSummaryView, now: number): boolean {
  if (m.status !== 'published' || m.myRole === 'outside' || m.myCheckedInAt) return false
  return Date.parse(m.window.opensAt) <= now && now <= Date.parse(m.window.closesAt)
}
