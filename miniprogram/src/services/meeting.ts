import Taro from '@tarojs/taro'
import type { MeView } from '../../../shared/api/contract'
import { checkinPageUrl, parseScanned, type ScanCode } from '../../../shared/domain/checkin-code'
import type { MeetingCaller } from '../../../shared/domain/meeting-roles'

export type { ScanCode }
export { checkinLikelyOpen, myStatusChip, type ChipTone } from './meeting-status'

/** The page a scanned check-in code opens. */
export const checkinUrl = checkinPageUrl

/** The signed-in member as the shared meeting rules see them; null when not bound. */
export function meetingCaller(me: MeView | null | undefined): MeetingCaller | null {
  const member = me?.member
  return member ? { id: member.id, groupId: member.group?.id ?? null, category: member.category, positions: member.positions, capabilities: member.capabilities } : null
}

/**
 * weapp: opens the camera (扫一扫) and returns the check-in code it read; null when the user
 * cancelled or the code is not a check-in code (a toast says so). The camera only: picking an
 * image from the album would let a screenshot forwarded to a chat stand in for being there.
 */
export async function scanCheckinCode(): Promise<ScanCode | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    // 'wxCode' (mini-program codes) is valid in WeChat but missing from Taro's types.
    const scanType = ['qrCode', 'wxCode'] as unknown as Array<keyof Taro.scanCode.ScanType>
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType })
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
