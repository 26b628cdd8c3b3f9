import '../messages'
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button, Checkbox, Input, Switch } from '@nutui/nutui-react-taro'
import type { StudyPeopleView } from '../../../../shared/api/areas/study'
import type { ApiError } from '../../../../shared/errors'
import type { StudyAudienceKind } from '../../../../shared/domain/study'
import { addCalendar, beijingDate } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { checkDocument, pickDocument, uploadDocument } from '../../services/files'
import { documentExtension } from '../../../../shared/domain/storage'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField, { DateField, SelectField } from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

interface Form {
  title: string
  text: string
  links: Array<{ title: string; url: string }>
  files: Array<{ fileID: string; name: string }>
  audienceKind: StudyAudienceKind
  groupId: string | null
  memberIds: string[]
  dueDate: string
  noteRequired: boolean
  minChars: string
}

const audienceOptions: Array<{ value: StudyAudienceKind; label: string }> = [
  { value: 'branch', label: '全支部党员' },
  { value: 'group', label: '一个党小组' },
  { value: 'members', label: '指定人员' },
]

/** 布置学习任务: materials, who it is for, the due date and whether a note (of how many 字) is asked. */
export default function TaskEditPage() {
  const [owner, setOwner] = useState<{ id: string; org: boolean } | null>(null)
  const [people, setPeople] = useState<StudyPeopleView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [uploading, setUploading] = useState(false)
  const { busy, run } = useBusy()
  const [form, setForm] = useState<Form>({
    title: '',
    text: '',
    links: [],
    files: [],
    audienceKind: 'branch',
    groupId: null,
    memberIds: [],
    dueDate: beijingDate(addCalendar(new Date(), 14, 'day')),
    noteRequired: true,
    minChars: '800',
  })
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))

  const load = async () => {
    setError(null)
    const me = await call('member.me', {})
    if (!me.ok) return setError(me.error)
    if (me.data.member) {
      setOwner({ id: me.data.member.branch.id, org: false })
      const p = await call('study.people', {})
      if (!p.ok) return setError(p.error)
      setPeople(p.data)
    } else if (me.data.orgAdmin) {
      setOwner({ id: me.data.orgAdmin.orgId, org: true })
    } else setError({ code: 'AUTH.NOT_BOUND', message: '加入支部后才能布置学习任务' })
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (error) return <PageShell title='布置学习任务'><LoadError error={error} onRetry={() => void load()} /></PageShell>
  if (!owner) return <PageShell title='布置学习任务'><Loading /></PageShell>
  const err = (key: string) => fields[key]

  const attach = async () => {
    const picked = await pickDocument()
    if (!picked) return
    const problem = checkDocument(picked)
    if (problem) return toast(problem.message)
    setUploading(true)
    // The server names the file and records it as this person's upload for the branch's study.
    const target = await call('study.prepareMaterial', { ext: documentExtension(picked.name) ?? 'pdf' })
    const r = target.ok ? await uploadDocument(target.data.cloudPath, picked) : target
    setUploading(false)
    if (!r.ok) return toast(r.error.message)
    set('files', [...form.files, { fileID: r.data.fileID, name: picked.name.slice(0, 100) }])
  }

  const save = () =>
    run('save', async () => {
      setFields({})
      const r = await call('study.createTask', {
        title: form.title.trim(),
        materials: { text: form.text.trim(), links: form.links.filter((l) => l.title.trim() || l.url.trim()).map((l) => ({ title: l.title.trim(), url: l.url.trim() })), files: form.files },
        audience: owner.org ? { kind: 'branch', groupId: null, memberIds: [] } : { kind: form.audienceKind, groupId: form.audienceKind === 'group' ? form.groupId : null, memberIds: form.audienceKind === 'members' ? form.memberIds : [] },
        dueDate: form.dueDate,
        noteRequired: form.noteRequired,
        minChars: form.noteRequired ? Math.max(0, Math.round(Number(form.minChars) || 0)) : 0,
      })
      if (!r.ok) {
        if (r.error.fields) setFields(r.error.fields)
        return toast(r.error.message)
      }
      toast(owner.org ? `已向 ${r.data.branches} 个支部布置` : '已布置', 'success')
      setTimeout(() => void Taro.navigateBack(), 800)
    })

  return (
    <PageShell title='布置学习任务' subtitle={owner.org ? '党总支统一布置，各支部全体党员学习' : '布置后，学习对象会收到消息'}>
      <View className='card'>
        <FormField label='学习主题' error={err('title')}>
          <Input name='title' placeholder='如：学习党的二十届四中全会精神' value={form.title} maxLength={60} onChange={(v) => set('title', v)} />
        </FormField>
        <FormField label='学习内容' required={false} error={err('materials.text')} hint='要点、篇目或学习要求'>
          <Textarea name='text' className='study__textarea' style={{ minHeight: '240px' }} value={form.text} maxlength={20000} placeholder='如：认真学习全会公报，重点领会……' onInput={(e) => set('text', e.detail.value)} />
        </FormField>
      </View>

      <View className='section-title'>学习资料</View>
      <View className='card'>
        {form.links.map((l, i) => (
          <View key={i}>
            <View className='pstudy__line-input'>
              <View className='form-item__control' style={{ flex: 1 }}>
                <Input name={`linkTitle${i}`} placeholder='链接标题' value={l.title} maxLength={60} onChange={(v) => set('links', form.links.map((x, j) => (j === i ? { ...x, title: v } : x)))} />
              </View>
              <Text className='pstudy__remove' onClick={() => set('links', form.links.filter((_, j) => j !== i))}>
                删除
              </Text>
            </View>
            <View className='pstudy__line-input'>
              <View className={err(`materials.links.${i}.url`) ? 'form-item__control form-item__control--error' : 'form-item__control'} style={{ flex: 1 }}>
                <Input name={`linkUrl${i}`} placeholder='https://' value={l.url} maxLength={1000} onChange={(v) => set('links', form.links.map((x, j) => (j === i ? { ...x, url: v } : x)))} />
              </View>
            </View>
            {err(`materials.links.${i}.url`) ? <View className='form-item__error'>{err(`materials.links.${i}.url`)}</View> : null}
          </View>
        ))}
        {form.files.map((f, i) => (
          <View key={f.fileID} className='pstudy__line-input'>
            <Text style={{ flex: 1 }}>📎 {f.name}</Text>
            <Text className='pstudy__remove' onClick={() => set('files', form.files.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
        ))}
        <View className='pstudy__line-input'>
          {form.links.length < 10 ? (
            <Text className='pstudy__add' onClick={() => set('links', [...form.links, { title: '', url: '' }])}>
              ＋ 添加链接
            </Text>
          ) : null}
          <View style={{ flex: 1 }} />
          {/* Files belong to one branch's uploads: the organisation shares text and links. */}
          {form.files.length < 10 && !owner.org ? (
            <Text className='pstudy__add' onClick={() => void attach()}>
              {uploading ? '上传中…' : '＋ 添加附件'}
            </Text>
          ) : null}
        </View>
      </View>

      <View className='section-title'>学习对象与要求</View>
      <View className='card'>
        {!owner.org && people ? (
          <>
            <FormField label='学习对象' error={err('audience.kind')}>
              <SelectField options={audienceOptions} value={form.audienceKind} onChange={(v) => set('audienceKind', v)} />
            </FormField>
            {form.audienceKind === 'group' ? (
              <FormField label='党小组' error={err('audience.groupId')}>
                <SelectField options={people.groups.map((g) => ({ value: g.id as string | null, label: g.name }))} value={form.groupId} placeholder='请选择党小组' onChange={(v) => set('groupId', v)} />
              </FormField>
            ) : null}
            {form.audienceKind === 'members' ? (
              <FormField label={`指定人员（已选 ${form.memberIds.length} 人）`} error={err('audience.memberIds')}>
                <View className='pstudy__members'>
                  {people.members.map((m) => (
                    <View className='pstudy__member' key={m.id}>
                      <Checkbox
                        checked={form.memberIds.includes(m.id)}
                        label={m.name}
                        onChange={(on) => set('memberIds', on ? [...form.memberIds, m.id] : form.memberIds.filter((x) => x !== m.id))}
                      />
                      <Text className='muted'>{m.groupName ?? '未分组'}</Text>
                    </View>
                  ))}
                </View>
              </FormField>
            ) : null}
          </>
        ) : null}
        <FormField label='截止日期' error={err('dueDate')}>
          <DateField value={form.dueDate} onChange={(v) => set('dueDate', v)} />
        </FormField>
        <View className='pstudy__switch'>
          <View>
            <View>需要提交学习心得</View>
            <View className='muted'>心得经支部审阅，优秀的可在支部内交流</View>
          </View>
          <Switch checked={form.noteRequired} onChange={(v) => set('noteRequired', v)} />
        </View>
        {form.noteRequired ? (
          <FormField label='心得字数不少于' error={err('minChars')} hint='按字数计：汉字、字母、标点、表情各算 1 字，空格不计'>
            <Input name='minChars' type='number' value={form.minChars} maxLength={5} onChange={(v) => set('minChars', v)} />
          </FormField>
        ) : null}
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'save'} disabled={busy !== null || uploading} onClick={() => void save()}>
          布置
        </Button>
      </View>
    </PageShell>
  )
}
