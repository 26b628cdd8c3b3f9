import '../messages'
import { useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, Input } from '@nutui/nutui-react-taro'
import type { MemberDetailView } from '../../../../shared/api/contract'
import type { ApiError, Result } from '../../../../shared/errors'
import { phoneProblem, type MemberCategory, type Position } from '../../../../shared/domain/member'
import { dateFieldOfCategory, memberDateLabels } from '../../../../shared/domain/membership'
import { call } from '../../services/api'
import { todayInBeijing } from '../../services/format'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField, { DateField, SelectField } from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import PromptSheet from '../../components/PromptSheet'
import { categoryOptions, groupOptions } from '../options'
import Chip from '../../components/Chip'
import MemberHero from './member-parts/MemberHero'
import PositionPicker from './member-parts/PositionPicker'
import PermissionsCard from './member-parts/PermissionsCard'
import History from './member-parts/History'
import './member.scss'

interface Group {
  id: string
  name: string
}

interface Loaded {
  detail: MemberDetailView | null
  groups: Group[]
}

interface Form {
  name: string
  category: MemberCategory | undefined
  groupId: string | null
  positions: Position[]
  phone: string
  joinedPartyAt: string | null
  joinedBranchOn: string | null
  activistOn: string | null
  candidateOn: string | null
  fullOn: string | null
}

/** The dated facts the form edits besides 入党时间, and the categories each belongs to. */
const stepDates = [
  { key: 'activistOn', from: ['activist', 'candidate', 'probationary', 'full'] },
  { key: 'candidateOn', from: ['candidate', 'probationary', 'full'] },
  { key: 'fullOn', from: ['full'] },
] as const

type FieldErrors = Partial<Record<keyof Form, string>>

const emptyForm: Form = { name: '', category: undefined, groupId: null, positions: [], phone: '', joinedPartyAt: null, joinedBranchOn: null, activistOn: null, candidateOn: null, fullOn: null }

const formOf = (d: MemberDetailView): Form => ({
  name: d.name,
  category: d.category,
  groupId: d.groupId,
  positions: [...d.positions],
  phone: d.phone,
  joinedPartyAt: d.joinedPartyAt,
  joinedBranchOn: d.dates.joinedBranchOn,
  activistOn: d.dates.activistOn,
  candidateOn: d.dates.candidateOn,
  fullOn: d.dates.fullOn,
})

/** Loads the member (if any) and the branch's groups for the pickers. */
async function load(memberId: string | undefined): Promise<Result<Loaded>> {
  const [detail, roster] = await Promise.all([memberId ? call('roster.get', { memberId }) : Promise.resolve(null), call('roster.list', {})])
  if (detail && !detail.ok) return detail
  if (!roster.ok) return roster
  return { ok: true, data: { detail: detail ? detail.data : null, groups: roster.data.groups } }
}

/** Quick checks before sending, worded like the server's. */
function checkForm(form: Form): FieldErrors {
  const errors: FieldErrors = {}
  if (!form.name.trim()) errors.name = '请填写姓名'
  if (!form.category) errors.category = '请选择党员类别'
  const phone = phoneProblem(form.phone)
  if (phone) errors.phone = phone
  return errors
}

/** Maps a failed save onto the form: field errors where the server named a field. */
function errorsOf(error: ApiError): { fields: FieldErrors; general: ApiError | null } {
  if (error.code === 'ROSTER.PHONE_TAKEN') return { fields: { phone: error.message }, general: null }
  if (error.code === 'ROSTER.GROUP_NOT_FOUND') return { fields: { groupId: error.message }, general: null }
  if (error.code === 'INPUT.INVALID' && error.fields) {
    const fields: FieldErrors = {}
    for (const key of Object.keys(emptyForm) as Array<keyof Form>) if (error.fields[key]) fields[key] = error.fields[key]
    if (Object.keys(fields).length) return { fields, general: null }
  }
  return { fields: {}, general: error }
}

/**
 * One member: edit their roster entry, transfer them out, unbind their WeChat, adjust their
 * permissions, read the change history. Without ?memberId= it adds a new member.
 */
export default function MemberPage() {
  const { params } = useRouter()
  const memberId = params.memberId ? decodeURIComponent(params.memberId) : undefined
  const { state, reload, replace } = useResource(() => load(memberId))
  const [form, setForm] = useState<Form>(emptyForm)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [transferSheet, setTransferSheet] = useState<{ open: boolean; error: string | null }>({ open: false, error: null })
  const [reactivateSheet, setReactivateSheet] = useState(false)
  const [leftOn, setLeftOn] = useState<string>(todayInBeijing())
  const { busy, run } = useBusy()

  useDidShow(() => {
    void reload()
  })

  const loaded = state.status === 'ready' ? state.data : null
  const detail = loaded?.detail ?? null

  // The form follows the stored member whenever a fresh copy arrives.
  useEffect(() => {
    if (detail) setForm(formOf(detail))
  }, [detail])

  const setField = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    if (fieldErrors[key]) setFieldErrors((e) => ({ ...e, [key]: undefined }))
  }

  const applyDetail = (d: MemberDetailView) => loaded && replace({ ...loaded, detail: d })

  const save = () =>
    run('save', async () => {
      setFormError(null)
      const errors = checkForm(form)
      setFieldErrors(errors)
      if (Object.keys(errors).length || !form.category) return
      const fields = {
        name: form.name.trim(),
        category: form.category,
        groupId: form.groupId,
        positions: form.positions,
        phone: form.phone.trim(),
        joinedPartyAt: form.joinedPartyAt,
        ...(form.joinedBranchOn ? { joinedBranchOn: form.joinedBranchOn } : {}),
        activistOn: form.activistOn,
        candidateOn: form.candidateOn,
        fullOn: form.fullOn,
      }
      if (!detail) {
        const r = await call('roster.addMember', fields)
        if (!r.ok) return showSaveError(r.error)
        toast(`已添加${r.data.name}`, 'success')
        setTimeout(() => void Taro.navigateBack(), 800)
        return
      }
      // Send only what changed, so the history says what was changed.
      const before = formOf(detail)
      const changed: Partial<typeof fields> = {}
      for (const key of Object.keys(fields) as Array<keyof typeof fields>) {
        if (JSON.stringify(fields[key]) !== JSON.stringify(before[key])) (changed as Record<string, unknown>)[key] = fields[key]
      }
      if (!Object.keys(changed).length) return toast('没有修改')
      const r = await call('roster.updateMember', { memberId: detail.id, ...changed })
      if (!r.ok) return showSaveError(r.error)
      applyDetail(r.data)
      toast('已保存', 'success')
    })

  const showSaveError = (error: ApiError) => {
    const { fields, general } = errorsOf(error)
    setFieldErrors(fields)
    setFormError(general)
  }

  const transferOut = (note: string) =>
    run('transfer', async () => {
      if (!detail) return
      setTransferSheet({ open: false, error: null })
      const sure = await confirm('确认转出', `确定将${detail.name}于${leftOn}转出本支部？此后不再计入应到人数，之前的会议和历史记录不变。`, '转出')
      if (!sure) return
      const r = await call('roster.transferOut', { memberId: detail.id, note, leftOn })
      if (!r.ok) return toast(r.error.message)
      applyDetail(r.data)
      toast('已转出', 'success')
    })

  const unbind = () =>
    run('unbind', async () => {
      if (!detail) return
      const sure = await confirm('解除微信绑定', `解除后，${detail.name}的微信将不再对应此成员，需要重新用加入码加入。确定解除？`, '解除')
      if (!sure) return
      const r = await call('roster.unbind', { memberId: detail.id })
      if (!r.ok) return toast(r.error.message)
      applyDetail(r.data)
      toast('已解除绑定', 'success')
    })

  const reactivate = (note: string) =>
    run('reactivate', async () => {
      if (!detail) return
      setReactivateSheet(false)
      const r = await call('roster.reactivate', { memberId: detail.id, note })
      if (!r.ok) return toast(r.error.message)
      applyDetail(r.data)
      toast('已恢复在册', 'success')
    })

  const title = memberId ? detail?.name ?? '成员信息' : '添加成员'
  const transferred = detail?.status === 'transferredOut'
  // Name, phone, WeChat binding and transfer: not for oneself, and a 支委's only by 书记 or 副书记.
  const accountLocked = detail?.accountLocked ?? null

  return (
    <PageShell title={title} subtitle={detail ? undefined : memberId ? ' ' : '添加到本支部花名册'} hero={detail ? <MemberHero detail={detail} /> : null}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}

      {loaded ? (
        <>
          {transferred ? (
            <View className='alert alert--info'>
              该成员已转出本支部，信息只读，记录保留。
              {detail?.canReactivate ? (
                <View className='actions'>
                  <Button fill='outline' type='primary' block loading={busy === 'reactivate'} disabled={busy !== null} onClick={() => setReactivateSheet(true)}>
                    恢复在册
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}

          {detail ? (
            <View className='card card--flush'>
              <Cell
                title='组织生活记录'
                description='应参加、参加、请假、缺席的会议'
                extra='›'
                clickable
                onClick={() => void Taro.navigateTo({ url: `/packageMeeting/member-record/index?memberId=${encodeURIComponent(detail.id)}` })}
              />
            </View>
          ) : null}

          <View className='card'>
            <View className='member__card-title'>基本信息</View>
            <FormField label='姓名' error={fieldErrors.name}>
              <Input name='name' value={form.name} placeholder='姓名' maxLength={20} disabled={transferred || Boolean(accountLocked)} onChange={(v) => setField('name', v)} />
            </FormField>
            <FormField label='党员类别' error={fieldErrors.category}>
              <SelectField options={categoryOptions} value={form.category} placeholder='请选择党员类别' disabled={transferred} onChange={(v) => setField('category', v)} />
            </FormField>
            <FormField label='党小组' required={false} error={fieldErrors.groupId}>
              <SelectField options={groupOptions(loaded.groups)} value={form.groupId} disabled={transferred} onChange={(v) => setField('groupId', v)} />
            </FormField>
            <FormField label='职务' required={false} error={fieldErrors.positions}>
              <PositionPicker value={form.positions} disabled={transferred} onChange={(v) => setField('positions', v)} />
            </FormField>
            <FormField label='手机号' error={fieldErrors.phone} hint={accountLocked ?? '用于成员加入时核对身份，列表中隐去中间四位。'}>
              <Input name='phone' type='number' value={form.phone} placeholder='11 位手机号' maxLength={11} disabled={transferred || Boolean(accountLocked)} onChange={(v) => setField('phone', v)} />
            </FormField>
            <FormField label='入党时间' required={false} error={fieldErrors.joinedPartyAt}>
              <DateField value={form.joinedPartyAt} placeholder='未登记（可不填）' end={todayInBeijing()} disabled={transferred} onChange={(v) => setField('joinedPartyAt', v)} />
              {form.joinedPartyAt && !transferred ? (
                <Text className='member__clear' onClick={() => setField('joinedPartyAt', null)}>
                  清除
                </Text>
              ) : null}
            </FormField>
            <FormField label={memberDateLabels.joinedBranchOn} required={false} error={fieldErrors.joinedBranchOn} hint='调入或加入本支部的日期：此后的会议计入应到。不填按今天计。'>
              <DateField value={form.joinedBranchOn} placeholder='今天' end={todayInBeijing()} disabled={transferred} onChange={(v) => setField('joinedBranchOn', v)} />
            </FormField>
            {stepDates
              .filter((d) => form.category && (d.from as readonly string[]).includes(form.category))
              .map((d) => (
                <FormField
                  key={d.key}
                  label={memberDateLabels[d.key]}
                  required={false}
                  error={fieldErrors[d.key]}
                  hint={detail && form.category !== detail.category && dateFieldOfCategory(form.category!) === d.key && !form[d.key] ? '类别变更按这一天生效；不填按今天计。' : undefined}
                >
                  <DateField value={form[d.key]} placeholder='未登记（可不填）' end={todayInBeijing()} disabled={transferred} onChange={(v) => setField(d.key, v)} />
                </FormField>
              ))}
            {formError ? <View className='alert alert--error member__form-error'>{formError.message}</View> : null}
            {transferred ? null : (
              <View className='actions'>
                <Button type='primary' block loading={busy === 'save'} disabled={busy !== null} onClick={() => void save()}>
                  {detail ? '保存' : '添加到花名册'}
                </Button>
              </View>
            )}
          </View>

          {detail && !transferred ? <PermissionsCard detail={detail} busy={busy} run={run} onSaved={applyDetail} /> : null}

          {detail && !transferred ? (
            <>
              <View className='section-title'>微信绑定与组织关系</View>
              <View className='card'>
                <View className='member__bind-line'>
                  <Text>微信绑定</Text>
                  {detail.bound ? <Chip tone='green'>已绑定</Chip> : <Chip tone='amber'>未绑定</Chip>}
                </View>
                {accountLocked ? <View className='muted'>{accountLocked}</View> : null}
                {accountLocked ? null : (
                  <FormField label={memberDateLabels.leftOn} required={false} hint='组织关系转出的日期：这一天起的会议不再计入应到，之前的记录不变。'>
                    <DateField value={leftOn} end={todayInBeijing()} onChange={(v) => v && setLeftOn(v)} />
                  </FormField>
                )}
                <View className='actions member__danger'>
                  {detail.bound && !accountLocked ? (
                    <Button fill='outline' type='default' block loading={busy === 'unbind'} disabled={busy !== null} onClick={() => void unbind()}>
                      解除微信绑定
                    </Button>
                  ) : null}
                  {accountLocked ? null : (
                    <Button fill='outline' type='primary' block loading={busy === 'transfer'} disabled={busy !== null} onClick={() => setTransferSheet({ open: true, error: null })}>
                      转出
                    </Button>
                  )}
                </View>
              </View>
            </>
          ) : null}

          {detail ? <History detail={detail} /> : null}
        </>
      ) : null}

      <PromptSheet
        visible={transferSheet.open}
        title={`转出${detail?.name ?? ''}`}
        note='请写明转出原因和去向，例如“调往区教育局，组织关系转至机关第二党支部”。'
        placeholder='转出说明'
        requiredMessage='请填写转出说明'
        multiline
        confirmText='下一步'
        error={transferSheet.error}
        busy={busy === 'transfer'}
        onConfirm={(note) => void transferOut(note)}
        onCancel={() => setTransferSheet({ open: false, error: null })}
      />
      <PromptSheet
        visible={reactivateSheet}
        title={`恢复${detail?.name ?? ''}在册`}
        note='恢复后其信息和变更记录保持原样，本人需用加入码重新绑定微信。请写明恢复原因，例如“转出有误”。'
        placeholder='恢复说明'
        requiredMessage='请填写恢复说明'
        multiline
        confirmText='恢复在册'
        error={null}
        busy={busy === 'reactivate'}
        onConfirm={(note) => void reactivate(note)}
        onCancel={() => setReactivateSheet(false)}
      />
    </PageShell>
  )
}
