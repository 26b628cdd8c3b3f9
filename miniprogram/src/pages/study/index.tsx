import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, Segmented } from '@nutui/nutui-react-taro'
import type { StudyTaskSummaryView } from '../../../../shared/api/areas/study'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import { dueLine, noteChip, taskBuckets, taskChip, testChip, windowLine } from '../../services/study'
import PageShell from '../../components/PageShell'
import StudyRow from '../../components/StudyRow'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import './index.scss'

/** One call for the whole first screen: the server knows who is asking. */
const load = () => call('study.page', {})

const go = (url: string) => void Taro.navigateTo({ url })
type Tab = 'due' | 'overdue' | 'done'
const tabs: Array<[Tab, string]> = [
  ['due', '待完成'],
  ['overdue', '已逾期'],
  ['done', '已完成'],
]

/** 学习: my study tasks (due, overdue, done), the theory tests, my notes; the committee's tools. */
export default function Study() {
  const { state, reload } = useResource(load)
  const [tab, setTab] = useState<Tab>('due')

  useDidShow(() => {
    void reload({ quiet: true })
  })
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const data = state.status === 'ready' ? state.data : null
  const overview = data?.overview ?? null
  const now = new Date()
  const buckets = taskBuckets(overview?.tasks ?? [], now)
  const shown = buckets[tab]
  const manager = overview?.canManage || overview?.canReview

  return (
    <PageShell title='学习' subtitle='学习任务、心得体会与理论测试'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {data && !overview ? (
        data.orgAdmin ? (
          <StatusCard title={data.orgAdmin.orgName} note='为各支部布置学习任务和理论测试，查看完成情况。'>
            <Button type='primary' size='large' block onClick={() => go('/packageStudy/manage/index')}>
              学习管理
            </Button>
          </StatusCard>
        ) : (
          <StatusCard title='加入支部后即可参加学习' note='向支部书记要本支部的加入码，填写姓名和手机号加入支部。'>
            <Button type='primary' size='large' block onClick={() => go('/pages/join/index')}>
              加入支部
            </Button>
          </StatusCard>
        )
      ) : null}

      {overview ? (
        <>
          {manager ? (
            <>
              <View className='card'>
                <View className='study__tools'>
                  {overview.canReview ? (
                    <View className='study__tool' onClick={() => go('/packageStudy/review/index')}>
                      <View className={overview.toReview ? 'study__tool-num study__tool-num--red' : 'study__tool-num'}>{overview.toReview ?? 0}</View>
                      <View className='study__tool-label'>心得待审阅</View>
                    </View>
                  ) : null}
                  {overview.canManage ? (
                    <View className='study__tool' onClick={() => go('/packageStudy/manage/index')}>
                      <View className='study__tool-num'>＋</View>
                      <View className='study__tool-label'>任务与测试</View>
                    </View>
                  ) : null}
                </View>
              </View>
            </>
          ) : null}
          <View className='segmented-bar'>
            <Segmented
              options={tabs.map(([value, label]) => ({ value, label: buckets[value].length ? `${label}（${buckets[value].length}）` : label }))}
              value={tab}
              onChange={(v) => setTab(tabs.find(([value]) => value === v)?.[0] ?? 'due')}
            />
          </View>
          <View className='card card--flush'>
            {shown.length ? (
              shown.map((t) => <TaskRow key={t.id} task={t} now={now} />)
            ) : (
              <View className='study__row muted'>{tab === 'due' ? '没有待完成的学习任务' : tab === 'overdue' ? '没有逾期的任务' : '还没有完成的任务'}</View>
            )}
          </View>

          {data?.tests.length ? (
            <>
              <View className='section-title'>理论测试</View>
              <View className='card card--flush'>
                {data.tests.map((t) => (
                  <StudyRow key={t.id} title={t.title} lines={[windowLine(t, now)]} chip={testChip(t)} onClick={() => go(`/packageStudy/test/index?id=${t.id}`)} />
                ))}
              </View>
            </>
          ) : null}

          <View className='section-title'>我的心得</View>
          <View className='card card--flush'>
            {overview.myNotes.length ? (
              overview.myNotes.slice(0, 10).map((n) => (
                <StudyRow
                  key={n.id}
                  title={n.title}
                  lines={[`${n.taskTitle ?? '自主学习'} · ${n.characters} 字${n.shared ? ' · 已在支部交流' : ''}`]}
                  chip={noteChip(n)}
                  onClick={() => go(`/packageStudy/note/index?id=${n.id}`)}
                />
              ))
            ) : (
              <View className='study__row muted'>还没有写过心得</View>
            )}
          </View>
          <View className='actions'>
            <Button type='primary' size='large' block onClick={() => go('/packageStudy/note/index')}>
              写心得
            </Button>
          </View>

          <View className='section-title'>更多</View>
          <View className='card card--flush'>
            <StudyRow title='学习交流' lines={['支部内的优秀心得']} onClick={() => go('/packageStudy/shared/index')} />
            <StudyRow title='我的年度学习' lines={['完成的任务、心得和优秀篇数']} onClick={() => go('/packageStudy/year/index')} />
          </View>

        </>
      ) : null}
    </PageShell>
  )
}

function TaskRow({ task, now }: { task: StudyTaskSummaryView; now: Date }) {
  const note = task.noteRequired ? ` · 心得${task.minChars ? ` ≥${task.minChars}字` : ''}` : ''
  return <StudyRow title={task.title} lines={[`${dueLine(task, now)}${note}${task.fromOrg ? ' · 党总支' : ''}`]} chip={taskChip(task)} onClick={() => go(`/packageStudy/task/index?id=${task.id}`)} />
}
