import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MyRemindersView } from '../../../../shared/api/areas/reminder'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { toast, useResource } from '../../services/hooks'
import { askReminders, rememberKeptAnswers } from '../../services/reminders'
import Chip from '../../components/Chip'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import './index.scss'

type Template = MyRemindersView['templates'][number]

function countText(t: Template): string {
  if (t.longTerm) return t.longTermAccepted ? '长期有效' : '未开启'
  return t.remaining ? `还可提醒 ${t.remaining} 次` : '未开启'
}

/**
 * 我的 → 消息提醒: what the member will be reminded of, and how many WeChat reminders each kind
 * has left (each “允许” is one). A tap on a kind asks WeChat for one more.
 */
export default function MyRemindersPage() {
  const { state, reload, replace } = useResource(async () => {
    const r = await call('reminder.mine', {})
    if (r.ok) rememberKeptAnswers(r.data)
    return r
  })

  useDidShow(() => {
    void reload({ quiet: true })
  })

  if (state.status !== 'ready') {
    return <PageShell title='消息提醒'>{state.status === 'loading' ? <Loading /> : <LoadError error={state.error} onRetry={() => void reload()} />}</PageShell>
  }
  const view = state.data

  const addOne = (t: Template) => {
    // First in the tap, before any await: WeChat only asks in answer to a tap.
    void askReminders('mine', [t.key]).then((next) => {
      if (next) {
        replace(next)
        toast('已增加一次提醒', 'success')
      } else if (t.always === 'reject') {
        toast('你已设为不再接收，请在右上角“…”→“设置”→“通知管理”中打开')
      }
    })
  }

  return (
    <PageShell title='消息提醒' subtitle='会议、请假、志愿服务和学习的微信提醒'>
      <View className='section-title'>还可提醒的次数</View>
      <View className='card reminders'>
        <View className='muted reminders__note'>微信每次只允许发送一条你同意过的提醒；次数用完后，提醒仍会出现在“消息”里。</View>
        {view.templates.map((t) => (
          <View className='reminders__row' key={t.key} onClick={() => addOne(t)}>
            <View className='reminders__main'>
              <Text className='reminders__label'>{t.label}</Text>
              <Text className='reminders__kinds'>{t.kinds.join('、')}</Text>
              {t.always === 'accept' ? <Text className='reminders__always'>已设为总是允许</Text> : null}
            </View>
            <View className='reminders__side'>
              <Text className={t.remaining || t.longTermAccepted ? 'reminders__count reminders__count--on' : 'reminders__count'}>{countText(t)}</Text>
              {t.longTerm && t.longTermAccepted ? null : <Text className='reminders__add'>{t.remaining ? '＋1 次' : '开启'}</Text>}
            </View>
          </View>
        ))}
      </View>
      {view.upcoming.length ? (
        <>
          <View className='section-title'>接下来的提醒</View>
          <View className='card reminders'>
            {view.upcoming.slice(0, 10).map((u, i) => (
              <View className='reminders__upcoming' key={`${u.kind}-${i}`}>
                <View className='reminders__main'>
                  <Text className='reminders__label'>{u.subjectTitle}</Text>
                  <Text className='reminders__kinds'>
                    {u.kindLabel}
                    {u.at ? ` · ${formatTime(u.at)}` : ' · 结果出来时'}
                  </Text>
                </View>
                <Chip tone={u.byWeChat ? 'green' : 'grey'}>{u.byWeChat ? '微信 + 消息' : '仅消息'}</Chip>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
