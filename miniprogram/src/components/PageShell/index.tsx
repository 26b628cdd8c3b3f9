import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { useUnreadBadge } from '../../services/badge'
import PrivacyGate from '../PrivacyGate'
import './index.scss'

interface Props {
  title: string
  subtitle?: string
  /** Extra content inside the red header (e.g. the member card on 我的). */
  hero?: ReactNode
  children?: ReactNode
}

/** Common page frame: red header, content column, and the weapp privacy popup. */
export default function PageShell({ title, subtitle, hero, children }: Props) {
  useUnreadBadge()
  return (
    <View className='shell'>
      <View className='shell__hero'>
        <View className='shell__title'>{title}</View>
        {subtitle ? <View className='shell__subtitle'>{subtitle}</View> : null}
        {hero}
      </View>
      <View className='shell__body'>{children}</View>
      <PrivacyGate />
    </View>
  )
}
