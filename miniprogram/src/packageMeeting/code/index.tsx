import { useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Dialog, Progress } from '@nutui/nutui-react-taro'
import type { CheckinCodeView, FileLink, MeetingView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { tokenSlotMs } from '../../../../shared/domain/checkin-code'
import { statusLabel } from '../../../../shared/domain/attendance'
import { meetingTypeLabels } from '../../../../shared/domain/meeting'
import { msAfter } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { formatClock, formatSpan } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import './index.scss'

const POLL_MS = 3_000

/**
 * The host's screen (projector or phone): the rotating QR code, a countdown to the next code and
 * the live count. Polls while shown; stops when hidden.
 */
export default function CodePage() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const [meeting, setMeeting] = useState<MeetingView | null>(null)
  const [code, setCode] = useState<CheckinCodeView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [shaky, setShaky] = useState(false)
  const [now, setNow] = useState(Date.now())
  const [staticCode, setStaticCode] = useState<FileLink | null>(null)
  const { busy, run } = useBusy()

  const deadline = useRef(0)
  const poller = useRef<ReturnType<typeof setInterval> | null>(null)
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null)
  const inFlight = useRef(false)
  const visible = useRef(false)

  const fetchCode = async () => {
    if (inFlight.current || !meetingId) return
    inFlight.current = true
    try {
      const r = await call('checkin.code', { meetingId })
      if (!visible.current) return
      if (r.ok) {
        deadline.current = msAfter(Date.now(), r.data.expiresInMs).getTime()
        setCode(r.data)
        setError(null)
        setShaky(false)
      } else if (r.error.code === 'CLIENT.NETWORK' || r.error.code === 'CLIENT.TIMEOUT' || r.error.code === 'INTERNAL') {
        setShaky(true)
      } else {
        setError(r.error)
        stop()
      }
    } finally {
      inFlight.current = false
    }
  }

  const start = () => {
    visible.current = true
    stop()
    void fetchCode()
    poller.current = setInterval(() => void fetchCode(), POLL_MS)
    ticker.current = setInterval(() => {
      const t = Date.now()
      setNow(t)
      // The code on screen has just been replaced on the server: fetch the new one at once.
      if (deadline.current && t >= deadline.current) {
        deadline.current = t + 1_000
        void fetchCode()
      }
    }, 250)
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
  }

  const stop = () => {
    if (poller.current) clearInterval(poller.current)
    if (ticker.current) clearInterval(ticker.current)
    poller.current = null
    ticker.current = null
  }

  // The meeting's title, time and venue, read again whenever the screen is shown (after an edit).
  const loadMeeting = () =>
    void call('meeting.get', { meetingId }).then((r) => {
      if (r.ok) setMeeting(r.data)
      else setError(r.error)
    })

  useDidShow(() => {
    loadMeeting()
    start()
  })
  useDidHide(() => {
    visible.current = false
    stop()
  })
  useUnload(() => {
    visible.current = false
    stop()
  })

  const showStatic = () =>
    run('static', async () => {
      const r = await call('checkin.staticCode', { meetingId })
      if (!r.ok) return toast(r.error.message)
      setStaticCode(r.data)
    })

  // Whoever shows the code and is expected checks in with one tap, with the code on this screen.
  const checkInMyself = () =>
    run('self', async () => {
      if (!code) return
      const r = await call('checkin.scan', { token: code.token })
      if (!r.ok) return toast(r.error.message)
      toast('你已签到', 'success')
      await fetchCode()
    })

  const left = Math.max(0, Math.ceil((deadline.current - now) / 1000))
  const progress = code ? Math.min(1, Math.max(0, (deadline.current - now) / tokenSlotMs)) : 0
  const state = code?.window.state ?? meeting?.window.state ?? 'notOpen'
  const opensAt = code?.window.opensAt ?? meeting?.window.opensAt
  const counts = code?.counts

  if (error) {
    return (
      <View className='host host--error'>
        <View className='host__title'>{meeting?.title ?? '签到码'}</View>
        <View className='host__panel host__panel--message'>
          <View className='host__error'>{error.message}</View>
          <View className='host__error-note'>{error.code === 'MEETING.NOT_PUBLISHED' ? '请先在会议详情中发布会议，再展示签到码。' : '请返回会议详情查看。'}</View>
        </View>
      </View>
    )
  }

  return (
    <View className='host'>
      <View className='host__head'>
        {meeting ? <View className='host__type'>{meetingTypeLabels[meeting.type]}</View> : null}
        <View className='host__title'>{meeting?.title ?? '正在加载…'}</View>
        {meeting ? (
          <View className='host__sub'>
            {formatSpan(meeting.startAt, meeting.endAt)} · {meeting.venue}
          </View>
        ) : null}
      </View>

      <View className='host__main'>
        <View className='host__panel host__qr-panel'>
          <View className='host__qr-box'>
            {code && state !== 'closed' ? <Image className={state === 'notOpen' ? 'host__qr host__qr--dim' : 'host__qr'} src={code.qr} mode='aspectFit' /> : <View className='host__qr host__qr--empty'>{state === 'closed' ? '签到已结束' : '正在生成签到码…'}</View>}
            {state === 'notOpen' && opensAt && code ? <View className='host__qr-over'>签到 {formatClock(opensAt)} 开始</View> : null}
          </View>
          <View className='host__scan-tip'>
            <View className='host__ring' style={{ background: `conic-gradient(var(--nutui-progress-color) ${progress * 360}deg, var(--nutui-progress-background) 0deg)` }}>
              <View className='host__ring-inner'>{code ? left : '–'}</View>
            </View>
            <View className='host__tip-text'>
              <View>微信扫一扫，立即签到</View>
              <View className='host__tip-muted'>签到码每 {tokenSlotMs / 1000} 秒更新，截图无效{shaky ? ' · 网络不稳定，正在重试' : ''}</View>
            </View>
          </View>
        </View>

        <View className='host__panel host__stats'>
          <View className={`host__window host__window--${state}`}>
            {state === 'notOpen' ? `未开始 · ${opensAt ? formatClock(opensAt) : ''} 开放签到` : state === 'open' ? '签到进行中' : '签到已结束'}
          </View>
          <View className='host__count'>
            <Text className='host__count-label'>已签到</Text>
            <Text className='host__count-big'>{counts ? counts.checkedIn : '–'}</Text>
            <Text className='host__count-of'>/ 应到 {counts ? counts.expected : '–'}</Text>
          </View>
          <Progress className='host__bar' color='var(--nutui-progress-color)' percent={counts && counts.expected ? Math.round((counts.checkedIn / counts.expected) * 100) : 0} />
          <View className='host__minor'>
            <View className='host__minor-item'>
              <View className='host__minor-num'>{counts ? counts.late : '–'}</View>
              <View className='host__minor-label'>迟到</View>
            </View>
            <View className='host__minor-item'>
              <View className='host__minor-num'>{counts ? counts.leave : '–'}</View>
              <View className='host__minor-label'>请假</View>
            </View>
            <View className='host__minor-item'>
              <View className='host__minor-num'>{counts ? counts.observers : '–'}</View>
              <View className='host__minor-label'>列席</View>
            </View>
            <View className='host__minor-item'>
              <View className='host__minor-num'>{counts ? counts.absent : '–'}</View>
              <View className='host__minor-label'>{statusLabel('absent', state === 'closed')}</View>
            </View>
          </View>
          {code ? <MyCheckin code={code} busy={busy === 'self'} onCheckin={() => void checkInMyself()} /> : null}
          <View className='host__tools'>
            <Button size='small' fill='outline' type='default' onClick={() => void Taro.navigateTo({ url: `/packageMeeting/attendance/index?id=${meetingId}` })}>
              考勤与补签
            </Button>
            {meeting?.checkin.allowStaticCode ? (
              <Button size='small' fill='outline' type='default' loading={busy === 'static'} onClick={() => void showStatic()}>
                固定签到码
              </Button>
            ) : null}
          </View>
        </View>
      </View>

      <Dialog
        className='host__dialog'
        visible={staticCode !== null}
        title='固定签到码'
        hideCancelButton
        confirmText='关闭'
        closeOnOverlayClick
        onConfirm={() => setStaticCode(null)}
        onClose={() => setStaticCode(null)}
        onOverlayClick={() => setStaticCode(null)}
      >
        {staticCode ? <Image className='host__static' src={staticCode.url} mode='aspectFit' showMenuByLongpress /> : null}
        <View className='host__tip-muted'>可打印张贴在会场。固定码不会更换，请仅在允许的会议使用；长按可保存图片。</View>
      </Dialog>
    </View>
  )
}

/** The person showing the code: checked in (the host on opening it), or a one-tap check-in while the window is open. */
function MyCheckin({ code, busy, onCheckin }: { code: CheckinCodeView; busy: boolean; onCheckin: () => void }) {
  const { me } = code
  if (me.role === 'outside') return null
  if (me.status && me.status !== 'absent' && me.status !== 'leave') {
    const how = me.method === 'host' ? '（打开签到码时记为到会）' : ''
    return <View className='host__me'>你已签到{me.checkedInAt ? ` ${formatClock(me.checkedInAt)}` : ''}{how}</View>
  }
  if (code.window.state !== 'open') return null
  return (
    <View className='host__me'>
      <Button size='small' type='primary' loading={busy} onClick={onCheckin}>
        本人签到
      </Button>
    </View>
  )
}
