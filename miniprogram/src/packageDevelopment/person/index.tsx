import '../messages'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { DateKey, DevelopmentPersonView, StepView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { stageLabels, stepStatusLabels } from '../../../../shared/domain/development'
import { call } from '../../services/api'
import { formatDate, todayInBeijing } from '../../services/format'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import Chip from '../../components/Chip'
import { Loading, LoadError } from '../../components/StatusView'
import { dateWords, linkLabels, statusTone } from '../labels'
import { Facts, People, Records, Votes, type Act } from './parts'
import './index.scss'

/**
 * One person's 发展党员 timeline: every step done, due or overdue with its window and the rule it
 * comes from, what is wrong with the dates entered, 考察 and 思想汇报 with their next due day, the
 * documents received with who entered them, and the votes. The committee enters dates here; the
 * person, the 培养联系人 and the 介绍人 add what is theirs. Never the 入党志愿书 itself.
 */
export default function PersonPage() {
  const { params } = useRouter()
  const memberId = decodeURIComponent(params.memberId ?? '')
  const { state, reload, replace } = useResource(() => call('development.person', { memberId }))
  const { busy, run } = useBusy()
  useDidShow(() => {
    void reload({ quiet: true })
  })
  if (state.status === 'loading') return <PageShell title='发展党员进程'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='发展党员进程'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const p = state.data

  const act: Act = (key, work, done) =>
    run(key, async () => {
      const r = await work()
      if (!r.ok) return toast((r.error as ApiError).message)
      replace(r.data)
      toast(done, 'success')
    }) as Promise<void>
  const setDate = (key: DateKey, value: string | null) => act(`date-${key}`, () => call('development.setDates', { memberId, dates: { [key]: value } }), value ? '已录入' : '已清除')

  return (
    <PageShell title={p.name} subtitle={`${stageLabels[p.stage]}${p.links.length ? ' · ' + p.links.map((l) => linkLabels[l]).join('、') : ''}`}>
      <View className='card dev__dates'>
        {p.dates.candidateEarliest ? <View>最早可列为发展对象：{dateWords(p.dates.candidateEarliest)}</View> : null}
        {p.dates.probationStart ? <View>预备期：{dateWords(p.dates.probationStart)} 起，{dateWords(p.dates.probationEnd)} 期满</View> : null}
        {p.dates.partyStandingFrom ? <View>党龄自 {dateWords(p.dates.partyStandingFrom)} 起算</View> : null}
        {!p.dates.candidateEarliest && !p.dates.probationStart ? <View>递交入党申请书：{dateWords(p.steps[0].date)}</View> : null}
      </View>

      {p.violations.length ? (
        <>
          <View className='section-title'>需要核对的日期（{p.violations.length}）</View>
          <View className='card'>
            {p.violations.map((v, i) => (
              <View key={i} className='dev__violation'>
                <Chip tone='red'>{v.kind === 'gap' ? '间隔过长' : v.kind === 'tooEarly' ? '过早' : v.kind === 'tooLate' ? '超期' : v.kind === 'outOfOrder' ? '顺序不对' : '材料不全'}</Chip> {v.message}
                <View className='dev__source'>依据：{p.rules[v.rule]?.source}</View>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <View className='section-title'>定期事项</View>
      <View className='card'>
        {p.periodic.map((d) => (
          <View key={d.kind} className='dev__step'>
            <View className='dev__step-head'>
              <Text className='dev__step-label'>{d.label}（每{d.everyMonths}个月至少一次）</Text>
              <Chip tone={statusTone[d.status]}>{d.status === 'done' ? '已结束' : stepStatusLabels[d.status]}</Chip>
            </View>
            <View className='dev__step-when'>
              已收到 {d.dates.length} 份{d.nextDue ? `，下一次最迟 ${dateWords(d.nextDue)}` : ''}
            </View>
            <View className='dev__source'>依据：{p.rules[d.rule]?.source} · {p.rules[d.rule]?.text}</View>
          </View>
        ))}
      </View>

      <View className='section-title'>程序步骤</View>
      <View className='card'>
        {p.steps.map((s) => (
          <Step key={s.key} step={s} person={p} busy={busy} onSet={setDate} />
        ))}
      </View>

      <People person={p} act={act} busy={busy} />
      <Records person={p} act={act} busy={busy} />
      <Votes person={p} act={act} busy={busy} />
      <Facts person={p} act={act} busy={busy} />

      {p.log.length ? (
        <>
          <View className='section-title'>修改记录</View>
          <View className='card'>
            {p.log.map((l, i) => (
              <View key={i} className='dev__record'>
                {l.byName}：{l.what} {l.before ?? '（空）'} → {l.after ?? '（清除）'}
                <View className='dev__source'>{formatDate(l.at)}</View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

function Step({ step, person, busy, onSet }: { step: StepView; person: DevelopmentPersonView; busy: string | null; onSet: (key: DateKey, value: string | null) => Promise<void> }) {
  const rule = (id: string | undefined) => (id ? person.rules[id as keyof DevelopmentPersonView['rules']] : undefined)
  const endKey: DateKey | null = step.key === 'candidateNotice' ? 'candidateNoticeEnd' : step.key === 'confirmationNotice' ? 'confirmationNoticeEnd' : null
  const today = todayInBeijing()
  const clear = async () => {
    if (await confirm(`清除“${step.label}”的日期？`, '修改会记入修改记录。')) await onSet(step.key, null)
  }
  return (
    <View className='dev__step'>
      <View className='dev__step-head'>
        <Text className='dev__step-label'>{step.label}</Text>
        <Chip tone={statusTone[step.status]}>{stepStatusLabels[step.status]}</Chip>
      </View>
      <View className='dev__step-when'>
        {step.date ? `${dateWords(step.date)}${endKey && step.end ? ` 至 ${dateWords(step.end)}` : ''}` : ''}
        {!step.date && step.from ? `不早于 ${dateWords(step.from.date)}${step.from.provisional ? '（暂按周一至周五计算）' : ''}` : ''}
        {!step.date && step.from && step.by ? '，' : ''}
        {!step.date && step.by ? `最迟 ${dateWords(step.by.date)}` : ''}
      </View>
      {!step.date && (step.from || step.by) ? <View className='dev__source'>依据：{rule(step.by?.rule ?? step.from?.rule)?.source} · {rule(step.by?.rule ?? step.from?.rule)?.text}</View> : null}
      {person.may.decide ? (
        <View className='dev__edit'>
          <Picker mode='date' value={step.date ?? today} end={today} disabled={busy !== null} onChange={(e) => void onSet(step.key, String(e.detail.value))}>
            <Text className='dev__link'>{step.date ? '修改日期' : '录入日期'}</Text>
          </Picker>
          {endKey && step.date ? (
            <Picker mode='date' value={step.end ?? step.date} start={step.date} end={today} disabled={busy !== null} onChange={(e) => void onSet(endKey, String(e.detail.value))}>
              <Text className='dev__link'>{step.end ? '修改公示结束日' : '录入公示结束日'}</Text>
            </Picker>
          ) : null}
          {step.date && step.key !== 'application' ? (
            <Text className='dev__link' onClick={() => void clear()}>
              清除
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
