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
    expect(preview).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, groupsCreated: ['第四党小组（体育组）'] })
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
    expect(await ok(cloud, secretary, 'roster.import', { fileID, dryRun: false })).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1, groupsCreated: [] })
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
    expect(rows[0]).toEqual(header)
  })

  it('exports the roster with full phones for the secretary', async () => {
    const link = await ok(cloud, secretary, 'roster.export', {})
    const rows = await readXlsx(await download(link.url))
    expect(rows[0][0]).toMatch(/明德实验学校第一党支部花名册/)
    expect(rows[1]).toEqual(['序号', ...header, '状态', '微信绑定'])
    const li = rows.find((r) => r[1] === '李红梅')!
    expect(li.slice(2)).toEqual(['正式党员', '第一党小组（语文组）', '书记', '13910000000', '2001-07-01', '在册', '已绑定'])
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
