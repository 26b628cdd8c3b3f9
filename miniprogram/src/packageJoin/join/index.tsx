import '../messages'
import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ActionOutput } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { inviteCodeFromPageParams, inviteCodeProblem, normalInviteCode } from '../../../../shared/domain/invite-code'
import { phoneProblem } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { StatusCard } from '../../components/StatusView'
import FormField from '../../components/FormField'
import './index.scss'

type JoinResult = ActionOutput<'join.submit'>
type Me = ActionOutput<'member.me'>
type Field = 'inviteCode' | 'name' | 'phone'

/** Quick checks before sending, by the rules the function applies. */
function checkForm(form: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {}
  const code = inviteCodeProblem(form.inviteCode)
  if (code) errors.inviteCode = code
  if (!form.name.trim()) errors.name = '请填写姓名'
  const phone = phoneProblem(form.phone)
  if (phone) errors.phone = phone
  return errors
}

const goMine = () => void Taro.switchTab({ url: '/pages/mine/index' })

export default function Join() {
  const { params } = useRouter()
  const [form, setForm] = useState<Record<Field, string>>(() => ({ inviteCode: inviteCodeFromPageParams(params), name: '', phone: '' }))
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<ApiError | null>(null)
  const [result, setResult] = useState<JoinResult | null>(null)
  const [me, setMe] = useState<Me | null>(null)
  const { busy, run } = useBusy()

  // Someone already bound (or waiting) should not fill the form again. If this check fails,
  // the form is still shown: the server refuses a second join anyway.
  useDidShow(() => {
    void call('member.me', {}).then((r) => r.ok && setMe(r.data))
  })

  const update = (field: Field) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }))
    if (fieldErrors[field]) setFieldErrors((e) => ({ ...e, [field]: undefined }))
  }

  const submit = () =>
    run('submit', async () => {
      setFormError(null)
      const errors = checkForm(form)
      setFieldErrors(errors)
      if (Object.keys(errors).length) return
      const r = await call('join.submit', { inviteCode: normalInviteCode(form.inviteCode), name: form.name.trim(), phone: form.phone.trim() })
      if (r.ok) {
        setResult(r.data)
        return
      }
      const { error } = r
      if (error.code === 'JOIN.INVITE_CODE_INVALID') {
        setFieldErrors({ inviteCode: error.message })
      } else if (error.code === 'INPUT.INVALID' && error.fields) {
        const known: Partial<Record<Field, string>> = {}
        for (const f of ['inviteCode', 'name', 'phone'] as const) if (error.fields[f]) known[f] = error.fields[f]
        setFieldErrors(known)
        if (!Object.keys(known).length) setFormError(error)
      } else {
        setFormError(error)
      }
    })

  const body = () => {
    if (result?.status === 'bound') {
      return (
        <StatusCard tone='green' mark='✓' title={`已加入${result.branchName}`} note={`欢迎你，${result.memberName}。会议通知、扫码签到和请假都可以在支部通里办理了。`}>
          <Button type='primary' block onClick={goMine}>
            查看我的信息
          </Button>
        </StatusCard>
      )
    }
    if (result?.status === 'pending') {
      return (
        <StatusCard tone='amber' mark='…' title='已提交，等待支部书记审核' note={`你填写的姓名或手机号与${result.branchName}花名册没有完全对上，已交给支部书记核对。审核通过后，在“我的”页面就能看到你的信息。`}>
          <Button type='primary' fill='outline' block onClick={goMine}>
            返回“我的”
          </Button>
        </StatusCard>
      )
    }
    if (me?.member) {
      return (
        <StatusCard tone='green' mark='✓' title={`你已加入${me.member.branch.name}`} note='一个微信只能绑定一位支部成员。如需更换，请联系支部书记解除绑定。'>
          <Button type='primary' block onClick={goMine}>
            查看我的信息
          </Button>
        </StatusCard>
      )
    }
    if (me?.pendingJoin) {
      return (
        <StatusCard tone='amber' mark='…' title='加入申请正在审核' note={`你于 ${formatTime(me.pendingJoin.submittedAt)} 申请加入${me.pendingJoin.branchName}，请等待支部书记审核。`}>
          <Button type='primary' fill='outline' block onClick={goMine}>
            返回“我的”
          </Button>
        </StatusCard>
      )
    }
    if (formError?.code === 'JOIN.ALREADY_BOUND') {
      return (
        <StatusCard tone='green' mark='✓' title={formError.message}>
          <Button type='primary' block onClick={goMine}>
            查看我的信息
          </Button>
        </StatusCard>
      )
    }
    return (
      <>
        <View className='alert alert--info'>
          向支部书记要本支部的加入码，再填写你的姓名和手机号。姓名和手机号要与支部花名册上登记的一致，核对无误即可加入；对不上时，申请会交给支部书记审核。
        </View>
        <View className='card'>
          <FormField label='加入码' error={fieldErrors.inviteCode}>
            <Input name='inviteCode' placeholder='如 AB12CD' value={form.inviteCode} maxLength={12} onChange={(v) => update('inviteCode')(v.toUpperCase())} />
          </FormField>
          <FormField label='姓名' error={fieldErrors.name}>
            <Input name='name' placeholder='与花名册上的姓名一致' value={form.name} maxLength={20} onChange={update('name')} />
          </FormField>
          <FormField label='手机号' error={fieldErrors.phone}>
            <Input name='phone' type='number' placeholder='花名册上登记的手机号' value={form.phone} maxLength={11} onChange={update('phone')} />
          </FormField>
          {formError ? <View className='alert alert--error join__error'>{formError.message}</View> : null}
          <View className='actions'>
            <Button type='primary' block loading={busy === 'submit'} disabled={busy !== null} onClick={() => void submit()}>
              {busy === 'submit' ? '正在提交…' : '加入支部'}
            </Button>
          </View>
        </View>
        <View className='join__privacy'>手机号只用于核对身份，列表中会隐去中间四位。</View>
      </>
    )
  }

  return (
    <PageShell title='加入支部' subtitle='把你的微信与支部花名册绑定'>
      {body()}
    </PageShell>
  )
}
