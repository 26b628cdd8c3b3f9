import { useEffect, useRef, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CheckinResult, ShiftScanResult } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { isRetryable } from '../../../../shared/error-messages/common'
import { call } from '../../services/api'
import { formatClock } from '../../services/format'
import { codeFromPageParams, isShiftCode, tokenSlotMs } from '../../../../shared/domain/checkin-code'
import { checkinUrl, currentPosition, scanCheckinCode, type Position, type ScanCode } from '../../services/meeting'
import { askReminders } from '../../services/reminders'
import { showMyShifts } from '../../services/volunteer'
import { toast } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import Chip from '../../components/Chip'
import { JoinButton } from '../../components/StatusView'
import './index.scss'

type State =
  | { kind: 'working'; text: string }
  | { kind: 'done'; result: CheckinResult }
  | { kind: 'shiftDone'; result: ShiftScanResult }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'noCode' }

/** What to do next after each refusal, in the words a teacher in the meeting room needs. */
const guidance: Partial<Record<ApiError['code'], string>> = {
  'CHECKIN.TOKEN_EXPIRED': `签到码每 ${tokenSlotMs / 1000} 秒更换一次。请重新扫描大屏上最新的签到码。`,
  'CHECKIN.TOKEN_FORGED': '请扫描会场大屏上正在显示的签到码，不要使用截图或转发的图片。',
  'CHECKIN.TOKEN_OTHER_MEETING': '请确认你扫描的是本场会议的签到码。',
  'CHECKIN.NOT_OPEN': '请在签到开始后再扫码。',
  'CHECKIN.CLOSED': '会议已结束。如确实到会，请联系主持人补签。',
  'CHECKIN.NOT_IN_AUDIENCE': '如有疑问，请联系支部书记或主持人。',
  'CHECKIN.STATIC_NOT_ALLOWED': '请扫描会场大屏上的动态签到码。',
  'CHECKIN.OUT_OF_RANGE': '请到会场后再扫码签到。',
  'CHECKIN.LOCATION_REQUIRED': '请在弹出的提示中允许获取位置；如已拒绝，请在设置中打开位置权限后重试。',
  'AUTH.NOT_BOUND': '请先在“我的”中加入支部，再扫码签到。',
  'RATE_LIMITED': '请稍后再试，或请主持人为你补签。',
  'MEETING.CANCELLED': '本次会议已取消，无需签到。',
  'SHIFT.CODE_NOT_SHIFT': '志愿服务签到请扫描带队老师手机上的签到码。',
  'SHIFT.NOT_SIGNED_UP': '请先在“志愿”中报名该班次，或联系带队老师。',
  'SHIFT.CANCELLED': '该班次已取消，无需签到。',
  'CLIENT.NETWORK': '请检查网络后点“重试”。',
  'CLIENT.TIMEOUT': '请点“重试”。',
}

/** At a volunteer shift the code is on the leader's phone, not a screen in a hall. */
const shiftGuidance: Partial<Record<ApiError['code'], string>> = {
  'CHECKIN.TOKEN_EXPIRED': `签到码每 ${tokenSlotMs / 1000} 秒更换一次。请重新扫描带队老师手机上最新的签到码。`,
  'CHECKIN.TOKEN_FORGED': '请扫描带队老师手机上正在显示的签到码，不要使用截图或转发的图片。',
  'CHECKIN.NOT_OPEN': '请在班次开始前半小时内再扫码。',
  'CHECKIN.CLOSED': '如确实参加了服务，请联系带队老师确认服务时长。',
  'CHECKIN.OUT_OF_RANGE': '请到服务地点后再签到。',
  'CHECKIN.LOCATION_REQUIRED': '请在弹出的提示中允许获取位置；如已拒绝，请在设置中打开位置权限后重试。',
  'AUTH.NOT_BOUND': '请先在“我的”中加入支部，再扫码签到。',
  'SHIFT.NOT_SIGNED_UP': '请在“我的班次”中查看你报名的班次，或联系带队老师。',
  'SHIFT.CODE_OTHER_SHIFT': '请确认扫描的是你所报班次的带队老师的签到码。',
  'SHIFT.CANCELLED': '该班次已取消，无需签到。',
  'CLIENT.NETWORK': '请检查网络后点“重试”。',
  'CLIENT.TIMEOUT': '请点“重试”。',
}

/** 志愿 opened on its 我的 tab: where a teacher sees the shifts they signed up for. */
const openMyShifts = () => {
  showMyShifts()
  void Taro.switchTab({ url: '/pages/volunteer/index' })
}

/** Errors where trying the same code again can help: the network, a busy server, the location. */
const retryable = { has: (code: ApiError['code']) => (isRetryable(code) && code !== 'RATE_LIMITED') || code === 'CHECKIN.OUT_OF_RANGE' || code === 'CHECKIN.LOCATION_REQUIRED' }

/**
 * 扫码签到: opened by the rotating QR link (?t=), a printed mini-program code (?scene=) or the
 * app's scan button. One scan checks in at once; no further tap.
 */
export default function CheckinPage() {
  const { params } = useRouter()
  const [state, setState] = useState<State>({ kind: 'working', text: '正在签到…' })
  const started = useRef(false)
  const codeRef = useRef<ScanCode | null>(null)

  const scan = async (code: ScanCode, location?: Position, checkOut?: true) => {
    setState({ kind: 'working', text: checkOut ? '正在签退…' : location ? '正在定位签到…' : '正在签到…' })
    // A volunteer shift's code (its purpose is in the token) checks in at the shift, not a meeting.
    const result = isShiftCode(code) && 'token' in code ? await call('volunteer.scan', { token: code.token, ...(location ? { location } : {}), ...(checkOut ? { checkOut } : {}) }) : await call('checkin.scan', { ...code, ...(location ? { location } : {}) })
    if (result.ok) {
      setState('meetingId' in result.data ? { kind: 'done', result: result.data } : { kind: 'shiftDone', result: result.data })
      return
    }
    if (result.error.code === 'CHECKIN.LOCATION_REQUIRED' && !location) {
      setState({ kind: 'working', text: '本次会议需要定位签到，正在获取位置…' })
      const position = await currentPosition()
      if (position) return scan(code, position)
    }
    setState({ kind: 'failed', error: result.error })
  }

  const retry = async () => {
    const code = codeRef.current
    if (!code) return
    const needsLocation = state.kind === 'failed' && (state.error.code === 'CHECKIN.OUT_OF_RANGE' || state.error.code === 'CHECKIN.LOCATION_REQUIRED')
    if (needsLocation) {
      setState({ kind: 'working', text: '正在获取位置…' })
      const position = await currentPosition()
      if (!position) {
        setState({ kind: 'failed', error: { code: 'CHECKIN.LOCATION_REQUIRED', message: '未能获取位置，请允许“支部通”使用你的位置' } })
        return
      }
      return scan(code, position)
    }
    return scan(code)
  }

  const scanAgain = async () => {
    const code = await scanCheckinCode()
    if (!code) return
    codeRef.current = code
    void Taro.redirectTo({ url: checkinUrl(code) }).catch(() => void scan(code))
  }

  useEffect(() => {
    if (started.current) return
    started.current = true
    const code = codeFromPageParams(params as Record<string, string | undefined>)
    codeRef.current = code
    if (code) void scan(code)
    else setState({ kind: 'noCode' })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const canScan = process.env.TARO_ENV === 'weapp'
  const atShift = Boolean(codeRef.current && isShiftCode(codeRef.current))

  return (
    <PageShell title={atShift ? '志愿服务签到' : '扫码签到'} subtitle='扫描签到码，一次完成签到'>
      {state.kind === 'working' ? (
        <View className='card checkin'>
          <View className='checkin__spinner' />
          <View className='checkin__working'>{state.text}</View>
        </View>
      ) : null}

      {state.kind === 'done' ? <Success result={state.result} /> : null}
      {state.kind === 'shiftDone' ? <ShiftSuccess result={state.result} onCheckOut={() => codeRef.current && void scan(codeRef.current, undefined, true)} /> : null}

      {state.kind === 'failed' ? (
        <View className='card checkin'>
          <View className='checkin__mark checkin__mark--fail'>!</View>
          <View className='checkin__title checkin__title--fail'>未能签到</View>
          <View className='checkin__message'>{state.error.message}</View>
          {(atShift ? shiftGuidance : guidance)[state.error.code] ? <View className='checkin__guide'>{(atShift ? shiftGuidance : guidance)[state.error.code]}</View> : null}
          <RetryActions onScan={canScan ? scanAgain : undefined} atShift={atShift}>
            {state.error.code === 'AUTH.NOT_BOUND' ? <JoinButton /> : null}
            {retryable.has(state.error.code) && codeRef.current ? (
              <Button type='primary' fill={canScan ? 'outline' : 'solid'} size='large' block onClick={() => void retry()}>
                {state.error.code === 'CHECKIN.OUT_OF_RANGE' || state.error.code === 'CHECKIN.LOCATION_REQUIRED' ? '重新定位签到' : '重试'}
              </Button>
            ) : null}
          </RetryActions>
        </View>
      ) : null}

      {state.kind === 'noCode' ? (
        <View className='card checkin'>
          <View className='checkin__mark checkin__mark--idle'>码</View>
          <View className='checkin__title'>请扫描会场签到码</View>
          <View className='checkin__guide'>
            {canScan ? '点下方“扫一扫”，对准会场大屏上的签到码。' : '请用微信“扫一扫”或手机相机扫描会场大屏上的签到码。'}
          </View>
          <RetryActions onScan={canScan ? scanAgain : undefined} />
        </View>
      ) : null}
    </PageShell>
  )
}

/** The way on when there is no check-in to show: 扫一扫 (where the app can scan), any extra button, then 我的会议 (我的班次 at a shift). */
function RetryActions({ onScan, atShift, children }: { onScan?: () => Promise<void>; atShift?: boolean; children?: ReactNode }) {
  return (
    <View className='checkin__actions'>
      {onScan ? (
        <Button type='primary' size='large' block onClick={() => void onScan()}>
          扫一扫
        </Button>
      ) : null}
      {children}
      {atShift ? (
        <Button fill='outline' type='default' size='large' block onClick={openMyShifts}>
          查看我的班次
        </Button>
      ) : (
        <Button fill='outline' type='default' size='large' block onClick={() => void Taro.switchTab({ url: '/pages/meetings/index' })}>
          查看我的会议
        </Button>
      )}
    </View>
  )
}

function Success({ result }: { result: CheckinResult }) {
  const clock = formatClock(result.checkedInAt)
  const late = result.status === 'late'
  const observer = result.status === 'observer'
  const title = result.already ? '你已签到' : observer ? '签到成功（列席）' : late ? '签到成功（迟到）' : '签到成功'
  return (
    <View className='card checkin'>
      <View className={late ? 'checkin__mark checkin__mark--late' : 'checkin__mark'}>✓</View>
      <View className='checkin__title'>{title}</View>
      <View className='checkin__meeting'>{result.meetingTitle}</View>
      <View className='checkin__time'>{result.already ? `已于 ${clock} 签到` : `签到时间 ${clock}`}</View>
      <View className='checkin__chips'>
        {observer ? <Chip tone='green' className='checkin__chip'>列席</Chip> : null}
        {late ? <Chip tone='amber' className='checkin__chip'>迟到</Chip> : null}
        {!late && !observer ? <Chip tone='green' className='checkin__chip'>按时到会</Chip> : null}
      </View>
      <View className='checkin__actions'>
        <Button
          type='primary'
          size='large'
          block
          onClick={() => {
            void askReminders('afterCheckin').then((allowed) => {
              if (allowed) toast('下次开会前会提醒你', 'success')
            })
          }}
        >
          下次开会提醒我
        </Button>
        <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.redirectTo({ url: `/pages/meeting/index?id=${result.meetingId}` })}>
          查看会议
        </Button>
        <Button fill='outline' type='default' size='large' block onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          返回首页
        </Button>
      </View>
    </View>
  )
}

/**
 * At a volunteer shift: the first scan checks in; a later one during the shift asks before it
 * signs out (a second scan may be a slip); once the leader confirmed the hours, the figure.
 */
function ShiftSuccess({ result, onCheckOut }: { result: ShiftScanResult; onCheckOut: () => void }) {
  const confirmed = result.action === 'hoursConfirmed'
  const asking = result.action === 'askCheckOut'
  const title = confirmed
    ? result.hoursStatus === 'noShow' ? '带队老师已确认：未到岗' : `服务时长已确认：${result.hours ?? 0} 小时`
    : asking ? '你已签到，现在签退吗？'
      : result.action === 'checkOut' ? '签退成功' : result.action === 'checkIn' ? '签到成功' : result.checkOutAt ? '你已签退' : '你已签到'
  const guide = confirmed
    ? '时长已计入你的志愿服务记录；如有出入，请联系带队老师更正。'
    : asking ? `班次 ${formatClock(result.endAt)} 结束。提前签退后，建议时长按签到到签退的时间计算；还在服务就不用签退。`
      : result.checkOutAt ? '服务时长由带队老师确认后计入。' : `服务结束时请再扫一次带队老师的签到码签退（${formatClock(result.endAt)} 结束）。`
  return (
    <View className='card checkin'>
      <View className={asking ? 'checkin__mark checkin__mark--late' : 'checkin__mark'}>{asking ? '?' : '✓'}</View>
      <View className='checkin__title'>{title}</View>
      <View className='checkin__meeting'>{result.activityTitle}</View>
      {result.checkInAt ? (
        <View className='checkin__time'>
          签到 {formatClock(result.checkInAt)}
          {result.checkOutAt ? ` · 签退 ${formatClock(result.checkOutAt)}` : ''}
        </View>
      ) : null}
      <View className='checkin__guide'>{guide}</View>
      <View className='checkin__actions'>
        {asking ? (
          <Button type='primary' size='large' block onClick={onCheckOut}>
            现在签退
          </Button>
        ) : null}
        <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.redirectTo({ url: `/packageVolunteer/shift/index?id=${result.shiftId}` })}>
          {asking ? '不签退，查看班次' : '查看班次'}
        </Button>
        <Button fill='outline' type='default' size='large' block onClick={openMyShifts}>
          我的班次
        </Button>
      </View>
    </View>
  )
}
