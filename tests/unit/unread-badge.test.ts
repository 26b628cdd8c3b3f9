/**
 * The unread badge on the tab bar, with a stand-in for WeChat's tab bar that records what it is
 * told: the count of unread 消息 on 首页, "99+" beyond 99, and no badge at all when none is unread.
 */
const mockTabBar: Array<{ call: string; index: number; text?: string }> = []
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    setTabBarBadge: async (o: { index: number; text: string }) => void mockTabBar.push({ call: 'set', ...o }),
    removeTabBarBadge: async (o: { index: number }) => void mockTabBar.push({ call: 'remove', ...o }),
  },
  useDidShow: () => undefined,
}))

import { showUnreadBadge } from '../../miniprogram/src/services/badge'

it('shows the unread count on 首页, 99+ beyond 99, and clears it when all are read', () => {
  showUnreadBadge(3)
  showUnreadBadge(120)
  showUnreadBadge(0)
  expect(mockTabBar).toEqual([
    { call: 'set', index: 0, text: '3' },
    { call: 'set', index: 0, text: '99+' },
    { call: 'remove', index: 0 },
  ])
})
