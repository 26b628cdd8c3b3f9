import '../messages'
import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { AppraisalParticipantView, AppraisalRoundView } from '../../../../shared/api/contract'
import { appraisalGradeLabels, appraisalGrades, correctionOutcomeLabels, participantCategoryLabels, roundStatusLabels, type AppraisalGrade, type Participation } from '../../../../shared/domain/appraisal'
import { addCalendar, beijingDate, beijingParts } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import Chip from '../../components/Chip'
import FormField, { DateField } from '../../components/FormField'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import '../appraisal.scss'

const participationLine = (p: Participation) => `已投票 ${p.voted} / ${p.expected} 人（${p.percent}%）${p.meetsTarget ? '' : '，参评率未达 95%'}`

/** 民主评议: the rounds of the branch, or one round (自评, the secret ballot, the committee's decisions). */
export default function AppraisalPage() {
  const { params } = useRouter()
  return params.id ? <Round roundId={params.id} /> : <Rounds />
}

function Rounds() {
  const { state, reload } = useResource(() => call('appraisal.list', {}))
  const { busy, run } = useBusy()
  const year = beijingParts(new Date()).year
  const [title, setTitle] = useState(`${year}年度民主评议党员`)
  useDidShow(() => void reload({ quiet: true }))
  if (state.status === 'loading') return <PageShell title='民主评议'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='民主评议'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const open = () =>
    run('open', async () => {
      if (!(await confirm('开始民主评议', '评议名单为支部现有的正式党员和预备党员，开始后不再变动。', '开始'))) return
      const r = await call('appraisal.open', { title, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, excludeMemberIds: [] })
      if (!r.ok) return toast(r.error.message)
      void Taro.redirectTo({ url: `/packageAppraisal/round/index?id=${r.data.id}` })
    })
  return (
    <PageShell title='民主评议' subtitle='个人自评 · 民主测评 · 评定意见'>
      {state.data.rounds.length ? (
        <View className='card card--flush'>
          {state.data.rounds.map((r) => (
            <View key={r.id} className='appraisal__row' onClick={() => void Taro.navigateTo({ url: `/packageAppraisal/round/index?id=${r.id}` })}>
              <View className='appraisal__name'>{r.title} ›</View>
              <View className='appraisal__counts'>{roundStatusLabels[r.status]} · {participationLine(r.participation)}</View>
            </View>
          ))}
        </View>
      ) : (
        <StatusCard title='还没有民主评议' note='支部书记开始后，可以在这里写个人自评、参加民主测评。' />
      )}
      {state.data.canManage ? (
        <View className='card'>
          <FormField label='名称'>
            <Input value={title} maxLength={40} onChange={setTitle} />
          </FormField>
          <Button type='primary' block loading={busy === 'open'} disabled={busy !== null} onClick={() => void open()}>开始本年度民主评议</Button>
        </View>
      ) : null}
    </PageShell>
  )
}

function Round({ roundId }: { roundId: string }) {
  const { state, reload, replace } = useResource(() => call('appraisal.round', { roundId }))
  useDidShow(() => void reload({ quiet: true }))
  if (state.status === 'loading') return <PageShell title='民主评议'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='民主评议'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const round = state.data
  return (
    <PageShell title={round.title} subtitle={`${roundStatusLabels[round.status]} · ${participationLine(round.participation)}`}>
      {round.mine ? <Mine round={round} onChange={replace} onVoted={() => void reload({ quiet: true })} /> : null}
      {round.participants ? <Committee round={round} onChange={replace} /> : null}
    </PageShell>
  )
}

function Mine({ round, onChange, onVoted }: { round: AppraisalRoundView; onChange: (r: AppraisalRoundView) => void; onVoted: () => void }) {
  const mine = round.mine as NonNullable<AppraisalRoundView['mine']>
  const [text, setText] = useState(mine.selfText)
  const [grades, setGrades] = useState<Record<string, AppraisalGrade>>({})
  const { busy, run } = useBusy()
  const open = round.status === 'open'
  const save = (submit: boolean) =>
    run(submit ? 'submit' : 'save', async () => {
      const r = await call('appraisal.saveSelf', { roundId: round.id, text, submit })
      if (!r.ok) return toast(r.error.message)
      onChange(r.data)
      toast(submit ? '自评已提交' : '草稿已保存', 'success')
    })
  const vote = () =>
    run('vote', async () => {
      const missing = mine.candidates.filter((c) => !grades[c.memberId]).length
      if (missing) return toast(`还有 ${missing} 人没有选择等次`)
      if (!(await confirm('提交测评票', '测评票不记姓名，任何人都无法查到你投给谁；提交后不能修改。', '提交'))) return
      const r = await call('appraisal.vote', { roundId: round.id, grades: mine.candidates.map((c) => ({ memberId: c.memberId, grade: grades[c.memberId] })) })
      if (!r.ok) return toast(r.error.message)
      toast('已投票', 'success')
      onVoted()
    })
  return (
    <>
      {mine.verdict ? (
        <StatusCard tone={mine.verdict.grade === 'fail' ? 'red' : 'green'} title={`评定意见：${appraisalGradeLabels[mine.verdict.grade]}`} note={mine.verdict.reason}>
          {mine.correction ? <View className='muted'>限期改正至 {beijingDate(mine.correction.due)}{mine.correction.outcome ? `，${correctionOutcomeLabels[mine.correction.outcome]}` : ''}</View> : null}
        </StatusCard>
      ) : null}
      <View className='section-title'>个人自评{mine.selfSubmitted ? '（已提交）' : ''}</View>
      <View className='card'>
        <Textarea className='appraisal__text' value={text} maxlength={5000} disabled={!open} placeholder='对照党员标准，写一年来的表现、不足和努力方向' onInput={(e) => setText(e.detail.value)} />
        {open ? (
          <View className='actions'>
            <Button block loading={busy === 'save'} disabled={busy !== null} onClick={() => void save(false)}>保存草稿</Button>
            <Button type='primary' block loading={busy === 'submit'} disabled={busy !== null} onClick={() => void save(true)}>提交自评</Button>
          </View>
        ) : null}
      </View>
      <View className='section-title'>民主测评{mine.category === 'probationary' ? `（${participantCategoryLabels.probationary}参加测评，本人不评定等次）` : ''}</View>
      {mine.voted ? (
        <StatusCard tone='green' mark='✓' title='你已投票' note='测评票不记姓名，只计入每人各等次的票数。' />
      ) : open ? (
        <View className='card card--flush'>
          {mine.candidates.map((c) => (
            <View key={c.memberId} className='appraisal__row'>
              <Text className='appraisal__name'>{c.name}</Text>
              <View className='appraisal__grades'>
                {appraisalGrades.map((g) => (
                  <View key={g} className={grades[c.memberId] === g ? 'appraisal__grade appraisal__grade--on' : 'appraisal__grade'} onClick={() => setGrades({ ...grades, [c.memberId]: g })}>
                    {appraisalGradeLabels[g]}
                  </View>
                ))}
              </View>
            </View>
          ))}
          <View className='actions'>
            <Button type='primary' size='large' block loading={busy === 'vote'} disabled={busy !== null} onClick={() => void vote()}>提交测评票</Button>
          </View>
        </View>
      ) : (
        <StatusCard title='测评已结束' note='你没有参加这次测评。' />
      )}
    </>
  )
}

const countsLine = (p: AppraisalParticipantView) => (p.counts ? appraisalGrades.map((g, i) => `${appraisalGradeLabels[g]} ${p.counts?.[i]}`).join(' · ') : '预备党员不评定等次')

function Committee({ round, onChange }: { round: AppraisalRoundView; onChange: (r: AppraisalRoundView) => void }) {
  const { busy, run } = useBusy()
  const [editing, setEditing] = useState<{ memberId: string; grade: AppraisalGrade; reason: string; due: string | null } | null>(null)
  const act = (key: string, ask: [string, string] | null, fn: () => ReturnType<typeof call<'appraisal.close'>>) =>
    run(key, async () => {
      if (ask && !(await confirm(ask[0], ask[1]))) return
      const r = await fn()
      if (!r.ok) return toast(r.error.message)
      onChange(r.data)
      setEditing(null)
    })
  const people = round.participants as AppraisalParticipantView[]
  return (
    <>
      <View className='section-title'>评议名单（{people.length} 人，优秀至多 {round.excellentCap} 人，已评 {round.excellentCount} 人）</View>
      <View className='card card--flush'>
        {people.map((p) => (
          <View key={p.memberId} className='appraisal__row'>
            <View>
              <Text className='appraisal__name'>{p.name}</Text> <Chip tone={p.category === 'full' ? 'grey' : 'gold'}>{participantCategoryLabels[p.category]}</Chip>{' '}
              {p.voted === null ? null : <Chip tone={p.voted ? 'green' : 'amber'}>{p.voted ? '已投票' : '未投票'}</Chip>}
            </View>
            <View className='appraisal__counts'>自评{p.selfSubmitted ? '已提交' : '未提交'}{round.status === 'open' ? '' : ` · ${countsLine(p)}`}</View>
            {p.verdict ? <View className='appraisal__counts'>评定意见：{appraisalGradeLabels[p.verdict.grade]}（{p.verdict.reason}）</View> : null}
            {p.correction ? <View className='appraisal__counts'>限期改正至 {beijingDate(p.correction.due)}：{p.correction.outcome ? `${correctionOutcomeLabels[p.correction.outcome]}（${p.correction.note}）` : '进行中'}</View> : null}
            {round.status === 'closed' && p.category === 'full' && round.canDecide ? (
              <Text className='appraisal__link' onClick={() => setEditing({ memberId: p.memberId, grade: p.verdict?.grade ?? 'pass', reason: p.verdict?.reason ?? '', due: null })}>{p.verdict ? '修改评定意见' : '填写评定意见'} ›</Text>
            ) : null}
            {round.status === 'concluded' && p.correction && !p.correction.outcome && round.canDecide ? (
              <View className='actions'>
                {(['corrected', 'notCorrected'] as const).map((o) => (
                  <Button key={o} size='small' disabled={busy !== null} onClick={() => void act(o, ['登记改正情况', `${p.name}：${correctionOutcomeLabels[o]}？`], () => call('appraisal.correctionOutcome', { roundId: round.id, memberId: p.memberId, outcome: o, note: correctionOutcomeLabels[o] }))}>{correctionOutcomeLabels[o]}</Button>
                ))}
              </View>
            ) : null}
            {editing?.memberId === p.memberId ? (
              <View>
                <View className='appraisal__grades'>
                  {appraisalGrades.map((g) => (
                    <View key={g} className={editing.grade === g ? 'appraisal__grade appraisal__grade--on' : 'appraisal__grade'} onClick={() => setEditing({ ...editing, grade: g })}>{appraisalGradeLabels[g]}</View>
                  ))}
                </View>
                <FormField label='理由（结合全年表现，不只看票数）'>
                  <Input value={editing.reason} maxLength={500} onChange={(v) => setEditing({ ...editing, reason: v })} />
                </FormField>
                {editing.grade === 'fail' ? (
                  <FormField label='限期改正至'>
                    <DateField value={editing.due} end={beijingDate(addCalendar(new Date(), 365, 'day'))} onChange={(v) => setEditing({ ...editing, due: v })} />
                  </FormField>
                ) : null}
                <Button type='primary' block loading={busy === 'verdict'} disabled={busy !== null} onClick={() => void act('verdict', null, () => call('appraisal.verdict', { roundId: round.id, memberId: p.memberId, grade: editing.grade, reason: editing.reason, correctionDue: editing.grade === 'fail' ? editing.due : null }))}>保存评定意见</Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
      {round.canManage && round.status === 'open' ? (
        <View className='actions'>
          <Button type='primary' block loading={busy === 'close'} disabled={busy !== null} onClick={() => void act('close', ['结束测评', `${participationLine(round.participation)}。结束后不能再投票，票数将显示给支委会。`], () => call('appraisal.close', { roundId: round.id }))}>结束测评</Button>
        </View>
      ) : null}
      {round.canManage && round.status === 'closed' ? (
        <View className='actions'>
          <Button type='primary' block loading={busy === 'conclude'} disabled={busy !== null} onClick={() => void act('conclude', ['公布评议结果', '每位党员将在消息中收到本人的评定意见。'], () => call('appraisal.conclude', { roundId: round.id }))}>公布结果并通知本人</Button>
        </View>
      ) : null}
    </>
  )
}
