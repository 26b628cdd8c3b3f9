import { Text, View } from '@tarojs/components'
import type { MemberDetailView } from '../../../../../shared/api/contract'
import { formatTime } from '../../../services/format'
import { historyActionLabels } from '../../../services/labels'
import ListSection from '../../../components/ListSection'

/** 变更记录: every change to the member's entry, newest last, with who made it. */
export default function History({ detail }: { detail: MemberDetailView }) {
  return (
    <ListSection title='变更记录' items={detail.history} empty='暂无记录'>
      {(h, i) => (
        <View className='member__history' key={i}>
          <View className='member__history-head'>
            <Text className='member__history-action'>{historyActionLabels[h.action] ?? h.action}</Text>
            <Text className='muted'>{formatTime(h.at)}</Text>
          </View>
          <View className='member__history-note'>
            {h.byName ? <Text className='member__history-by'>{h.byName}</Text> : null}
            {h.note}
          </View>
        </View>
      )}
    </ListSection>
  )
}
