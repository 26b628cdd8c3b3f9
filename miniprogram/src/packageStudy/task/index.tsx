import '../messages'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { noteStatusLabels } from '../../../../shared/domain/study'
import { call } from '../../services/api'
import { openFile } from '../../services/download'
import { toast, useBusy, useResource } from '../../services/hooks'
import { dueLine, taskChip } from '../../services/study'
import { askReminders } from '../../services/reminders'
import Chip from '../../components/Chip'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import '../../pages/study/index.scss'
import '../study.scss'

const go = (url: string) => void Taro.navigateTo({ url })

/** Opens a link: a new tab in the browser; in WeChat, copied to paste into the browser. */
function openLink(url: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener')
    return
  }
  void Taro.setClipboardData({ data: url }).then(
    () => toast('链接已复制，请在浏览器中打开'),
    () => toast('复制失败，请重试'),
  )
}

/** 学习任务: the materials, when it is due, and what I have done about it. */
export default function TaskPage() {
  const { params } = useRouter()
  const taskId = params.id ?? ''
  const { state, reload, replace } = useResource(() => call('study.task', { taskId }))
  const { busy, run } = useBusy()

  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status === 'loading') return <PageShell title='学习任务'><Loading /></PageShell>
  if (state.status === 'error') return <PageShell title='学习任务'><LoadError error={state.error} onRetry={() => void reload()} /></PageShell>
  const task = state.data
  const my = task.my
  const chip = my ? taskChip(task) : null

  const confirmDone = () =>
    run('confirm', async () => {
      const r = await call('study.confirmTask', { taskId })
      if (!r.ok) return toast(r.error.message)
      replace(r.data)
      toast('已确认完成', 'success')
    })

  // Asked in the tap itself, before any await, as WeChat requires.
  const remindMe = () => {
    void askReminders('studyTask').then((allowed) => {
      if (allowed) toast('截止前两天会提醒你，心得审阅后也会告诉你', 'success')
    })
  }
  const owed = my !== null && (my.progress === 'due' || my.progress === 'returned')

  const noteAction = () => {
    if (!my) return null
    if (my.noteId && my.noteStatus) {
      const editable = my.noteStatus === 'draft' || my.noteStatus === 'returned'
      return (
        <Button type='primary' size='large' block onClick={() => go(`/packageStudy/note/index?id=${my.noteId}`)}>
          {editable ? (my.noteStatus === 'returned' ? '修改心得' : '继续写心得') : `查看心得（${noteStatusLabels[my.noteStatus]}）`}
        </Button>
      )
    }
    return (
      <Button type={task.noteRequired ? 'primary' : 'default'} size='large' block onClick={() => go(`/packageStudy/note/index?taskId=${taskId}`)}>
        写心得
      </Button>
    )
  }

  return (
    <PageShell title='学习任务' subtitle={task.fromOrg ? '党总支统一布置' : `${task.createdByName} 布置`}>
      <View className='card'>
        <View className='study__head'>
          <Text className='study__title'>{task.title}</Text>
          {chip ? <Chip tone={chip.tone}>{chip.text}</Chip> : null}
        </View>
        <View className='study__meta'>{dueLine(task, new Date())}</View>
        <View className='study__meta'>
          {task.noteRequired ? `需提交学习心得${task.minChars ? `，不少于 ${task.minChars} 字` : ''}` : '学习后确认完成即可，也可写心得'}
        </View>
      </View>

      {task.materials.text ? (
        <>
          <View className='section-title'>学习内容</View>
          <View className='card'>
            <View className='study__text'>{task.materials.text}</View>
          </View>
        </>
      ) : null}

      {task.materials.links.length || task.materials.files.length ? (
        <>
          <View className='section-title'>学习资料</View>
          <View className='card'>
            {task.materials.links.map((l) => (
              <View key={l.url} className='study__link' onClick={() => openLink(l.url)}>
                {l.title}
                <View className='study__link-note'>{l.url}</View>
              </View>
            ))}
            {task.materials.files.map((f) => (
              <View
                key={f.fileID}
                className='study__link'
                onClick={() =>
                  void openFile({ fileID: f.fileID, url: f.url, fileName: f.name }).then((r) => {
                    if (!r.ok) toast(r.error.message)
                  })
                }
              >
                {f.name}
                <View className='study__link-note'>附件，点击打开</View>
              </View>
            ))}
          </View>
        </>
      ) : null}

      <View className='actions'>
        {noteAction()}
        {my && !task.noteRequired && my.progress !== 'done' ? (
          <Button type='primary' size='large' block loading={busy === 'confirm'} onClick={() => void confirmDone()}>
            我已学习
          </Button>
        ) : null}
        {owed ? (
          <Button type='default' size='large' block onClick={remindMe}>
            提醒我
          </Button>
        ) : null}
        {task.canManage ? (
          <Button type='default' size='large' block onClick={() => go(`/packageStudy/pending/index?id=${taskId}`)}>
            查看提交情况
          </Button>
        ) : null}
      </View>
    </PageShell>
  )
}
