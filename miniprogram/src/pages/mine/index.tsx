import type { ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '../../../../shared/api/contract'
import { memberCategoryLabels, positionLabels } from '../../../../shared/domain/member'
import { abilitiesOf } from '../../../../shared/domain/meeting-roles'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { JoinPrompt, Loading, LoadError, StatusCard } from '../../components/StatusView'
import { usePrivacyState } from '../../components/PrivacyGate'
import { openPrivacyContract } from '../../components/PrivacyGate/privacy'
import Chip from '../../components/Chip'
import { followedSubjects } from '../../../../shared/domain/reminders/followers'
import './index.scss'

type MeView = ActionOutput<'member.me'>
type Member = NonNullable<MeView['member']>

const go = (url: string) => void Taro.navigateTo({ url })

export default function Mine() {
  const { state, reload } = useResource(() => call('member.me', {}))

  // Runs on first show and whenever the tab comes back into view (e.g. after joining).
  useDidShow(() => {
    void reload()
  })

  const me = state.status === 'ready' ? state.data : null
  const member = me?.member ?? null

  return (
    <PageShell
      title='我的'
      hero={
        member ? (
          <Hero name={member.name} tag={memberCategoryLabels[member.category]} place={member.branch.name} />
        ) : me?.orgAdmin ? (
          <Hero name={me.orgAdmin.name} tag='管理员' place={me.orgAdmin.orgName} />
        ) : null
      }
    >
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}

      {me && !member && me.pendingJoin ? (
        <StatusCard
          tone='amber'
          mark='…'
          title='加入申请正在审核'
          note={`你于 ${formatTime(me.pendingJoin.submittedAt)} 申请加入${me.pendingJoin.branchName}。支部书记核对后即可完成绑定，请耐心等待。`}
        />
      ) : null}

      {me && !member && me.orgAdmin ? (
        <View className='card mine__admin'>
          <View className='mine__admin-title'>党总支（党委）管理员</View>
          <View className='muted'>可查看{me.orgAdmin.orgName}各支部的花名册、会议与出勤情况（只读）；不属于具体支部，不参加签到。</View>
        </View>
      ) : null}

      {me && !member && !me.pendingJoin && !me.orgAdmin ? (
        <JoinPrompt
          note={
            me.joinRejected
              ? `你申请加入${me.joinRejected.branchName}未获通过${me.joinRejected.comment ? `（${me.joinRejected.comment}）` : ''}。请核对姓名和手机号后重新申请，或联系支部书记。`
              : '向支部书记要本支部的加入码，填写姓名和手机号，与花名册核对一致即可加入。也可以直接扫描支部的加入二维码。'
          }
        />
      ) : null}

      {member ? <MemberDetails member={member} /> : null}
      {member ? <MyCapabilities member={member} /> : null}
      {member ? (
        <CellSection
          title='我的组织生活'
          cells={[
            <Cell key='record' title='参加会议记录' description='本年度应参加、参加、请假、缺席的会议' extra='›' clickable onClick={() => go('/packageMeeting/member-record/index')} />,
            <Cell key='makeup' title='我的补学' description='请假后需要完成的补学' extra='›' clickable onClick={() => go('/packageMine/makeup/index')} />,
            <Cell key='reminders' title='消息提醒' description='会有哪些提醒，各类还能通过微信提醒几次' extra='›' clickable onClick={() => go('/packageReminders/mine/index')} />,
            <Cell key='appraisal' title='民主评议' description='个人自评、民主测评和评议结果' extra='›' clickable onClick={() => go('/packageAppraisal/round/index')} />,
            <Cell key='dues' title='我的党费' description='交纳基数、每月金额和交纳记录' extra='›' clickable onClick={() => go('/packageDues/mine/index')} />,
            <Cell key='development' title='发展党员' description={member.capabilities.includes('manageDevelopment') ? '从入党申请到转正，每一步的日期与期限' : '我的入党进程，或我联系、介绍的同志'} extra='›' clickable onClick={() => go('/packageDevelopment/list/index')} />,
          ]}
        />
      ) : null}
      {me ? <ManageEntries me={me} /> : null}

      <PrivacySection />
    </PageShell>
  )
}

/** Who is signed in, on the red header: a member with their category and branch, or an organisation admin. */
function Hero({ name, tag, place }: { name: string; tag: string; place: string }) {
  return (
    <View className='mine__hero'>
      <View className='mine__avatar'>{name.slice(0, 1)}</View>
      <View className='mine__hero-text'>
        <View className='mine__name-row'>
          <Text className='mine__name'>{name}</Text>
          <Text className='mine__category'>{tag}</Text>
        </View>
        <Text className='mine__branch'>{place}</Text>
      </View>
    </View>
  )
}

function MemberDetails({ member }: { member: Member }) {
  const positions = member.positions.map((p) => positionLabels[p]).join('、')
  return (
    <View className='card card--flush'>
      <CellGroup divider>
        <Cell title='所在支部' extra={member.branch.name} />
        <Cell title='党小组' extra={member.group ? member.group.name : '未分组'} />
        <Cell title='党员类别' extra={memberCategoryLabels[member.category]} />
        <Cell title='职务' extra={positions || '无'} />
        <Cell title='入党时间' extra={member.joinedPartyAt ?? '未登记'} />
        <Cell title='手机号' extra={member.phoneMasked} />
      </CellGroup>
    </View>
  )
}

function MyCapabilities({ member }: { member: Member }) {
  const abilities = abilitiesOf(member)
  return (
    <>
      <View className='section-title'>我的权限</View>
      <View className='card mine__caps'>
        {abilities.length ? (
          abilities.map((a) => (
            <Chip tone='red' className='mine__cap' key={a}>
              {a}
            </Chip>
          ))
        ) : (
          <Chip className='mine__cap'>普通成员</Chip>
        )}
        <View className='muted mine__caps-note'>{abilities.length ? '' : '可以扫码签到、请假和补学。'}权限随职务确定，支部书记可以调整。</View>
      </View>
    </>
  )
}

function ManageEntries({ me }: { me: MeView }) {
  const manageRoster = me.member?.capabilities.includes('manageRoster') ?? false
  // Built as an array: CellGroup decides which cell is last by counting children, nulls included.
  const cells = []
  if (manageRoster) {
    cells.push(
      <Cell key='roster' title='花名册管理' description='导入、添加、调整党员信息' extra='›' clickable onClick={() => go('/packageAdmin/roster/index')} />,
      <Cell key='requests' title='加入申请' description='核对姓名或手机号对不上的申请' extra='›' clickable onClick={() => go('/packageAdmin/join-requests/index')} />,
      <Cell key='invite' title='支部加入码' description='请党员扫码或输入加入码加入' extra='›' clickable onClick={() => go('/packageAdmin/invite/index')} />,
      <Cell key='dues' title='党费收缴' description='基数、每月收缴情况、登记交纳、年度公示' extra='›' clickable onClick={() => go('/packageDues/list/index')} />,
    )
  }
  const caps = me.member?.capabilities ?? []
  // Who follows some kind of reminder, by the rule the reminder function checks.
  if (followedSubjects(caps).length) {
    cells.push(<Cell key='reminders' title='提醒发送情况' description='每次会议、活动、任务的提醒发给了谁，谁没有收到' extra='›' clickable onClick={() => go('/packageReminders/sent/index')} />)
  }
  if (me.orgAdmin) {
    const org = me.orgAdmin
    cells.push(
      <Cell
        key='org'
        title='各支部概况'
        description={org.orgName}
        extra='›'
        clickable
        onClick={() => go(`/packageAdmin/org/index?orgName=${encodeURIComponent(org.orgName)}`)}
      />,
      <Cell key='development' title='各支部发展党员' description='各支部发展党员进程（只读）' extra='›' clickable onClick={() => go('/packageDevelopment/list/index')} />,
    )
  }
  if (!cells.length) return null
  return <CellSection title='支部管理' cells={cells} />
}

function PrivacySection() {
  const privacy = usePrivacyState()
  // Built as an array: CellGroup decides which cell is last by counting children, nulls included.
  const cells = [
    <Cell
      key='collect'
      title='我们收集的信息'
      description='姓名、手机号（列表中脱敏）、所在党组织与职务、签到与请假记录（含请假事由；开启定位签到的会议另记你与会场的距离）、志愿服务记录、学习心得；发展党员的程序日期与材料摘要（仅本人、培养联系人、入党介绍人和支委可见）。不收集身份证号。'
    />,
    <Cell
      key='purpose'
      title='用途'
      description='仅用于本支部的组织生活：会议通知与签到、志愿服务统计、学习交流。信息只在本支部内可见，按职务控制查看范围。'
    />,
  ]
  cells.push(
    <Cell key='mydata' title='我的数据' description='查看、导出（Excel）关于你的全部信息' extra='›' clickable onClick={() => go('/packageMine/mydata/index')} />,
  )
  if (process.env.TARO_ENV === 'weapp') {
    cells.push(
      <Cell
        key='contract'
        title='隐私保护指引'
        extra={privacy.needAuthorization === false ? '已同意 ›' : '查看 ›'}
        clickable
        onClick={openPrivacyContract}
      />,
    )
  }
  return <CellSection title='隐私说明' cells={cells} />
}

function CellSection({ title, cells }: { title: string; cells: ReactNode[] }) {
  return (
    <>
      <View className='section-title'>{title}</View>
      <View className='card card--flush'>
        <CellGroup divider>{cells}</CellGroup>
      </View>
    </>
  )
}
