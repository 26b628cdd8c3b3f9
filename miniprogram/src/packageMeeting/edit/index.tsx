import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Checkbox, Input, Switch } from '@nutui/nutui-react-taro'
import type { MeetingView, MeView, MeetingPeopleView } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { branchMeetingTypes, meetingTypeLabels, subjectMax, suggestedSubjects, type AudienceKind, type MeetingType } from '../../../../shared/domain/meeting'
import { meetingLimits } from '../../../../shared/domain/meeting-form'
import { call } from '../../services/api'
import { todayInBeijing } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import { currentPosition } from '../../services/meeting'
import { announceSavedMeeting } from '../../services/saved'
import PageShell from '../../components/PageShell'
import FormField, { SelectField } from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import { createInput, fieldsTouchedBy, formOf, formProblems, freshForm, hasStarted, leaderOnly as onlyOwnGroup, updateInput, withStart, withType, type FieldProblems, type MeetingForm } from './form'
import './index.scss'

const typeOptions = branchMeetingTypes.map((value) => ({ value, label: meetingTypeLabels[value] }))
const audienceLabels: Record<AudienceKind, string> = { branch: '全支部党员', committee: '支委委员', group: '党小组', members: '指定人员' }

interface Loaded {
  me: MeView
  roster: MeetingPeopleView | null
  meeting: MeetingView | null
}

/** 新建 / 编辑会议. */
export default function EditPage() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [form, setForm] = useState<MeetingForm | null>(null)
  const [fields, setFields] = useState<FieldProblems>({})
  const [formError, setFormError] = useState<string | null>(null)
  const { busy, run } = useBusy()
  // Saved and about to leave: a second tap must not create the meeting again.
  const [leaving, setLeaving] = useState(false)

  const load = async () => {
    setLoadError(null)
    const me = await call('member.me', {})
    if (!me.ok) return setLoadError(me.error)
    // Names and groups for 主持人 / 记录人 / 指定人员, for whoever runs meetings.
    const [roster, meeting] = await Promise.all([
      call('meeting.people', {}),
      meetingId ? call('meeting.get', { meetingId }) : Promise.resolve(null),
    ])
    if (meeting && !meeting.ok) return setLoadError(meeting.error)
    const data: Loaded = { me: me.data, roster: roster && roster.ok ? roster.data : null, meeting: meeting ? meeting.data : null }
    setLoaded(data)
    setForm(data.meeting ? formOf(data.meeting) : freshForm(me.data, Date.now()))
    void Taro.setNavigationBarTitle({ title: data.meeting ? '编辑会议' : '新建会议' })
  }

  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const people = useMemo(() => {
    const list = loaded?.roster?.members.filter((m) => m.status === 'active') ?? []
    const known = new Map(list.map((m) => [m.id, m.name]))
    // Without the roster, keep whoever is set already (and me) choosable.
    const me = loaded?.me.member
    if (me && !known.has(me.id)) known.set(me.id, me.name)
    for (const p of [loaded?.meeting?.host, loaded?.meeting?.recorder]) if (p && !known.has(p.id)) known.set(p.id, p.name)
    return [...known.entries()].map(([id, name]) => ({ id, name, groupName: list.find((m) => m.id === id)?.groupName ?? null }))
  }, [loaded])

  const groups = useMemo(() => {
    if (loaded?.roster) return loaded.roster.groups.map((g) => ({ id: g.id, name: g.name }))
    const own = loaded?.me.member?.group
    const current = loaded?.meeting?.audience
    const list = own ? [{ id: own.id, name: own.name }] : []
    if (current?.groupId && current.groupName && current.groupId !== own?.id) list.push({ id: current.groupId, name: current.groupName })
    return list
  }, [loaded])

  if (loadError) {
    return (
      <PageShell title={meetingId ? '编辑会议' : '新建会议'}>
        <LoadError error={loadError} onRetry={() => void load()} />
      </PageShell>
    )
  }
  if (!loaded || !form) {
    return (
      <PageShell title={meetingId ? '编辑会议' : '新建会议'}>
        <Loading />
      </PageShell>
    )
  }

  const existing = loaded.meeting
  const leaderOnly = onlyOwnGroup(loaded.me)
  const started = hasStarted(existing, Date.now())
  const clearFields = (...keys: Array<keyof MeetingForm>) =>
    setFields((prev) => {
      const next = { ...prev }
      for (const k of keys.flatMap(fieldsTouchedBy)) delete next[k]
      return next
    })
  const set = <K extends keyof MeetingForm>(key: K, value: MeetingForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f))
    clearFields(key)
  }
  const setStart = (date: string, time: string) => {
    setForm(withStart(form, date, time))
    clearFields('startDate')
  }
  const changeType = (type: MeetingType) => {
    setForm(withType(form, type, loaded.me))
    clearFields('type')
  }

  const toggleMember = (id: string, on: boolean) => set('memberIds', on ? [...form.memberIds, id] : form.memberIds.filter((m) => m !== id))

  const locate = async () => {
    const position = await currentPosition()
    if (!position) return toast('未能获取位置，请允许使用位置信息后重试')
    set('geofence', { latitude: Number(position.latitude.toFixed(6)), longitude: Number(position.longitude.toFixed(6)), radiusMeters: form.geofence?.radiusMeters ?? 300 })
  }

  const submit = (publish: boolean) =>
    run(publish ? 'publish' : 'save', async () => {
      if (leaving) return
      setFormError(null)
      const problems = formProblems(form)
      if (Object.keys(problems).length) {
        setFields(problems)
        setFormError('请按提示修改标红的内容')
        return
      }
      let result
      if (!existing) {
        result = await call('meeting.create', createInput(form, publish))
      } else {
        result = await call('meeting.update', updateInput(form, existing))
        if (result.ok && publish) result = await call('meeting.publish', { meetingId: existing.id })
      }
      if (!result.ok) {
        const error = result.error
        if (error.fields) setFields(error.fields)
        else if (error.code === 'MEETING.TIME_INVALID') setFields({ endAt: error.message })
        setFormError(error.message)
        return
      }
      setLeaving(true)
      announceSavedMeeting(result.data)
      toast(publish ? '已发布' : '已保存', 'success')
      const id = result.data.id
      setTimeout(() => {
        if (existing) void Taro.navigateBack()
        else void Taro.redirectTo({ url: `/pages/meeting/index?id=${id}` })
      }, 600)
    })

  const err = (key: string) => fields[key] ?? Object.entries(fields).find(([k]) => k.startsWith(`${key}.`))?.[1]
  const personOptions = [{ value: null as string | null, label: '不指定' }, ...people.map((p) => ({ value: p.id as string | null, label: p.groupName ? `${p.name} · ${p.groupName}` : p.name }))]
  const audienceOptions = (leaderOnly ? (['group'] as AudienceKind[]) : (['branch', 'committee', 'group', 'members'] as AudienceKind[]))
    .filter((k) => k !== 'members' || loaded.roster || form.audienceKind === 'members')
    .map((value) => ({ value, label: audienceLabels[value] }))

  return (
    <PageShell title={existing ? '编辑会议' : '新建会议'} subtitle={existing ? existing.title : '安排一次组织生活，发布后参会党员即可看到'}>
      {started ? <View className='alert alert--info'>会议已开始：时间、类型和参会范围不能再修改。</View> : null}

      <View className='card'>
        <FormField label='会议类型' error={err('type')}>
          <SelectField options={leaderOnly ? typeOptions.filter((o) => o.value === 'groupMeeting') : typeOptions} value={form.type} disabled={started} onChange={changeType} />
        </FormField>
        <FormField label='专题（可不填）' error={err('subject')}>
          <Input name='subject' placeholder={`如：${suggestedSubjects.join('、')}`} value={form.subject} maxLength={subjectMax} onChange={(v) => set('subject', v)} />
        </FormField>
        <FormField label='会议名称' error={err('title')}>
          <Input name='title' placeholder='如：3 月主题党日——重温入党誓词' value={form.title} maxLength={meetingLimits.titleMax} onChange={(v) => set('title', v)} />
        </FormField>
        <FormField label='开始时间' error={err('startAt')}>
          <View className='edit__when'>
            <Picker mode='date' value={form.startDate} start={todayInBeijing()} disabled={started} onChange={(e) => setStart(String(e.detail.value), form.startTime)}>
              <View className='edit__pick'>{form.startDate}</View>
            </Picker>
            <Picker mode='time' value={form.startTime} disabled={started} onChange={(e) => setStart(form.startDate, String(e.detail.value))}>
              <View className='edit__pick edit__pick--time'>{form.startTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='结束时间' error={err('endAt')}>
          <View className='edit__when'>
            <Picker mode='date' value={form.endDate} start={form.startDate} disabled={started} onChange={(e) => set('endDate', String(e.detail.value))}>
              <View className='edit__pick'>{form.endDate}</View>
            </Picker>
            <Picker mode='time' value={form.endTime} disabled={started} onChange={(e) => set('endTime', String(e.detail.value))}>
              <View className='edit__pick edit__pick--time'>{form.endTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='地点' error={err('venue')}>
          <Input name='venue' placeholder='如：行政楼三楼会议室' value={form.venue} maxLength={40} onChange={(v) => set('venue', v)} />
        </FormField>
      </View>

      <View className='section-title'>参会人员</View>
      <View className='card'>
        <FormField label='参会范围' error={err('audience.kind')}>
          <SelectField options={audienceOptions} value={form.audienceKind} disabled={started || leaderOnly} onChange={(v) => set('audienceKind', v)} />
        </FormField>
        {form.audienceKind === 'group' ? (
          <FormField label='党小组' error={err('audience.groupId')}>
            <SelectField
              options={groups.map((g) => ({ value: g.id as string | null, label: g.name }))}
              value={form.groupId}
              placeholder='请选择党小组'
              disabled={started || leaderOnly}
              onChange={(v) => set('groupId', v)}
            />
          </FormField>
        ) : null}
        {form.audienceKind === 'members' ? (
          <FormField label={`指定人员（已选 ${form.memberIds.length} 人）`} error={err('audience.memberIds')}>
            <View className='edit__members'>
              {loaded.roster ? (
                loaded.roster.members
                  .filter((m) => m.status === 'active')
                  .map((m) => (
                    <View className='edit__member' key={m.id}>
                      <Checkbox checked={form.memberIds.includes(m.id)} disabled={started} label={m.name} onChange={(on) => toggleMember(m.id, on)} />
                      <Text className='muted'>{m.groupName ?? '未分组'}</Text>
                    </View>
                  ))
              ) : (
                <View className='muted'>已指定 {form.memberIds.length} 人（需要花名册管理权限才能修改名单）</View>
              )}
            </View>
          </FormField>
        ) : null}
        <View className='edit__switch'>
          <View>
            <View>允许积极分子列席</View>
            <View className='muted'>入党积极分子、发展对象等可扫码以“列席”签到</View>
          </View>
          <Switch checked={form.allowObservers} disabled={started} onChange={(v) => set('allowObservers', v)} />
        </View>
        <FormField label='主持人' required={false} error={err('hostId')}>
          <SelectField options={personOptions} value={form.hostId} onChange={(v) => set('hostId', v)} />
        </FormField>
        <FormField label='记录人' required={false} error={err('recorderId')} hint={loaded.roster ? '记录人会后填写会议记录' : '可选本人；指定其他人需要花名册管理权限'}>
          <SelectField options={personOptions} value={form.recorderId} onChange={(v) => set('recorderId', v)} />
        </FormField>
      </View>

      <View className='section-title'>议题</View>
      <View className='card'>
        {form.agenda.map((line, i) => (
          <View className='edit__agenda' key={i}>
            <Text className='edit__agenda-no'>{i + 1}</Text>
            <View className={err(`agenda.${i}`) ? 'form-item__control form-item__control--error edit__agenda-input' : 'form-item__control edit__agenda-input'}>
              <Input name={`agenda${i}`} placeholder='如：学习《中国共产党章程》第一章' value={line} maxLength={100} onChange={(v) => set('agenda', form.agenda.map((a, j) => (j === i ? v : a)))} />
            </View>
            <Text className='edit__agenda-remove' onClick={() => set('agenda', form.agenda.length > 1 ? form.agenda.filter((_, j) => j !== i) : [''])}>
              删除
            </Text>
          </View>
        ))}
        {form.agenda.length < meetingLimits.agendaItems ? (
          <View className='edit__agenda-add' onClick={() => set('agenda', [...form.agenda, ''])}>
            ＋ 添加议题
          </View>
        ) : null}
      </View>

      <View className='section-title'>签到设置</View>
      <View className='card'>
        <FormField label='提前开放签到（分钟）' error={err('checkin.opensBeforeMinutes')}>
          <Input name='opensBeforeMinutes' type='number' value={form.opensBefore} maxLength={3} onChange={(v) => set('opensBefore', v)} />
        </FormField>
        <FormField label='迟到宽限（分钟）' error={err('checkin.lateAfterMinutes')} hint='开始后超过这个时间签到，记为迟到'>
          <Input name='lateAfterMinutes' type='number' value={form.lateAfter} maxLength={3} onChange={(v) => set('lateAfter', v)} />
        </FormField>
        <View className='edit__switch'>
          <View>
            <View>允许固定签到码</View>
            <View className='muted'>可打印张贴；不如动态码防代签，按需开启</View>
          </View>
          <Switch checked={form.allowStaticCode} onChange={(v) => set('allowStaticCode', v)} />
        </View>
        <View className='edit__switch'>
          <View>
            <View>定位签到</View>
            <View className='muted'>只允许在会场附近签到（需获取位置）</View>
          </View>
          <Switch checked={form.geofence !== null} onChange={(on) => (on ? void locate() : set('geofence', null))} />
        </View>
        {form.geofence ? (
          <View className='edit__geo'>
            <View className='muted'>
              会场位置：{form.geofence.latitude}, {form.geofence.longitude}
              <Text className='edit__link' onClick={() => void locate()}>
                重新定位
              </Text>
            </View>
            <FormField label='签到范围（米）' error={err('checkin.geofence')}>
              <Input
                name='radiusMeters'
                type='number'
                value={String(form.geofence.radiusMeters)}
                maxLength={4}
                onChange={(v) => form.geofence && set('geofence', { ...form.geofence, radiusMeters: Number(v) || 0 })}
              />
            </FormField>
          </View>
        ) : null}
      </View>

      {formError ? <View className='alert alert--error'>{formError}</View> : null}

      <View className='actions'>
        {!existing || existing.status === 'draft' ? (
          <>
            <Button type='primary' size='large' block loading={busy === 'publish'} disabled={busy !== null || leaving} onClick={() => void submit(true)}>
              发布
            </Button>
            <Button type='primary' fill='outline' size='large' block loading={busy === 'save'} disabled={busy !== null || leaving} onClick={() => void submit(false)}>
              保存草稿
            </Button>
          </>
        ) : (
          <Button type='primary' size='large' block loading={busy === 'save'} disabled={busy !== null || leaving} onClick={() => void submit(false)}>
            保存修改
          </Button>
        )}
      </View>
    </PageShell>
  )
}
