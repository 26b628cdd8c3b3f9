import '../messages'
import { useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { GradingItemView } from '../../../../shared/api/areas/exam'
import { call } from '../../services/api'
import { toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

const itemKey = (i: GradingItemView) => `${i.attemptKey}:${i.questionId}`

/** 评阅简答题: each answer as 答卷 N, never with the writer's name; whole or half points. */
export default function TestGradePage() {
  const { params } = useRouter()
  const testId = params.id ?? ''
  const { state, reload, replace } = useResource(() => call('exam.gradingQueue', { testId }))
  const [scores, setScores] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()
  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='评阅简答题'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='评阅简答题'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const items = state.data
  const waiting = items.filter((i) => i.given === null).length

  const grade = (item: GradingItemView) =>
    run(itemKey(item), async () => {
      const text = scores[itemKey(item)] ?? ''
      const points = Number(text)
      if (!text.trim() || Number.isNaN(points)) return setErrors({ ...errors, [itemKey(item)]: `请填写 0 到 ${item.points} 之间的分数` })
      const r = await call('exam.grade', { testId, attemptKey: item.attemptKey, questionId: item.questionId, points })
      if (!r.ok) return setErrors({ ...errors, [itemKey(item)]: r.error.fields?.points ?? r.error.message })
      setErrors({ ...errors, [itemKey(item)]: '' })
      replace(items.map((i) => (itemKey(i) === itemKey(item) ? r.data : i)))
      toast('已评分', 'success')
    })

  return (
    <PageShell title='评阅简答题' subtitle={waiting ? `还有 ${waiting} 份待评` : '已全部评阅'}>
      {!items.length ? <StatusCard title='没有需要评阅的简答题' note='交卷后，简答题会出现在这里。' /> : null}
      {items.map((item) => {
        const key = itemKey(item)
        return (
          <View key={key} className='card'>
            <View className='study__meta' style={{ marginTop: 0 }}>
              答卷 {item.sheetNo} · {item.points} 分
            </View>
            <View className='pstudy__stem'>{item.stem}</View>
            {item.reference ? <View className='pstudy__answer-line'>参考答案：{item.reference}</View> : null}
            <View className='study__quote'>
              {item.answer || '（未作答）'}
            </View>
            <View className='pstudy__grade'>
              <View className='form-item__control pstudy__grade-input'>
                <Input name={`score-${key}`} type='digit' placeholder={item.given === null ? '得分' : String(item.given)} value={scores[key] ?? ''} maxLength={5} onChange={(v) => setScores({ ...scores, [key]: v })} />
              </View>
              <Button type='primary' size='small' loading={busy === key} disabled={busy !== null} onClick={() => void grade(item)}>
                {item.given === null ? '评分' : `改分（现 ${item.given} 分）`}
              </Button>
            </View>
            {errors[key] ? <View className='form-item__error'>{errors[key]}</View> : null}
          </View>
        )
      })}
    </PageShell>
  )
}
