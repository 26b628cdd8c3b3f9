import { useEffect, useState, type ReactNode } from 'react'
import { Input, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Sheet from '../Sheet'
import './index.scss'

interface Props {
  visible: boolean
  title: string
  note?: string
  placeholder?: string
  /** An empty answer is refused with this message; omit to allow an empty answer. */
  requiredMessage?: string
  maxLength?: number
  multiline?: boolean
  confirmText?: string
  danger?: boolean
  /** Error from the last attempt (e.g. the server's message), shown under the field. */
  error?: string | null
  busy?: boolean
  /** Controls shown above the text field (e.g. a status picker). */
  extra?: ReactNode
  /** Form name of the field (for tests and autofill). */
  name?: string
  onConfirm: (value: string) => void
  onCancel: () => void
}

/**
 * A bottom sheet that asks for one line or a short note (a group's name, why a member
 * transferred out, why a request was refused). Taro's showModal cannot take input on H5.
 */
export default function PromptSheet(props: Props) {
  const { visible, title, note, placeholder, requiredMessage, maxLength = 200, multiline, confirmText = '确定', danger, error, busy, name = 'answer', extra, onConfirm, onCancel } = props
  const [value, setValue] = useState('')
  const [localError, setLocalError] = useState<string | null>(null)

  useEffect(() => {
    if (visible) {
      setValue('')
      setLocalError(null)
    }
  }, [visible])

  const confirm = () => {
    if (busy) return
    if (requiredMessage && !value.trim()) {
      setLocalError(requiredMessage)
      return
    }
    setLocalError(null)
    onConfirm(value.trim())
  }

  const shownError = localError ?? error
  const onInput = (e: { detail: { value: string } }) => {
    setValue(e.detail.value)
    if (localError) setLocalError(null)
  }

  return (
    <Sheet
      visible={visible}
      className='prompt-sheet'
      onShadeTap={() => {
        if (!busy) onCancel()
      }}
    >
      <View className='prompt-sheet__panel'>
        <View className='prompt-sheet__title'>{title}</View>
        {note ? <View className='prompt-sheet__note'>{note}</View> : null}
        {extra}
        <View className={shownError ? 'prompt-sheet__field prompt-sheet__field--error' : 'prompt-sheet__field'}>
          {multiline ? (
            <Textarea name={name} className='prompt-sheet__textarea' value={value} placeholder={placeholder} maxlength={maxLength} onInput={onInput} fixed />
          ) : (
            <Input name={name} className='prompt-sheet__input' value={value} placeholder={placeholder} maxlength={maxLength} onInput={onInput} />
          )}
        </View>
        {shownError ? <View className='prompt-sheet__error'>{shownError}</View> : null}
        <View className='prompt-sheet__actions'>
          <Button className='prompt-sheet__btn' fill='outline' type='default' disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button className='prompt-sheet__btn' type={danger ? 'danger' : 'primary'} loading={busy} disabled={busy} onClick={confirm}>
            {confirmText}
          </Button>
        </View>
      </View>
    </Sheet>
  )
}
