import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ShiftCodeView, ShiftDetailView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { tokenSlotMs } from '../../../../shared/domain/checkin-code'
import { msAfter } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { formatClock, formatSpan } from '../../services/format'
import { activityTypeLabels } from '../../services/volunteer'
import './index.scss'

const POLL_MS = 3_000

/**
 * The leader's phone at the shift: a rotating code (every 15 s, signed for this shift only) that
 * people scan to check in, and again to check out; the live count below.
 */
export default function ShiftCodePage() {
  const { params } = useRouter()
  const shiftId = params.id ?? ''
  const [shift, setShift] = useState<ShiftDetailView | null>(null)
  const [code, setCode] = useState<ShiftCodeView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [now, setNow] = useState(Date.now())
  const deadline = useRef(0)
  const timers = useRef<Array<ReturnType<typeof setInterval>>>([])
  const inFlight = useRef(false)

  const fetchCode = async () => {
    if (inFlight.current) return
    inFlight.current = true
    try {
      const r = await call('volunteer.code', { shiftId })
      if (r.ok) {
        deadline.current = msAfter(Date.now(), r.data.expiresInMs).getTime()
        setCode(r.data)
      } else if (r.error.code !== 'CLIENT.NETWORK' && r.error.code !== 'CLIENT.TIMEOUT') {
        setError(r.error)
        stop()
      }
    } finally {
      inFlight.current = false
    }
  }
  const stop = () => {
    timers.current.forEach(clearInterval)
    timers.current = []
  }
  const start = () => {
    stop()
    void fetchCode()
    timers.current.push(setInterval(() => void fetchCode(), POLL_MS))
    timers.current.push(
      setInterval(() => {
        const t = Date.now()
        setNow(t)
        if (deadline.current && t >= deadline.current) {
          deadline.current = t + 1_000
          void fetchCode()
        }
      }, 250),
    )
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
  }

  useEffect(() => {
    void call('volunteer.shift', { shiftId }).then((r) => (r.ok ? setShift(r.data) : setError(r.error)))
  }, [shiftId])
  useDidShow(start)
  useDidHide(stop)
  useUnload(stop)

  const left = Math.max(0, Math.ceil((deadline.current - now) / 1000))
  const state = code?.window.state ?? 'notOpen'
  return (
    <View className='shift-code'>
      <View className='shift-code__head'>
        {shift ? <View className='shift-code__type'>{activityTypeLabels[shift.activityType]}</View> : null}
        <View className='shift-code__title'>{shift?.activityTitle ?? '正在加载…'}</View>
        {shift ? (
          <View className='shift-code__sub'>
            {formatSpan(shift.startAt, shift.endAt)} · {shift.place}
          </View>
        ) : null}
      </View>
      {error ? (
        <View className='shift-code__panel shift-code__message'>{error.message}</View>
      ) : (
        <>
          <View className='shift-code__panel shift-code__qr-panel'>
            {code && state !== 'closed' ? <Image className={state === 'notOpen' ? 'shift-code__qr shift-code__qr--dim' : 'shift-code__qr'} src={code.qr} mode='aspectFit' /> : <View className='shift-code__qr shift-code__qr--empty'>{state === 'closed' ? '签到、签退已结束' : '正在生成签到码…'}</View>}
            <View className='shift-code__tip'>
              {state === 'notOpen' && code ? `签到 ${formatClock(code.window.opensAt)} 开始` : `微信扫一扫签到，结束时再扫一次签退 · ${code ? left : '–'} 秒后更新`}
            </View>
            <View className='shift-code__tip shift-code__tip--muted'>签到码每 {tokenSlotMs / 1000} 秒更换，截图无效；只用于本班次</View>
          </View>
          <View className='shift-code__panel shift-code__counts'>
            <View className='shift-code__count'>
              <Text className='shift-code__num'>{code?.counts.confirmed ?? '–'}</Text>
              <Text className='shift-code__label'>已报名</Text>
            </View>
            <View className='shift-code__count'>
              <Text className='shift-code__num'>{code?.counts.checkedIn ?? '–'}</Text>
              <Text className='shift-code__label'>已签到</Text>
            </View>
            <View className='shift-code__count'>
              <Text className='shift-code__num'>{code?.counts.checkedOut ?? '–'}</Text>
              <Text className='shift-code__label'>已签退</Text>
            </View>
          </View>
        </>
      )}
    </View>
  )
}
