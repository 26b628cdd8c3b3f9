import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

interface Props {
  visible: boolean
  /** On the outer element, for the sheet's own styles (and tests). */
  className?: string
  /** Tapping the dimmed page; leave it out where only the sheet's buttons answer. */
  onShadeTap?: () => void
  zIndex?: number
  children: ReactNode
}

/**
 * A panel that rises from the bottom over the dimmed page. Closed, it leaves nothing on the page
 * (no hidden field or button). Our own few lines instead of NutUI's Popup: that one brings a
 * transition library and a scroll lock, about 25 KB, into the package every teacher downloads.
 */
export default function Sheet({ visible, className, onShadeTap, zIndex, children }: Props) {
  if (!visible) return null
  return (
    // catchMove: the page behind does not scroll while the sheet is up.
    <View className={className ? `sheet ${className}` : 'sheet'} style={zIndex ? { zIndex } : undefined} catchMove>
      <View className='sheet__shade' onClick={onShadeTap} />
      <View className='sheet__panel'>{children}</View>
    </View>
  )
}
