import '../messages'
import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import type { DuesRow } from '../../../../shared/api/contract'
import { duesKindLabels, duesKinds, formatYuan, monthLabel, monthOf, type DuesKind } from '../../../../shared/domain/dues'
import { beijingDate, beijingParts } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { toast, useBusy, useResource } from '../../services/hooks'
import FormField, { SelectField } from '../../components/FormField'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { duesLines } from '../words'
import '../dues.scss'

type Editing = { kind: 'base'; row: DuesRow; form: { kind: DuesKind; base: string; fromMonth: string; reduced: string; quarterly: boolean } } | { kind: 'pay'; row: DuesRow; form: { months: string[]; amount: string; paidOn: string; receiptNo: string } }

/**
 * 党费收缴: who owes for which months, bases, payments as taken by the responsible person, and
 * the year's 公示 figures. Records only: no money passes through the app and there is no payment.
 */
export default function DuesListPage() {
  const { state, reload } = useResource(() => call('dues.monthly', {}))
  const [editing, setEditing] = useState<Editing | null>(null)
  const [report, setReport] = useState<string | null>(null)
  const { busy, run } = useBusy()
  useDidShow(() => void reload({ quiet: true }))
  if (state.status === 'loading') return <PageShell title='党费收缴'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='党费收缴'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const list = state.data
  const now = new Date()
  const save = () =>
    run('save', async () => {
      if (!editing) return
      const r =
        editing.kind === 'base'
          ? await call('dues.setBase', { memberId: editing.row.memberId, kind: editing.form.kind, base: editing.form.base || '0', fromMonth: editing.form.fromMonth, reduced: editing.form.reduced.trim() || null, quarterly: editing.form.quarterly })
          : await call('dues.recordPayment', { memberId: editing.row.memberId, ...editing.form })
      if (!r.ok) return toast(r.error.message)
      toast('已登记', 'success')
      setEditing(null)
      void reload({ quiet: true })
    })
  const showReport = () =>
    run('report', async () => {
      const year = beijingParts(now).year
      const r = await call('dues.report', { year })
      if (!r.ok) return toast(r.error.message)
      setReport(`${year}年党费交纳情况（支部内公示）\n${r.data.rows.map((x) => `${x.name}：${x.months.filter((m) => m !== null).length} 个月，${formatYuan(x.totalFen)} 元`).join('\n')}\n合计 ${formatYuan(r.data.totalFen)} 元`)
    })
  return (
    <PageShell title='党费收缴' subtitle={`${monthLabel(list.month)} · 未交清 ${list.owingMembers} 人 · 本月应交 ${formatYuan(list.monthTotalFen)} 元`}>
      <View className='muted' style={{ margin: '0 8px 16px' }}>党费交到党委账户，这里只登记和提醒，不收款。补交一般不超过 6 个月。</View>
      <View className='card card--flush'>
        {list.rows.map((row) => (
          <View key={row.memberId} className='dues__row'>
            <Text className='dues__name'>{row.name}</Text>
            {duesLines(row).map((line) => (
              <View key={line} className='dues__line'>{line}</View>
            ))}
            <Text className='dues__link' onClick={() => setEditing({ kind: 'base', row, form: { kind: row.kind ?? 'working', base: row.baseFen === null ? '' : formatYuan(row.baseFen), fromMonth: monthOf(now), reduced: '', quarterly: row.quarterly } })}>登记基数 ›</Text>
            {row.kind && row.owed.length ? (
              <Text className='dues__link' onClick={() => setEditing({ kind: 'pay', row, form: { months: row.owed.slice(0, 1), amount: formatYuan(row.monthlyFen ?? 0), paidOn: beijingDate(now), receiptNo: '' } })}>登记交纳 ›</Text>
            ) : null}
            {editing?.row.memberId === row.memberId ? <EditForm editing={editing} onChange={setEditing} onSave={() => void save()} busy={busy === 'save'} /> : null}
          </View>
        ))}
      </View>
      <View className='actions'>
        <Button block loading={busy === 'report'} disabled={busy !== null} onClick={() => void showReport()}>本年度党费公示</Button>
      </View>
      {report ? <View className='card' style={{ whiteSpace: 'pre-wrap' }}>{report}</View> : null}
    </PageShell>
  )
}

function EditForm({ editing, onChange, onSave, busy }: { editing: Editing; onChange: (e: Editing) => void; onSave: () => void; busy: boolean }) {
  if (editing.kind === 'base') {
    const set = (patch: Partial<typeof editing.form>) => onChange({ ...editing, form: { ...editing.form, ...patch } })
    return (
      <View>
        <FormField label='类别'>
          <SelectField options={duesKinds.map((k) => ({ value: k, label: duesKindLabels[k] }))} value={editing.form.kind} onChange={(kind) => set({ kind })} />
        </FormField>
        {editing.form.kind === 'minimum' ? null : (
          <FormField label='每月基数（元，税后）'>
            <Input type='digit' value={editing.form.base} onChange={(base) => set({ base })} />
          </FormField>
        )}
        <FormField label='起始月份' hint='一般每年 1 月核定；工资变动从变动当月起'>
          <Input value={editing.form.fromMonth} maxLength={7} onChange={(fromMonth) => set({ fromMonth })} />
        </FormField>
        <FormField label='经批准减免后每月金额（元）' required={false} hint='需支部研究并报上级党委批准；免交填 0'>
          <Input type='digit' value={editing.form.reduced} onChange={(reduced) => set({ reduced })} />
        </FormField>
        <FormField label='经支部同意按季度交纳' required={false}>
          <Switch checked={editing.form.quarterly} onChange={(quarterly) => set({ quarterly })} />
        </FormField>
        <Button type='primary' block loading={busy} onClick={onSave}>保存基数</Button>
      </View>
    )
  }
  const set = (patch: Partial<typeof editing.form>) => onChange({ ...editing, form: { ...editing.form, ...patch } })
  return (
    <View>
      <FormField label='交纳的月份'>
        <View>
          {editing.row.owed.map((m) => (
            <Text key={m} className='dues__link' onClick={() => {
                const months = editing.form.months.includes(m) ? editing.form.months.filter((x) => x !== m) : [...editing.form.months, m]
                set({ months, amount: formatYuan(months.length * (editing.row.monthlyFen ?? 0)) })
              }}>
              {editing.form.months.includes(m) ? '☑' : '☐'} {monthLabel(m)}
            </Text>
          ))}
        </View>
      </FormField>
      <FormField label='金额（元）'>
        <Input type='digit' value={editing.form.amount} onChange={(amount) => set({ amount })} />
      </FormField>
      <FormField label='交纳日期'>
        <Input value={editing.form.paidOn} maxLength={10} onChange={(paidOn) => set({ paidOn })} />
      </FormField>
      <FormField label='收据号'>
        <Input value={editing.form.receiptNo} maxLength={40} onChange={(receiptNo) => set({ receiptNo })} />
      </FormField>
      <Button type='primary' block loading={busy} onClick={onSave}>登记交纳</Button>
    </View>
  )
}
