import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { HistoryImportSummary, MeetingPeopleView, RecordsFromView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { branchMeetingTypes, meetingTypeLabels, subjectMax, suggestedSubjects, type MeetingType } from '../../../../shared/domain/meeting'
import { meetingLimits } from '../../../../shared/domain/meeting-form'
import { call } from '../../services/api'
import { openFile } from '../../services/download'
import { checkExcel, pickExcelFile, uploadFile } from '../../services/files'
import { rowNumber, todayInBeijing } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField, { SelectField } from '../../components/FormField'
import './index.scss'

type Status = 'absent' | 'present' | 'late' | 'leave' | 'observer'
const statusWords: Record<Status, string> = { absent: '缺席', present: '出席', late: '迟到', leave: '请假', observer: '列席' }
const typeOptions = branchMeetingTypes.map((value) => ({ value, label: meetingTypeLabels[value] }))
const beijingIso = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString()

/**
 * 历史补录: the branch's past meetings from the paper sign-in sheets, many at once from Excel or
 * one at a time, and the day from which the app's records are complete. Nobody is notified.
 */
export default function HistoryPage() {
  const { busy, run } = useBusy()
  const [recordsFrom, setRecordsFrom] = useState<RecordsFromView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [checked, setChecked] = useState<{ fileID: string; summary: HistoryImportSummary } | null>(null)
  const [done, setDone] = useState<string | null>(null)

  useEffect(() => {
    void call('meeting.recordsFrom', {}).then((r) => (r.ok ? setRecordsFrom(r.data) : setError(r.error)))
  }, [])

  const setFrom = (day: string) =>
    run('from', async () => {
      const r = await call('meeting.recordsFrom', { recordsFrom: day })
      if (!r.ok) return toast(r.error.message)
      setRecordsFrom(r.data)
      toast('已保存', 'success')
    })

  const template = () =>
    run('template', async () => {
      const link = await call('meeting.historyTemplate', {})
      if (!link.ok) return toast(link.error.message)
      const opened = await openFile(link.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const chooseAndCheck = () =>
    run('check', async () => {
      setError(null)
      setChecked(null)
      setDone(null)
      const file = await pickExcelFile()
      if (!file) return
      const problem = checkExcel(file)
      if (problem) return setError(problem)
      const target = await call('meeting.prepareHistoryImport', {})
      if (!target.ok) return setError(target.error)
      const uploaded = await uploadFile(target.data.cloudPath, file)
      if (!uploaded.ok) return setError(uploaded.error)
      const r = await call('meeting.importHistory', { fileID: uploaded.data.fileID, dryRun: true })
      if (!r.ok) return setError(r.error)
      setChecked({ fileID: uploaded.data.fileID, summary: r.data })
    })

  const confirm = (fileID: string) =>
    run('import', async () => {
      const r = await call('meeting.importHistory', { fileID, dryRun: false })
      if (!r.ok) return setError(r.error)
      setChecked(null)
      setDone(`已补录 ${r.data.meetings} 次会议、${r.data.records} 条出勤记录。`)
    })

  return (
    <PageShell title='历史补录' subtitle='把纸质台账上的会议和签到录入系统，不会通知任何人'>
      <View className='card'>
        <View className='section-title'>本支部记录起始日期</View>
        <View className='history__text'>这一天以后的组织生活都在本系统中记录；统计时段早于这一天时，数据和综述会注明“此前为补录，可能不完整”。</View>
        {recordsFrom ? (
          <Picker mode='date' value={recordsFrom.recordsFrom ?? todayInBeijing()} end={todayInBeijing()} disabled={!recordsFrom.canEdit || busy !== null} onChange={(e) => void setFrom(String(e.detail.value))}>
            <Text className='history__pick'>{recordsFrom.recordsFrom ?? '未设置'}</Text>
          </Picker>
        ) : null}
      </View>

      <View className='card'>
        <View className='section-title'>从 Excel 批量补录</View>
        <View className='history__text'>每次会议一行：日期、时间、类型（可填专题）、名称、地点、主持人，以及出席、迟到、请假、列席的姓名。有一行错误时不会导入任何数据。</View>
        <Button size='small' fill='outline' type='primary' loading={busy === 'template'} disabled={busy !== null} onClick={() => void template()}>
          下载模板
        </Button>
        <Button size='small' type='primary' loading={busy === 'check'} disabled={busy !== null} onClick={() => void chooseAndCheck()}>
          选择填好的表格
        </Button>
        {checked ? (
          <View className='alert alert--success'>
            <View>
              共 {checked.summary.meetings} 次会议（{checked.summary.from} 至 {checked.summary.to}），{checked.summary.records} 条出勤记录：
              {checked.summary.byType.map((t) => `${meetingTypeLabels[t.type]} ${t.count} 次`).join('、')}
            </View>
            <Button type='primary' block loading={busy === 'import'} disabled={busy !== null} onClick={() => void confirm(checked.fileID)}>
              确认补录
            </Button>
          </View>
        ) : null}
        {done ? <View className='alert alert--success'>{done}</View> : null}
        {error ? <Problem error={error} /> : null}
      </View>

      <OneMeeting />
    </PageShell>
  )
}

function Problem({ error }: { error: ApiError }) {
  const rows = error.fields ? Object.entries(error.fields).sort(([a], [b]) => rowNumber(a) - rowNumber(b)) : []
  return (
    <View className='alert alert--error'>
      <View className='alert__title'>{error.message}</View>
      {rows.map(([row, reason]) => (
        <View className='history__error' key={row}>
          {row}：{reason}
        </View>
      ))}
    </View>
  )
}

/** One past meeting entered by hand: its facts and each person's attendance from the sheet. */
function OneMeeting() {
  const { busy, run } = useBusy()
  const [people, setPeople] = useState<MeetingPeopleView | null>(null)
  const [type, setType] = useState<MeetingType>('themedPartyDay')
  const [subject, setSubject] = useState('')
  const [title, setTitle] = useState('')
  const [venue, setVenue] = useState('')
  const [date, setDate] = useState(todayInBeijing())
  const [start, setStart] = useState('15:30')
  const [end, setEnd] = useState('16:30')
  const [status, setStatus] = useState<Record<string, Status>>({})
  const [error, setError] = useState<ApiError | null>(null)

  useEffect(() => {
    void call('meeting.people', {}).then((r) => (r.ok ? setPeople(r.data) : setError(r.error)))
  }, [])

  const save = () =>
    run('save', async () => {
      setError(null)
      const attendance = Object.entries(status)
        .filter(([, s]) => s !== 'absent')
        .map(([memberId, s]) => ({ memberId, status: s as Exclude<Status, 'absent'> }))
      const r = await call('meeting.backfill', {
        type,
        subject: subject.trim() || null,
        title: title.trim(),
        venue: venue.trim(),
        startAt: beijingIso(date, start),
        endAt: beijingIso(date, end),
        audience: { kind: type === 'committeeMeeting' ? 'committee' : 'branch', groupId: null, memberIds: [], allowObservers: true },
        hostId: null,
        recorderId: null,
        agenda: [],
        attendance,
      })
      if (!r.ok) return setError(r.error)
      toast('已补录', 'success')
      setTitle('')
      setStatus({})
    })

  return (
    <View className='card'>
      <View className='section-title'>逐次补录</View>
      <FormField label='会议类型'>
        <SelectField options={typeOptions} value={type} onChange={setType} />
      </FormField>
      <FormField label='专题（可不填）' required={false}>
        <Input name='subject' placeholder={`如：${suggestedSubjects.join('、')}`} value={subject} maxLength={subjectMax} onChange={setSubject} />
      </FormField>
      <FormField label='会议名称'>
        <Input name='title' value={title} maxLength={meetingLimits.titleMax} onChange={setTitle} />
      </FormField>
      <FormField label='日期与时间'>
        <View className='history__when'>
          <Picker mode='date' value={date} end={todayInBeijing()} onChange={(e) => setDate(String(e.detail.value))}>
            <Text className='history__pick'>{date}</Text>
          </Picker>
          <Picker mode='time' value={start} onChange={(e) => setStart(String(e.detail.value))}>
            <Text className='history__pick'>{start}</Text>
          </Picker>
          <Text>至</Text>
          <Picker mode='time' value={end} onChange={(e) => setEnd(String(e.detail.value))}>
            <Text className='history__pick'>{end}</Text>
          </Picker>
        </View>
      </FormField>
      <FormField label='地点'>
        <Input name='venue' value={venue} maxLength={meetingLimits.venueMax} onChange={setVenue} />
      </FormField>
      <View className='history__text'>按签到表标出每个人：未标出的党员记为缺席。</View>
      {people?.members.map((m) => (
        <View className='history__person' key={m.id}>
          <Text>
            {m.name}
            {m.groupName ? <Text className='muted'> · {m.groupName}</Text> : null}
          </Text>
          <View className='history__status'>
            {(['present', 'late', 'leave', 'observer'] as const).map((s) => (
              <Text key={s} className={status[m.id] === s ? 'history__chip history__chip--on' : 'history__chip'} onClick={() => setStatus({ ...status, [m.id]: status[m.id] === s ? 'absent' : s })}>
                {statusWords[s]}
              </Text>
            ))}
          </View>
        </View>
      ))}
      {error ? <Problem error={error} /> : null}
      <Button type='primary' block loading={busy === 'save'} disabled={busy !== null} onClick={() => void save()}>
        补录这次会议
      </Button>
    </View>
  )
}
