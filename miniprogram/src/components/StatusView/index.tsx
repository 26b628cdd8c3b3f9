import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Empty } from '@nutui/nutui-react-taro'
import type { ApiError } from '../../../../shared/errors'
import { isRetryable } from '../../../../shared/error-messages/common'
import { joinPage } from '../../../../shared/domain/invite-code'
import './index.scss'

/** The loading line of a page section. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return <View className='card status-view status-view--loading'>{text}</View>
}

/** Our round mark (a character in a status colour) in place of NutUI's stock pictures. */
function Mark({ mark, tone }: { mark: string; tone: 'red' | 'green' | 'amber' }) {
  return <View className={`status-view__icon status-view__icon--${tone}`}>{mark}</View>
}

/** A failed load: the Chinese message and, only where trying again can help (the network, a busy server), a retry button. */
export function LoadError({ error, onRetry: retry }: { error: ApiError; onRetry?: () => void }) {
  const onRetry = isRetryable(error.code) ? retry : undefined
  return (
    <Empty className='card status-view' image={<Mark mark='!' tone='amber' />} title={error.message} description=''>
      {onRetry ? (
        <Button className='status-view__action' type='primary' fill='outline' size='small' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </Empty>
  )
}

/** An empty or finished state: a mark, a title, a note and optional actions. */
export function StatusCard(props: { mark?: string; tone?: 'red' | 'green' | 'amber'; title: string; note?: ReactNode; children?: ReactNode }) {
  const { mark = '党', tone = 'red', title, note, children } = props
  return (
    <Empty className='card status-view' image={<Mark mark={mark} tone={tone} />} title={title} description={note ?? ''}>
      {children ? <View className='status-view__actions'>{children}</View> : null}
    </Empty>
  )
}

/** The way to join the branch, for a WeChat user not on it yet. */
export function JoinButton() {
  return (
    <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: `/${joinPage}` })}>
      加入支部
    </Button>
  )
}

/** What someone not yet in a branch sees in place of the page: why, and the way to join. */
export function JoinPrompt({ title = '你还没有加入支部', note }: { title?: string; note: ReactNode }) {
  return (
    <StatusCard title={title} note={note}>
      <JoinButton />
    </StatusCard>
  )
}
