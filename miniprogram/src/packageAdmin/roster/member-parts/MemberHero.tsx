import { Text, View } from '@tarojs/components'
import type { MemberDetailView } from '../../../../../shared/api/contract'
import { memberCategoryLabels, positionLabels } from '../../../../../shared/domain/member'
import Chip from '../../../components/Chip'

/** The member's category, group and positions on the red header. */
export default function MemberHero({ detail }: { detail: MemberDetailView }) {
  return (
    <View className='member__hero'>
      <Text className='member__hero-chip'>{memberCategoryLabels[detail.category]}</Text>
      {detail.groupName ? <Text className='member__hero-text'>{detail.groupName}</Text> : null}
      {detail.positions.length ? <Text className='member__hero-text'>{detail.positions.map((p) => positionLabels[p]).join('、')}</Text> : null}
      {detail.status === 'transferredOut' ? <Chip>已转出</Chip> : null}
    </View>
  )
}
