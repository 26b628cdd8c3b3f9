import { View } from '@tarojs/components'
import type { Position } from '../../../../../shared/domain/member'
import { positionOptions } from '../../options'

/** 职务: one pill per position, any number chosen, kept in the positions' own order. */
export default function PositionPicker({ value, disabled, onChange }: { value: Position[]; disabled?: boolean; onChange: (v: Position[]) => void }) {
  return (
    <View className='member__positions'>
      {positionOptions.map((o) => {
        const on = value.includes(o.value)
        return (
          <View
            key={o.value}
            className={on ? 'member__position member__position--on' : 'member__position'}
            onClick={disabled ? undefined : () => onChange(on ? value.filter((p) => p !== o.value) : positionOptions.map((x) => x.value).filter((p) => p === o.value || value.includes(p)))}
          >
            {o.label}
          </View>
        )
      })}
    </View>
  )
}
