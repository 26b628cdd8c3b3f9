import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Textarea, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ApiError } from '../../../../shared/errors'
import type { ActivityFields } from '../../../../shared/api/contract'
import { activityTypes } from '../../../../shared/domain/volunteer'
import { call } from '../../services/api'
import { toast, useBusy } from '../../services/hooks'
import { activityTypeLabels } from '../../services/volunteer'
import PageShell from '../../components/PageShell'
import FormField, { SelectField } from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import './index.scss'

type Form = ActivityFields

const typeOptions = activityTypes.map((value) => ({ value, label: activityTypeLabels[value] }))

/** 新建 / 编辑志愿服务活动: its kind, name, place and 组织单位 (as the hours sheet states it). */
export default function ActivityEditPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const [form, setForm] = useState<Form | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()

  const load = async () => {
    if (activityId) {
      const r = await call('volunteer.activity', { activityId })
      if (!r.ok) return setLoadError(r.error)
      setForm({ type: r.data.type, title: r.data.title, description: r.data.description, place: r.data.place, organiser: r.data.organiser })
    } else {
      const r = await call('volunteer.manage', {})
      if (!r.ok) return setLoadError(r.error)
      setForm({ type: 'community', title: '', description: '', place: '', organiser: r.data.defaultOrganiser })
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (loadError) return <PageShell title='志愿服务活动'><LoadError error={loadError} onRetry={() => void load()} /></PageShell>
  if (!form) return <PageShell title='志愿服务活动'><Loading /></PageShell>
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm({ ...form, [key]: value })
    setFields(({ [key]: _gone, ...rest }) => rest)
  }

  const save = (publish: boolean) =>
    run(publish ? 'publish' : 'save', async () => {
      const r = activityId ? await call('volunteer.updateActivity', { activityId, ...form }) : await call('volunteer.createActivity', { ...form, publish })
      if (!r.ok) {
        if (r.error.fields) setFields(r.error.fields)
        return toast(r.error.message)
      }
      toast(activityId ? '已保存' : publish ? '已发布' : '已保存为草稿', 'success')
      setTimeout(() => void (activityId ? Taro.navigateBack() : Taro.redirectTo({ url: `/packageVolunteer/activity/index?id=${r.data.id}` })), 600)
    })

  return (
    <PageShell title={activityId ? '编辑活动' : '新建活动'} subtitle='发布后再添加班次，或按规则一次排好'>
      <View className='card'>
        <FormField label='活动类型' error={fields.type}>
          <SelectField options={typeOptions} value={form.type} onChange={(v) => set('type', v)} />
        </FormField>
        <FormField label='活动名称' error={fields.title}>
          <Input name='title' placeholder='如：阳光社区环境整治' value={form.title} maxLength={40} onChange={(v) => set('title', v)} />
        </FormField>
        <FormField label='地点' error={fields.place}>
          <Input name='place' placeholder='如：阳光社区服务中心' value={form.place} maxLength={40} onChange={(v) => set('place', v)} />
        </FormField>
        <FormField label='组织单位' error={fields.organiser} hint='导出服务时长时写入“组织单位”一栏'>
          <Input name='organiser' value={form.organiser} maxLength={40} onChange={(v) => set('organiser', v)} />
        </FormField>
        <FormField label='活动介绍' required={false} error={fields.description}>
          <Textarea name='description' className='activity-edit__textarea' value={form.description} maxlength={500} placeholder='做什么、注意什么' onInput={(e) => set('description', e.detail.value)} />
        </FormField>
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'publish' || (Boolean(activityId) && busy === 'save')} onClick={() => void save(true)}>
          {activityId ? '保存' : '发布活动'}
        </Button>
        {activityId ? null : (
          <Button fill='outline' type='default' size='large' block loading={busy === 'save'} onClick={() => void save(false)}>
            存为草稿
          </Button>
        )}
      </View>
    </PageShell>
  )
}
