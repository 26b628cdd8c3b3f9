import type { ReactNode } from 'react'
import { Picker, View } from '@tarojs/components'

interface FieldProps {
  label: string
  required?: boolean
  error?: string
  hint?: string
  children: ReactNode
}

/** A labelled form control with its error (from the server's INPUT.INVALID fields) below. */
export default function FormField({ label, required = true, error, hint, children }: FieldProps) {
  return (
    <View className='form-item'>
      <View className={required ? 'form-item__label form-item__required' : 'form-item__label'}>{label}</View>
      <View className={error ? 'form-item__control form-item__control--error' : 'form-item__control'}>{children}</View>
      {error ? <View className='form-item__error'>{error}</View> : hint ? <View className='form-item__hint'>{hint}</View> : null}
    </View>
  )
}

interface SelectProps<V> {
  options: ReadonlyArray<{ value: V; label: string }>
  value: V | undefined
  placeholder?: string
  disabled?: boolean
  onChange: (value: V) => void
}

/** One choice from a short list, with the platform's native picker. */
export function SelectField<V>({ options, value, placeholder = '请选择', disabled, onChange }: SelectProps<V>) {
  const index = options.findIndex((o) => o.value === value)
  return (
    <Picker
      mode='selector'
      range={options.map((o) => o.label)}
      value={Math.max(0, index)}
      disabled={disabled}
      onChange={(e) => {
        const picked = options[Number(e.detail.value)]
        if (picked) onChange(picked.value)
      }}
      style={{ flex: 1 }}
    >
      <View className='form-item__picker'>
        <View className={index >= 0 ? 'form-item__value' : 'form-item__value form-item__value--placeholder'}>{index >= 0 ? options[index].label : placeholder}</View>
        {disabled ? null : <View className='form-item__arrow'>›</View>}
      </View>
    </Picker>
  )
}

interface DateProps {
  value: string | null
  placeholder?: string
  end?: string
  disabled?: boolean
  onChange: (value: string) => void
}

/** A date (YYYY-MM-DD) with the platform's native date picker. */
export function DateField({ value, placeholder = '请选择日期', end, disabled, onChange }: DateProps) {
  return (
    <Picker mode='date' value={value ?? '2000-07-01'} start='1921-07-01' end={end} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))} style={{ flex: 1 }}>
      <View className='form-item__picker'>
        <View className={value ? 'form-item__value' : 'form-item__value form-item__value--placeholder'}>{value ?? placeholder}</View>
        {disabled ? null : <View className='form-item__arrow'>›</View>}
      </View>
    </Picker>
  )
}
