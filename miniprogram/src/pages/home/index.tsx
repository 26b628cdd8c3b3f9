import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { DeskView, OrgDeskView } from '../../../../shared/api/contract'
import { beijingParts } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { showUnreadBadge } from '../../services/badge'
import { useResource } from '../../services/hooks'
import { checkinUrl, scanCheckinCode } from '../../services/meeting'
import PageShell from '../../components/PageShell'
import MeetingCard from '../../components/MeetingCard'
import { JoinPrompt, Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

function greeting(now = Date.now()): string {
  const { hour } = beijingParts(now)
  return hour < 11 ? '上午好' : hour < 13 ? '中午好' : hour < 18 ? '下午好' : '晚上好'
}

/** 首页: the teacher's desk — next meetings, messages, 补学; for the committee, what waits for them. */
export default function Home() {
  const { state, reload } = useResource(async () => {
    const r = await call('home.desk', {})
    if (r.ok) showUnreadBadge(r.data.unread)
    return r
  })

  useDidShow(() => {
    void reload({ quiet: true })
  })
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const desk = state.status === 'ready' ? state.data : null
  const member = desk?.member ?? null
  const org = desk?.org ?? null

  const scan = async () => {
    const code = await scanCheckinCode()
    if (code) go(checkinUrl(code))
  }

  return (
    <PageShell
      title={member ? `${member.name}，${greeting()}` : org ? `${org.adminName}，${greeting()}` : '支部通'}
      subtitle={member ? member.branchName : org ? org.name : '党支部组织生活，一处办理'}
    >
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}

      {org ? <OrgHome org={org} /> : null}

      {desk && !member && !org ? (
        desk.pendingJoin ? (
          <StatusCard tone='amber' mark='…' title='加入申请正在审核' note={`你于 ${formatTime(desk.pendingJoin.submittedAt)} 申请加入${desk.pendingJoin.branchName}，请耐心等待支部书记核对。`} />
        ) : (
          <JoinPrompt title='欢迎使用支部通' note='向支部书记要本支部的加入码，填写姓名和手机号即可加入支部，参加会议签到、请假和学习。' />
        )
      ) : null}

      {desk && member ? (
        <>
          <View className='home__quick'>
            <View className='home__quick-item' onClick={() => go('/pages/inbox/index')}>
              <View className='home__quick-num'>
                {desk.unread}
                {desk.unread ? <View className='home__badge' /> : null}
              </View>
              <View className='home__quick-label'>未读消息</View>
            </View>
            <View className='home__quick-item' onClick={() => go('/packageMine/makeup/index')}>
              <View className={desk.openMakeups ? 'home__quick-num home__quick-num--amber' : 'home__quick-num'}>{desk.openMakeups}</View>
              <View className='home__quick-label'>待补学</View>
            </View>
            {process.env.TARO_ENV === 'weapp' ? (
              <View className='home__quick-item home__quick-item--scan' onClick={() => void scan()}>
                <View className='home__quick-num'>⌗</View>
                <View className='home__quick-label'>扫码签到</View>
              </View>
            ) : (
              <View className='home__quick-item' onClick={() => void Taro.switchTab({ url: '/pages/meetings/index' })}>
                <View className='home__quick-num'>{desk.toAttend}</View>
                <View className='home__quick-label'>待参加会议</View>
              </View>
            )}
          </View>

          <View className='section-title home__section'>
            <Text>近期会议</Text>
            <Text className='home__more' onClick={() => void Taro.switchTab({ url: '/pages/meetings/index' })}>
              全部 ›
            </Text>
          </View>
          {desk.upcoming.length ? (
            desk.upcoming.slice(0, 3).map((m) => <MeetingCard key={m.id} meeting={m} />)
          ) : (
            <View className='card muted'>近期没有需要你参加的会议</View>
          )}

          <CommitteeDesk desk={desk} />
        </>
      ) : null}
    </PageShell>
  )
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`

/** An organisation admin's 首页: each branch's people, its meetings this month and their attendance. */
function OrgHome({ org }: { org: OrgDeskView }) {
  const members = org.branches.reduce((n, b) => n + b.members, 0)
  const meetings = org.branches.reduce((n, b) => n + b.meetingsThisMonth, 0)
  const held = org.branches.reduce((n, b) => n + b.heldThisMonth, 0)
  return (
    <>
      <View className='card home__org-total'>
        {org.name}共 {org.branches.length} 个支部、{members} 名成员；本月安排会议 {meetings} 次，已召开 {held} 次。
      </View>
      <View className='card card--flush'>
        <DeskItem name='各支部并排比较' value='三会一课 · 数据 · 台账' onClick={() => go('/packageDesk/org/index')} />
      </View>
      <View className='section-title'>各支部本月情况</View>
      {org.branches.length ? (
        <View className='card card--flush'>
          {org.branches.map((b) => (
            <DeskItem
              key={b.id}
              name={b.name}
              note={`成员 ${b.members} 人，已绑定微信 ${b.bound} 人；本月会议 ${b.meetingsThisMonth} 次，已召开 ${b.heldThisMonth} 次`}
              plainNote
              value={b.attendanceRate === null ? '尚无出勤数据' : `出勤率 ${percent(b.attendanceRate)}`}
              onClick={() => go(`/packageAdmin/roster/index?branchId=${encodeURIComponent(b.id)}`)}
            />
          ))}
        </View>
      ) : (
        <View className='card muted'>本组织下还没有设立支部。</View>
      )}
      <View className='muted home__org-note'>出勤率按本月已结束的会议统计（实到 ÷ 应到）；点开支部可只读查看其花名册。</View>
    </>
  )
}

/** What waits for the committee: the server sends only the figures the caller may act on. */
function CommitteeDesk({ desk }: { desk: DeskView }) {
  const items = []
  if (desk.pendingLeave !== null) {
    items.push(
      <DeskItem key='leave' name='待审批请假' value={`${desk.pendingLeave} 条`} alert={desk.pendingLeave > 0} onClick={() => go('/packageMeeting/leave/index')} />,
    )
  }
  if (desk.joinRequests !== null) {
    items.push(<DeskItem key='roster' name='花名册' value='查看 · 导入' onClick={() => go('/packageAdmin/roster/index')} />)
    items.push(
      <DeskItem key='join' name='加入申请' value={`${desk.joinRequests} 条`} alert={desk.joinRequests > 0} onClick={() => go('/packageAdmin/join-requests/index')} />,
    )
  }
  if (desk.attention !== null) {
    const { total, sixMonths: six, neverAttended: never } = desk.attention
    const notes = [six ? `其中 6 个月以上 ${six} 人` : '', total && never ? `尚未参加过组织生活 ${never} 人` : ''].filter(Boolean)
    items.push(
      <DeskItem
        key='inactive'
        name='需关注成员'
        value={total ? `3 个月未参加组织生活 ${total} 人` : never ? `尚未参加过组织生活 ${never} 人` : desk.attention.meetingsChecked ? '无' : '尚无已结束的会议'}
        note={notes.length ? notes.join('；') : undefined}
        danger={six > 0}
        alert={total + never > 0}
        onClick={() => go('/packageMeeting/inactive/index')}
      />,
    )
  }
  if (desk.seesBranchMakeups) {
    items.push(<DeskItem key='makeups' name='补学情况' value='查看' onClick={() => go('/packageMeeting/makeups/index')} />)
  }
  const alerts = desk.complianceAlerts
  if (alerts) {
    // Missed ones come first.
    const red = alerts.filter((a) => a.status === 'red').length
    items.push(
      <DeskItem
        key='calendar'
        name='三会一课'
        value={red ? `未按期召开 ${red} 项` : alerts.length ? `即将到期 ${alerts.length} 项` : desk.attention && !desk.attention.meetingsChecked ? '尚无到期的会议' : '均已按期召开'}
        note={alerts[0]?.text}
        danger={red > 0}
        alert={alerts.length > 0}
        onClick={() => go('/packageDesk/calendar/index')}
      />,
    )
  }
  if (desk.notesToReview !== null) {
    items.push(
      <DeskItem key='notes' name='待审阅心得' value={`${desk.notesToReview} 篇`} alert={desk.notesToReview > 0} onClick={() => go('/packageStudy/review/index')} />,
    )
  }
  const unreached = desk.unreachedReminders
  if (unreached && unreached.count > 0) {
    items.push(
      <DeskItem
        key='reminders'
        name='提醒未送达'
        value={`${unreached.count} 条`}
        note={`近 ${unreached.days} 天微信未发出、消息也未读，请另行告知`}
        alert
        onClick={() => go('/packageReminders/sent/index')}
      />,
    )
  }
  const pipeline = desk.development
  if (pipeline) {
    items.push(
      <DeskItem
        key='development'
        name='发展党员'
        value={pipeline.overdue ? `已逾期 ${pipeline.overdue} 项` : pipeline.dueSoon ? `30天内到期 ${pipeline.dueSoon} 项` : `${pipeline.people} 人 · 无到期事项`}
        note={pipeline.overdue && pipeline.dueSoon ? `另有 30 天内到期 ${pipeline.dueSoon} 项` : undefined}
        danger={pipeline.overdue > 0}
        alert={pipeline.overdue + pipeline.dueSoon > 0}
        onClick={() => go('/packageDevelopment/list/index')}
      />,
    )
  }
  if (desk.readsDesk) {
    items.push(<DeskItem key='figures' name='年度数据与台账' value='综述 · 导出' onClick={() => go('/packageDesk/figures/index')} />)
  }
  if (!items.length) return null
  return (
    <>
      <View className='section-title'>支部工作</View>
      <View className='card card--flush'>{items}</View>
    </>
  )
}

function DeskItem(props: { name: string; value: string; note?: string; plainNote?: boolean; alert?: boolean; danger?: boolean; onClick: () => void }) {
  const { name, value, note, plainNote, alert, danger, onClick } = props
  return (
    <View className='home__desk' onClick={onClick}>
      <View className='home__desk-main'>
        <View className='home__desk-name'>{name}</View>
        {note ? <View className={plainNote ? 'home__desk-note home__desk-note--plain' : 'home__desk-note'}>{note}</View> : null}
      </View>
      <Text className={danger ? 'home__desk-value home__desk-value--danger' : alert ? 'home__desk-value home__desk-value--alert' : 'home__desk-value'}>{value}</Text>
      <Text className='home__desk-arrow'>›</Text>
    </View>
  )
}
