import '../messages'
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { DevelopmentRow } from '../../../../shared/api/contract'
import { stageLabels, stepStatusLabels } from '../../../../shared/domain/development'
import { call } from '../../services/api'
import { todayInBeijing } from '../../services/format'
import { toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import Chip from '../../components/Chip'
import FormField, { SelectField } from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import { dateWords, linkLabels, statusTone } from '../labels'
import './index.scss'

const open = (memberId: string) => void Taro.navigateTo({ url: `/packageDevelopment/person/index?memberId=${encodeURIComponent(memberId)}` })

/**
 * 发展党员: the people in the pipeline the caller may see — the committee the whole branch, a
 * 培养联系人 or 介绍人 those linked to them, a person their own, the 党总支 every branch — what is
 * late first, each with the next step and its deadline.
 */
export default function DevelopmentList() {
  const { state, reload } = useResource(() => call('development.list', {}))
  useDidShow(() => {
    void reload({ quiet: true })
  })
  if (state.status === 'loading') return <PageShell title='发展党员'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='发展党员'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const { people, canDecide, addable } = state.data
  const manyBranches = new Set(people.map((p) => p.branchId)).size > 1
  return (
    <PageShell title='发展党员' subtitle={canDecide ? '从递交入党申请书到转正，每一步的日期与期限' : '与你有关的发展党员进程'}>
      {people.length ? (
        <View className='card'>
          {people.map((p) => (
            <Row key={p.memberId} row={p} showBranch={manyBranches} />
          ))}
        </View>
      ) : (
        <View className='card muted'>{canDecide ? '还没有录入发展党员的同志。' : '暂时没有与你有关的发展党员进程。递交入党申请书后，由支部录入。'}</View>
      )}
      {canDecide ? <AddPerson addable={addable} /> : null}
      {canDecide ? (
        <View className='actions'>
          <Button block onClick={() => void Taro.navigateTo({ url: '/packageDevelopment/settings/index' })}>
            本支部的发展党员规则与工作日历
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}

function Row({ row, showBranch }: { row: DevelopmentRow; showBranch: boolean }) {
  return (
    <View className='dev-list__row' onClick={() => open(row.memberId)}>
      <View className='dev-list__head'>
        <Text className='dev-list__name'>{row.name}</Text>
        <Chip tone='gold'>{stageLabels[row.stage]}</Chip>
        {row.links.map((l) => (
          <Chip key={l}>{linkLabels[l]}</Chip>
        ))}
        {showBranch ? <Text className='muted'>{row.branchName}</Text> : null}
      </View>
      {row.next ? (
        <View className='dev-list__next'>
          下一步：{row.next.label}
          {row.next.by ? `，最迟${dateWords(row.next.by)}` : ''} <Chip tone={statusTone[row.next.status]}>{stepStatusLabels[row.next.status]}</Chip>
        </View>
      ) : null}
      <View className='dev-list__counts'>
        {[row.overdue ? `已逾期 ${row.overdue} 项` : '', row.dueSoon ? `30天内到期 ${row.dueSoon} 项` : '', row.violations ? `日期问题 ${row.violations} 处` : ''].filter(Boolean).join(' · ') || '没有逾期事项'}
      </View>
    </View>
  )
}

/** The committee adds someone from the roster with the date of their 入党申请书. */
function AddPerson({ addable }: { addable: Array<{ memberId: string; name: string }> }) {
  const [memberId, setMemberId] = useState<string | undefined>()
  const [date, setDate] = useState(todayInBeijing())
  const { busy, run } = useBusy()
  if (!addable.length) return <View className='muted'>花名册中尚未入党的同志都已在名单中。</View>
  const add = () =>
    run('add', async () => {
      if (!memberId) return toast('请选择递交入党申请书的同志')
      const r = await call('development.start', { memberId, application: date })
      if (!r.ok) return toast(r.error.message)
      open(memberId)
    })
  return (
    <>
      <View className='section-title'>录入入党申请人</View>
      <View className='card'>
        <FormField label='申请人'>
          <SelectField options={addable.map((a) => ({ value: a.memberId, label: a.name }))} value={memberId} placeholder='从花名册选择' onChange={setMemberId} />
        </FormField>
        <FormField label='递交入党申请书的日期'>
          <Picker mode='date' value={date} end={todayInBeijing()} onChange={(e) => setDate(String(e.detail.value))}>
            <View>{dateWords(date)}</View>
          </Picker>
        </FormField>
        <Button type='primary' block loading={busy === 'add'} onClick={() => void add()}>
          录入
        </Button>
      </View>
    </>
  )
}
