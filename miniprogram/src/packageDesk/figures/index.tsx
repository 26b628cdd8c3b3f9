import { useRef, useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FiguresView, RecordRefs } from '../../../../shared/api/areas/desk'
import type { Figure } from '../../../../shared/domain/figures'
import { meetingTypeLabels } from '../../../../shared/domain/meeting'
import { memberCategoryLabels } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import { openFile } from '../../services/files'
import { formatDay } from '../../services/format'
import { toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { branchQuery, copy, go, percent, thisYear, YearSwitch } from '../shared'
import '../shared.scss'
import './index.scss'

type Part = 0 | 1 | 2 | 3 | 4
const partNames = ['全年', '一季度', '二季度', '三季度', '四季度']
const quarterEnds = ['03-31', '06-30', '09-30', '12-31']

function periodInput(year: number, part: Part): { year: number } | { from: string; to: string } {
  if (part === 0) return { year }
  const startMonth = String((part - 1) * 3 + 1).padStart(2, '0')
  return { from: `${year}-${startMonth}-01`, to: `${year}-${quarterEnds[part - 1]}` }
}

/** 年度数据: the figures of a year or quarter, each opening the records it counts, the drafted paragraph and the 台账. */
export default function FiguresPage() {
  const { params } = useRouter()
  const branchId = params.branchId || undefined
  const [year, setYear] = useState(thisYear())
  const [part, setPart] = useState<Part>(0)
  const choice = useRef({ year, part })
  const { state, reload, reset } = useResource(() => call('desk.figures', { branchId, ...periodInput(choice.current.year, choice.current.part) }))
  const [draft, setDraft] = useState<string | null>(null)
  const { busy, run } = useBusy()

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const choose = (y: number, p: Part) => {
    choice.current = { year: y, part: p }
    setYear(y)
    setPart(p)
    setDraft(null)
    reset()
    void reload()
  }

  const exportLedger = () =>
    run('ledger', async () => {
      const r = await call('desk.ledger', { branchId, ...periodInput(year, part) })
      if (!r.ok) return toast(r.error.message)
      const opened = await openFile(r.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const view = state.status === 'ready' ? state.data : null
  const paragraph = draft ?? view?.paragraph ?? ''
  return (
    <PageShell title='年度数据' subtitle={view ? `${view.branch?.name ?? ''} · ${view.period.label}` : ' '}>
      <YearSwitch year={year} max={thisYear()} onChange={(y) => choose(y, part)} />
      <View className='fig__parts'>
        {partNames.map((name, i) => (
          <Text key={name} className={part === i ? 'fig__part fig__part--on' : 'fig__part'} onClick={() => choose(year, i as Part)}>
            {name}
          </Text>
        ))}
      </View>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? (
        <>
          <View className='section-title'>工作综述（可修改后复制）</View>
          <View className='card'>
            <Textarea className='fig__paragraph' value={paragraph} maxlength={2000} autoHeight onInput={(e) => setDraft(e.detail.value)} />
            <View className='fig__buttons'>
              {draft !== null ? (
                <Button size='small' fill='outline' type='default' onClick={() => setDraft(null)}>
                  恢复草稿
                </Button>
              ) : null}
              <Button size='small' type='primary' onClick={() => void copy(paragraph, '综述已复制')}>
                复制
              </Button>
            </View>
          </View>

          <Meetings view={view} />
          <Members view={view} />
          <Service view={view} />

          <View className='actions'>
            <Button type='primary' size='large' block loading={busy === 'ledger'} onClick={() => void exportLedger()}>
              一键导出{view.period.label}台账
            </Button>
            <Button size='large' block fill='outline' type='primary' onClick={() => go(`/packageDesk/calendar/index${branchQuery(branchId)}`)}>
              三会一课日历
            </Button>
            <Button size='large' block fill='outline' type='primary' onClick={() => go(`/packageDesk/charts/index${branchQuery(branchId)}`)}>
              统计图表
            </Button>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

/** A figure that opens the list of what it counts. */
function FigureRow({ label, value, note, figure, refs }: { label: string; value: string; note?: string; figure?: Figure; refs: RecordRefs }) {
  const [open, setOpen] = useState(false)
  const items = figure ? figure.ids.map((id) => itemOf(figure.kind, id, refs)).filter((x): x is Item => Boolean(x)) : []
  return (
    <View className='fig__row-wrap'>
      <View className='fig__row' onClick={() => items.length && setOpen(!open)}>
        <Text className='fig__label'>{label}</Text>
        <View className='fig__value-box'>
          <Text className='fig__value'>{value}</Text>
          {note ? <Text className='fig__note'>{note}</Text> : null}
        </View>
        <Text className='fig__arrow'>{items.length ? (open ? '⌃' : '›') : ''}</Text>
      </View>
      {open ? (
        <View className='fig__items'>
          {items.map((item) => (
            <View className='fig__item' key={item.id} onClick={() => item.url && go(item.url)}>
              <Text>{item.text}</Text>
              {item.url ? <Text className='muted'>›</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

interface Item {
  id: string
  text: string
  url: string | null
}

function itemOf(kind: Figure['kind'], id: string, refs: RecordRefs): Item | null {
  if (kind === 'meeting') {
    const m = refs.meeting[id]
    return m ? { id, text: `${formatDay(m.startAt)} ${m.title}`, url: `/pages/meeting/index?id=${encodeURIComponent(id)}` } : null
  }
  if (kind === 'member') {
    const m = refs.member[id]
    return m ? { id, text: `${m.name}${m.groupName ? ` · ${m.groupName}` : ''}`, url: null } : null
  }
  const r = refs[kind][id]
  return r ? { id, text: `${r.date} ${r.title}`, url: null } : null
}

function Meetings({ view }: { view: FiguresView }) {
  const f = view.figures
  const held = f.meetings.byType.filter((t) => t.held.value > 0)
  return (
    <>
      <View className='section-title'>组织生活</View>
      <View className='card card--flush'>
        {held.length ? (
          held.map((t) => (
            <FigureRow key={t.type} label={meetingTypeLabels[t.type]} value={`${t.held.value} 次`} note={t.rate !== null ? `${t.personTimes} 人次 · 出勤率 ${percent(t.rate)}` : undefined} figure={t.held} refs={view.refs} />
          ))
        ) : (
          <View className='fig__empty'>本期还没有召开会议</View>
        )}
        <FigureRow label='合计' value={`${f.meetings.total.value} 次`} note={`${f.meetings.personTimes} 人次 · 平均出勤率 ${percent(f.meetings.rate)}`} refs={view.refs} />
        <FigureRow label='书记讲党课' value={`${f.partyLectures.bySecretary.value} 次`} note={`党课共 ${f.partyLectures.held.value} 次`} figure={f.partyLectures.bySecretary} refs={view.refs} />
      </View>
      {f.partyLectures.lectures.length ? (
        <View className='card fig__lectures'>
          {f.partyLectures.lectures.map((l) => (
            <View className='fig__lecture' key={l.meetingId}>
              <Text className='fig__lecture-date'>{l.date.slice(5).replace('-', '/')}</Text>
              <Text className='fig__lecture-title'>{l.title}</Text>
              <Text className={l.bySecretary ? 'chip chip--red' : 'chip'}>{l.speakerName ?? '未填主讲人'}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </>
  )
}

function Members({ view }: { view: FiguresView }) {
  const m = view.figures.members
  return (
    <>
      <View className='section-title'>党员队伍（期末）</View>
      <View className='card card--flush'>
        {m.byCategory
          .filter((c) => c.count.value > 0)
          .map((c) => (
            <FigureRow key={c.category} label={memberCategoryLabels[c.category]} value={`${c.count.value} 人`} figure={c.count} refs={view.refs} />
          ))}
        <FigureRow label='发展新党员' value={`${m.joined.value} 人`} figure={m.joined} refs={view.refs} />
        <FigureRow label='预备党员转正' value={`${m.confirmed.value} 人`} figure={m.confirmed} refs={view.refs} />
      </View>
    </>
  )
}

function Service({ view }: { view: FiguresView }) {
  const { volunteer: v, study: s } = view.figures
  return (
    <>
      <View className='section-title'>志愿服务与学习</View>
      <View className='card card--flush'>
        <FigureRow label='志愿服务活动' value={`${v.activities.value} 次`} note={`${v.personTimes} 人次 · ${v.hours} 小时 · 服务群众 ${v.peopleServed} 人次`} figure={v.shifts} refs={view.refs} />
        <FigureRow label='学习任务' value={`${s.tasks.value} 项`} figure={s.tasks} refs={view.refs} />
        <FigureRow label='学习心得' value={`${s.notesSubmitted.value} 篇`} note={`优秀 ${s.notesExcellent.value} 篇`} figure={s.notesSubmitted} refs={view.refs} />
        <FigureRow label='理论测试' value={`${s.tests.value} 次`} note={`参测 ${s.testTaken} 人次 · 参测率 ${percent(s.testRate)}`} figure={s.tests} refs={view.refs} />
      </View>
      {view.missingSources.length ? <View className='muted fig__missing'>{view.missingSources.join('、')}的记录尚未在本系统中登记，暂不计入。</View> : null}
    </>
  )
}
