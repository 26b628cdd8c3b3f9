import '../messages'
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, Segmented } from '@nutui/nutui-react-taro'
import type { ManagedTaskView } from '../../../../shared/api/areas/study'
import type { TheoryTestSummaryView } from '../../../../shared/api/areas/exam'
import type { Result } from '../../../../shared/errors'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import { dueLine, windowLine } from '../../services/study'
import PageShell from '../../components/PageShell'
import StudyRow from '../../components/StudyRow'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

interface Loaded {
  tasks: ManagedTaskView[]
  tests: TheoryTestSummaryView[]
  org: boolean
}

async function load(): Promise<Result<Loaded>> {
  const [me, tasks, tests] = await Promise.all([call('member.me', {}), call('study.manageTasks', {}), call('exam.list', {})])
  if (!me.ok) return me
  if (!tasks.ok) return tasks
  if (!tests.ok) return tests
  return { ok: true, data: { tasks: tasks.data, tests: tests.data, org: Boolean(me.data.orgAdmin && !me.data.member) } }
}

const go = (url: string) => void Taro.navigateTo({ url })
const windowText: Record<TheoryTestSummaryView['window'], string> = { notOpen: '未开始', open: '进行中', closed: '已结束' }

/** 学习管理: tasks with how many have handed in, and the theory tests. */
export default function ManagePage() {
  const { state, reload } = useResource(load)
  const [tab, setTab] = useState<'tasks' | 'tests'>('tasks')
  useDidShow(() => {
    void reload({ quiet: true })
  })
  const data = state.status === 'ready' ? state.data : null

  return (
    <PageShell title='学习管理' subtitle={data?.org ? '为各支部统一布置学习任务和理论测试' : '布置学习任务，查看提交情况，设置理论测试'}>
      <View className='segmented-bar'>
        <Segmented
          options={[
            { value: 'tasks', label: '学习任务' },
            { value: 'tests', label: '理论测试' },
          ]}
          value={tab}
          onChange={(v) => setTab(v === 'tests' ? 'tests' : 'tasks')}
        />
      </View>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {data && tab === 'tasks' ? (
        <>
          <View className='card card--flush'>
            {data.tasks.length ? (
              data.tasks.map((t) => (
                <StudyRow
                  key={t.id}
                  title={t.title}
                  lines={[`${data.org ? `${t.branchName} · ` : ''}${dueLine(t, new Date())}`]}
                  chip={{ text: `${t.handedIn}/${t.audience} 已完成`, tone: t.handedIn >= t.audience ? 'green' : 'amber' }}
                  onClick={() => go(`/packageStudy/pending/index?id=${t.id}`)}
                />
              ))
            ) : (
              <View className='study__row muted'>还没有布置学习任务</View>
            )}
          </View>
          <View className='actions'>
            <Button type='primary' size='large' block onClick={() => go('/packageStudy/task-edit/index')}>
              布置学习任务
            </Button>
            {!data.org ? (
              <Button type='default' size='large' block onClick={() => go('/packageStudy/year/index?scope=branch')}>
                年度学习统计
              </Button>
            ) : null}
          </View>
        </>
      ) : null}
      {data && tab === 'tests' ? (
        <>
          <View className='card card--flush'>
            {data.tests.length ? (
              data.tests.map((t) => (
                <StudyRow key={t.id} title={t.title} lines={[windowLine(t, new Date())]} chip={{ text: windowText[t.window], tone: t.window === 'open' ? 'green' : 'grey' }} onClick={() => go(`/packageStudy/test-overview/index?id=${t.id}`)} />
              ))
            ) : (
              <View className='study__row muted'>还没有理论测试</View>
            )}
          </View>
          <View className='actions'>
            <Button type='primary' size='large' block onClick={() => go('/packageStudy/test-edit/index')}>
              设置理论测试
            </Button>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
