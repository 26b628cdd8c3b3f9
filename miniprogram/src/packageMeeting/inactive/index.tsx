import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AttentionView, InactiveMemberView } from '../../../../shared/api/contract'
import { memberCategoryLabels } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import { formatDate } from '../../services/format'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

/**
 * 需关注成员: party members without organisational life for 3 consecutive months (6 months is the
 * line the Party Constitution, Art. 9, draws), and those who have not yet attended any meeting
 * they were expected at. For the branch's own follow-up, not a ranking. The page says what its
 * judgement rests on and claims nothing beyond it.
 */
export default function InactivePage() {
  const { state, reload } = useResource(() => call('attendance.inactive', {}))

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const view = state.status === 'ready' ? state.data : null
  const list = view?.members ?? []
  const six = list.filter((m) => m.level === 6)
  const three = list.filter((m) => m.level === 3)
  const never = list.filter((m) => m.level === null)

  return (
    <PageShell title='需关注成员' subtitle='连续多月未参加组织生活的党员，请支委及时谈心了解'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? <Checked view={view} /> : null}
      {view && view.checked.meetings && !list.length ? (
        <StatusCard tone='green' mark='✓' title='没有需要关注的党员' note='应参加过会议的党员都至少参加过一次，且没有连续 3 个月未参加组织生活的。' />
      ) : null}

      {six.length ? (
        <>
          <View className='section-title inactive__title--red'>6 个月以上未参加组织生活（{six.length} 人）</View>
          <View className='alert alert--error'>党章第九条：党员连续六个月不参加党的组织生活，又无正当理由的，被认为是自行脱党。请尽快了解情况。</View>
          <List items={six} />
        </>
      ) : null}
      {three.length ? (
        <>
          <View className='section-title'>3 个月以上未参加组织生活（{three.length} 人）</View>
          <List items={three} />
        </>
      ) : null}
      {never.length ? (
        <>
          <View className='section-title'>尚未参加过组织生活（{never.length} 人）</View>
          <List items={never} />
        </>
      ) : null}
    </PageShell>
  )
}

/** What the list rests on: the ended meetings on record. */
function Checked({ view }: { view: AttentionView }) {
  if (!view.checked.meetings || !view.checked.from) {
    return <StatusCard mark='—' title='还没有已结束的会议' note='会议结束后，这里会根据签到记录列出需要关注的党员。' />
  }
  return (
    <View className='card muted inactive__checked'>
      依据 {formatDate(view.checked.from)} 以来已结束的 {view.checked.meetings} 次会议的签到记录统计；在此之前的组织生活不在支部通的记录中。
    </View>
  )
}

function line(m: InactiveMemberView): string {
  if (!m.lastAttendedAt) return `自 ${formatDate(m.since)} 起应参加 ${m.missed} 次会议，均未参加`
  return `最近一次参加：${formatDate(m.lastAttendedAt)}${m.missed ? `，此后应参加 ${m.missed} 次未参加` : ''}`
}

function List({ items }: { items: InactiveMemberView[] }) {
  return (
    <View className='card card--flush'>
      {items.map((m) => (
        <View className='inactive__row' key={m.memberId} onClick={() => void Taro.navigateTo({ url: `/packageMeeting/member-record/index?memberId=${m.memberId}` })}>
          <View className='inactive__main'>
            <View>
              <Text className='inactive__name'>{m.name}</Text>
              <Text className='muted'>
                {m.groupName ?? '未分组'} · {memberCategoryLabels[m.category]}
              </Text>
            </View>
            <View className='muted'>{line(m)}</View>
          </View>
          <Text className={m.level === 6 ? 'inactive__months inactive__months--red' : 'inactive__months'}>{m.level ? `${m.months} 个月` : `未参加 ${m.missed} 次`}</Text>
        </View>
      ))}
    </View>
  )
}
