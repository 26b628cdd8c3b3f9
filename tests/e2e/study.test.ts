import path from 'node:path'
import type { Page } from 'playwright-core'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'

/**
 * Study in Chromium against the server `npm start` runs, with two people: the secretary sets a
 * task, a teacher writes and submits a note, the secretary returns it with a comment, the teacher
 * revises and resubmits, and it is approved as 优秀. Then the secretary sets a theory test, the
 * teacher takes it, sees no score while it is open, and sees the score and the correct answers
 * once the secretary has closed it.
 */
const app = useRunningApp()

// Taro's H5 router keeps earlier pages in the DOM, hidden: look only at what is on screen.
const button = (page: Page, text: string | RegExp) => page.locator('taro-button-core:visible', { hasText: text }).first()
const visible = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first()
const exactly = (page: Page, text: string) => page.getByText(text, { exact: true }).locator('visible=true').first()
const field = (page: Page, selector: string) => page.locator(selector).locator('visible=true').first()
/** A button on the page at `path`: while one page slides over another, both are on screen. */
const buttonOn = (page: Page, path: string, text: string) => page.locator(`[id^="${path}"] taro-button-core`, { hasText: text }).first()
/** Answers Taro's H5 showModal with its confirm button. */
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true })
const signIn = (page: Page, who: RegExp, next: string) => signInAs(page, app.url(), who, next)

it('takes a note from submission through return and resubmission to 优秀', async () => {
  const secretary = await (await app.browser().newContext(phone)).newPage()
  const teacher = await (await app.browser().newContext(phone)).newPage()
  await signIn(secretary, /李红梅/, '/packageStudy/task-edit/index')
  await field(secretary, 'input[name="title"]').fill('学习《习近平谈治国理政》第五卷')
  await field(secretary, 'input[name="minChars"]').fill('20')
  await button(secretary, '布置').click()
  await visible(secretary, '已布置').waitFor()

  await signIn(teacher, /孙伟/, '/pages/study/index')
  await visible(teacher, '学习《习近平谈治国理政》第五卷').click()
  // The 学习 tab has a 写心得 button of its own (a free-standing note): wait for the task's page.
  await teacher.waitForURL((url) => url.pathname === '/packageStudy/task/index')
  await visible(teacher, '需提交学习心得，不少于 20 字').waitFor()
  await buttonOn(teacher, '/packageStudy/task/index', '写心得').click()
  await teacher.waitForURL((url) => url.pathname === '/packageStudy/note/index')
  const body = field(teacher, 'textarea[name="body"]')
  await body.fill('认真研读第五卷，体会到教育强国建设的重要意义。')
  await visible(teacher, '已写 23 字 · 要求不少于 20 字').waitFor()
  await button(teacher, /^提交$/).click()
  await confirmModal(teacher)
  await visible(teacher, '已提交，等待支部审阅。').waitFor()

  await secretary.goto(`${app.url()}/packageStudy/review/index`)
  await visible(secretary, '学习《习近平谈治国理政》第五卷心得').click()
  await button(secretary, '退回修改').click()
  await field(secretary, 'textarea[name="comment"]').fill('请结合班主任工作谈具体做法')
  await button(secretary, /^退回$/).click()
  await visible(secretary, '已退回').waitFor()

  await teacher.goto(`${app.url()}/pages/study/index`)
  await visible(teacher, '学习《习近平谈治国理政》第五卷心得').click()
  await visible(teacher, '审阅意见：请结合班主任工作谈具体做法').waitFor()
  await shot(teacher, 'study-note-returned')
  await field(teacher, 'textarea[name="body"]').fill('认真研读第五卷，体会到教育强国建设的重要意义。作为班主任，我每周开一次主题班会，带学生读原文、讲故事。')
  await button(teacher, '重新提交').click()
  await confirmModal(teacher)
  await visible(teacher, '已提交，等待支部审阅。').waitFor()

  await secretary.goto(`${app.url()}/packageStudy/review/index`)
  await visible(secretary, '学习《习近平谈治国理政》第五卷心得').click()
  await visible(secretary, '修改后重新提交').waitFor()
  await button(secretary, '评为优秀').click()
  await confirmModal(secretary)
  await visible(secretary, '李红梅 审阅通过（优秀）').waitFor()

  await teacher.reload()
  await button(teacher, '同意在支部内交流').waitFor()
  await visible(teacher, /李红梅 审阅通过（优秀）/).waitFor()
  await shot(teacher, 'study-note-excellent-e2e')
})

it('lets a teacher take a test once and see the result after the window closes', async () => {
  const secretary = await (await app.browser().newContext(phone)).newPage()
  const teacher = await (await app.browser().newContext(phone)).newPage()
  await signIn(secretary, /李红梅/, '/packageStudy/test-edit/index')
  await field(secretary, 'input[name="title"]').fill('十二月理论小测')
  await field(secretary, 'textarea[name="stem"]').fill('中国共产党的根本宗旨是？')
  await field(secretary, 'textarea[name="options"]').fill('全心全意为人民服务\n发展生产力')
  await field(secretary, 'input[name="answer"]').fill('A')
  await field(secretary, 'input[name="points"]').fill('10')
  await button(secretary, '添加这道题').click()
  await visible(secretary, '题目（1 道，满分 10 分）').waitFor()
  // The teacher looks next: wait for the server's answer to the publish, not for its short toast.
  const published = secretary.waitForResponse((r) => r.url().endsWith('/gateway/call') && (r.request().postData() ?? '').includes('"exam.create"'))
  await button(secretary, '发布测试').click()
  expect((await (await published).json()).result).toMatchObject({ ok: true })

  await signIn(teacher, /孙伟/, '/pages/study/index')
  await visible(teacher, '十二月理论小测').click()
  await button(teacher, '开始答题').click()
  await visible(teacher, '全心全意为人民服务').click()
  await visible(teacher, '已答 1/1').waitFor()
  await shot(teacher, 'study-test-taking')
  await button(teacher, /^交卷$/).click()
  await confirmModal(teacher)
  await visible(teacher, /成绩和正确答案将于 .* 测试结束后公布/).waitFor()
  const testUrl = teacher.url()

  await secretary.goto(`${app.url()}/packageStudy/manage/index`)
  await exactly(secretary, '理论测试').click()
  await visible(secretary, '十二月理论小测').click()
  await visible(secretary, '已交卷').waitFor()
  await button(secretary, '提前结束测试').click()
  await confirmModal(secretary)
  await visible(secretary, '90% 及以上').waitFor()
  await shot(secretary, 'study-test-overview-e2e')

  await teacher.goto(testUrl)
  await visible(teacher, '满分 10 分').waitFor()
  await visible(teacher, '正确答案：A').waitFor()
  await visible(teacher, '得分：10 / 10').waitFor()
  await shot(teacher, 'study-test-result-e2e')
})
