import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ApiError, Result } from '../../../shared/errors'
import { themeColors } from '../styles/colors'
import { contentSettled } from './content-settled'

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError }

/**
 * Loads one thing for a page. The first load shows a loading state and, on failure, an error
 * with retry; later reloads (useDidShow) keep what is on screen and only toast a failure.
 * Only the newest load may update the state.
 */
export function useResource<T>(fetch: () => Promise<Result<T>>) {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' })
  const latest = useRef(0)
  const hasData = useRef(false)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch

  const reload = useCallback(async (options: { quiet?: boolean } = {}) => {
    const ticket = ++latest.current
    if (!hasData.current) setState({ status: 'loading' })
    const result = await fetchRef.current()
    if (ticket !== latest.current) return
    if (result.ok) {
      hasData.current = true
      setState({ status: 'ready', data: result.data })
    } else if (hasData.current) {
      if (!options.quiet) void Taro.showToast({ title: result.error.message, icon: 'none' })
    } else {
      setState({ status: 'error', error: result.error })
    }
  }, [])

  // On screen now (data or an error): what waited for the page's content may go.
  useEffect(() => {
    if (state.status !== 'loading') contentSettled()
  }, [state])

  /** Replace the data with a fresher copy an action returned. */
  const replace = useCallback((data: T) => {
    latest.current++
    hasData.current = true
    setState({ status: 'ready', data })
  }, [])

  /** Forget the data: the next reload shows the loading state again. */
  const reset = useCallback(() => {
    hasData.current = false
  }, [])

  return { state, reload, replace, reset }
}

/**
 * Guards actions against double taps: `run(key, work)` does nothing while any action is in
 * flight; `busy` names the running one so its button can show a spinner.
 */
export function useBusy() {
  const [busy, setBusy] = useState<string | null>(null)
  const running = useRef(false)
  const run = useCallback(async <R>(key: string, work: () => Promise<R>): Promise<R | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(key)
    try {
      return await work()
    } finally {
      running.current = false
      setBusy(null)
    }
  }, [])
  return { busy, run }
}

/** Shows a short Chinese message (success or failure) at the centre of the screen. */
export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon, duration: icon === 'success' ? 1500 : 2500 })
}

/** The message to show under a form field: the server's word on that field, else the general one. */
export function fieldError(error: ApiError, field: string): string {
  return error.fields?.[field] ?? error.message
}

/** A yes/no question; resolves true on 确定. */
export async function confirm(title: string, content: string, confirmText = '确定', cancelText = '取消'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: themeColors.partyRed })
    return res.confirm
  } catch {
    return false
  }
}
