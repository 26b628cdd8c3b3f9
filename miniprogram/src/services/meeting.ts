import Taro from '@tarojs/taro'
import type { MeetingSummaryView, MeView } from '../../../shared/api/contract'
import { formatClock } from './format'

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

export type ScanCode = { token: string } | { scene: string }

/**
 * What a scanned code stands for: a check-in link (…/pages/checkin/index?t=…), a mini-program
 * code's path (pages/checkin/index?scene=c%3D…) or raw scene (c=…), or a bare token.
 */
export function parseScanned(text: string | undefined | null): ScanCode | null {
  if (!text) return null
  const raw = text.trim()
  const query = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : ''
  if (query) {
    for (const pair of query.split('&')) {
      const [key, value = ''] = pair.split('=')
      if (key === 't' && value) return { token: safeDecode(value) }
      if (key === 'scene' && value) return { scene: safeDecode(value) }
    }
  }
  const decoded = safeDecode(raw)
  if (/^c=[A-Z0-9]{4,16}$/.test(decoded)) return { scene: decoded }
  if (/^[0-9a-f]{32}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{22}$/.test(raw)) return { token: raw }
  return null
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The check-in page for a scanned code. */
export function checkinUrl(code: ScanCode): string {
  return 'token' in code ? `/pages/checkin/index?t=${encodeURIComponent(code.token)}` : `/pages/checkin/index?scene=${encodeURIComponent(code.scene)}`
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

/** Who sees 新建会议 and 我组织的会议: meeting managers and group leaders (their 党小组会). */
export function runsMeetings(me: MeView | null | undefined): boolean {
  const member = me?.member
  return Boolean(member && (member.capabilities.includes('manageMeetings') || member.positions.includes('groupLeader')))
}
