import Taro, { useDidShow } from '@tarojs/taro'
import { call } from './api'

/** The tab whose badge counts unread 消息 (首页, where the messages are). */
const inboxTab = 0
const tabPages = ['pages/home/index', 'pages/meetings/index', 'pages/volunteer/index', 'pages/study/index', 'pages/mine/index']

/** Shows the unread count on the tab bar. */
export async function refreshUnreadBadge(): Promise<void> {
  const result = await call('inbox.unread', {})
  const unread = result.ok ? result.data.unread : 0
  try {
    if (unread > 0) await Taro.setTabBarBadge({ index: inboxTab, text: unread > 99 ? '99+' : String(unread) })
    else await Taro.removeTabBarBadge({ index: inboxTab })
  } catch {
    // Not on a tab page any more: the next tab page to show sets it.
  }
}

/** Keeps the badge current whenever a tab page comes into view. */
export function useUnreadBadge(): void {
  useDidShow(() => {
    const path = (Taro.getCurrentInstance().router?.path ?? '').replace(/^\//, '').split('?')[0]
    if (tabPages.includes(path)) void refreshUnreadBadge()
  })
}
