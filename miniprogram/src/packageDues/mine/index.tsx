import '../messages'
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { formatYuan, monthLabel } from '../../../../shared/domain/dues'
import { beijingDate } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import { duesLines } from '../words'
import '../dues.scss'

/**
 * 我的党费: the member's own base, amount, months owed and payments as the branch recorded them.
 * Dues are paid to the branch's collector into the 党委's account: the app takes no money.
 */
export default function MyDuesPage() {
  const { state, reload } = useResource(() => call('dues.mine', {}))
  useDidShow(() => void reload({ quiet: true }))
  if (state.status === 'loading') return <PageShell title='我的党费'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='我的党费'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const { row, payments } = state.data
  return (
    <PageShell title='我的党费' subtitle='只有你本人和支部党费经办人能看到'>
      {row ? (
        <View className='card'>
          {duesLines(row).map((line) => (
            <View key={line} className='dues__line'>{line}</View>
          ))}
        </View>
      ) : (
        <StatusCard title='无需交纳党费' note='正式党员和预备党员按月交纳党费。' />
      )}
      <View className='muted' style={{ margin: '0 8px 16px' }}>党费请交给支部党费经办人，本程序只作记录和提醒，不收取任何款项。</View>
      {payments.length ? (
        <>
          <View className='section-title'>交纳记录</View>
          <View className='card card--flush'>
            {payments.map((p) => (
              <View key={p.id} className='dues__row'>
                <View className='dues__name'>{formatYuan(p.amountFen)} 元</View>
                <View className='dues__line'>{p.months.map(monthLabel).join('、')}</View>
                <View className='dues__line'>{beijingDate(p.paidOn)} 交纳 · 收据 {p.receiptNo} · {p.recordedBy} 登记</View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
