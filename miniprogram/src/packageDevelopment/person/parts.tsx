import { useState } from 'react'
import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ActionInput, DevelopmentPersonView, DevelopmentRecordKind, VoteKind } from '../../../../shared/api/contract'
import { recordKindLabels } from '../../../../shared/domain/development-access'
import { votesNeeded } from '../../../../shared/domain/development-vote'
import { call } from '../../services/api'
import { formatDate, todayInBeijing } from '../../services/format'
import { toast } from '../../services/hooks'
import Chip from '../../components/Chip'
import FormField, { SelectField } from '../../components/FormField'
import { dateWords } from '../labels'
import type { Result } from '../../../../shared/errors'

/** Runs a change and shows the person's page the server answers with. */
export type Act = (key: string, work: () => Promise<Result<DevelopmentPersonView>>, done: string) => Promise<void>

interface PartProps {
  person: DevelopmentPersonView
  act: Act
  busy: string | null
}

/** 培养联系人 and 入党介绍人: shown to all who see the person, chosen by the committee among the branch's 正式党员. */
export function People({ person, act, busy }: PartProps) {
  const [editing, setEditing] = useState(false)
  const [mentors, setMentors] = useState(person.mentors.map((m) => m.memberId))
  const [sponsors, setSponsors] = useState(person.sponsors.map((m) => m.memberId))
  const toggle = (list: string[], set: (v: string[]) => void, id: string, max: number) => {
    if (list.includes(id)) set(list.filter((x) => x !== id))
    else if (list.length < max) set([...list, id])
    else toast(`最多选择 ${max} 人`)
  }
  const names = (list: Array<{ name: string }>) => (list.length ? list.map((m) => m.name).join('、') : '未指定')
  return (
    <>
      <View className='section-title'>培养联系人与入党介绍人</View>
      <View className='card'>
        <View className='dev__record'>培养联系人：{names(person.mentors)}</View>
        <View className='dev__record'>入党介绍人：{names(person.sponsors)}</View>
        {person.may.decide && !editing ? (
          <Text className='dev__link' onClick={() => setEditing(true)}>
            指定
          </Text>
        ) : null}
        {editing ? (
          <>
            {([['培养联系人（一至两名）', mentors, setMentors], ['入党介绍人（两名）', sponsors, setSponsors]] as const).map(([label, list, set]) => (
              <FormField key={label} label={label} required={false}>
                <View className='dev__pick'>
                  {person.fullMembers.map((m) => (
                    <View key={m.memberId} onClick={() => toggle(list, set, m.memberId, 2)}>
                      <Chip tone={list.includes(m.memberId) ? 'red' : 'grey'}>{m.name}</Chip>
                    </View>
                  ))}
                </View>
              </FormField>
            ))}
            <Button type='primary' block loading={busy === 'people'} onClick={() => void act('people', () => call('development.setPeople', { memberId: person.memberId, mentorIds: mentors, sponsorIds: sponsors }), '已保存').then(() => setEditing(false))}>
              保存
            </Button>
          </>
        ) : null}
      </View>
    </>
  )
}

/** The documents received, newest first, with who entered them; a form for what the caller may add. */
export function Records({ person, act, busy }: PartProps) {
  const kinds = ([['thoughtReport', person.may.addThoughtReport], ['assessment', person.may.addAssessment], ['sponsorOpinion', person.may.addSponsorOpinion]] as const).filter(([, may]) => may).map(([k]) => k)
  const [kind, setKind] = useState<DevelopmentRecordKind | undefined>(kinds[0])
  const [date, setDate] = useState(todayInBeijing())
  const [summary, setSummary] = useState('')
  const add = () => {
    if (!kind) return toast('请选择材料类别')
    if (!summary.trim()) return toast('请填写内容摘要')
    return act('record', () => call('development.addRecord', { memberId: person.memberId, kind, date, summary }), '已录入').then(() => setSummary(''))
  }
  return (
    <>
      <View className='section-title'>收到的材料（{person.records.length}）</View>
      <View className='card'>
        {person.records.length ? null : <View className='muted'>还没有录入思想汇报、考察或介绍人意见。</View>}
        {person.records.map((r) => (
          <View key={r.id} className='dev__record'>
            <Chip>{recordKindLabels[r.kind]}</Chip> {dateWords(r.date)}：{r.summary}
            <View className='dev__source'>
              {r.by.name} 录入于 {formatDate(r.by.at)}
            </View>
          </View>
        ))}
      </View>
      {kinds.length ? (
        <View className='card'>
          <FormField label='类别'>
            <SelectField options={kinds.map((k) => ({ value: k, label: recordKindLabels[k] }))} value={kind} onChange={setKind} />
          </FormField>
          <FormField label='材料日期'>
            <Picker mode='date' value={date} end={todayInBeijing()} onChange={(e) => setDate(String(e.detail.value))}>
              <View>{dateWords(date)}</View>
            </Picker>
          </FormField>
          <FormField label='内容摘要' hint='只记摘要和日期，原件按规定交党支部存档'>
            <Textarea className='dev__input' name='summary' value={summary} maxlength={500} placeholder='如：学习党章的体会' onInput={(e) => setSummary(e.detail.value)} />
          </FormField>
          <Button type='primary' block loading={busy === 'record'} onClick={() => void add()}>
            录入材料
          </Button>
        </View>
      ) : null}
    </>
  )
}

const voteKindLabels: Record<VoteKind, string> = { admission: '接收预备党员', confirmation: '预备党员转正' }
const voteFields = [['yes', '到会赞成'], ['no', '到会反对'], ['abstain', '到会弃权'], ['writtenYes', '书面赞成'], ['writtenNo', '书面反对'], ['writtenAbstain', '书面弃权']] as const
type VoteField = (typeof voteFields)[number][0]

/** The 支部党员大会's votes: 应到 and 到会 from the meeting, the votes entered, the rule's result. */
export function Votes({ person, act, busy }: PartProps) {
  const [kind, setKind] = useState<VoteKind>(person.dates.probationStart ? 'confirmation' : 'admission')
  const [meetingId, setMeetingId] = useState<string | undefined>()
  const [counts, setCounts] = useState<Record<VoteField, string>>({ yes: '', no: '', abstain: '', writtenYes: '', writtenNo: '', writtenAbstain: '' })
  const record = () => {
    if (!meetingId) return toast('请选择支部党员大会')
    const numbers = Object.fromEntries(voteFields.map(([k]) => [k, Number(counts[k] || 0)])) as Record<VoteField, number>
    return act('vote', () => call('development.recordVote', { memberId: person.memberId, kind, meetingId, ...numbers }), '已录入表决结果')
  }
  if (!person.votes.length && !person.may.decide) return null
  return (
    <>
      <View className='section-title'>支部党员大会表决</View>
      <View className='card'>
        {person.votes.map((v) => (
          <View key={`${v.kind}-${v.meetingId}`} className='dev__record'>
            <Chip tone={v.passed ? 'green' : 'red'}>{v.passed ? '通过' : '未通过'}</Chip> {dateWords(v.date)} {voteKindLabels[v.kind]}
            <View className='dev__source'>
              应到 {v.entitled} 人，到会 {v.present} 人；赞成 {v.yes + v.writtenYes} 票（含书面 {v.writtenYes} 票），需超过应到半数即 {votesNeeded(v.entitled)} 票
            </View>
          </View>
        ))}
        {person.may.decide ? (
          person.voteMeetings.length ? (
            <>
              <FormField label='表决事项'>
                <SelectField options={(['admission', 'confirmation'] as const).map((k) => ({ value: k, label: voteKindLabels[k] }))} value={kind} onChange={setKind} />
              </FormField>
              <FormField label='支部党员大会' hint='应到、到会人数取自该会议的参会范围与签到'>
                <SelectField options={person.voteMeetings.map((m) => ({ value: m.meetingId, label: `${dateWords(m.date)} ${m.title}` }))} value={meetingId} onChange={setMeetingId} />
              </FormField>
              {voteFields.map(([k, label]) => (
                <FormField key={k} label={label} required={false}>
                  <Input type='number' name={k} value={counts[k]} placeholder='0' onInput={(e) => setCounts({ ...counts, [k]: e.detail.value })} />
                </FormField>
              ))}
              <Button type='primary' block loading={busy === 'vote'} onClick={() => void record()}>
                录入表决结果
              </Button>
            </>
          ) : (
            <View className='muted'>还没有已召开的支部党员大会。会后在这里录入表决结果。</View>
          )
        ) : null}
      </View>
    </>
  )
}

/** What the committee records besides dates: 政审 conclusion, training, leaving, extension, transfer. */
export function Facts({ person, act, busy }: PartProps) {
  const [conclusion, setConclusion] = useState(person.politicalReview?.conclusion ?? '')
  const [days, setDays] = useState(String(person.training?.days ?? ''))
  const [hours, setHours] = useState(String(person.training?.hours ?? ''))
  const save = (key: string, input: Omit<ActionInput<'development.setFacts'>, 'memberId'>) => act(key, () => call('development.setFacts', { memberId: person.memberId, ...input }), '已保存')
  return (
    <>
      <View className='section-title'>政审、培训及其他</View>
      <View className='card'>
        <View className='dev__record'>
          政审结论：{person.politicalReview ? `${person.politicalReview.conclusion}（${person.politicalReview.by.name} 录入）` : '未录入'}
        </View>
        <View className='dev__record'>集中培训：{person.training ? `${person.training.days} 天、${person.training.hours} 学时（${person.training.by.name} 录入）` : '未录入'}</View>
        {person.leavingOn ? <View className='dev__record'>将于 {dateWords(person.leavingOn)} 离开本单位</View> : null}
        {person.extensionMonths ? <View className='dev__record'>延长预备期 {person.extensionMonths} 个月</View> : null}
        {person.may.decide ? (
          <>
            <FormField label='政审结论（书面结论摘要）' required={false}>
              <Textarea className='dev__input' name='conclusion' value={conclusion} maxlength={500} onInput={(e) => setConclusion(e.detail.value)} />
            </FormField>
            <Button block loading={busy === 'review'} onClick={() => void save('review', { politicalReviewConclusion: conclusion })}>
              保存政审结论
            </Button>
            <FormField label='培训天数 / 学时' required={false} hint='不少于三天或二十四学时'>
              <View className='dev__edit'>
                <Input type='digit' name='days' value={days} placeholder='天' onInput={(e) => setDays(e.detail.value)} />
                <Input type='digit' name='hours' value={hours} placeholder='学时' onInput={(e) => setHours(e.detail.value)} />
              </View>
            </FormField>
            <Button block loading={busy === 'training'} onClick={() => void save('training', { training: { days: Number(days || 0), hours: Number(hours || 0) } })}>
              保存培训情况
            </Button>
            <FormField label='离开本单位的日期（知道时填写）' required={false}>
              <Picker mode='date' value={person.leavingOn ?? todayInBeijing()} onChange={(e) => void save('leaving', { leavingOn: String(e.detail.value) })}>
                <View>{person.leavingOn ? dateWords(person.leavingOn) : '选择日期'}</View>
              </Picker>
            </FormField>
            <FormField label='预备期内从外单位转入' required={false}>
              <Switch checked={person.transferredInProbationary} onChange={(e) => void save('transfer', { transferredInProbationary: e.detail.value })} />
            </FormField>
          </>
        ) : null}
      </View>
    </>
  )
}
