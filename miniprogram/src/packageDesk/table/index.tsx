import { useDidShow, useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { LedgerTable, LedgerTableView } from '../../../../shared/api/areas/desk'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import '../shared.scss'
import './index.scss'

const tables: readonly LedgerTable[] = ['notes', 'tests', 'members']

/** One per-person sheet of the 台账 (学习心得登记, 测试成绩, 党员年度情况) as the workbook prints it. */
export default function LedgerTablePage() {
  const { params } = useRouter()
  const table = tables.find((t) => t === params.table) ?? 'members'
  const period = params.period ? { period: decodeURIComponent(params.period) } : params.from && params.to ? { from: params.from, to: params.to } : params.year ? { year: Number(params.year) } : {}
  const { state, reload } = useResource(() => call('desk.table', { table, branchId: params.branchId || undefined, ...period }))
  useDidShow(() => {
    void reload({ quiet: true })
  })
  const view = state.status === 'ready' ? state.data : null
  return (
    <PageShell title={view?.title ?? '台账明细'} subtitle={view?.subtitle ?? ' '}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {view ? <Sheet view={view} /> : null}
    </PageShell>
  )
}

function Sheet({ view }: { view: LedgerTableView }) {
  const groupOf = (col: number) => view.groups.find((g) => col >= g.from && col <= g.to)
  return (
    <View className='card card--flush'>
      <ScrollView scrollX className='ltab__scroll'>
        <View className='ltab'>
          {view.groups.length ? (
            <View className='ltab__tr ltab__tr--head'>
              {view.columns.map((_, i) => {
                const g = groupOf(i + 1)
                if (g && g.from !== i + 1) return null
                const span = g ? Math.min(5, g.to - g.from + 1) : 1
                return (
                  <Text key={i} className={`ltab__td ltab__td--group ltab__td--span${span}`}>
                    {g ? g.label : ''}
                  </Text>
                )
              })}
            </View>
          ) : null}
          <View className='ltab__tr ltab__tr--head'>
            {view.columns.map((c) => (
              <Text key={c} className='ltab__td'>
                {c}
              </Text>
            ))}
          </View>
          {view.rows.map((r, i) => (
            <View className={r[0] === '合计' ? 'ltab__tr ltab__tr--total' : 'ltab__tr'} key={i}>
              {r.map((c, j) => (
                <Text className='ltab__td' key={j}>
                  {c === null ? '' : String(c)}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </ScrollView>
      {view.rows.length === 0 || view.notes.length ? (
        <View className='muted ltab__notes'>
          {view.notes.map((n) => (
            <View key={n}>{n}</View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
