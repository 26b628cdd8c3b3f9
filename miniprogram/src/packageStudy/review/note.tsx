import '../messages'
import { useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { contentVerdictLabels, noteGradeLabels, type NoteGrade } from '../../../../shared/domain/study'
import { call } from '../../services/api'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import { heldLabel, noteChip } from '../../services/study'
import { NoteBody, NoteHistory } from '../../components/NoteContent'
import Chip from '../../components/Chip'
import PageShell from '../../components/PageShell'
import PromptSheet from '../../components/PromptSheet'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/** One note to review: read it (with what the content check said) and approve or return it. */
export default function ReviewNotePage() {
  const { params } = useRouter()
  const noteId = params.id ?? ''
  const { state, reload, replace } = useResource(() => call('study.note', { noteId }))
  const { busy, run } = useBusy()
  const [returning, setReturning] = useState(false)
  const [returnError, setReturnError] = useState<string | null>(null)
  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='审阅心得'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='审阅心得'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const note = state.data
  const chip = noteChip(note)
  const held = heldLabel(note)

  const approve = (grade: NoteGrade) =>
    run(grade, async () => {
      if (!(await confirm('审阅通过', `评为“${noteGradeLabels[grade]}”，作者会收到通知。`, '确定'))) return
      const r = await call('study.review', { noteId, decision: 'approve', grade })
      if (!r.ok) {
        toast(r.error.message)
        return void reload({ quiet: true })
      }
      replace(r.data)
      toast(`已评为${noteGradeLabels[grade]}`, 'success')
    })

  const sendBack = (comment: string) =>
    run('return', async () => {
      const r = await call('study.review', { noteId, decision: 'return', comment })
      if (!r.ok) return setReturnError(r.error.fields?.comment ?? r.error.message)
      setReturning(false)
      replace(r.data)
      toast('已退回', 'success')
    })

  return (
    <PageShell title='审阅心得' subtitle={note.taskTitle ? `学习任务：${note.taskTitle}` : '自主学习'}>
      <View className='card'>
        <View className='study__head'>
          <Text className='study__title'>{note.title}</Text>
          <Chip tone={chip.tone}>{chip.text}</Chip>
        </View>
        <View className='study__meta'>
          {note.authorName}
          {note.groupName ? ` · ${note.groupName}` : ''} · {note.characters} 字{note.minChars ? `（要求 ${note.minChars} 字）` : ''}
        </View>
      </View>
      {held ? (
        <View className='alert alert--error'>
          <View className='alert__title'>{held}</View>
          <View className='alert__line'>微信内容安全检查未能确认这篇心得的内容，请仔细阅读后再决定。</View>
        </View>
      ) : note.contentCheck ? (
        <View className='alert alert--success'>{contentVerdictLabels[note.contentCheck]}</View>
      ) : null}
      <NoteBody note={note} />
      <NoteHistory history={note.history} title='记录' />
      {note.canReview ? (
        <View className='actions'>
          <Button type='primary' size='large' block loading={busy === 'excellent'} disabled={busy !== null} onClick={() => void approve('excellent')}>
            评为优秀
          </Button>
          <Button type='primary' fill='outline' size='large' block loading={busy === 'pass'} disabled={busy !== null} onClick={() => void approve('pass')}>
            评为合格
          </Button>
          <Button type='default' size='large' block disabled={busy !== null} onClick={() => (setReturnError(null), setReturning(true))}>
            退回修改
          </Button>
        </View>
      ) : null}
      <PromptSheet
        visible={returning}
        title='退回修改'
        note='写明需要修改的地方，作者会收到通知。'
        placeholder='如：请结合本学期的教学工作谈体会'
        requiredMessage='请写明修改意见'
        multiline
        maxLength={300}
        confirmText='退回'
        name='comment'
        error={returnError}
        busy={busy === 'return'}
        onConfirm={(v) => void sendBack(v)}
        onCancel={() => setReturning(false)}
      />
    </PageShell>
  )
}
