import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { OrgBranchFigures } from '../../../../shared/api/areas/desk'
import { call } from '../../services/api'
import { useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { branchQuery, copy, go, openGenerated, PeriodChooser, percent, Table, thisYear, useChosen } from '../shared'
import '../shared.scss'
import './index.scss'

/** 党委/党总支: every branch's compliance and figures side by side, the organisation's paragraph and 台账. */
export default function OrgDeskPage() {
  const [draft, setDraft] = useState<string | null>(null)
  const { choice: period, choose, state, reload } = useChosen(String(thisYear()), (key) => call('desk.org', { period: key }), () => setDraft(null))
  const { busy, run } = useBusy()
  const exportLedger = () => run('ledger', async () => openGenerated(await call('desk.orgLedger', { period })))
  const view = state.status === 'ready' ? state.data : null
  const paragraph = draft ?? view?.paragraph ?? ''
  return (
    <PageShell title='各支部组织生活' subtitle={view ? view.org.name : ' '}>
      <PeriodChooser value={period} onChange={choose} />
      {view?.period.notice ? <View className='card muted'>{view.period.notice}</View> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? (
        <>
          {view.branches.map((b) => (
            <BranchCard key={b.id} branch={b} />
          ))}
          <View className='section-title'>并排比较</View>
          <View className='card'>
            <Table head={['支部', '会议', '出勤率', '党课', '未召开']} rows={view.branches.map((b) => [b.name.replace(/^.*?学校/, ''), b.meetingsHeld, percent(b.attendanceRate), b.partyLectures, b.compliance.red])} />
          </View>
          <View className='section-title'>{view.org.name}综述（可修改后复制）</View>
          <View className='card'>
            <Textarea className='orgdesk__paragraph' value={paragraph} maxlength={3000} autoHeight onInput={(e) => setDraft(e.detail.value)} />
            <View className='orgdesk__buttons'>
              <Button size='small' type='primary' onClick={() => void copy(paragraph, '综述已复制')}>
                复制
              </Button>
            </View>
          </View>
          <View className='actions'>
            <Button type='primary' size='large' block loading={busy === 'ledger'} onClick={() => void exportLedger()}>
              导出{view.period.label}全部支部台账
            </Button>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

function BranchCard({ branch: b }: { branch: OrgBranchFigures }) {
  const total = Math.max(1, b.compliance.due)
  return (
    <View className='card orgdesk__branch'>
      <View className='orgdesk__head'>
        <Text className='orgdesk__name'>{b.name}</Text>
        <Text className='muted'>党员 {b.partyMembers} 人</Text>
      </View>
      <View className='orgdesk__bar'>
        <View className='desk-cell desk-cell--green' style={{ width: `${(b.compliance.green / total) * 100}%` }} />
        <View className='desk-cell desk-cell--amber' style={{ width: `${(b.compliance.amber / total) * 100}%` }} />
        <View className='desk-cell desk-cell--red' style={{ width: `${(b.compliance.red / total) * 100}%` }} />
      </View>
      <View className='orgdesk__figures'>
        三会一课 已召开 {b.compliance.green} / 到期 {b.compliance.green + b.compliance.amber + b.compliance.red} · 会议 {b.meetingsHeld} 次 · 出勤率 {percent(b.attendanceRate)}
      </View>
      {b.alerts.slice(0, 3).map((a, i) => (
        <View className={`orgdesk__alert orgdesk__alert--${a.status}`} key={i}>
          {a.text}
        </View>
      ))}
      <View className='orgdesk__links'>
        <Text className='orgdesk__link' onClick={() => go(`/packageDesk/calendar/index${branchQuery(b.id)}`)}>日历 ›</Text>
        <Text className='orgdesk__link' onClick={() => go(`/packageDesk/figures/index${branchQuery(b.id)}`)}>数据 ›</Text>
        <Text className='orgdesk__link' onClick={() => go(`/packageDesk/charts/index${branchQuery(b.id)}`)}>图表 ›</Text>
      </View>
    </View>
  )
}
