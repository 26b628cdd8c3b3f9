import Taro, { useDidShow } from '@tarojs/taro'
import { call } from './api'
import { nextContentSettled } from './content-settled'

/** The tab whose badge counts unread 消息 (首页, where the messages are). */
const inboxTab = 0
/**
 * Tab pages that ask for the count when they show. 首页 reports it with its own data (home.desk);
 * 我的 leaves the badge as the other tabs set it, and keeps to its one call.
 */
const asksForCount = ['pages/meetings/index', 'pages/volunteer/index', 'pages/study/index']

/** Shows an unread count on the tab bar. */
export function showUnreadBadge(unread: number): void {
  const done = unread > 0 ? Taro.setTabBarBadge({ index: inboxTab, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index: inboxTab })
  // Not on a tab page any more: the next tab page to show sets it.
  void Promise.resolve(done).catch(() => undefined)
}

/**
 * Keeps the badge current whenever a tab page without a count of its own comes into view: asked
 * once the page's own content has come, never before it.
 */
export function useUnreadBadge(): void {
  useDidShow(() => {
    const path = (Taro.getCurrentInstance().router?.path ?? '').replace(/^\//, '').split('?')[0]
    if (!asksForCount.includes(path)) return
    void nextContentSettled()
      .then(() => call('inbox.unread', {}))
      .then((r) => {
        if (r.ok) showUnreadBadge(r.data.unread)
      })
  })
}
