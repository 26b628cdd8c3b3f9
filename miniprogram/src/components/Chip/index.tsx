import type { ReactNode } from 'react'
import { Tag } from '@nutui/nutui-react-taro'
import type { ChipTone } from '../../services/meeting'

/** Our tones on NutUI's tag types; app.scss themes each type as a tint with the status colour. */
const tagType = { red: 'danger', green: 'success', amber: 'warning', gold: 'info', grey: 'default' } as const

/** A short status word in a tinted chip: 已签到 (green), 迟到 (amber), 请假待批 (gold), 缺席 (red)… */
export default function Chip({ tone = 'grey', className, children }: { tone?: ChipTone; className?: string; children: ReactNode }) {
  return (
    <Tag type={tagType[tone]} className={className ? `chip ${className}` : 'chip'}>
      {children}
    </Tag>
  )
}
