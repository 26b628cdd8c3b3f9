import { themeColors } from './styles/colors'
import { tabIconPath, tabs } from './tabbar'

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/meetings/index',
    'pages/volunteer/index',
    'pages/study/index',
    'pages/mine/index',
    // Every teacher needs these fast: the check-in link opens straight into the main package.
    'pages/checkin/index',
    'pages/meeting/index',
    'pages/inbox/index',
  ],
  // Pages only the secretary (manageRoster) or an organisation admin opens: loaded on demand,
  // so the main package every teacher downloads stays small.
  subPackages: [
    {
      root: 'packageAdmin',
      pages: [
        'roster/index',
        'roster/import',
        'roster/member',
        'join-requests/index',
        'invite/index',
        'org/index',
      ],
    },
    // Pages of those who run meetings (create, host screen, attendance, minutes, leave approval).
    {
      root: 'packageMeeting',
      pages: ['edit/index', 'code/index', 'attendance/index', 'minutes/index', 'leave/index', 'makeups/index', 'inactive/index', 'member-record/index', 'history/index'],
    },
    // 志愿服务: a shift's page, the leader's code and hours, and the managers' pages.
    {
      root: 'packageVolunteer',
      pages: ['shift/index', 'code/index', 'hours/index', 'manage/index', 'activity/index', 'activity-edit/index', 'shift-edit/index', 'roster/index', 'figures/index'],
    },
    // A member's pages opened now and then: everything the app holds about them (我的数据), and
    // 补学 after an approved leave.
    { root: 'packageMine', pages: ['mydata/index', 'makeup/index'] },
    // Joining the branch: opened once by each teacher, from the invite code or a 加入支部 button.
    { root: 'packageJoin', pages: ['join/index'] },
    // A member's reminders (what is coming, how many are left) and who was reached, for the committee.
    { root: 'packageReminders', pages: ['mine/index', 'sent/index'] },
    // Study beyond the 学习 tab: a task and writing a note, review, setting tasks and tests,
    // taking a test, counts.
    {
      root: 'packageStudy',
      pages: [
        'task/index',
        'note/index',
        'manage/index',
        'task-edit/index',
        'pending/index',
        'review/index',
        'review/note',
        'shared/index',
        'year/index',
        'test/index',
        'test-edit/index',
        'test-overview/index',
        'test-grade/index',
      ],
    },
    // 发展党员: the pipeline and each person's timeline, for the committee, the people linked and the person.
    { root: 'packageDevelopment', pages: ['list/index', 'person/index', 'settings/index'] },
    // The secretary's desk: compliance calendar, figures and 台账, charts (the chart library lives
    // only here), the organisation's view.
    {
      root: 'packageDesk',
      pages: ['calendar/index', 'figures/index', 'charts/index', 'org/index', 'table/index'],
    },
    // 民主评议党员: 自评, the secret ballot, and the committee's 评定意见.
    { root: 'packageAppraisal', pages: ['round/index'] },
    // 党费: each member's own record, and the register its keepers record in (no money passes through the app).
    { root: 'packageDues', pages: ['mine/index', 'list/index'] },
  ],
  window: {
    navigationBarTitleText: '支部通',
    navigationBarBackgroundColor: themeColors.partyRed,
    navigationBarTextStyle: 'white',
    backgroundColor: themeColors.bg,
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: themeColors.textMuted,
    selectedColor: themeColors.partyRed,
    backgroundColor: themeColors.card,
    borderStyle: 'white',
    list: tabs.map((tab) => ({ pagePath: tab.pagePath, text: tab.text, iconPath: tabIconPath(tab.icon, false), selectedIconPath: tabIconPath(tab.icon, true) })),
  },
  // WeChat privacy agreement (mandatory since 2023-10): privacy APIs wait for
  // wx.onNeedPrivacyAuthorization, answered by <PrivacyGate/>.
  // getLocation (geofenced check-in) must be declared, with the reason shown to the teacher.
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        __usePrivacyCheck__: true,
        requiredPrivateInfos: ['getLocation'],
        permission: { 'scope.userLocation': { desc: '用于确认你在会场或志愿服务地点附近签到' } },
      }
    : {}),
})
