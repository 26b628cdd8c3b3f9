import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { signIn as signInAs, useRunningApp } from '../support/app'
import { artifactsDir, phone } from '../support/browser'
import { header, xlsx } from '../support/api'

/**
 * In Chromium against the server `npm start` runs: the secretary imports a spreadsheet and sees
 * the new teachers on the roster; one of them joins from her phone with the invite code and the
 * roster shows her bound.
 */
const app = useRunningApp()
const signIn = (page: Page, who: RegExp, next: string) => signInAs(page, app.url(), who, next)

const button = (page: Page, text: string) => page.locator('taro-button-core', { hasText: text }).first()

it('imports a roster from Excel, then a new teacher joins and shows as bound', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-e2e-'))
  const file = path.join(dir, '新学期花名册.xlsx')
  writeFileSync(
    file,
    await xlsx([
      header,
      ['欧阳明', '正式党员', '第二党小组（数学组）', '', '13600001001', '2016-07-01'],
      ['夏雨', '预备党员', '第二党小组（数学组）', '', '13600001002', '2025-06-20'],
    ]),
  )

  const secretary = await (await app.browser().newContext(phone)).newPage()
  await signIn(secretary, /李红梅/, '/packageAdmin/roster/import')
  const chooser = secretary.waitForEvent('filechooser')
  await button(secretary, '选择 Excel 文件').click()
  await (await chooser).setFiles(file)
  await secretary.getByText(/新增\s*2\s*人/).first().waitFor()
  await secretary.screenshot({ path: path.join(artifactsDir, 'roster-import-checked.png') })
  await button(secretary, '确认导入').click()
  await secretary.getByText('导入完成').first().waitFor()

  // Importing again with a change: the preview names who is updated and what changes.
  const again = path.join(dir, '调整党小组.xlsx')
  writeFileSync(again, await xlsx([header, ['欧阳明', '正式党员', '第三党小组（综合组）', '', '13600001001', '2016-07-01']]))
  await secretary.goto(`${app.url()}/packageAdmin/roster/import`)
  const chooser2 = secretary.waitForEvent('filechooser')
  await button(secretary, '选择 Excel 文件').click()
  await (await chooser2).setFiles(again)
  await secretary.getByText('第2行 欧阳明：党小组：第二党小组（数学组） → 第三党小组（综合组）').first().waitFor()
  await secretary.screenshot({ path: path.join(artifactsDir, 'roster-import-update-preview.png') })

  await secretary.goto(`${app.url()}/packageAdmin/roster/index`)
  await secretary.getByText('欧阳明').first().waitFor()
  await secretary.getByText('夏雨').first().waitFor()
  await secretary.screenshot({ path: path.join(artifactsDir, 'roster-after-import.png') })

  const teacher = await (await app.browser().newContext(phone)).newPage()
  await signIn(teacher, /新来的老师/, '/packageJoin/join/index')
  await teacher.locator('input[name="inviteCode"]').fill('MD1024')
  await teacher.locator('input[name="name"]').fill('夏雨')
  await teacher.locator('input[name="phone"]').fill('13600001002')
  await button(teacher, '加入支部').click()
  await teacher.getByText(/已加入|加入成功/).first().waitFor()
  await teacher.screenshot({ path: path.join(artifactsDir, 'join-bound.png') })
  await teacher.goto(`${app.url()}/pages/mine/index`)
  await teacher.getByText('夏雨').first().waitFor()
  await teacher.getByText('第二党小组（数学组）').first().waitFor()

  await secretary.reload()
  const row = secretary.locator('taro-view-core', { hasText: '夏雨' }).filter({ hasNotText: '欧阳明' }).last()
  await row.waitFor()
  expect(await row.textContent()).not.toContain('未绑定')
  const other = secretary.locator('taro-view-core', { hasText: '欧阳明' }).filter({ hasNotText: '夏雨' }).last()
  expect(await other.textContent()).toContain('未绑定')
  await secretary.screenshot({ path: path.join(artifactsDir, 'roster-after-join.png'), fullPage: true })
})

it('brings back a member transferred out by mistake, and shows a 组织委员 what only the 书记 may change', async () => {
  // Set the stage as the secretary would: 周静 transferred out by mistake.
  const staged = await fetch(`${app.url()}/localcloud/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'roster', event: { action: 'roster.transferOut', input: { memberId: 'member-008', note: '误转出' } }, openid: 'demo-secretary' }),
  })
  expect(((await staged.json()) as { result: { ok: boolean } }).result.ok).toBe(true)
  const secretary = await (await app.browser().newContext(phone)).newPage()
  await signIn(secretary, /李红梅/, '/packageAdmin/roster/member?memberId=member-008')
  await secretary.getByText('该成员已转出本支部').first().waitFor()
  await button(secretary, '恢复在册').click()
  await secretary.locator('.prompt-sheet textarea').fill('转出有误，恢复在册')
  await secretary.locator('.prompt-sheet taro-button-core', { hasText: '恢复在册' }).click()
  await secretary.getByText('转出有误，恢复在册').first().waitFor()
  expect(await secretary.getByText('该成员已转出本支部').count()).toBe(0)
  await secretary.screenshot({ path: path.join(artifactsDir, 'roster-member-reactivated.png'), fullPage: true })

  const organizer = await (await app.browser().newContext(phone)).newPage()
  await signIn(organizer, /张建国/, '/packageAdmin/roster/member?memberId=member-001')
  await organizer.getByText(/该成员是支委或有管理权限/).first().waitFor()
  expect(await organizer.locator('taro-button-core', { hasText: '解除微信绑定' }).count()).toBe(0)
  expect(await organizer.locator('taro-button-core', { hasText: /^\s*转出\s*$/ }).count()).toBe(0)
})
