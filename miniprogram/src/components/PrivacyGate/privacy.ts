import Taro from '@tarojs/taro'

/**
 * WeChat privacy agreement state (weapp only). Since 2023-10 every privacy API
 * (scanCode, getLocation, chooseMedia, …) first asks the mini-program to show its own
 * agreement popup: wx.onNeedPrivacyAuthorization hands us a `resolve` that must be called
 * with 'agree' (after the user tapped an open-type="agreePrivacyAuthorization" button)
 * or 'disagree'. The listener is global, the popup is rendered by <PrivacyGate/> on pages.
 * On H5 nothing here runs.
 */

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

export interface PrivacyState {
  /** A privacy API is waiting for the user's answer. */
  pending: boolean
  /** From wx.getPrivacySetting: the user still has to agree (null = unknown / not weapp). */
  needAuthorization: boolean | null
  /** Name of the privacy contract set in the WeChat admin console, e.g. 《支部通小程序隐私保护指引》. */
  contractName: string
}

export const AGREE_BUTTON_ID = 'privacy-agree-btn'

let state: PrivacyState = { pending: false, needAuthorization: null, contractName: '' }
let pendingResolve: Resolve | null = null
let initialised = false
const listeners = new Set<(s: PrivacyState) => void>()

function setState(patch: Partial<PrivacyState>): void {
  state = { ...state, ...patch }
  listeners.forEach((l) => l(state))
}

export function getPrivacyState(): PrivacyState {
  return state
}

export function subscribePrivacy(listener: (s: PrivacyState) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Reads the current setting (needAuthorization, contract name). */
export function refreshPrivacySetting(): void {
  if (process.env.TARO_ENV === 'weapp') {
    if (typeof wx === 'undefined' || typeof wx.getPrivacySetting !== 'function') return
    wx.getPrivacySetting({
      success: (res) => setState({ needAuthorization: res.needAuthorization, contractName: res.privacyContractName }),
    })
  }
}

/** Called once from app.ts on launch. */
export function initPrivacy(): void {
  if (process.env.TARO_ENV === 'weapp') {
    if (initialised) return
    initialised = true
    refreshPrivacySetting()
    // Base library < 2.32.3 has no privacy API: nothing to wait for there.
    if (typeof wx === 'undefined' || typeof wx.onNeedPrivacyAuthorization !== 'function') return
    wx.onNeedPrivacyAuthorization((resolve) => {
      // A second request while one is open: the older one is declined so no API hangs.
      if (pendingResolve) pendingResolve({ event: 'disagree' })
      pendingResolve = resolve
      setState({ pending: true })
    })
  }
}

/** The popup became visible: WeChat asks to be told (exposure report). */
export function reportExposure(): void {
  pendingResolve?.({ event: 'exposureAuthorization' })
}

export function answerPrivacy(agree: boolean): void {
  const resolve = pendingResolve
  pendingResolve = null
  if (resolve) resolve(agree ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
  setState({ pending: false, ...(agree ? { needAuthorization: false } : {}) })
  if (agree) refreshPrivacySetting()
}

export function openPrivacyContract(): void {
  if (process.env.TARO_ENV === 'weapp') {
    if (typeof wx === 'undefined' || typeof wx.openPrivacyContract !== 'function') {
      void Taro.showToast({ title: '请升级微信后查看', icon: 'none' })
      return
    }
    wx.openPrivacyContract({
      fail: () => void Taro.showToast({ title: '隐私保护指引暂时无法打开', icon: 'none' }),
    })
  }
}
