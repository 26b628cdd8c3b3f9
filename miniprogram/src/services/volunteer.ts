import type { MyPlaceView, ShiftCardView, SignupResult } from '../../../shared/api/contract'
import type { Result } from '../../../shared/errors'
import { activityTypeLabels, eligibilityLabels, hoursStatusLabels } from '../../../shared/domain/volunteer-labels'
import { beijingDate, formatRelativeDay } from '../../../shared/domain/time'
import { call } from './api'
import { formatDay, formatTime } from './format'
import { confirm } from './hooks'
import type { ChipTone } from './meeting-status'

export { activityTypeLabels, eligibilityLabels, hoursStatusLabels }

/** 志愿's tab to open at its next show: another page sends a teacher to 我的班次 (a tab page takes no query). */
let wantedTab: 'mine' | null = null
export const showMyShifts = () => {
  wantedTab = 'mine'
}
export const takeWantedTab = () => {
  const tab = wantedTab
  wantedTab = null
  return tab
}

/** A card's times as the rules in shared/domain/volunteer.ts take them. */
export const shiftTimes = (shift: Pick<ShiftCardView, 'startAt' | 'endAt' | 'cancelDeadline'>) => ({
  startAt: new Date(shift.startAt),
  endAt: new Date(shift.endAt),
  cancelDeadline: new Date(shift.cancelDeadline),
})

/** The caller's place on a shift as a chip: 已报名 / 候补第 2 位 / 换班中 / 已确认 0.5 小时 … */
export function placeChip(mine: MyPlaceView | null, shift: Pick<ShiftCardView, 'status'>): { text: string; tone: ChipTone } | null {
  if (shift.status === 'cancelled') return { text: '已取消', tone: 'grey' }
  if (!mine) return null
  switch (mine.status) {
    case 'confirmed':
      if (mine.hoursStatus === 'credited') return { text: `已确认 ${mine.hours ?? 0} 小时`, tone: 'green' }
      if (mine.hoursStatus === 'noShow') return { text: '未到岗', tone: 'red' }
      if (mine.offered) return { text: '换班中', tone: 'amber' }
      if (mine.checkOutAt) return { text: '已签退', tone: 'green' }
      if (mine.checkInAt) return { text: '已签到', tone: 'green' }
      return { text: '已报名', tone: 'green' }
    case 'waitlisted':
      return { text: mine.position ? `候补第 ${mine.position} 位` : '候补中', tone: 'gold' }
    case 'removed':
      return { text: '已移出', tone: 'grey' }
    case 'swappedOut':
      return { text: '已转让', tone: 'grey' }
    case 'cancelled':
      return null
  }
}

/** The one button a shift card offers the caller, or why there is none. */
export function signupButton(shift: ShiftCardView, now = Date.now()): { label: string; waitlist: boolean; disabled: boolean } | null {
  const active = shift.mine && (shift.mine.status === 'confirmed' || shift.mine.status === 'waitlisted')
  if (active || shift.status !== 'published' || Date.parse(shift.startAt) <= now) return null
  if (!shift.mayJoin) return { label: eligibilityLabels[shift.eligibility], waitlist: false, disabled: true }
  if (shift.signup === 'notOpen') return { label: `${formatTime(shift.signupOpensAt, now)} 开放报名`, waitlist: false, disabled: true }
  if (shift.signup === 'closed') return { label: '报名已截止', waitlist: false, disabled: true }
  const full = shift.taken >= shift.capacity
  return { label: full ? '加入候补' : '报名', waitlist: full, disabled: false }
}

/** "已报 1/2 · 候补 3". */
export function seatsLine(shift: Pick<ShiftCardView, 'taken' | 'capacity' | 'waitlist'>): string {
  return `已报 ${shift.taken}/${shift.capacity}${shift.waitlist ? ` · 候补 ${shift.waitlist}` : ''}`
}

/** "社区志愿服务 · 阳光社区环境整治". */
export function shiftName(shift: Pick<ShiftCardView, 'activityType' | 'activityTitle'>): string {
  return `${activityTypeLabels[shift.activityType]} · ${shift.activityTitle}`
}

/** Shifts under their Beijing day: "明天 · 12月8日 周二" (the relative word only when it adds something). */
export function byDay<T extends { startAt: string }>(shifts: readonly T[], now = Date.now()): Array<{ day: string; label: string; shifts: T[] }> {
  const days: Array<{ day: string; label: string; shifts: T[] }> = []
  for (const shift of shifts) {
    const day = beijingDate(shift.startAt)
    const last = days[days.length - 1]
    if (last?.day === day) last.shifts.push(shift)
    else {
      const relative = formatRelativeDay(shift.startAt, now)
      const date = formatDay(shift.startAt, now)
      days.push({ day, label: date.startsWith(relative) ? date : `${relative} · ${date}`, shifts: [shift] })
    }
  }
  return days
}

/**
 * 报名 in one tap. When the seats went while the page was open, the server says so and the
 * person is asked whether to wait in line instead.
 */
export async function signUp(shift: Pick<ShiftCardView, 'id'>, waitlist: boolean): Promise<Result<SignupResult> | null> {
  const first = await call('volunteer.signup', { shiftId: shift.id, waitlist })
  if (first.ok || first.error.code !== 'SHIFT.FULL') return first
  const join = await confirm('名额已满', first.error.message, '加入候补')
  return join ? call('volunteer.signup', { shiftId: shift.id, waitlist: true }) : null
}

/** What a sign-up did, in words for a toast. */
export function signupMessage(result: SignupResult): string {
  if (result.status === 'confirmed') return result.already ? '你已报名' : '报名成功'
  return result.position ? `已加入候补，第 ${result.position} 位` : '已加入候补'
}
