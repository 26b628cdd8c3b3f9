import '../messages'
import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { NoteView } from '../../../../shared/api/areas/study'
import type { ApiError } from '../../../../shared/errors'
import { contentVerdictLabels, defaultNoteTitle, maxNotePhotos, maxNoteRawLength, minNoteCharacters, noteMinimum, notePhotosMessage, noteTooShort } from '../../../../shared/domain/study'
import { countCharacters } from '../../../../shared/domain/text'
import { formatDateTime } from '../../../../shared/domain/time'
import { call } from '../../services/api'
import { checkImage, pickImages, uploadImage } from '../../services/files'
import { imageExtension } from '../../../../shared/domain/storage'
import { confirm, toast, useBusy } from '../../services/hooks'
import { askReminders } from '../../services/reminders'
import { noteChip } from '../../services/study'
import { dropLocalDraft, phoneCopyWins, readLocalDraft, writeLocalDraft, type LocalDraft } from './drafts'
import { NoteBody, NoteHistory } from '../../components/NoteContent'
import Chip from '../../components/Chip'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

/** A pause in typing this long saves the draft to the server too. */
const SERVER_SAVE_AFTER_MS = 3000

type Content = Omit<LocalDraft, 'savedAt'>

interface Loaded {
  memberId: string
  taskId: string | null
  taskTitle: string | null
  minChars: number
  note: NoteView | null
  /** A newer copy from this phone was restored over the server's. */
  restored: boolean
}

/**
 * 学习心得: write (title, body with a live 字数, up to 9 photos), save as a draft on the phone and
 * on the server, submit; or read a submitted, reviewed or shared note, and share an 优秀 one.
 */
export default function NotePage() {
  const { params } = useRouter()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [content, setContent] = useState<Content>({ title: '', body: '', photos: [] })
  const [error, setError] = useState<ApiError | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [savedAt, setSavedAt] = useState<{ at: number; where: 'phone' | 'server' } | null>(null)
  const [uploading, setUploading] = useState(0)
  const { busy, run } = useBusy()
  const noteId = useRef<string | undefined>(params.id)
  const dirty = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef(content)
  latest.current = content

  const localKey = () => noteId.current ?? (loaded?.taskId ? `task:${loaded.taskId}` : 'free')

  const load = async () => {
    setError(null)
    const me = await call('member.me', {})
    if (!me.ok) return setError(me.error)
    if (!me.data.member) return setError({ code: 'AUTH.NOT_BOUND', message: '加入支部后才能写学习心得' })
    let note: NoteView | null = null
    let taskId = params.taskId ?? null
    let taskTitle: string | null = null
    let minChars = 0
    if (params.id) {
      const r = await call('study.note', { noteId: params.id })
      if (!r.ok) return setError(r.error)
      note = r.data
      taskId = note.taskId
      taskTitle = note.taskTitle
      minChars = note.minChars
    } else if (taskId) {
      const t = await call('study.task', { taskId })
      if (!t.ok) return setError(t.error)
      taskTitle = t.data.title
      minChars = t.data.minChars
      if (t.data.my?.noteId) {
        const r = await call('study.note', { noteId: t.data.my.noteId })
        if (r.ok) note = r.data
      }
    }
    noteId.current = note?.id
    const editable = !note || note.canEdit
    // The phone's copy wins when it is newer than the server's (written offline, or not yet sent).
    const key = note?.id ?? (taskId ? `task:${taskId}` : 'free')
    const local = editable ? (readLocalDraft(key) ?? (taskId ? readLocalDraft(`task:${taskId}`) : null)) : null
    const useLocal = phoneCopyWins(local, note?.updatedAt ?? null)
    if (useLocal) {
      setContent({ title: local.title, body: local.body, photos: local.photos })
      dirty.current = true
    } else if (note) {
      setContent({ title: note.title, body: note.body, photos: note.photos })
    } else {
      setContent({ title: taskTitle ? defaultNoteTitle(taskTitle) : '', body: '', photos: [] })
    }
    setLoaded({ memberId: me.data.member.id, taskId, taskTitle, minChars, note, restored: useLocal && Boolean(note) })
  }

  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  /** Sends the draft to the server, if it changed and has a title. */
  const saveToServer = async (quiet: boolean): Promise<boolean> => {
    if (!loaded) return false
    const c = latest.current
    if (!c.title.trim()) {
      if (!quiet) setProblem('请填写标题')
      return false
    }
    const r = await call('study.saveNote', { noteId: noteId.current, taskId: loaded.taskId, title: c.title.trim(), body: c.body, photos: c.photos.map((p) => p.fileID) })
    if (!r.ok) {
      if (!quiet) setProblem(r.error.fields?.title ?? r.error.fields?.body ?? r.error.message)
      return false
    }
    if (!noteId.current) {
      // A new note now has its id: keep the phone's copy under it.
      noteId.current = r.data.id
      writeLocalDraft(r.data.id, { ...c, savedAt: Date.now() })
      dropLocalDraft(loaded.taskId ? `task:${loaded.taskId}` : 'free')
    }
    dirty.current = false
    setSavedAt({ at: Date.now(), where: 'server' })
    setLoaded((l) => (l ? { ...l, note: r.data } : l))
    return true
  }

  const flush = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (dirty.current) void saveToServer(true)
  }
  useDidHide(flush)
  useUnload(flush)

  if (error) return <PageShell title='学习心得'><LoadError error={error} onRetry={() => void load()} /></PageShell>
  if (!loaded) return <PageShell title='学习心得'><Loading /></PageShell>

  const note = loaded.note
  const editable = !note || note.canEdit

  const change = (patch: Partial<Content>) => {
    const next = { ...latest.current, ...patch }
    setContent(next)
    setProblem(null)
    dirty.current = true
    writeLocalDraft(localKey(), { ...next, savedAt: Date.now() })
    setSavedAt({ at: Date.now(), where: 'phone' })
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void saveToServer(true), SERVER_SAVE_AFTER_MS)
  }

  const addPhotos = async () => {
    const room = maxNotePhotos - content.photos.length
    if (room <= 0) return toast(notePhotosMessage)
    const picked = await pickImages(room)
    if (!picked.length) return
    setUploading(picked.length)
    const added: Content['photos'] = []
    for (const file of picked) {
      const problem = checkImage(file)
      if (problem) {
        toast(problem.message)
        continue
      }
      // The server names each photo and records it as this member's upload for their notes.
      const target = await call('study.preparePhoto', { ext: imageExtension(file.name) })
      const r = target.ok ? await uploadImage(target.data.cloudPath, file) : target
      if (!r.ok) {
        toast(r.error.message)
        continue
      }
      added.push({ fileID: r.data.fileID, url: file.path ?? (file.data instanceof Blob ? URL.createObjectURL(file.data) : '') })
    }
    setUploading(0)
    change({ photos: [...latest.current.photos, ...added].slice(0, maxNotePhotos) })
  }

  const characters = countCharacters(content.body)
  const minimum = noteMinimum(loaded.minChars)

  const saveDraft = () =>
    run('save', async () => {
      if (timer.current) clearTimeout(timer.current)
      if (await saveToServer(false)) toast('草稿已保存', 'success')
    })

  const submit = () =>
    run('submit', async () => {
      if (timer.current) clearTimeout(timer.current)
      if (!content.title.trim()) return setProblem('请填写标题')
      const tooShort = noteTooShort(characters, loaded.minChars)
      if (tooShort) return setProblem(tooShort)
      if (!(await confirm('提交心得', '提交后将由支部审阅，审阅前不能修改。确定提交吗？', '提交'))) return
      const r = await call('study.submitNote', { noteId: noteId.current, taskId: loaded.taskId, title: content.title.trim(), body: content.body, photos: content.photos.map((p) => p.fileID) })
      if (!r.ok) {
        setProblem(r.error.fields?.body ?? r.error.message)
        return
      }
      noteId.current = r.data.id
      dirty.current = false
      dropLocalDraft(r.data.id)
      if (loaded.taskId) dropLocalDraft(`task:${loaded.taskId}`)
      dropLocalDraft('free')
      setLoaded({ ...loaded, note: r.data, restored: false })
      setContent({ title: r.data.title, body: r.data.body, photos: r.data.photos })
      toast(r.data.contentCheck === 'pass' ? '已提交' : '已提交，待人工复核', 'success')
    })

  const toggleShare = (share: boolean) =>
    run('share', async () => {
      if (!note) return
      if (share && !(await confirm('在支部内交流', '同意后，本支部的同志都能阅读这篇心得。你可以随时撤回。', '同意'))) return
      const r = await call('study.share', { noteId: note.id, share })
      if (!r.ok) return toast(r.error.message)
      setLoaded({ ...loaded, note: r.data })
      toast(share ? '已在支部内交流' : '已撤回', 'success')
    })

  const chip = note ? noteChip(note) : null
  const mine = note !== null && note.authorId === loaded.memberId
  // Asked in the tap itself, before any await, as WeChat requires.
  const remindReview = () => {
    void askReminders('studyTask', ['reviewResult']).then((allowed) => {
      if (allowed) toast('审阅结果会通过微信告诉你', 'success')
    })
  }
  const subtitle = loaded.taskTitle ? `学习任务：${loaded.taskTitle}` : '自主学习'

  if (!editable && note) {
    return (
      <PageShell title='学习心得' subtitle={subtitle}>
        <View className='card'>
          <View className='study__head'>
            <Text className='study__title'>{note.title}</Text>
            {chip ? <Chip tone={chip.tone}>{chip.text}</Chip> : null}
          </View>
          <View className='study__meta'>
            {note.authorName}
            {note.groupName ? ` · ${note.groupName}` : ''} · {note.characters} 字{note.submittedAt ? ` · ${formatDateTime(note.submittedAt, new Date())} 提交` : ''}
          </View>
        </View>
        {note.status === 'submitted' || note.status === 'resubmitted' ? (
          <View className='alert alert--info'>
            {note.contentCheck && note.contentCheck !== 'pass' ? `已提交，${contentVerdictLabels[note.contentCheck]}，审阅人会一并查看。` : '已提交，等待支部审阅。'}
            {mine ? (
              <Text className='pstudy__inline' onClick={remindReview}>
                审阅后通过微信告诉我
              </Text>
            ) : null}
          </View>
        ) : null}
        <NoteBody note={note} />
        <NoteHistory history={note.history} title='审阅记录' />
        {note.canShare ? (
          <View className='actions'>
            {note.shared ? (
              <Button type='default' size='large' block loading={busy === 'share'} onClick={() => void toggleShare(false)}>
                撤回支部交流
              </Button>
            ) : (
              <Button type='primary' size='large' block loading={busy === 'share'} onClick={() => void toggleShare(true)}>
                同意在支部内交流
              </Button>
            )}
            <View className='muted' style={{ textAlign: 'center' }}>
              {note.shared ? '本支部同志可以在“学习交流”中阅读这篇心得' : '评为优秀的心得，经你同意后可在支部内交流'}
            </View>
          </View>
        ) : null}
        {note.canReview ? (
          <View className='actions'>
            <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: `/packageStudy/review/note?id=${note.id}` })}>
              审阅这篇心得
            </Button>
          </View>
        ) : null}
      </PageShell>
    )
  }

  return (
    <PageShell title={note?.status === 'returned' ? '修改心得' : '写心得'} subtitle={subtitle}>
      {note?.status === 'returned' && note.returnComment ? (
        <View className='alert alert--error'>
          <View className='alert__title'>心得被退回，请修改后重新提交</View>
          <View className='alert__line'>审阅意见：{note.returnComment}</View>
        </View>
      ) : null}
      {loaded.restored ? <View className='alert alert--info'>已恢复本机上次未同步的草稿</View> : null}
      <View className='card'>
        <View className='form-item'>
          <View className='form-item__label form-item__required'>标题</View>
          <View className='form-item__control'>
            <Input name='title' style={{ flex: 1 }} value={content.title} maxlength={60} placeholder='心得标题' onInput={(e) => change({ title: e.detail.value })} />
          </View>
        </View>
        <View className='form-item'>
          <View className='form-item__label form-item__required'>正文</View>
          <View className={problem ? 'study__field study__field--error' : 'study__field'}>
            <Textarea
              name='body'
              className='study__textarea'
              value={content.body}
              maxlength={maxNoteRawLength}
              autoHeight
              placeholder={`结合学习内容和教育教学实际，写下你的体会（不少于 ${minimum} 字）`}
              onInput={(e) => change({ body: e.detail.value })}
            />
          </View>
          <View className={`study__count ${characters >= minimum ? 'study__count--ok' : 'study__count--short'}`}>
            已写 {characters} 字{minimum > minNoteCharacters || characters < minimum ? ` · 要求不少于 ${minimum} 字` : ''}
          </View>
          {problem ? <View className='form-item__error'>{problem}</View> : null}
        </View>
        <View className='form-item'>
          <View className='form-item__label'>
            照片（{content.photos.length}/{maxNotePhotos}）
          </View>
          <View className='study__photos'>
            {content.photos.map((p, i) => (
              <View className='study__photo' key={p.fileID}>
                <Image className='study__img' src={p.url} mode='aspectFill' />
                <View className='study__photo-remove' onClick={() => change({ photos: content.photos.filter((_, j) => j !== i) })}>
                  ×
                </View>
              </View>
            ))}
            {content.photos.length < maxNotePhotos ? (
              <View className='study__photo study__photo--add' onClick={() => void addPhotos()}>
                {uploading ? '上传中…' : '＋ 照片'}
              </View>
            ) : null}
          </View>
        </View>
        {savedAt ? <View className='study__saved'>{savedAt.where === 'server' ? '草稿已同步' : '草稿已保存在本机'} {formatDateTime(new Date(savedAt.at), new Date()).slice(-5)}</View> : null}
      </View>
      <View className='study__submit-row'>
        <Button type='default' size='large' loading={busy === 'save'} disabled={busy !== null || uploading > 0} onClick={() => void saveDraft()}>
          保存草稿
        </Button>
        <Button type='primary' size='large' loading={busy === 'submit'} disabled={busy !== null || uploading > 0} onClick={() => void submit()}>
          {note?.status === 'returned' ? '重新提交' : '提交'}
        </Button>
      </View>
    </PageShell>
  )
}
