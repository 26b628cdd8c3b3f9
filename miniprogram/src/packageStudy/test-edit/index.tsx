import '../messages'
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ApiError } from '../../../../shared/errors'
import { correctAnswerText, optionLetters, parseQuestionSheet, questionColumns, questionTypeLabels, questionTypes, totalPoints, type QuestionDraft, type QuestionType } from '../../../../shared/domain/theory-test'
import { addCalendar } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { checkExcel, pickExcelFile, uploadFile } from '../../services/files'
import { openFile } from '../../services/download'
import { beijingIso, rowNumber, splitBeijing } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField, { SelectField } from '../../components/FormField'
import '../../pages/study/index.scss'
import '../study.scss'

interface Manual {
  type: QuestionType
  stem: string
  options: string
  answer: string
  points: string
}
const emptyManual: Manual = { type: 'single', stem: '', options: '', answer: '', points: '' }

/**
 * A question written by hand, checked by the same rules as a sheet row, so both say the same
 * thing about the same mistake.
 */
function readManual(m: Manual): { question: QuestionDraft } | { problem: string } {
  const options = m.type === 'single' || m.type === 'multiple' ? m.options.split('\n').map((o) => o.trim()).filter(Boolean) : []
  const header = questionColumns.map((c) => c.title)
  const cells = questionColumns.map((c) => {
    if (c.key === 'type') return questionTypeLabels[m.type]
    if (c.key === 'stem') return m.stem.trim()
    if (c.key === 'answer') return m.answer.trim()
    if (c.key === 'points') return m.points.trim()
    return options[Number(c.key.slice('option'.length))] ?? ''
  })
  const parsed = parseQuestionSheet(header, [{ row: 1, cells }])
  if ('headerMissing' in parsed) return { problem: '题目格式不正确' }
  if (parsed.errors.length) return { problem: parsed.errors[0].message }
  return { question: parsed.questions[0] }
}

const typeOptions = questionTypes.map((t) => ({ value: t, label: questionTypeLabels[t] }))
const answerHint: Record<QuestionType, string> = {
  single: '填选项字母，如 B',
  multiple: '填全部正确选项的字母，如 ACD',
  trueFalse: '填“对”或“错”',
  short: '参考答案，评阅时参照（可不填）',
}

/** 设置理论测试: questions from an Excel sheet (all or nothing) or written here, a window and a time limit. */
export default function TestEditPage() {
  const start = splitBeijing(new Date().toISOString())
  const end = splitBeijing(addCalendar(new Date(), 7, 'day').toISOString())
  const [form, setForm] = useState({ title: '', description: '', opensDate: start.date, opensTime: start.time, closesDate: end.date, closesTime: '23:59', limit: '30' })
  const [questions, setQuestions] = useState<QuestionDraft[]>([])
  const [manual, setManual] = useState<Manual>(emptyManual)
  const [manualProblem, setManualProblem] = useState<string | null>(null)
  const [importError, setImportError] = useState<ApiError | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()
  // Sheets are uploaded for a branch: an organisation admin writes the questions here.
  const [canImport, setCanImport] = useState(false)
  useEffect(() => {
    void call('member.me', {}).then((r) => setCanImport(r.ok && Boolean(r.data.member)))
  }, [])
  const set = (key: keyof typeof form, value: string) => setForm((f) => ({ ...f, [key]: value }))

  const downloadTemplate = () =>
    run('template', async () => {
      const link = await call('exam.template', {})
      if (!link.ok) return toast(link.error.message)
      const opened = await openFile(link.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const importSheet = () =>
    run('import', async () => {
      setImportError(null)
      const file = await pickExcelFile()
      if (!file) return
      const problem = checkExcel(file)
      if (problem) return setImportError(problem)
      const target = await call('exam.prepareImport', {})
      const uploaded = target.ok ? await uploadFile(target.data.cloudPath, file) : target
      if (!uploaded.ok) return setImportError(uploaded.error)
      const r = await call('exam.importQuestions', { fileID: uploaded.data.fileID })
      if (!r.ok) return setImportError(r.error)
      setQuestions((q) => [...q, ...r.data.questions])
      toast(`已导入 ${r.data.questions.length} 道题`, 'success')
    })

  const addManual = () => {
    const read = readManual(manual)
    if ('problem' in read) return setManualProblem(read.problem)
    setQuestions((q) => [...q, read.question])
    setManual({ ...emptyManual, type: manual.type })
    setManualProblem(null)
  }

  const save = () =>
    run('save', async () => {
      setFields({})
      const r = await call('exam.create', {
        title: form.title.trim(),
        description: form.description.trim(),
        questions,
        timeLimitMinutes: Math.round(Number(form.limit) || 0),
        opensAt: beijingIso(form.opensDate, form.opensTime),
        closesAt: beijingIso(form.closesDate, form.closesTime),
      })
      if (!r.ok) {
        if (r.error.fields) setFields(r.error.fields)
        return toast(r.error.message)
      }
      toast(r.data.branches > 1 ? `已向 ${r.data.branches} 个支部发布` : '已发布', 'success')
      setTimeout(() => void Taro.navigateBack(), 800)
    })

  const rowErrors = importError?.fields ? Object.entries(importError.fields).sort(([a], [b]) => rowNumber(a) - rowNumber(b)) : []

  return (
    <PageShell title='设置理论测试' subtitle='每人一次，限时作答，测试结束后公布成绩'>
      <View className='card'>
        <FormField label='测试名称' error={fields.title}>
          <Input name='title' placeholder='如：2026年第一季度党员理论测试' value={form.title} maxLength={60} onChange={(v) => set('title', v)} />
        </FormField>
        <FormField label='说明' required={false} error={fields.description}>
          <Input name='description' placeholder='如：以考促学，内容为党章和全会精神' value={form.description} maxLength={500} onChange={(v) => set('description', v)} />
        </FormField>
        <FormField label='开始时间' error={fields.opensAt}>
          <View className='pstudy__when'>
            <Picker mode='date' value={form.opensDate} onChange={(e) => set('opensDate', String(e.detail.value))}>
              <View className='pstudy__pick'>{form.opensDate}</View>
            </Picker>
            <Picker mode='time' value={form.opensTime} onChange={(e) => set('opensTime', String(e.detail.value))}>
              <View className='pstudy__pick pstudy__pick--time'>{form.opensTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='结束时间' error={fields.closesAt}>
          <View className='pstudy__when'>
            <Picker mode='date' value={form.closesDate} start={form.opensDate} onChange={(e) => set('closesDate', String(e.detail.value))}>
              <View className='pstudy__pick'>{form.closesDate}</View>
            </Picker>
            <Picker mode='time' value={form.closesTime} onChange={(e) => set('closesTime', String(e.detail.value))}>
              <View className='pstudy__pick pstudy__pick--time'>{form.closesTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='答题时间（分钟）' error={fields.timeLimitMinutes}>
          <Input name='timeLimitMinutes' type='number' value={form.limit} maxLength={3} onChange={(v) => set('limit', v)} />
        </FormField>
      </View>

      <View className='section-title'>
        题目（{questions.length} 道，满分 {totalPoints(questions)} 分）
      </View>
      <View className='card'>
        {questions.length ? (
          questions.map((q, i) => (
            <View key={i} className='study__history'>
              <View className='pstudy__line-input' style={{ marginBottom: 0 }}>
                <Text style={{ flex: 1 }}>
                  {i + 1}. [{questionTypeLabels[q.type]} {q.points} 分] {q.stem}
                </Text>
                <Text className='pstudy__remove' onClick={() => setQuestions(questions.filter((_, j) => j !== i))}>
                  删除
                </Text>
              </View>
              {q.type === 'single' || q.type === 'multiple' ? <View className='muted'>{q.options.map((o, j) => `${optionLetters[j]}. ${o}`).join('  ')}</View> : null}
              <View className='muted'>答案：{correctAnswerText(q) || '（无）'}</View>
            </View>
          ))
        ) : (
          <View className='muted'>从 Excel 导入题目，或在下方逐题添加。</View>
        )}
        {fields.questions ? <View className='form-item__error'>{fields.questions}</View> : null}
      </View>

      {canImport ? <View className='section-title'>从 Excel 导入</View> : null}
      {canImport ? (
        <View className='card'>
          <View className='muted'>按模板填写：题型、题目、选项A–F、答案、分值。表格中任何一行有错，整张表都不会导入。</View>
          {importError ? (
            <View className='alert alert--error' style={{ marginTop: '16px', marginBottom: 0 }}>
              <View className='alert__title'>{importError.message}</View>
              {rowErrors.map(([row, message]) => (
                <View key={row} className='alert__line'>
                  {row}：{message}
                </View>
              ))}
            </View>
          ) : null}
          <View className='study__buttons'>
            <Button type='default' size='small' loading={busy === 'template'} disabled={busy !== null} onClick={() => void downloadTemplate()}>
              下载模板
            </Button>
            <Button type='primary' size='small' loading={busy === 'import'} disabled={busy !== null} onClick={() => void importSheet()}>
              选择 Excel 导入
            </Button>
          </View>
        </View>
      ) : null}

      <View className='section-title'>逐题添加</View>
      <View className='card'>
        <FormField label='题型'>
          <SelectField options={typeOptions} value={manual.type} onChange={(v) => setManual({ ...manual, type: v })} />
        </FormField>
        <FormField label='题目'>
          <Textarea name='stem' className='study__textarea' style={{ minHeight: '120px' }} value={manual.stem} maxlength={500} placeholder='题干' onInput={(e) => setManual({ ...manual, stem: e.detail.value })} />
        </FormField>
        {manual.type === 'single' || manual.type === 'multiple' ? (
          <FormField label='选项（每行一个，依次为 A、B、C…）'>
            <Textarea name='options' className='study__textarea' style={{ minHeight: '160px' }} value={manual.options} maxlength={1300} placeholder={'选项A\n选项B\n选项C'} onInput={(e) => setManual({ ...manual, options: e.detail.value })} />
          </FormField>
        ) : null}
        <FormField label='答案' required={manual.type !== 'short'} hint={answerHint[manual.type]}>
          <Input name='answer' value={manual.answer} maxLength={manual.type === 'short' ? 2000 : 10} onChange={(v) => setManual({ ...manual, answer: v })} />
        </FormField>
        <FormField label='分值' required={false} hint='不填则单选 2 分、多选 3 分、判断 1 分、简答 10 分' error={manualProblem ?? undefined}>
          <Input name='points' type='digit' value={manual.points} maxLength={5} onChange={(v) => setManual({ ...manual, points: v })} />
        </FormField>
        <View className='study__buttons'>
          <Button type='primary' fill='outline' size='small' onClick={addManual}>
            添加这道题
          </Button>
        </View>
      </View>

      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'save'} disabled={busy !== null || !questions.length} onClick={() => void save()}>
          发布测试
        </Button>
      </View>
    </PageShell>
  )
}
