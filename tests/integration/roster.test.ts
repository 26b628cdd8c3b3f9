import ExcelJS from 'exceljs'
import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, header, ok, readXlsx, upload, xlsx } from '../support/api'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const activeMembers = (branchId: string) => cloud.store.docs('members').filter((m) => m.branchId === branchId && m.status === 'active')

const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer())

describe('roster import from Excel', () => {
  it('previews, then imports a good sheet, creating members and groups', async () => {
    const before = activeMembers('branch-mingde-1').length
    const fileID = await upload(
      cloud,
      secretary,
      await xlsx(
        [
          header,
          ['周小川', '正式党员', '第一党小组（语文组）', '', '13700000001', '2010-07-01'],
          ['钱多多', '预备党员', '第四党小组（体育组）', '', '137 0000 0002', new Date(Date.UTC(2025, 5, 20))],
          ['孙悟', '入党积极分子', '第四党小组（体育组）', '党小组长', '+8613700000003', null],
        ],
        { title: '明德实验学校第一党支部花名册' },
      ),
    )
    const preview = await ok(cloud, secretary, 'roster.import', { fileID, dryRun: true })
    expect(preview).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, groupsCreated: ['第四党小组（体育组）'], changes: [] })
    expect(activeMembers('branch-mingde-1')).toHaveLength(before)

    await ok(cloud, secretary, 'roster.import', { fileID, dryRun: false })
    const roster = await ok(cloud, secretary, 'roster.list', {})
    expect(roster.members).toHaveLength(before + 3)
    const qian = roster.members.find((m) => m.name === '钱多多')
    expect(qian).toMatchObject({ category: 'probationary', groupName: '第四党小组（体育组）', phoneMasked: '137****0002', joinedPartyAt: '2025-06-20', bound: false })
    expect(roster.members.find((m) => m.name === '孙悟')).toMatchObject({ positions: ['groupLeader'], category: 'activist' })
    expect(roster.groups.map((g) => g.name)).toContain('第四党小组（体育组）')
  })

  it('updates members on re-import instead of duplicating them', async () => {
    const before = activeMembers('branch-mingde-1').length
    const fileID = await upload(
      cloud,
      secretary,
      await xlsx([
        header,
        ['周小川', '正式党员', '第二党小组（数学组）', '', '13700000001', '2010-07-01'],
        ['钱多多', '预备党员', '第四党小组（体育组）', '', '13700000002', '2025-06-20'],
      ]),
    )
    // The preview names who is updated and what changes, before anything is written.
    expect((await ok(cloud, secretary, 'roster.import', { fileID, dryRun: true })).changes).toEqual([{ row: 2, name: '周小川', change: '党小组：第一党小组（语文组） → 第二党小组（数学组）' }])
    expect(await ok(cloud, secretary, 'roster.import', { fileID, dryRun: false })).toMatchObject({ rows: 2, created: 0, updated: 1, unchanged: 1, groupsCreated: [] })
    expect(activeMembers('branch-mingde-1')).toHaveLength(before)
    const zhou = (await ok(cloud, secretary, 'roster.list', {})).members.find((m) => m.name === '周小川')!
    expect(zhou.groupName).toBe('第二党小组（数学组）')
    const history = (await ok(cloud, secretary, 'roster.get', { memberId: zhou.id })).history
    expect(history[0]).toMatchObject({ action: 'imported', byName: '李红梅' })
    expect(history[0].note).toContain('党小组：第一党小组（语文组） → 第二党小组（数学组）')
  })

  it('leaves groups and positions alone when the sheet has no such columns', async () => {
    const fileID = await upload(cloud, secretary, await xlsx([['姓名', '党员类别', '手机号'], ['李红梅', '正式党员', '13910000000'], ['张建国', '正式党员', '13910007919']]))
    expect(await ok(cloud, secretary, 'roster.import', { fileID, dryRun: false })).toMatchObject({ updated: 0, unchanged: 2 })
    expect(await ok(cloud, secretary, 'member.me', {})).toMatchObject({ member: { positions: ['secretary'], group: { name: '第一党小组（语文组）' } } })
  })

  it("refuses an import that would change the importer's own positions or appoint 支委 without the secretary", async () => {
    const fileID = await upload(cloud, 'demo-org-committee', await xlsx([header, ['张建国', '正式党员', '第二党小组（数学组）', '书记', '13910007919', ''], ['孙伟', '正式党员', '第一党小组（语文组）', '宣传委员', '13910047514', '']]))
    const result = await callAs(cloud, 'demo-org-committee', 'roster.import', { fileID, dryRun: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT.ROWS_INVALID', fields: { 第2行: '不能修改自己的职务，请由其他支委操作', 第3行: '只有书记或副书记可以任免支委职务' } } })
  })

  it('reports every bad row by number and imports nothing', async () => {
    const fileID = await upload(
      cloud,
      secretary,
      await xlsx([
        header,
        ['', '正式党员', '', '', '13700000010', ''],
        ['张好', '党员', '', '', '13700000011', ''],
        ['李好', '正式党员', '', '主任', '1370000001', ''],
        ['王好', '正式党员', '', '', '13700000011', ''],
        ['赵好', '正式党员', '', '', '13910000000', ''],
        ['钱好', '预备党员', '', '', '13700000015', '2025-02-30'],
        ['孙好', '正式党员', '', '党小组长', '13700000016', ''],
        ['周好', '正式党员', '第一党小组（语文组）', '', '13700000017', ''],
      ]),
    )
    const seqBefore = cloud.store.commitSeq
    const result = await callAs(cloud, secretary, 'roster.import', { fileID, dryRun: false })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('IMPORT.ROWS_INVALID')
    expect(result.error.message).toMatch(/7 行错误/)
    expect(result.error.fields).toEqual({
      第2行: '姓名为空',
      第3行: expect.stringContaining('党员类别“党员”无法识别'),
      第4行: expect.stringMatching(/职务“主任”无法识别.*手机号“1370000001”格式不正确/),
      第5行: '手机号与第3行重复',
      第6行: '手机号已登记在“李红梅”名下',
      第7行: expect.stringContaining('入党时间“2025-02-30”无法识别'),
      第8行: '党小组长需要填写所在党小组',
    })
    expect(cloud.store.commitSeq).toBe(seqBefore)
  })

  it.each([
    ['a file that is not Excel', Buffer.from('姓名,手机号\n张三,13700000001'), 'IMPORT.FILE_TYPE'],
    ['an old .xls file', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'IMPORT.FILE_TYPE'],
  ])('refuses %s with a clear message', async (_label, content, code) => {
    const fileID = await upload(cloud, secretary, content)
    const result = await callAs(cloud, secretary, 'roster.import', { fileID, dryRun: true })
    expect(result).toMatchObject({ ok: false, error: { code } })
  })

  it('refuses an empty sheet, a sheet without the headings and a huge sheet', async () => {
    const empty = await upload(cloud, secretary, await xlsx([header]))
    expect(await callAs(cloud, secretary, 'roster.import', { fileID: empty, dryRun: true })).toMatchObject({ ok: false, error: { code: 'IMPORT.EMPTY' } })
    const noHeader = await upload(cloud, secretary, await xlsx([['名字', '类别'], ['张三', '正式党员']]))
    expect(await callAs(cloud, secretary, 'roster.import', { fileID: noHeader, dryRun: true })).toMatchObject({ ok: false, error: { code: 'IMPORT.HEADER' } })
    const rows = Array.from({ length: 3100 }, (_, i) => [`成员`, '正式党员', '', '', `136${String(i).padStart(8, '0')}`, ''])
    const huge = await upload(cloud, secretary, await xlsx([header, ...rows]))
    expect(await callAs(cloud, secretary, 'roster.import', { fileID: huge, dryRun: true })).toMatchObject({ ok: false, error: { code: 'IMPORT.TOO_LARGE' } })
  })

  it('answers FILE.NOT_FOUND for a file that is not in storage', async () => {
    const { cloudPath } = await ok(cloud, secretary, 'roster.prepareImport', {})
    const result = await callAs(cloud, secretary, 'roster.import', { fileID: cloud.storage.fileIdOf(cloudPath), dryRun: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE.NOT_FOUND' } })
  })

  it('gives a template whose headings import as they are', async () => {
    const link = await ok(cloud, secretary, 'roster.template', {})
    expect(link.fileName).toBe('花名册导入模板.xlsx')
    const rows = await readXlsx(await download(link.url))
    expect(rows[0]).toEqual([...header, '加入支部日期', '确定积极分子日期', '确定发展对象日期', '转正日期'])
  })

  it('imports the template as downloaded with rows filled in below its header, its instructions and blank rows ignored', async () => {
    const link = await ok(cloud, secretary, 'roster.template', {})
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await download(link.url)) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['花名册', '填写说明'])
    const guide: string[] = []
    workbook.getWorksheet('填写说明')!.eachRow((row) => guide.push((row.values as unknown[]).join(' ')))
    expect(guide.join('\n')).toContain('正式党员、预备党员、发展对象、入党积极分子、群众')
    const data = workbook.getWorksheet('花名册')!
    data.addRow(['林小满', '正式党员', '第一党小组（语文组）', '', '13500002001', '2015-07-01'])
    data.addRow(['', ' ', '', '', '', ''])
    data.addRow(['陶然', '入党积极分子', '第三党小组（综合组）', '', '13500002002', ''])
    const fileID = await upload(cloud, secretary, Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(await ok(cloud, secretary, 'roster.import', { fileID, dryRun: true })).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, groupsCreated: [], changes: [] })
  })

  it('exports the roster with full phones for the secretary', async () => {
    const link = await ok(cloud, secretary, 'roster.export', {})
    const rows = await readXlsx(await download(link.url))
    expect(rows[0][0]).toMatch(/明德实验学校第一党支部花名册/)
    expect(rows[1]).toEqual(['序号', ...header, '加入支部日期', '确定积极分子日期', '确定发展对象日期', '转正日期', '状态', '转出日期', '微信绑定'])
    const li = rows.find((r) => r[1] === '李红梅')!
    // An entry from before dates were kept is in the branch from the day it was created.
    expect(li.slice(2)).toEqual(['正式党员', '第一党小组（语文组）', '书记', '13910000000', '2001-07-01', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '', '', '', '在册', '', '已绑定'])
  })
})

describe('roster editing', () => {
  it('adds, edits, moves, sets positions, transfers out and keeps history', async () => {
    const added = await ok(cloud, secretary, 'roster.addMember', {
      name: '吴老师',
      category: 'full',
      groupId: 'group-1-1',
      positions: [],
      phone: '13600000001',
      joinedPartyAt: null,
    })
    expect(added).toMatchObject({ name: '吴老师', phone: '13600000001', groupName: '第一党小组（语文组）' })
    const moved = await ok(cloud, secretary, 'roster.updateMember', { memberId: added.id, groupId: 'group-1-3', positions: ['groupLeader'] })
    expect(moved).toMatchObject({ groupName: '第三党小组（综合组）', positions: ['groupLeader'] })
    const gone = await ok(cloud, secretary, 'roster.transferOut', { memberId: added.id, note: '调往区教育局' })
    expect(gone.status).toBe('transferredOut')
    expect(gone.history.map((h) => h.action)).toEqual(['transferredOut', 'updated', 'created'])
    expect(gone.history[1].note).toBe('党小组：第一党小组（语文组） → 第三党小组（综合组）；职务：无 → 党小组长')
    const listed = await ok(cloud, secretary, 'roster.list', {})
    expect(listed.members.some((m) => m.id === added.id)).toBe(false)
    const withTransferred = await ok(cloud, secretary, 'roster.list', { includeTransferred: true })
    expect(withTransferred.members.find((m) => m.id === added.id)?.status).toBe('transferredOut')
    expect(await callAs(cloud, secretary, 'roster.updateMember', { memberId: added.id, name: '吴某' })).toMatchObject({ ok: false, error: { code: 'ROSTER.TRANSFERRED' } })
  })

  it('refuses a phone already on the roster, and says why in Chinese', async () => {
    const result = await callAs(cloud, secretary, 'roster.addMember', { name: '重复', category: 'full', groupId: null, positions: [], phone: '13910000000', joinedPartyAt: null })
    expect(result).toMatchObject({ ok: false, error: { code: 'ROSTER.PHONE_TAKEN', message: '这个手机号已登记在另一位成员名下' } })
  })

  it('validates input field by field', async () => {
    const result = await callAs(cloud, secretary, 'roster.addMember', { name: '', category: 'full', groupId: null, positions: [], phone: '123', joinedPartyAt: '2020/1/1' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { name: '请填写姓名', phone: '请填写 11 位手机号', joinedPartyAt: '日期格式应为 2020-07-01' } },
    })
  })

  it('lets only the secretary appoint 支委, and nobody change their own positions', async () => {
    expect(await callAs(cloud, 'demo-org-committee', 'roster.updateMember', { memberId: 'member-002', positions: ['organizationCommittee', 'secretary'] })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '不能修改自己的职务，请由其他支委操作' },
    })
    expect(await callAs(cloud, 'demo-org-committee', 'roster.updateMember', { memberId: 'member-001', positions: [] })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '只有书记或副书记可以任免支委职务' },
    })
    // A group leader may be appointed by whoever manages the roster.
    expect((await ok(cloud, 'demo-org-committee', 'roster.updateMember', { memberId: 'member-011', positions: ['groupLeader'] })).positions).toEqual(['groupLeader'])
    expect((await ok(cloud, secretary, 'roster.updateMember', { memberId: 'member-011', positions: ['disciplineCommittee'] })).positions).toEqual(['disciplineCommittee'])
  })

  it('unbinds a WeChat identity, after which it is no longer that member', async () => {
    await ok(cloud, secretary, 'roster.unbind', { memberId: 'member-007' })
    expect(await ok(cloud, 'demo-member', 'member.me', {})).toMatchObject({ openidBound: false, member: null })
  })

  it('lets the secretary grant a capability beyond a position', async () => {
    expect(await callAs(cloud, 'demo-group-leader', 'roster.list', {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    const granted = await ok(cloud, secretary, 'roster.setCapabilities', { memberId: 'member-004', grants: ['manageRoster'], revokes: [] })
    expect(granted.capabilities).toContain('manageRoster')
    expect((await callAs(cloud, 'demo-group-leader', 'roster.list', {})).ok).toBe(true)
    await ok(cloud, secretary, 'roster.setCapabilities', { memberId: 'member-004', grants: [], revokes: [] })
  })

  it('shows an organisation admin every branch of the organisation, read-only', async () => {
    const branches = await ok(cloud, 'demo-org-admin', 'org.branches', {})
    expect(branches.map((b) => b.name).sort()).toEqual(['明德实验学校第一党支部', '明德实验学校第二党支部'])
    const other = await ok(cloud, 'demo-org-admin', 'roster.list', { branchId: 'branch-mingde-2' })
    expect(other).toMatchObject({ canManage: false, branch: { inviteCode: '' } })
    expect(other.members.map((m) => m.name).sort()).toEqual(['彭国华', '沈丹', '蒋文'].sort())
  })

  it('keeps each branch to itself', async () => {
    const own = await ok(cloud, 'demo-branch2-secretary', 'roster.list', {})
    expect(own.members.every((m) => ['彭国华', '蒋文', '沈丹'].includes(m.name))).toBe(true)
    expect(await callAs(cloud, 'demo-branch2-secretary', 'roster.list', { branchId: 'branch-mingde-1' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(await callAs(cloud, 'demo-branch2-secretary', 'roster.get', { memberId: 'member-001' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  })
})

describe('the accounts of those who hold office', () => {
  const deputy = { id: 'member-deputy', openid: 'demo-deputy', name: '赵副书', phone: '13599990001' }
  beforeAll(async () => {
    await cloud.store.commit([
      {
        coll: 'members',
        id: deputy.id,
        doc: { _id: deputy.id, branchId: 'branch-mingde-1', groupId: 'group-1-2', name: deputy.name, category: 'full', positions: ['deputySecretary'], phone: deputy.phone, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: new Date(), updatedAt: new Date() },
      },
      { coll: 'bindings', id: deputy.openid, doc: { _id: deputy.openid, memberId: deputy.id, branchId: 'branch-mingde-1', boundAt: new Date() } },
    ])
  })

  it('cannot be taken over by a 组织委员: unbinding, a new phone and a join from another WeChat all fail', async () => {
    const committee = cloud.store.getDoc('members', 'member-002') as unknown as { phone: string }
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, 'demo-org-committee', 'roster.unbind', { memberId: deputy.id })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '只有书记或副书记可以解除支委和有管理权限成员的微信绑定' },
    })
    expect(await callAs(cloud, 'demo-org-committee', 'roster.updateMember', { memberId: deputy.id, phone: committee.phone })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '只有书记或副书记可以修改支委和有管理权限成员的姓名或手机号' },
    })
    expect(await callAs(cloud, 'demo-org-committee', 'roster.transferOut', { memberId: deputy.id, note: '调离' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(cloud.store.commitSeq).toBe(seq)
    // From a second WeChat, with the 副书记's name and the 组织委员's phone: no match, so it waits for the secretary.
    expect(await ok(cloud, 'o-second-wechat', 'join.submit', { inviteCode: 'MD1024', name: deputy.name, phone: committee.phone })).toMatchObject({ status: 'pending' })
    expect(await ok(cloud, deputy.openid, 'member.me', {})).toMatchObject({ member: { id: deputy.id } })
    expect(await ok(cloud, 'o-second-wechat', 'member.me', {})).toMatchObject({ member: null })
  })

  it('still lets a 组织委员 correct an ordinary member’s name and phone', async () => {
    const fixed = await ok(cloud, 'demo-org-committee', 'roster.updateMember', { memberId: 'member-010', phone: '13599990002' })
    expect(fixed).toMatchObject({ phone: '13599990002', accountLocked: null })
  })

  it('lets nobody unbind, rename or transfer themselves', async () => {
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, secretary, 'roster.unbind', { memberId: 'member-001' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: '不能解除自己的微信绑定，请由其他支委操作' } })
    expect(await callAs(cloud, secretary, 'roster.updateMember', { memberId: 'member-001', name: '李红' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: '不能修改自己的姓名或手机号，请由其他支委操作' } })
    expect(await callAs(cloud, deputy.openid, 'roster.transferOut', { memberId: deputy.id, note: '调离' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: '不能将自己转出，请由其他支委操作' } })
    expect(cloud.store.commitSeq).toBe(seq)
    // Their own group or date of joining is not a way into anyone's account.
    expect((await ok(cloud, secretary, 'roster.updateMember', { memberId: 'member-001', joinedPartyAt: '2001-07-01' })).joinedPartyAt).toBe('2001-07-01')
    expect((await ok(cloud, secretary, 'roster.get', { memberId: 'member-001' })).accountLocked).toBe('这是你本人：姓名、手机号、微信绑定和转出需由其他支委操作')
  })

  it('never transfers out the only 书记, whoever asks', async () => {
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, deputy.openid, 'roster.transferOut', { memberId: 'member-001', note: '调离' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '支部至少要有一名书记，请先任命新书记' },
    })
    expect(await callAs(cloud, 'demo-org-committee', 'roster.transferOut', { memberId: 'member-001', note: '调离' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
    expect(cloud.store.commitSeq).toBe(seq)
    expect((cloud.store.getDoc('members', 'member-001') as unknown as { status: string }).status).toBe('active')
  })

  it('never imports a sheet that takes the position from the only 书记', async () => {
    const fileID = await upload(cloud, deputy.openid, await xlsx([header, ['李红梅', '正式党员', '第一党小组（语文组）', '', '13910000000', '']]))
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, deputy.openid, 'roster.import', { fileID, dryRun: false })).toMatchObject({
      ok: false,
      error: { code: 'IMPORT.ROWS_INVALID', fields: { 第2行: '支部至少要有一名书记，请先任命新书记' } },
    })
    expect(cloud.store.commitSeq).toBe(seq)
  })

  it('brings a transferred-out member back with their history, once, by the 书记 or 副书记 only', async () => {
    const member = await ok(cloud, secretary, 'roster.addMember', { name: '钱回来', category: 'full', groupId: 'group-1-1', positions: [], phone: '13599990003', joinedPartyAt: null })
    await ok(cloud, 'demo-org-committee', 'roster.transferOut', { memberId: member.id, note: '误转出' })
    const seq = cloud.store.commitSeq
    expect(await callAs(cloud, 'demo-org-committee', 'roster.reactivate', { memberId: member.id, note: '恢复' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN', message: '只有书记或副书记可以恢复已转出的成员' },
    })
    expect(cloud.store.commitSeq).toBe(seq)
    expect((await ok(cloud, secretary, 'roster.get', { memberId: member.id })).canReactivate).toBe(true)
    const results = await Promise.all(Array.from({ length: 5 }, () => callAs(cloud, secretary, 'roster.reactivate', { memberId: member.id, note: '转出有误，恢复在册' })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(4).fill('ROSTER.ACTIVE'))
    const back = await ok(cloud, secretary, 'roster.get', { memberId: member.id })
    expect(back).toMatchObject({ status: 'active', canReactivate: false })
    expect(back.history.map((h) => [h.action, h.note])).toEqual([
      ['reactivated', '转出有误，恢复在册'],
      ['transferredOut', expect.stringMatching(/^误转出（转出日期：\d{4}-\d{2}-\d{2}）$/)],
      ['created', '添加成员'],
    ])
    expect((await ok(cloud, secretary, 'roster.list', {})).members.some((m) => m.id === member.id)).toBe(true)
    // They rejoin with the invite code, as anyone on the roster does.
    expect(await ok(cloud, 'o-back-again', 'join.submit', { inviteCode: 'MD1024', name: '钱回来', phone: '13599990003' })).toMatchObject({ status: 'bound' })
  })

  it('keeps a 书记 when two 书记 transfer each other out, or take each other’s position, at the same moment', async () => {
    const branchId = 'branch-two-secretaries'
    const ids = ['two-sec-a', 'two-sec-b']
    const setUp = () =>
      cloud.store.commit([
        { coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: '双书记支部', inviteCode: 'TWO2025' } },
        ...ids.flatMap((id, i) => [
          {
            coll: 'members',
            id,
            doc: { _id: id, branchId, groupId: null, name: i ? '乙书记' : '甲书记', category: 'full', positions: ['secretary'], phone: `1359999100${i}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: new Date(), updatedAt: new Date() },
          },
          { coll: 'bindings', id: `o-${id}`, doc: { _id: `o-${id}`, memberId: id, branchId, boundAt: new Date() } },
        ]),
      ])
    const secretaries = () => cloud.store.docs('members').filter((m) => m.branchId === branchId && m.status === 'active' && (m.positions as string[]).includes('secretary'))

    await setUp()
    const transfers = await Promise.all([
      callAs(cloud, 'o-two-sec-a', 'roster.transferOut', { memberId: 'two-sec-b', note: '调离' }),
      callAs(cloud, 'o-two-sec-b', 'roster.transferOut', { memberId: 'two-sec-a', note: '调离' }),
    ])
    expect(transfers.filter((r) => r.ok)).toHaveLength(1)
    // The other is refused: still in office but the last 书记, or already transferred out and so no longer in the branch.
    const refused = transfers.find((r) => !r.ok)
    expect(refused && !refused.ok && `${refused.error.code} ${refused.error.message}`).toMatch(/^(AUTH.FORBIDDEN 支部至少要有一名书记，请先任命新书记|AUTH.NOT_BOUND)/)
    expect(secretaries()).toHaveLength(1)

    await setUp()
    const demotions = await Promise.all([
      callAs(cloud, 'o-two-sec-a', 'roster.updateMember', { memberId: 'two-sec-b', positions: [] }),
      callAs(cloud, 'o-two-sec-b', 'roster.transferOut', { memberId: 'two-sec-a', note: '调离' }),
    ])
    expect(demotions.filter((r) => r.ok)).toHaveLength(1)
    expect(secretaries()).toHaveLength(1)
  })
})
