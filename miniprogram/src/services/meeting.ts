import Taro from '@tarojs/taro'
import type { MeetingSummaryView, MeView } from '../../../shared/api/contract'
import { checkinPageUrl, parseScanned, type ScanCode } from '../../../shared/domain/checkin-code'
import type { MeetingCaller } from '../../../shared/domain/meeting-roles'
import { formatClock } from './format'

export type { ScanCode }

/** The page a scanned check-in code opens. */
export const checkinUrl = checkinPageUrl

/** The signed-in member as the shared meeting rules see them; null when not bound. */
export function meetingCaller(me: MeView | null | undefined): MeetingCaller | null {
  const member = me?.member
  return member ? { id: member.id, groupId: member.group?.id ?? null, category: member.category, positions: member.positions, capabilities: member.capabilities } : null
}

export type ChipTone = 'red' | 'green' | 'amber' | 'gold' | 'grey'

/** The caller's status at a meeting as a short chip: 已签到 16:31 / 迟到 / 请假待批 / 未签到 … */
export function myStatusChip(m: MeetingSummaryView, now = Date.now()): { text: string; tone: ChipTone } | null {
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
  const started = Date.parse(m.startAt) <= now
  const ended = Date.parse(m.endAt) < now
  if (ended) return { text: m.myRole === 'observer' ? '未列席' : '缺席', tone: m.myRole === 'observer' ? 'grey' : 'red' }
  if (m.myRole === 'observer') return { text: '可列席', tone: 'grey' }
  return { text: started ? '未签到' : '待参加', tone: started ? 'red' : 'grey' }
}

/** Whether check-in is open now for this person, by the meeting's own window. */
export function checkinLikelyOpen(m: MeetingSummaryView, now = Date.now()): boolean {
  if (m.status !== 'published' || m.myRole === 'outside' || m.myCheckedInAt) return false
  return Date.parse(m.window.opensAt) <= now && now <= Date.parse(m.window.closesAt)
}

/**
 * weapp: opens the camera (扫一扫) and returns the check-in code it read; null when the user
 * cancelled or the code is not a check-in code (a toast says so).
 */
export async function scanCheckinCode(): Promise<ScanCode | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    // 'wxCode' (mini-program codes) is valid in WeChat but missing from Taro's types.
    const scanType = ['qrCode', 'wxCode'] as unknown as Array<keyof Taro.scanCode.ScanType>
    const res = await Taro.scanCode({ onlyFromCamera: false, scanType })
    const code = parseScanned(res.path) ?? parseScanned(res.result)
    if (!code) void Taro.showToast({ title: '这不是会议签到码，请扫描会场大屏上的签到码', icon: 'none', duration: 2500 })
    return code
  } catch {
    return null
  }
}

export interface Position {
  latitude: number
  longitude: number
}

/** The phone's position for a geofenced check-in; null when refused or unavailable. */
export async function currentPosition(): Promise<Position | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.getLocation({ type: 'gcj02' })
      return { latitude: res.latitude, longitude: res.longitude }
    } catch {
      return null
    }
  }
  if (typeof navigator === 'undefined' || !navigator.geolocation) return null
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    )
  })
}

/** Opens a page link from the server (e.g. `pages/meeting/index?id=…`), tab pages included. */
export function openLink(link: string): void {
  const url = link.startsWith('/') ? link : `/${link}`
  const tabs = ['/pages/home/index', '/pages/meetings/index', '/pages/volunteer/index', '/pages/study/index', '/pages/mine/index']
  if (tabs.includes(url.split('?')[0])) void Taro.switchTab({ url: url.split('?')[0] })
  else void Taro.navigateTo({ url })
}
