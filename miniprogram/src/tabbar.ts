/**
 * The tab bar: each tab's page, label and icon, from the Tabler icon set (outline when normal,
 * filled when selected). scripts/tabbar-icons.ts draws the PNGs in assets/tabbar/.
 */
export const tabs = [
  { pagePath: 'pages/home/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/meetings/index', text: '活动', icon: 'calendar-event' },
  { pagePath: 'pages/volunteer/index', text: '志愿', icon: 'heart' },
  { pagePath: 'pages/study/index', text: '学习', icon: 'book' },
  { pagePath: 'pages/mine/index', text: '我的', icon: 'user' },
] as const

/** Where a tab's icon lives, relative to miniprogram/src (as the app config wants it). */
export const tabIconPath = (icon: string, selected: boolean) => `assets/tabbar/${icon}${selected ? '-active' : ''}.png`
