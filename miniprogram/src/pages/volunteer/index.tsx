import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Segmented } from '@nutui/nutui-react-taro'
import type { ShiftCardView, VolunteerBoardView } from '../../../../shared/api/contract'
import type { Result } from '../../../../shared/errors'
import { endOf, startOf } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { formatDate, formatSpan } from '../../services/format'
import { toast, useBusy, useResource } from '../../services/hooks'
import { checkinUrl, scanCheckinCode } from '../../services/meeting'
import { activityTypeLabels, byDay, hoursStatusLabels, signUp, signupMessage, takeWantedTab } from '../../services/volunteer'
import { boardWithCard } from '../../services/board-card'
import { askReminders } from '../../services/reminders'
import { filterByType, typeFilters, type TypeFilter } from '../../services/shift-filter'
import PageShell from '../../components/PageShell'
import ShiftCard from '../../components/ShiftCard'
import Chip from '../../components/Chip'
import { JoinPrompt, Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

type Tab = 'open' | 'mine' | 'history'

interface Loaded {
  board: VolunteerBoardView | null
  bound: boolean
}

/** The first screen is the board alone (one call); the 记录 tab asks for its year when it opens. */
async function load(): Promise<Result<Loaded>> {
  const board = await call('volunteer.board', {})
  if (!board.ok) return board.error.code === 'AUTH.NOT_BOUND' || board.error.code === 'AUTH.FORBIDDEN' ? { ok: true, data: { board: null, bound: false } } : board
  return { ok: true, data: { board: board.data, bound: true } }
}

const thisYear = () => {
  const now = Date.now()
  // This year up to the end of today.
  return call('volunteer.history', { from: startOf('year', now).toISOString(), to: endOf('day', now).toISOString() })
}

const go = (url: string) => void Taro.navigateTo({ url })

/** 志愿: open shifts by date (one tap to sign up), my shifts and swaps, my record; no rankings. */
export default function VolunteerPage() {
  const { state, reload, replace } = useResource(load)
  const [tab, setTab] = useState<Tab>('open')
  const { busy, run } = useBusy()

  useDidShow(() => {
    const wanted = takeWantedTab()
    if (wanted) setTab(wanted)
    void reload({ quiet: true })
  })
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const onSignup = (shift: ShiftCardView, waitlist: boolean) => {
    // Asked in the tap, before any await: the evening-before reminder and a seat from the waitlist.
    void askReminders('afterShiftSignup')
    return run(shift.id, async () => {
      const result = await signUp(shift, waitlist)
      if (!result) return
      if (!result.ok) return toast(result.error.message)
      toast(signupMessage(result.data), result.data.status === 'confirmed' ? 'success' : 'none')
      // The answer carries the card as it is now: the board changes in place.
      if (state.status === 'ready' && state.data.board) replace({ ...state.data, board: boardWithCard(state.data.board, result.data.shift) })
      else await reload({ quiet: true })
    })
  }

  const takeSwap = (shiftId: string, fromMemberId: string) =>
    run(`swap-${shiftId}`, async () => {
      const result = await call('volunteer.takeSwap', { shiftId, fromMemberId })
      if (!result.ok) return toast(result.error.message)
      toast('已接替，班次已在“我的”中', 'success')
      await reload({ quiet: true })
    })

  const scan = async () => {
    const code = await scanCheckinCode()
    if (code) go(checkinUrl(code))
  }

  const data = state.status === 'ready' ? state.data : null
  const board = data?.board ?? null

  return (
    <PageShell
      title='志愿服务'
      subtitle='“七彩阳光”党员志愿服务队'
      hero={
        board ? (
          <View className='volunteer__hero'>
            <View className='volunteer__year'>
              <Text className='volunteer__year-num'>{board.myYear.hours}</Text>
              <Text className='volunteer__year-unit'>小时</Text>
              <Text className='volunteer__year-note'>
                {board.myYear.year} 年已服务 {board.myYear.shifts} 次
              </Text>
            </View>
            {process.env.TARO_ENV === 'weapp' ? (
              <View className='volunteer__scan' onClick={() => void scan()}>
                扫码签到
              </View>
            ) : null}
          </View>
        ) : null
      }
    >
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}

      {data && !data.bound ? (
        <JoinPrompt note='加入支部后，可以在这里报名志愿服务班次。' />
      ) : null}

      {board ? (
        <View className='segmented-bar'>
          <Segmented
            options={[
              { value: 'open', label: '报名' },
              { value: 'mine', label: board.mine.length ? `我的 ${board.mine.length}` : '我的' },
              { value: 'history', label: '记录' },
            ]}
            value={tab}
            onChange={(v) => setTab(v as Tab)}
          />
        </View>
      ) : null}

      {board && tab === 'open' ? <OpenShifts board={board} busy={busy} onSignup={onSignup} /> : null}
      {board && tab === 'mine' ? <MyShifts board={board} busy={busy} onTakeSwap={takeSwap} /> : null}
      {board && tab === 'history' ? <History /> : null}

      {board?.canManage ? (
        <View className='volunteer__manage' onClick={() => go('/packageVolunteer/manage/index')}>
          活动与排班、团队数据、导出服务时长 ›
        </View>
      ) : null}
    </PageShell>
  )
}

function OpenShifts({ board, busy, onSignup }: { board: VolunteerBoardView; busy: string | null; onSignup: (s: ShiftCardView, waitlist: boolean) => void }) {
  const [type, setType] = useState<TypeFilter>('all')
  if (!board.open.length) return <StatusCard mark='志' title='近期没有可报名的班次' note='支部发布志愿服务活动后，会按日期显示在这里。' />
  const filters = typeFilters(board.open)
  const chosen = filters.some((f) => f.value === type) ? type : 'all'
  return (
    <>
      {filters.length ? (
        <ScrollView scrollX className='volunteer__types'>
          {filters.map((f) => (
            <View key={f.value} className={`volunteer__type${f.value === chosen ? ' volunteer__type--on' : ''}`} onClick={() => setType(f.value)}>
              {f.label}
            </View>
          ))}
        </ScrollView>
      ) : null}
      {byDay(filterByType(board.open, chosen)).map((day) => (
        <View key={day.day}>
          <View className='section-title'>{day.label}</View>
          {day.shifts.map((s) => (
            <ShiftCard key={s.id} shift={s} onSignup={onSignup} busy={busy === s.id} />
          ))}
        </View>
      ))}
    </>
  )
}

function MyShifts({ board, busy, onTakeSwap }: { board: VolunteerBoardView; busy: string | null; onTakeSwap: (shiftId: string, from: string) => void }) {
  return (
    <>
      {board.leading.length ? (
        <>
          <View className='section-title'>我带队的班次</View>
          {board.leading.map((s) => (
            <ShiftCard key={s.id} shift={s} withDay>
              <Button size='small' fill='outline' type='primary' onClick={() => go(`/packageVolunteer/code/index?id=${s.id}`)}>
                签到码
              </Button>
            </ShiftCard>
          ))}
        </>
      ) : null}
      <View className='section-title'>我报名的班次</View>
      {board.mine.length ? board.mine.map((s) => <ShiftCard key={s.id} shift={s} withDay />) : <View className='card muted'>还没有报名的班次，到“报名”中选一个吧</View>}
      {board.swaps.length ? (
        <>
          <View className='section-title'>可接替的班次</View>
          {board.swaps.map((offer) => (
            <ShiftCard key={`${offer.shift.id}-${offer.from.memberId}`} shift={offer.shift} withDay note={`${offer.from.name} 临时有事，希望有人接替`}>
              <Button size='small' type='primary' disabled={!offer.shift.mayJoin} loading={busy === `swap-${offer.shift.id}`} onClick={() => onTakeSwap(offer.shift.id, offer.from.memberId)}>
                接替
              </Button>
            </ShiftCard>
          ))}
        </>
      ) : null}
    </>
  )
}

function History() {
  const { state, reload } = useResource(thisYear)
  useEffect(() => {
    void reload()
  }, [reload])
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <LoadError error={state.error} onRetry={() => void reload()} />
  const history = state.data
  return (
    <>
      <View className='card volunteer__totals'>
        <View className='volunteer__total'>
          <Text className='volunteer__total-num'>{history.hours}</Text>
          <Text className='volunteer__total-label'>今年服务时长（小时）</Text>
        </View>
        <View className='volunteer__total'>
          <Text className='volunteer__total-num'>{history.shifts}</Text>
          <Text className='volunteer__total-label'>服务次数</Text>
        </View>
      </View>
      <View className='section-title'>今年的服务</View>
      <View className='card'>
        {history.rows.length ? (
          history.rows.map((r) => (
            <View key={r.shiftId} className='volunteer__row' onClick={() => go(`/packageVolunteer/shift/index?id=${r.shiftId}`)}>
              <View className='volunteer__row-main'>
                <View className='volunteer__row-title'>{r.activityTitle}</View>
                <View className='volunteer__row-sub'>
                  {activityTypeLabels[r.activityType]} · {formatSpan(r.startAt, r.endAt)}
                </View>
              </View>
              {r.status === 'removed' ? (
                <Chip tone='grey'>已移出</Chip>
              ) : r.hoursStatus === 'credited' ? (
                <Chip tone='green'>{r.hours} 小时</Chip>
              ) : (
                <Chip tone={r.hoursStatus === 'noShow' ? 'red' : 'gold'}>{Date.parse(r.startAt) > Date.now() ? `${formatDate(r.startAt)} 参加` : hoursStatusLabels[r.hoursStatus]}</Chip>
              )}
            </View>
          ))
        ) : (
          <View className='muted'>今年还没有服务记录</View>
        )}
      </View>
    </>
  )
}
