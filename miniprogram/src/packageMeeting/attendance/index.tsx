import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Progress, Segmented } from '@nutui/nutui-react-taro'
import type { AttendanceRow, MeetingAttendanceView } from '../../../../shared/api/contract'
import { checkInWords, meetingEnded, quorumWords, statusLabel } from '../../../../shared/domain/attendance'
import { meetingTypeLabels, type AttendanceStatus } from '../../../../shared/domain/meeting'
import { call } from '../../services/api'
import { formatClock, formatSpan, formatTime } from '../../services/format'
import { openFile } from '../../services/download'
import { fieldError, toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import PromptSheet from '../../components/PromptSheet'
import { SelectField } from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import Chip from '../../components/Chip'
import type { ChipTone } from '../../services/meeting'
import './index.scss'

const statusTone: Record<AttendanceStatus, ChipTone> = { present: 'green', late: 'amber', leave: 'gold', absent: 'red', observer: 'green' }
const methodWords = { rotating: '扫码', static: '固定码', manual: '补签', host: '主持人' } as const
/** How a record came about, in a teacher's words: a leave or absence set by hand is 手工登记, not 补签. */
const methodWord = (r: AttendanceRow) => (r.method === 'manual' && (r.status === 'leave' || r.status === 'absent') ? '手工登记' : r.method ? methodWords[r.method] : '')
const manualOptions: Array<{ value: AttendanceStatus; label: string }> = [
  { value: 'present', label: '已签到（按时）' },
  { value: 'late', label: '迟到' },
  { value: 'leave', label: '请假' },
  { value: 'absent', label: '缺席' },
  { value: 'observer', label: '列席' },
]
type Filter = 'all' | AttendanceStatus
/** Once the meeting has ended, a change to who was expected: a logged correction of the archived list. */
type RollChoice = 'rollRemove' | 'rollAdd'
const rollOptions: Record<RollChoice, string> = { rollRemove: '不计入应到（更正应到名单）', rollAdd: '计入应到（更正应到名单）' }

/** 考勤: the counts, the quorum, by group, every person with a way to correct, and the log. */
export default function AttendancePage() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const { state, reload } = useResource(() => call('attendance.meeting', { meetingId }))
  const { busy, run } = useBusy()
  const [filter, setFilter] = useState<Filter>('all')
  const [editing, setEditing] = useState<AttendanceRow | null>(null)
  const [nextStatus, setNextStatus] = useState<AttendanceStatus | RollChoice>('present')
  const [sheetError, setSheetError] = useState<string | null>(null)

  useDidShow(() => {
    void reload({ quiet: true })
  })

  const exportSheet = () =>
    run('export', async () => {
      const r = await call('attendance.exportSheet', { meetingId })
      if (!r.ok) return toast(r.error.message)
      const opened = await openFile(r.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const save = (reason: string) =>
    run('manual', async () => {
      if (!editing) return
      const r =
        nextStatus === 'rollRemove' || nextStatus === 'rollAdd'
          ? await call('attendance.correctRoll', { meetingId, change: { kind: nextStatus === 'rollAdd' ? 'add' : 'remove', memberId: editing.memberId }, reason })
          : await call('checkin.manual', { meetingId, memberId: editing.memberId, status: nextStatus, reason })
      if (!r.ok) {
        setSheetError(fieldError(r.error, 'reason'))
        return
      }
      setEditing(null)
      toast('已修改', 'success')
      await reload({ quiet: true })
    })

  if (state.status !== 'ready') {
    return <PageShell title='考勤'>{state.status === 'loading' ? <Loading /> : <LoadError error={state.error} onRetry={() => void reload()} />}</PageShell>
  }

  const view = state.data
  const ended = meetingEnded(view.meeting, Date.now())
  const label = (s: AttendanceStatus) => statusLabel(s, ended)
  const rows = filter === 'all' ? view.rows : view.rows.filter((r) => r.status === filter)
  const filters: Array<{ key: Filter; text: string; n: number }> = [
    { key: 'all', text: '全部', n: view.rows.length },
    { key: 'present', text: '已签到', n: view.present },
    { key: 'late', text: '迟到', n: view.late },
    { key: 'leave', text: '请假', n: view.leave },
    { key: 'absent', text: label('absent'), n: view.absent },
    { key: 'observer', text: '列席', n: view.observers },
  ]

  return (
    <PageShell title='考勤' subtitle={`${meetingTypeLabels[view.meeting.type]} · ${view.meeting.title}`}>
      <View className='card att__summary'>
        <View className='att__time'>{formatSpan(view.meeting.startAt, view.meeting.endAt)} · {view.meeting.venue}</View>
        <View className='att__grid'>
          <Stat n={view.expected} label='应到' />
          <Stat n={view.attended} label='实到' strong />
          <Stat n={view.late} label='迟到' />
          <Stat n={view.leave} label='请假' />
          <Stat n={view.absent} label={label('absent')} />
          <Stat n={view.observers} label='列席' />
        </View>
        <View className='att__rate'>
          <Text>出勤率</Text>
          <Progress className='att__rate-bar' color='var(--nutui-progress-color)' percent={Math.round(view.rate * 100)} />
          <Text className='att__rate-num'>{Math.round(view.rate * 100)}%</Text>
        </View>
        {view.quorum ? <Quorum view={view} /> : null}
        {view.roll.frozenAt ? <View className='muted'>应到名单已于{formatTime(view.roll.frozenAt)}随会议结束存档，此后花名册的变动不会改变本次会议的记录；如需更正，在人员的“修改”中操作并写明原因。</View> : null}
      </View>

      <View className='section-title'>按党小组</View>
      <View className='card card--flush'>
        <View className='att__table'>
          <View className='att__tr att__tr--head'>
            <Text className='att__td att__td--name'>党小组</Text>
            <Text className='att__td'>应到</Text>
            <Text className='att__td'>实到</Text>
            <Text className='att__td'>请假</Text>
            <Text className='att__td'>{label('absent')}</Text>
          </View>
          {view.byGroup
            .filter((g) => g.expected > 0)
            .map((g) => (
              <View className='att__tr' key={g.groupId ?? 'none'}>
                <Text className='att__td att__td--name'>{g.groupName}</Text>
                <Text className='att__td'>{g.expected}</Text>
                <Text className='att__td att__td--strong'>{g.attended}</Text>
                <Text className='att__td'>{g.leave}</Text>
                <Text className='att__td'>{g.absent}</Text>
              </View>
            ))}
        </View>
      </View>

      <View className='section-title'>人员</View>
      <View className='segmented-bar segmented-bar--small'>
        <Segmented options={filters.map((f) => ({ value: f.key, label: `${f.text} ${f.n}` }))} value={filter} onChange={(v) => setFilter(filters.find((f) => f.key === v)?.key ?? 'all')} />
      </View>
      <View className='card card--flush'>
        {rows.length ? (
          rows.map((r) => (
            <View className='att__person' key={r.memberId}>
              <View className='att__person-main'>
                <View>
                  <Text className='att__person-name'>{r.name}</Text>
                  <Text className='muted'>{r.groupName ?? '未分组'}</Text>
                </View>
                <View className='att__person-line'>
                  <Chip tone={r.status === 'absent' && !ended ? 'grey' : statusTone[r.status]}>{label(r.status)}</Chip>
                  {r.checkedInAt ? <Text className='muted'>{checkInWords(r, view.meeting, formatClock)}</Text> : null}
                  {r.method && !checkInWords(r, view.meeting, formatClock).startsWith('补录') ? <Text className='muted'> · {methodWord(r)}</Text> : null}
                </View>
                {r.leaveReason ? <View className='muted att__reason'>请假事由：{r.leaveReason}</View> : null}
              </View>
              <Button
                size='small'
                fill='outline'
                type='default'
                onClick={() => {
                  setNextStatus(r.status === 'absent' ? 'present' : r.status)
                  setSheetError(null)
                  setEditing(r)
                }}
              >
                修改
              </Button>
            </View>
          ))
        ) : (
          <View className='att__empty'>没有这类人员</View>
        )}
      </View>

      <CorrectionLog title='修改记录' entries={view.corrections.map((c) => ({ ...c, before: c.before ? label(c.before) : '无记录', after: label(c.after) }))} />
      <CorrectionLog title='应到名单更正记录' entries={view.roll.corrections} />

      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'export'} onClick={() => void exportSheet()}>
          导出签到表
        </Button>
        <Button size='large' block fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: `/packageMeeting/minutes/index?id=${encodeURIComponent(meetingId)}` })}>
          会议记录（含三会一课平台格式）
        </Button>
      </View>

      <PromptSheet
        visible={editing !== null}
        title={`修改 ${editing?.name ?? ''} 的考勤`}
        note='每次修改都会记录修改人、时间和原因。'
        extra={
          <View className='att__sheet-status'>
            <View className='form-item__control'>
              <SelectField
                options={[
                  ...manualOptions,
                  ...(view.roll.frozenAt && editing ? [{ value: editing.role === 'expected' ? ('rollRemove' as const) : ('rollAdd' as const), label: rollOptions[editing.role === 'expected' ? 'rollRemove' : 'rollAdd'] }] : []),
                ]}
                value={nextStatus}
                onChange={setNextStatus}
              />
            </View>
          </View>
        }
        placeholder='原因，如：手机没电，现场确认到会'
        name='reason'
        requiredMessage='请填写修改原因'
        maxLength={100}
        confirmText='保存'
        error={sheetError}
        busy={busy === 'manual'}
        onConfirm={(reason) => void save(reason)}
        onCancel={() => setEditing(null)}
      />
    </PageShell>
  )
}

/** Who changed what, newest first, with the reason: the log every change after the fact leaves. */
function CorrectionLog({ title, entries }: { title: string; entries: ReadonlyArray<{ memberName: string; before: string; after: string; byName: string; at: string; reason: string }> }) {
  if (!entries.length) return null
  return (
    <>
      <View className='section-title'>{title}</View>
      <View className='card'>
        {entries
          .slice()
          .reverse()
          .map((c, i) => (
            <View className='att__log' key={i}>
              <View>
                <Text className='att__log-who'>{c.memberName}</Text>
                <Text>
                  {c.before} → {c.after}
                </Text>
              </View>
              <View className='muted'>
                {c.byName} · {formatTime(c.at)} · {c.reason}
              </View>
            </View>
          ))}
      </View>
    </>
  )
}

function Stat({ n, label, strong }: { n: number; label: string; strong?: boolean }) {
  return (
    <View className='att__stat'>
      <View className={strong ? 'att__stat-n att__stat-n--strong' : 'att__stat-n'}>{n}</View>
      <View className='att__stat-label'>{label}</View>
    </View>
  )
}

function Quorum({ view }: { view: MeetingAttendanceView }) {
  // Before the meeting is over, only say where it stands; the verdict comes at the end.
  const words = quorumWords(view.meeting.type, view.quorum!, meetingEnded(view.meeting, Date.now()))
  return (
    <View className={words.state === 'met' ? 'att__quorum att__quorum--met' : words.state === 'notMet' ? 'att__quorum' : 'att__quorum att__quorum--pending'}>
      <View className='att__quorum-title'>{words.title}</View>
      <View>{words.detail}</View>
    </View>
  )
}
