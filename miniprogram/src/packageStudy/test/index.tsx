import '../messages'
import { useEffect, useRef, useState } from 'react'
import { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AttemptView, TestResultView, TheoryTestSummaryView } from '../../../../shared/api/areas/exam'
import type { ApiError } from '../../../../shared/errors'
import { optionLetters, questionTypeLabels, timeRunningLow, type Answer, type Answers, type QuestionType } from '../../../../shared/domain/theory-test'
import { formatDateTime, msAfter, msUntil } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { confirm, toast, useBusy } from '../../services/hooks'
import { windowLine } from '../../services/study'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/** Answers are sent this long after the last change (and at once on leaving or handing in). */
const SAVE_AFTER_MS = 800

type Stage =
  | { kind: 'intro'; test: TheoryTestSummaryView }
  | { kind: 'taking'; test: TheoryTestSummaryView; attempt: AttemptView; offsetMs: number }
  | { kind: 'result'; test: TheoryTestSummaryView; result: TestResultView }

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`
}

/**
 * 理论测试: the rules and window; taking it once, every answer saved as it is given, a countdown
 * from the server's clock and a hand-in when time is up; afterwards the result and, once the
 * window has closed, the score and the correct answers.
 */
export default function TestPage() {
  const { params } = useRouter()
  const testId = params.id ?? ''
  const [stage, setStage] = useState<Stage | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [answers, setAnswers] = useState<Answers>({})
  const [now, setNow] = useState(Date.now())
  const { busy, run } = useBusy()
  const unsent = useRef<Answers>({})
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const handingIn = useRef(false)
  const answersRef = useRef(answers)
  answersRef.current = answers

  const showResult = async (test: TheoryTestSummaryView) => {
    const r = await call('exam.result', { testId })
    if (!r.ok) return setError(r.error)
    setStage({ kind: 'result', test, result: r.data })
  }

  const load = async () => {
    setError(null)
    const list = await call('exam.list', {})
    if (!list.ok) return setError(list.error)
    const test = list.data.find((t) => t.id === testId)
    if (!test) return setError({ code: 'TEST.NOT_FOUND', message: '测试不存在或你无需参加' })
    if (test.my?.status === 'submitted') return showResult(test)
    if (test.my?.status === 'inProgress') return begin(test)
    setStage({ kind: 'intro', test })
  }

  const begin = async (test: TheoryTestSummaryView) => {
    const r = await call('exam.start', { testId })
    if (!r.ok) {
      if (r.error.code === 'TEST.ALREADY_TAKEN') return showResult(test)
      return toast(r.error.message)
    }
    setAnswers(r.data.answers)
    setStage({ kind: 'taking', test, attempt: r.data, offsetMs: msUntil(r.data.serverNow, Date.now()) })
  }

  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  /** Sends the answers given since the last save. */
  const sendAnswers = async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const batch = unsent.current
    if (!Object.keys(batch).length) return true
    unsent.current = {}
    const r = await call('exam.answer', { testId, answers: batch })
    if (!r.ok) {
      // Kept to send again (unless time is up: the server has what it has).
      if (r.error.code !== 'TEST.TIME_UP' && r.error.code !== 'TEST.ALREADY_TAKEN') unsent.current = { ...batch, ...unsent.current }
      toast(r.error.message)
      return false
    }
    return true
  }
  useDidHide(() => void sendAnswers())
  useUnload(() => void sendAnswers())

  // Not through `run`: the hand-in at the limit must go even while a dialog is open.
  const handIn = async (auto: boolean) => {
    if (stage?.kind !== 'taking' || handingIn.current) return
    if (!auto) {
      const left = stage.attempt.questions.filter((q) => answersRef.current[q.id] === undefined).length
      if (!(await confirm('交卷', left ? `还有 ${left} 题未作答，交卷后不能再修改。确定交卷吗？` : '交卷后不能再修改。确定交卷吗？', '交卷'))) return
    }
    handingIn.current = true
    if (timer.current) clearTimeout(timer.current)
    unsent.current = {}
    const r = await call('exam.submit', { testId, answers: answersRef.current })
    if (!r.ok) {
      handingIn.current = false
      return toast(r.error.message)
    }
    toast(auto ? '时间到，已自动交卷' : '已交卷', 'success')
    await showResult({ ...stage.test, my: { status: 'submitted', deadline: stage.attempt.deadline, submittedAt: r.data.submittedAt, score: null } })
  }

  // The countdown, on the server's clock; at zero the test is handed in with what was given.
  useEffect(() => {
    if (stage?.kind !== 'taking') return
    const tick = setInterval(() => {
      const t = msAfter(Date.now(), stage.offsetMs).getTime()
      setNow(t)
      if (t >= Date.parse(stage.attempt.deadline)) {
        clearInterval(tick)
        void handIn(true)
      }
    }, 1000)
    return () => clearInterval(tick)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stage])

  if (error) return <PageShell title='理论测试'><LoadError error={error} onRetry={() => void load()} /></PageShell>
  if (!stage) return <PageShell title='理论测试'><Loading /></PageShell>
  const test = stage.test

  if (stage.kind === 'intro') {
    const canStart = test.window === 'open' && test.my !== null
    return (
      <PageShell title='理论测试' subtitle={test.title}>
        <View className='card'>
          <View className='study__title'>{test.title}</View>
          <View className='study__meta'>{windowLine(test, new Date())}</View>
          <View className='study__meta'>
            共 {test.questionCount} 题，满分 {test.totalPoints} 分
          </View>
          {test.description ? <View className='study__text' style={{ marginTop: '16px' }}>{test.description}</View> : null}
        </View>
        <View className='alert alert--info'>
          <View className='alert__line'>每人只能参加一次；开始后计时，答案随答随存，网络中断后重新进入可继续作答。</View>
          <View className='alert__line'>时间到自动交卷；测试结束后可查看成绩和正确答案。</View>
        </View>
        {test.my === null ? <StatusCard mark='测' title='这次测试面向党员' note='你无需参加。' /> : null}
        {test.my && test.window === 'notOpen' ? <StatusCard tone='amber' mark='…' title='测试尚未开始' note={`${formatDateTime(test.opensAt, new Date())} 开放`} /> : null}
        {test.my && test.window === 'closed' ? <StatusCard tone='red' mark='!' title='测试已结束' note='你没有参加这次测试。' /> : null}
        {canStart ? (
          <View className='actions'>
            <Button type='primary' size='large' block loading={busy === 'start'} onClick={() => void run('start', () => begin(test))}>
              开始答题（限时 {test.timeLimitMinutes} 分钟）
            </Button>
          </View>
        ) : null}
      </PageShell>
    )
  }

  if (stage.kind === 'result') {
    const result = stage.result
    return (
      <PageShell title='理论测试' subtitle={result.title}>
        <View className='card'>
          {result.visible && result.score !== null ? (
            <>
              <View className='pstudy__score'>{result.score}</View>
              <View className='muted' style={{ textAlign: 'center' }}>
                满分 {result.totalPoints} 分
              </View>
            </>
          ) : (
            <View className='study__title'>已交卷</View>
          )}
          <View className='study__meta'>
            {formatDateTime(result.submittedAt, new Date())} {result.autoSubmitted ? '时间到自动交卷' : '交卷'}
          </View>
          {!result.visible ? <View className='study__meta'>成绩和正确答案将于 {formatDateTime(result.closesAt, new Date())} 测试结束后公布</View> : null}
          {result.visible && result.shortPending ? <View className='study__meta'>简答题正在评阅，评阅后显示总分</View> : null}
        </View>
        {result.visible
          ? result.questions.map((q, i) => {
              const right = q.earned !== null && q.earned >= q.points
              return (
                <View key={q.id} className='card'>
                  <Stem number={i + 1} question={q} />
                  {q.options.map((o, j) => (
                    <View key={j} className='pstudy__answer-line'>
                      {optionLetters[j]}. {o}
                    </View>
                  ))}
                  <View className={`pstudy__answer-line ${q.type === 'short' ? '' : right ? 'pstudy__answer-line--right' : 'pstudy__answer-line--wrong'}`}>我的答案：{q.myAnswer}</View>
                  <View className='pstudy__answer-line'>
                    {q.type === 'short' ? '参考答案' : '正确答案'}：{q.correctAnswer || '（无）'}
                  </View>
                  <View className='pstudy__answer-line'>得分：{q.earned === null ? '待评阅' : `${q.earned} / ${q.points}`}</View>
                </View>
              )
            })
          : null}
      </PageShell>
    )
  }

  const { attempt } = stage
  const remaining = msUntil(attempt.deadline, now)
  const answered = attempt.questions.filter((q) => answers[q.id] !== undefined).length

  const give = (questionId: string, answer: Answer) => {
    setAnswers((a) => ({ ...a, [questionId]: answer }))
    unsent.current = { ...unsent.current, [questionId]: answer }
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void sendAnswers(), SAVE_AFTER_MS)
  }

  return (
    <PageShell title='理论测试' subtitle={attempt.title}>
      <View className={timeRunningLow(attempt.deadline, now) ? 'pstudy__timer pstudy__timer--low' : 'pstudy__timer'}>
        <Text>
          已答 {answered}/{attempt.questions.length}
        </Text>
        <Text className='pstudy__clock'>剩余 {clock(remaining)}</Text>
      </View>
      {attempt.questions.map((q, i) => {
        const given = answers[q.id]
        return (
          <View key={q.id} className='card pstudy__question'>
            <Stem number={i + 1} question={q} />
            {q.type === 'single'
              ? q.options.map((o, j) => (
                  <View key={j} className={given === j ? 'pstudy__option pstudy__option--on' : 'pstudy__option'} onClick={() => give(q.id, j)}>
                    <Text className='pstudy__letter'>{optionLetters[j]}</Text>
                    <Text>{o}</Text>
                  </View>
                ))
              : null}
            {q.type === 'multiple'
              ? q.options.map((o, j) => {
                  const chosen = Array.isArray(given) ? given : []
                  const on = chosen.includes(j)
                  return (
                    <View key={j} className={on ? 'pstudy__option pstudy__option--on' : 'pstudy__option'} onClick={() => give(q.id, on ? chosen.filter((x) => x !== j) : [...chosen, j].sort())}>
                      <Text className='pstudy__letter'>{optionLetters[j]}</Text>
                      <Text>{o}</Text>
                    </View>
                  )
                })
              : null}
            {q.type === 'trueFalse'
              ? ([true, false] as const).map((value) => (
                  <View key={String(value)} className={given === value ? 'pstudy__option pstudy__option--on' : 'pstudy__option'} onClick={() => give(q.id, value)}>
                    <Text>{value ? '对' : '错'}</Text>
                  </View>
                ))
              : null}
            {q.type === 'short' ? (
              <Textarea className='pstudy__short' name={`answer-${q.id}`} value={typeof given === 'string' ? given : ''} maxlength={2000} placeholder='在此作答' onInput={(e) => give(q.id, e.detail.value)} />
            ) : null}
          </View>
        )
      })}
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'submit'} disabled={busy !== null} onClick={() => void run('submit', () => handIn(false))}>
          交卷
        </Button>
      </View>
    </PageShell>
  )
}

/** "3. 多选题（4 分）" before the question itself. */
function Stem({ number, question }: { number: number; question: { type: QuestionType; points: number; stem: string } }) {
  return (
    <View className='pstudy__stem'>
      <Text className='pstudy__qtype'>
        {number}. {questionTypeLabels[question.type]}（{question.points} 分）
      </Text>
      {question.stem}
    </View>
  )
}
