import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FiguresView } from '../../../../shared/api/areas/desk'
import type { Figure } from '../../../../shared/domain/figures'
import { figureSections } from '../../../../shared/domain/figure-lines'
import { call } from '../../services/api'
import { formatDay } from '../../services/format'
import { useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import { branchQuery, copy, go, openGenerated, PeriodChooser, tableUrl, thisYear, useChosen } from '../shared'
import '../shared.scss'
import './index.scss'

/** 年度数据: the figures of a period (year, half, quarter, month or span), each opening the records it counts, the drafted paragraph and the 台账. */
export default function FiguresPage() {
  const { params } = useRouter()
  const branchId = params.branchId || undefined
  const [draft, setDraft] = useState<string | null>(null)
  const { choice: period, choose, state, reload } = useChosen(params.period || String(thisYear()), (key) => call('desk.figures', { branchId, period: key }), () => setDraft(null))
  const { busy, run } = useBusy()

  const exportLedger = () => run('ledger', async () => openGenerated(await call('desk.ledger', { branchId, period })))

  const view = state.status === 'ready' ? state.data : null
  const paragraph = draft ?? view?.paragraph ?? ''
  return (
    <PageShell title='年度数据' subtitle={view ? `${view.branch?.name ?? ''} · ${view.period.label}` : ' '}>
      <PeriodChooser value={period} onChange={choose} />
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? (
        <>
          {view.period.notice ? <View className='card muted'>{view.period.notice}</View> : null}
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

          <Sections view={view} />

          <View className='section-title'>台账明细</View>
          <View className='card card--flush'>
            {(
              [
                ['members', '党员年度情况', '每名党员的出勤、请假补学、心得、测试与志愿服务'],
                ['notes', '学习心得登记', '每篇心得的作者、任务、字数与评阅'],
                ['tests', '测试成绩', '每次测试每位应参测党员的成绩，含未参加'],
              ] as const
            ).map(([table, label, note]) => (
              <View className='fig__row' key={table} onClick={() => go(tableUrl(table, { period }, branchId))}>
                <Text className='fig__label'>{label}</Text>
                <View className='fig__value-box'>
                  <Text className='fig__note'>{note}</Text>
                </View>
                <Text className='fig__arrow'>›</Text>
              </View>
            ))}
          </View>

          <View className='actions'>
            <Button type='primary' size='large' block loading={busy === 'ledger'} onClick={() => void exportLedger()}>
              一键导出{view.period.label}台账
            </Button>
            <Button size='large' block fill='outline' type='primary' onClick={() => go(`/packageDesk/calendar/index${branchQuery(branchId)}`)}>
              三会一课日历
            </Button>
            {branchId ? null : (
              <Button size='large' block fill='outline' type='primary' onClick={() => go('/packageMeeting/history/index')}>
                历史补录
              </Button>
            )}
            <Button size='large' block fill='outline' type='primary' onClick={() => go(`/packageDesk/charts/index?period=${encodeURIComponent(period)}${branchQuery(branchId, '&')}`)}>
              统计图表
            </Button>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

/** A figure that opens the list of what it counts. */
function FigureRow({ label, value, note, figure, view }: { label: string; value: string; note?: string; figure?: Figure; view: FiguresView }) {
  const [open, setOpen] = useState(false)
  const items = figure ? figure.ids.map((id) => itemOf(figure.kind, id, view)).filter((x): x is Item => Boolean(x)) : []
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

/** A record's line, linked only where the caller may open it: no link rather than a refusal. */
function itemOf(kind: Figure['kind'], id: string, { refs, opens }: Pick<FiguresView, 'refs' | 'opens'>): Item | null {
  if (kind === 'meeting') {
    const m = refs.meeting[id]
    return m ? { id, text: `${formatDay(m.startAt)} ${m.title}`, url: opens.meeting ? `/pages/meeting/index?id=${encodeURIComponent(id)}` : null } : null
  }
  if (kind === 'member') {
    const m = refs.member[id]
    return m ? { id, text: `${m.name}${m.groupName ? ` · ${m.groupName}` : ''}`, url: null } : null
  }
  if (kind === 'studyTask') {
    const t = refs.studyTask[id]
    return t ? { id, text: `${t.date} 截止 ${t.title}`, url: opens.studyTask ? `/packageStudy/task/index?id=${encodeURIComponent(id)}` : null } : null
  }
  if (kind === 'note') {
    const n = refs.note[id]
    return n ? { id, text: `${n.date} ${n.name}《${n.title}》${n.excellent ? ' · 优秀' : ''}`, url: n.open ? `/packageStudy/review/note?id=${encodeURIComponent(id)}` : null } : null
  }
  if (kind === 'test') {
    const t = refs.test[id]
    return t ? { id, text: `${t.date} ${t.title} · 参测 ${t.taken}/${t.expected} 人`, url: opens.test ? `/packageStudy/test-overview/index?id=${encodeURIComponent(id)}` : null } : null
  }
  const r = refs[kind][id]
  return r ? { id, text: `${r.date} ${r.title}`, url: null } : null
}

/** The figures' sections (the same lines the 台账's 概况 sheet prints), the 党课 given under 组织生活. */
function Sections({ view }: { view: FiguresView }) {
  const { lectures } = view.figures.partyLectures
  return (
    <>
      {figureSections(view.figures).map((section) => (
        <View key={section.key}>
          <View className='section-title'>{section.title}</View>
          <View className='card card--flush'>
            {section.empty ? <View className='fig__empty'>{section.empty}</View> : null}
            {section.lines.map((l) => (
              <FigureRow key={l.key} label={l.label} value={l.value} note={l.note || undefined} figure={l.figure ?? undefined} view={view} />
            ))}
          </View>
          {section.key === 'meetings' && lectures.length ? (
            <View className='card fig__lectures'>
              {lectures.map((l) => (
                <View className='fig__lecture' key={l.meetingId}>
                  <Text className='fig__lecture-date'>{l.date.slice(5).replace('-', '/')}</Text>
                  <Text className='fig__lecture-title'>{l.title}</Text>
                  <Text className={l.bySecretary ? 'chip chip--red' : 'chip'}>{l.speakerName ?? '未填主讲人'}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ))}
      {view.missingSources.length ? <View className='muted fig__missing'>{view.missingSources.join('、')}的记录尚未在本系统中登记，暂不计入。</View> : null}
    </>
  )
}
