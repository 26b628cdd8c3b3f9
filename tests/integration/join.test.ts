import type { LocalCloud } from '../../localcloud/server'
import { startSeededCloud } from '../support/cloud'
import { callAs, ok } from '../support/api'

let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
})
afterAll(() => cloud.close())

const secretary = 'demo-secretary'
const bindingsOf = (memberId: string) => cloud.store.docs('bindings').filter((b) => b.memberId === memberId)

describe('joining the branch', () => {
  it('binds at once when name and phone match an unbound roster entry', async () => {
    // 周静 (member-008) is on the roster, not bound.
    const result = await ok(cloud, 'o-zhoujing', 'join.submit', { inviteCode: 'md1024', name: '周静', phone: '13910055433' })
    expect(result).toEqual({ status: 'bound', branchName: '明德实验学校第一党支部', memberName: '周静' })
    const me = await ok(cloud, 'o-zhoujing', 'member.me', {})
    expect(me.member).toMatchObject({ name: '周静', branch: { name: '明德实验学校第一党支部' } })
    expect(await callAs(cloud, 'o-zhoujing', 'join.submit', { inviteCode: 'MD1024', name: '周静', phone: '13910055433' })).toMatchObject({
      ok: false,
      error: { code: 'JOIN.ALREADY_BOUND' },
    })
  })

  it('lets exactly one of ten identities racing for the same member bind', async () => {
    // 吴磊 (member-009)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ok(cloud, `o-racer-${i}`, 'join.submit', { inviteCode: 'MD1024', name: '吴磊', phone: '13910063352' })),
    )
    expect(results.filter((r) => r.status === 'bound')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'pending')).toHaveLength(9)
    expect(bindingsOf('member-009')).toHaveLength(1)
  })

  it('binds one identity once when it presses join five times at once', async () => {
    // 郑雪 (member-010)
    const results = await Promise.all(
      Array.from({ length: 5 }, () => callAs(cloud, 'o-impatient', 'join.submit', { inviteCode: 'MD1024', name: '郑雪', phone: '13910071271' })),
    )
    expect(results.filter((r) => r.ok && r.data.status === 'bound')).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'JOIN.ALREADY_BOUND')).toBe(true)
    expect(cloud.store.docs('bindings').filter((b) => b._id === 'o-impatient')).toHaveLength(1)
  })

  it('sends a near match to the secretary, who binds it to the right entry', async () => {
    // The teacher typed a new phone number: no exact match.
    const pending = await ok(cloud, 'o-feng', 'join.submit', { inviteCode: 'MD1024', name: '冯涛', phone: '13512345678' })
    expect(pending).toEqual({ status: 'pending', branchName: '明德实验学校第一党支部', requestId: 'o-feng' })
    expect((await ok(cloud, 'o-feng', 'member.me', {})).pendingJoin).toMatchObject({ branchName: '明德实验学校第一党支部' })
    expect(await callAs(cloud, 'o-feng', 'join.submit', { inviteCode: 'MD1024', name: '冯涛', phone: '13512345678' })).toMatchObject({
      ok: false,
      error: { code: 'JOIN.REQUEST_PENDING' },
    })

    const requests = await ok(cloud, secretary, 'join.listRequests', {})
    const request = requests.find((r) => r.id === 'o-feng')!
    expect(request).toMatchObject({ name: '冯涛', phoneMasked: '135****5678' })
    expect(request.candidates).toEqual([expect.objectContaining({ name: '冯涛', bound: false })])

    await ok(cloud, secretary, 'join.decide', { requestId: 'o-feng', decision: 'bindExisting', memberId: request.candidates[0].memberId })
    expect((await ok(cloud, 'o-feng', 'member.me', {})).member?.name).toBe('冯涛')
    expect(await callAs(cloud, secretary, 'join.decide', { requestId: 'o-feng', decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'JOIN.REQUEST_CLOSED' } })
  })

  it('adds a newcomer who is not on the roster as a new member on approval', async () => {
    await ok(cloud, 'o-new', 'join.submit', { inviteCode: 'MD1024', name: '新老师', phone: '13512340000' })
    await ok(cloud, secretary, 'join.decide', { requestId: 'o-new', decision: 'createMember', category: 'nonMember', groupId: 'group-1-2' })
    const me = await ok(cloud, 'o-new', 'member.me', {})
    expect(me.member).toMatchObject({ name: '新老师', category: 'nonMember', group: { name: '第二党小组（数学组）' } })
    const roster = await ok(cloud, secretary, 'roster.list', {})
    expect(roster.members.find((m) => m.name === '新老师')).toMatchObject({ bound: true })
  })

  it('tells a rejected applicant why, and binds nothing', async () => {
    await ok(cloud, 'o-stranger', 'join.submit', { inviteCode: 'MD1024', name: '路人', phone: '13512349999' })
    await ok(cloud, secretary, 'join.decide', { requestId: 'o-stranger', decision: 'reject', comment: '不是本支部教师' })
    expect(await ok(cloud, 'o-stranger', 'member.me', {})).toMatchObject({ openidBound: false, pendingJoin: null, joinRejected: { branchName: '明德实验学校第一党支部', comment: '不是本支部教师' } })
  })

  it('slows down someone guessing invite codes', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await callAs(cloud, 'o-guesser', 'join.submit', { inviteCode: `WRONG${i}`, name: '猜码', phone: '13512348888' })).toMatchObject({
        ok: false,
        error: { code: 'JOIN.INVITE_CODE_INVALID' },
      })
    }
    expect(await callAs(cloud, 'o-guesser', 'join.submit', { inviteCode: 'MD1024', name: '猜码', phone: '13512348888' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    })
  })

  it('gives the secretary an invite QR code that opens the join page', async () => {
    const invite = await ok(cloud, secretary, 'join.inviteCode', {})
    expect(invite).toMatchObject({ inviteCode: 'MD1024', branchName: '明德实验学校第一党支部' })
    const png = Buffer.from(await (await fetch(invite.qr.url)).arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
  })

  it('exports everything the app holds about me', async () => {
    const mine = await ok(cloud, 'o-feng', 'member.exportMine', {})
    expect(mine.member?.name).toBe('冯涛')
    expect(mine.history.map((h) => h.action)).toContain('bound')
    expect(mine.joinRequests).toEqual([expect.objectContaining({ status: 'bound', phoneMasked: '135****5678' })])
    expect(JSON.stringify(mine)).not.toContain('13512345678')
  })
})
