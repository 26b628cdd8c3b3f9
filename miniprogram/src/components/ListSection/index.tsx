import type { ReactNode } from 'react'
import { View } from '@tarojs/components'

interface Props<T> {
  title: string
  items: readonly T[]
  /** The muted line shown in the card when there are no items. */
  empty: string
  /** One item's row; give it a key. */
  children: (item: T, index: number) => ReactNode
}

/** A section title over a card that lists items, or says there are none. */
export default function ListSection<T>({ title, items, empty, children }: Props<T>) {
  return (
    <>
      <View className='section-title'>{title}</View>
      <View className='card'>{items.length ? items.map((item, i) => children(item, i)) : <View className='muted'>{empty}</View>}</View>
    </>
  )
}
