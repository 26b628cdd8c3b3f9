import { useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { MeetingView, MinutesView } from '../../../../shared/api/contract'
import type { PlatformRecordView } from '../../../../shared/api/areas/desk'
import type { ApiError } from '../../../../shared/errors'
import { meetingTypeLabels } from '../../../../shared/domain/meeting'
import { imageExtension, maxMinutesPhotos } from '../../../../shared/domain/storage'
import { call } from '../../services/api'
import { formatSpan, formatTime } from '../../services/format'
import { checkImage, pickImages, uploadImage } from '../../services/files'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField from '../../components/FormField'
import { Loading, LoadError } from '../../components/StatusView'
import './index.scss'

const MAX_PHOTOS = maxMinutesPhotos

interface Draft {
  topics: string[]
  content: string
  decisions: string
  photos: Array<{ fileID: string; url: string }>
}

/** 会议记录: entered by the 记录人 (or whoever runs the meeting); read-only for others. */
export default function MinutesPage() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const [meeting, setMeeting] = useState<MeetingView | null>(null)
  const [minutes, setMinutes] = useState<MinutesView | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [uploading, setUploading] = useState(0)
  // The record as the 三会一课 platform asks for it, for those who review the meeting's attendance.
  const [platform, setPlatform] = useState<PlatformRecordView | null>(null)
  const { busy, run } = useBusy()
  const loadPlatform = () => call('desk.meetingRecord', { meetingId }).then((r) => setPlatform(r.ok ? r.data : null))

  const load = async () => {
    setError(null)
    const [m, v] = await Promise.all([call('meeting.get', { meetingId }), call('minutes.get', { meetingId })])
    if (!m.ok) return setError(m.error)
    if (!v.ok) return setError(v.error)
    setMeeting(m.data)
    setMinutes(v.data)
    setDraft({ topics: v.data.topics.length ? v.data.topics : [''], content: v.data.content, decisions: v.data.decisions, photos: v.data.photos })
    void loadPlatform()
  }

  const copyPlatform = async (text: string) => {
    try {
      await Taro.setClipboardData({ data: text })
      toast('已复制，可粘贴到三会一课平台', 'success')
    } catch {
      toast('复制失败，请长按文字手动复制')
    }
  }

  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  // Back on screen: the meeting's title and time as saved now. The record being typed is left alone
  // (weapp shows the page again when the photo picker closes).
  useDidShow(() => {
    if (meeting) void call('meeting.get', { meetingId }).then((r) => r.ok && setMeeting(r.data))
  })

  if (error) return <PageShell title='会议记录'><LoadError error={error} onRetry={() => void load()} /></PageShell>
  if (!meeting || !minutes || !draft) return <PageShell title='会议记录'><Loading /></PageShell>

  const editable = minutes.canEdit
  const update = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })

  const addPhotos = async () => {
    const room = MAX_PHOTOS - draft.photos.length
    if (room <= 0) return toast(`最多 ${MAX_PHOTOS} 张照片`)
    const picked = await pickImages(room)
    if (!picked.length) return
    setUploading(picked.length)
    const added: Draft['photos'] = []
    for (const file of picked) {
      const problem = checkImage(file)
      if (problem) {
        toast(problem.message)
        continue
      }
      // The server names each photo and records it as this person's upload for this meeting.
      const target = await call('minutes.preparePhoto', { meetingId, ext: imageExtension(file.name) })
      const r = target.ok ? await uploadImage(target.data.cloudPath, file) : target
      if (!r.ok) {
        toast(r.error.message)
        continue
      }
      // Shown from the local copy until saved; the server hands back links after saving.
      const url = file.path ?? (file.data instanceof Blob ? URL.createObjectURL(file.data) : '')
      added.push({ fileID: r.data.fileID, url })
    }
    setUploading(0)
    setDraft((d) => (d ? { ...d, photos: [...d.photos, ...added].slice(0, MAX_PHOTOS) } : d))
  }

  const preview = (url: string) => {
    const urls = draft.photos.map((p) => p.url).filter(Boolean)
    void Taro.previewImage({ current: url, urls }).catch(() => undefined)
  }

  const save = () =>
    run('save', async () => {
      setFields({})
      const r = await call('minutes.save', {
        meetingId,
        topics: draft.topics.map((t) => t.trim()).filter(Boolean),
        content: draft.content.trim(),
        decisions: draft.decisions.trim(),
        photos: draft.photos.map((p) => p.fileID),
      })
      if (!r.ok) {
        if (r.error.fields) setFields(r.error.fields)
        return toast(r.error.message)
      }
      setMinutes(r.data)
      setDraft({ topics: r.data.topics.length ? r.data.topics : [''], content: r.data.content, decisions: r.data.decisions, photos: r.data.photos })
      toast('已保存', 'success')
      void loadPlatform()
    })

  return (
    <PageShell title='会议记录' subtitle={`${meetingTypeLabels[meeting.type]} · ${meeting.title}`}>
      <View className='card minutes__head'>
        <View className='minutes__row'>
          <Text className='minutes__label'>时间</Text>
          <Text>{formatSpan(meeting.startAt, meeting.endAt)}</Text>
        </View>
        <View className='minutes__row'>
          <Text className='minutes__label'>地点</Text>
          <Text>{meeting.venue}</Text>
        </View>
        <View className='minutes__row'>
          <Text className='minutes__label'>主持人</Text>
          <Text>{meeting.host?.name ?? '未指定'}</Text>
          <Text className='minutes__label minutes__label--second'>记录人</Text>
          <Text>{meeting.recorder?.name ?? '未指定'}</Text>
        </View>
        {minutes.updatedAt ? (
          <View className='muted minutes__saved'>
            {minutes.recordedBy ?? ''} 于 {formatTime(minutes.updatedAt)} 保存
          </View>
        ) : (
          <View className='muted minutes__saved'>{editable ? '尚未填写。应到、实到和缺席人员导出签到表时自动生成。' : '记录人尚未填写会议记录。'}</View>
        )}
      </View>

      <View className='section-title'>议题</View>
      <View className='card'>
        {editable ? (
          <>
            {draft.topics.map((t, i) => (
              <View className='minutes__topic' key={i}>
                <Text className='minutes__topic-no'>{i + 1}</Text>
                <View className='form-item__control minutes__topic-input'>
                  <Input name={`topic${i}`} value={t} maxLength={100} placeholder='议题' onChange={(v) => update({ topics: draft.topics.map((x, j) => (j === i ? v : x)) })} />
                </View>
                <Text className='minutes__remove' onClick={() => update({ topics: draft.topics.length > 1 ? draft.topics.filter((_, j) => j !== i) : [''] })}>
                  删除
                </Text>
              </View>
            ))}
            {draft.topics.length < 20 ? (
              <View className='minutes__add' onClick={() => update({ topics: [...draft.topics, ''] })}>
                ＋ 添加议题
              </View>
            ) : null}
          </>
        ) : draft.topics.filter(Boolean).length ? (
          draft.topics.filter(Boolean).map((t, i) => (
            <View className='minutes__topic' key={i}>
              <Text className='minutes__topic-no'>{i + 1}</Text>
              <Text>{t}</Text>
            </View>
          ))
        ) : (
          <View className='muted'>无</View>
        )}
      </View>

      <View className='section-title'>内容与决议</View>
      <View className='card'>
        <FormField label='会议内容' required={false} error={fields.content}>
          {editable ? (
            <Textarea name='content' className='minutes__textarea' value={draft.content} maxlength={5000} placeholder='会议的主要内容、发言要点' onInput={(e) => update({ content: e.detail.value })} />
          ) : (
            <View className='minutes__text'>{draft.content || '无'}</View>
          )}
        </FormField>
        <FormField label='决议' required={false} error={fields.decisions}>
          {editable ? (
            <Textarea name='decisions' className='minutes__textarea' value={draft.decisions} maxlength={2000} placeholder='会议形成的决议、决定' onInput={(e) => update({ decisions: e.detail.value })} />
          ) : (
            <View className='minutes__text'>{draft.decisions || '无'}</View>
          )}
        </FormField>
      </View>

      <View className='section-title'>
        照片（{draft.photos.length}/{MAX_PHOTOS}）
      </View>
      <View className='card minutes__photos'>
        {draft.photos.map((p, i) => (
          <View className='minutes__photo' key={p.fileID}>
            <Image className='minutes__img' src={p.url} mode='aspectFill' onClick={() => preview(p.url)} />
            {editable ? (
              <View className='minutes__photo-remove' onClick={() => update({ photos: draft.photos.filter((_, j) => j !== i) })}>
                ×
              </View>
            ) : null}
          </View>
        ))}
        {editable && draft.photos.length < MAX_PHOTOS ? (
          <View className='minutes__photo minutes__photo--add' onClick={() => void addPhotos()}>
            {uploading ? `上传中…` : '＋ 照片'}
          </View>
        ) : null}
        {!editable && !draft.photos.length ? <View className='muted'>无</View> : null}
      </View>

      {platform ? (
        <>
          <View className='section-title'>三会一课平台格式</View>
          <View className='card minutes__platform'>
            {platform.fields.map((f) => (
              <View className='minutes__platform-line' key={f.label}>
                <Text className='minutes__platform-label'>{f.label}</Text>
                <Text className='minutes__platform-value'>{f.value || '—'}</Text>
              </View>
            ))}
            <Button type='primary' size='large' block onClick={() => void copyPlatform(platform.text)}>
              一键复制（按平台字段顺序）
            </Button>
          </View>
        </>
      ) : null}

      {editable ? (
        <View className='actions'>
          <Button type='primary' size='large' block loading={busy === 'save'} disabled={busy !== null || uploading > 0} onClick={() => void save()}>
            保存会议记录
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
