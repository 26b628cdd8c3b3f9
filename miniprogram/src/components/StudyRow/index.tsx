import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Chip from '../Chip'
import type { ChipTone } from '../../services/meeting'

interface Props {
  title: string
  /** Muted lines under the title (empty ones are left out). */
  lines?: ReactNode[]
  /** A status chip on the right; without one, an arrow when the row opens something. */
  chip?: { text: string; tone: ChipTone } | null
  onClick?: () => void
}

/**
 * One row of a study list (a task, a test, a note, a link): title, muted lines, a chip. Styled by
 * the .study__row blocks of pages/study/index.scss, which every study page imports.
 */
export default function StudyRow({ title, lines = [], chip, onClick }: Props) {
  return (
    <View className='study__row' onClick={onClick}>
      <View className='study__row-main'>
        <View className='study__row-title'>{title}</View>
        {lines.filter(Boolean).map((line, i) => (
          <View key={i} className='study__row-line'>
            {line}
          </View>
        ))}
      </View>
      {chip ? (
        <View className='study__row-side'>
          <Chip tone={chip.tone}>{chip.text}</Chip>
        </View>
      ) : onClick ? (
        <Text className='study__arrow'>›</Text>
      ) : null}
    </View>
  )
}
