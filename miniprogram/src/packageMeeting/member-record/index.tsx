import { useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { attendanceStatusLabels, meetingTypeLabels } from '../../../../shared/domain/meeting'
import { call } from '../../services/api'
import { addCalendar, endOf, startOf } from '../../../../shared/domain/time'
import { formatDay, formatClock } from '../../services/format'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

type Period = 'year' | 'quarter' | 'twelveMonths'
const periodLabels: Record<Period, string> = { year: '本年度', quarter: '近 3 个月', twelveMonths: '近 12 个月' }

/** The start of a period in Beijing time (this year; this month and the 2 or 11 before it). */
function periodStart(period: Period, now: number): string {
  if (period === 'year') return startOf('year', now).toISOString()
  return startOf('month', addCalendar(now, period === 'quarter' ? -2 : -11, 'month')).toISOString()
}

/** The end of today in Beijing time. */
const endOfToday = (now: number) => endOf('day', now).toISOString()

/**
 * One member's organisational life over a period: 应参加 / 参加 / 迟到 / 请假 / 缺席 and each
 * meeting. A member sees their own; those who review attendance see anyone's (?memberId=).
 */
export default function MemberRecordPage() {
  const { params } = useRouter()
  const memberId = params.memberId || undefined
  const [period, setPeriod] = useState<Period>('year')
  const { state, reload } = useResource(() =>
    call('attendance.member', { ...(memberId ? { memberId } : {}), from: periodStart(period, Date.now()), to: endOfToday(Date.now()) }),
  )

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const choose = (next: Period) => {
    setPeriod(next)
    // The resource reads `period` when it runs: reload on the next tick, after the state change.
    setTimeout(() => void reload(), 0)
  }

  const data = state.status === 'ready' ? state.data : null
  return (
    <PageShell title={data ? `${data.member.name}的组织生活` : '组织生活记录'} subtitle={data?.member.groupName ?? undefined}>
      <View className='card record__periods'>
        {(Object.keys(periodLabels) as Period[]).map((p) => (
          <Button key={p} size='small' type={p === period ? 'primary' : 'default'} fill={p === period ? 'solid' : 'outline'} onClick={() => choose(p)}>
            {periodLabels[p]}
          </Button>
        ))}
      </View>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {data ? (
        <>
          <View className='card record__stats'>
            {[
              ['应参加', data.expected],
              ['参加', data.attended],
              ['迟到', data.late],
              ['请假', data.leave],
              ['缺席', data.absent],
            ].map(([label, value]) => (
              <View className='record__stat' key={label}>
                <Text className='record__stat-value'>{value}</Text>
                <Text className='record__stat-label'>{label}</Text>
              </View>
            ))}
          </View>
          {data.rows.length === 0 ? (
            <StatusCard tone='green' mark='—' title='这段时间没有需要参加的会议' note='换一个时间段看看。' />
          ) : (
            <View className='card card--flush'>
              {[...data.rows].reverse().map((r) => (
                <View className='record__row' key={r.meetingId}>
                  <View className='record__main'>
                    <Text className='record__title'>{r.title}</Text>
                    <Text className='muted'>
                      {meetingTypeLabels[r.type]} · {formatDay(r.startAt)}
                    </Text>
                  </View>
                  <Text className={`record__status record__status--${r.status}`}>
                    {attendanceStatusLabels[r.status]}
                    {r.checkedInAt ? ` ${formatClock(r.checkedInAt)}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </>
      ) : null}
    </PageShell>
  )
}
