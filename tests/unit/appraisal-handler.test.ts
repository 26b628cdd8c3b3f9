import { main } from '../../cloudfunctions/appraisal/index'
import type { AppraisalRoundView } from '../../shared/api/contract'
import type { AppraisalGrade } from '../../shared/domain/appraisal'
import type { MemberCategory, Position } from '../../shared/domain/member'
import type { Result } from '../../shared/errors'
import { MemoryDb } from '../support/memory-db'
import { bindingsOf, branchMember } from '../support/branch-members'

/** The appraisal function run as handlers: a fixed `now` and an in-memory database. */
const now = new Date('2026-12-20T10:00:00+08:00')

const member = (id: string, category: MemberCategory, positions: Position[] = []) => branchMember(id, category, now, { positions })

function world() {
  // 1 书记, 2 组织委员, 3–7 正式党员, 8 预备党员, 9 积极分子 (not in the round), x: another branch.
  const members = [
    member('1', 'full', ['secretary']),
    member('2', 'full', ['organizationCommittee']),
    ...['3', '4', '5', '6', '7'].map((id) => member(id, 'full')),
    member('8', 'probationary'),
    member('9', 'activist'),
    { ...member('x', 'full', ['secretary']), branchId: 'b2' },
  ]
  const db = new MemoryDb({ members, bindings: bindingsOf(members, now) })
  const call = async <T = AppraisalRoundView>(who: string, action: string, input: object, at = now) =>
    (await main.run({ action, input }, { caller: { openid: `o${who}`, appid: 'wx', source: 'wx_client' }, now: at, db })) as Result<T>
  const okData = async <T = AppraisalRoundView>(who: string, action: string, input: object) => {
    const r = await call<T>(who, action, input)
    if (!r.ok) throw new Error(`${action} by ${who}: ${r.error.code}`)
    return r.data
  }
  const open = () => okData('1', 'appraisal.open', { title: '2026年度民主评议党员', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  const ballot = (voter: string, round: AppraisalRoundView, grade: (memberId: string) => AppraisalGrade) =>
    call(voter, 'appraisal.vote', { roundId: round.id, grades: round.participants!.filter((p) => p.category === 'full' && p.memberId !== voter).map((p) => ({ memberId: p.memberId, grade: grade(p.memberId) })) })
  return { db, call, okData, open, ballot }
}

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code)

test('a round freezes the branch’s 正式 and 预备 党员, each voter grades the 正式党员 but themselves', async () => {
  const w = world()
  const round = await w.open()
  expect(round.participants?.map((p) => p.memberId)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
  expect(round.fullMembers).toBe(7)
  expect(round.excellentCap).toBe(2)
  const asProbationary = await w.okData('8', 'appraisal.round', { roundId: round.id })
  expect(asProbationary.mine?.candidates.map((c) => c.memberId)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  expect(asProbationary.participants).toBeNull()
  const asMember = await w.okData('3', 'appraisal.round', { roundId: round.id })
  expect(asMember.mine?.candidates.map((c) => c.memberId)).toEqual(['1', '2', '4', '5', '6', '7'])
  // A member who joins later changes nothing in the list.
  await w.db.add('members', member('10', 'full'))
  expect((await w.okData('1', 'appraisal.round', { roundId: round.id })).participants).toHaveLength(8)
  expect(code(await w.call('9', 'appraisal.round', { roundId: round.id }))).toBe('ok')
  expect((await w.okData('9', 'appraisal.round', { roundId: round.id })).mine).toBeNull()
  expect(code(await w.call('x', 'appraisal.round', { roundId: round.id }))).toBe('APPRAISAL.NOT_FOUND')
  expect(code(await w.call('1', 'appraisal.open', { title: '再来一次', periodStart: '2026-01-01', periodEnd: '2026-12-31' }))).toBe('APPRAISAL.ROUND_OPEN')
  expect(code(await w.call('3', 'appraisal.open', { title: '再来一次', periodStart: '2025-01-01', periodEnd: '2025-12-31' }))).toBe('AUTH.FORBIDDEN')
})

test('自评 is saved as a draft, then submitted, until the round closes', async () => {
  const w = world()
  const round = await w.open()
  const draft = await w.okData('3', 'appraisal.saveSelf', { roundId: round.id, text: '一年来认真履行党员义务' })
  expect(draft.mine).toMatchObject({ selfText: '一年来认真履行党员义务', selfSubmitted: false })
  const sent = await w.okData('3', 'appraisal.saveSelf', { roundId: round.id, text: '一年来认真履行党员义务。不足：学习不够系统。', submit: true })
  expect(sent.mine?.selfSubmitted).toBe(true)
  expect(code(await w.call('9', 'appraisal.saveSelf', { roundId: round.id, text: '我也想写' }))).toBe('APPRAISAL.NOT_A_VOTER')
  expect(code(await w.call('3', 'appraisal.saveSelf', { roundId: round.id, text: '  ', submit: true }))).toBe('INPUT.INVALID')
  await w.okData('1', 'appraisal.close', { roundId: round.id })
  expect(code(await w.call('3', 'appraisal.saveSelf', { roundId: round.id, text: '改一改' }))).toBe('APPRAISAL.NOT_OPEN')
})

test('a ballot grades every 正式党员 but the voter, once; tallies and names appear only after the close', async () => {
  const w = world()
  const round = await w.open()
  const grades = round.participants!.filter((p) => p.category === 'full' && p.memberId !== '3').map((p) => ({ memberId: p.memberId, grade: 'pass' }))
  expect(code(await w.call('3', 'appraisal.vote', { roundId: round.id, grades: grades.slice(1) }))).toBe('APPRAISAL.BALLOT_INCOMPLETE')
  expect(code(await w.call('3', 'appraisal.vote', { roundId: round.id, grades: [...grades, { memberId: '3', grade: 'excellent' }] }))).toBe('APPRAISAL.BALLOT_FOREIGN')
  expect(code(await w.call('3', 'appraisal.vote', { roundId: round.id, grades: [...grades, { memberId: '8', grade: 'pass' }] }))).toBe('APPRAISAL.BALLOT_FOREIGN')
  expect(code(await w.call('9', 'appraisal.vote', { roundId: round.id, grades }))).toBe('APPRAISAL.NOT_A_VOTER')
  expect(code(await w.ballot('3', round, () => 'pass'))).toBe('ok')
  expect(code(await w.ballot('3', round, () => 'excellent'))).toBe('APPRAISAL.ALREADY_VOTED')
  expect(code(await w.ballot('8', round, (id) => (id === '4' ? 'excellent' : 'basic')))).toBe('ok')
  const during = await w.okData('1', 'appraisal.round', { roundId: round.id })
  expect(during.participation).toMatchObject({ expected: 8, voted: 2, percent: 25, meetsTarget: false })
  expect(during.participants?.every((p) => p.voted === null && p.counts === null)).toBe(true)
  expect((await w.okData('3', 'appraisal.round', { roundId: round.id })).mine).toMatchObject({ voted: true, candidates: [] })
  await w.okData('1', 'appraisal.close', { roundId: round.id })
  expect(code(await w.ballot('4', round, () => 'pass'))).toBe('APPRAISAL.NOT_OPEN')
  const after = await w.okData('2', 'appraisal.round', { roundId: round.id })
  const row = (id: string) => after.participants!.find((p) => p.memberId === id)!
  expect(row('3')).toMatchObject({ voted: true, counts: [0, 0, 1, 0] })
  expect(row('4')).toMatchObject({ voted: false, counts: [1, 1, 0, 0] })
  expect(row('8')).toMatchObject({ voted: true, counts: null })
})

test('评定意见: a reason each, 优秀 at most a third of the 正式党员, none for a 预备党员, 不合格 with a correction date', async () => {
  const w = world()
  const round = await w.open()
  const verdict = (who: string, memberId: string, grade: AppraisalGrade, reason = '全年表现', correctionDue: string | null = null) => w.call(who, 'appraisal.verdict', { roundId: round.id, memberId, grade, reason, correctionDue })
  expect(code(await verdict('2', '3', 'pass'))).toBe('APPRAISAL.NOT_CLOSED')
  await w.okData('1', 'appraisal.close', { roundId: round.id })
  expect(code(await verdict('3', '4', 'pass'))).toBe('AUTH.FORBIDDEN')
  expect(code(await verdict('2', '8', 'pass'))).toBe('APPRAISAL.NOT_GRADED')
  expect(code(await verdict('2', '3', 'pass', ' '))).toBe('APPRAISAL.REASON_REQUIRED')
  expect(code(await verdict('2', '3', 'excellent'))).toBe('ok')
  expect(code(await verdict('2', '4', 'excellent'))).toBe('ok')
  expect(code(await verdict('2', '5', 'excellent'))).toBe('APPRAISAL.EXCELLENT_CAP')
  // Changing one 优秀 to 合格 frees its place.
  expect(code(await verdict('2', '4', 'pass'))).toBe('ok')
  expect(code(await verdict('2', '5', 'excellent'))).toBe('ok')
  expect(code(await verdict('2', '6', 'fail'))).toBe('APPRAISAL.CORRECTION_DUE')
  expect(code(await verdict('2', '6', 'fail', '长期不参加组织生活', '2028-01-31'))).toBe('APPRAISAL.CORRECTION_DUE')
  expect(code(await verdict('2', '6', 'fail', '长期不参加组织生活', '2027-06-30'))).toBe('ok')
  expect(code(await w.call('1', 'appraisal.conclude', { roundId: round.id }))).toBe('APPRAISAL.VERDICTS_MISSING')
  for (const id of ['1', '2', '7']) expect(code(await verdict('1', id, 'pass'))).toBe('ok')
  expect(code(await w.call('1', 'appraisal.correctionOutcome', { roundId: round.id, memberId: '6', outcome: 'corrected', note: '已按时参加' }))).toBe('APPRAISAL.NOT_CONCLUDED')
  const done = await w.okData('1', 'appraisal.conclude', { roundId: round.id })
  expect(done.status).toBe('concluded')
  expect(done.excellentCount).toBe(2)
  // Each member is told their own result, the 预备党员 that they are not graded.
  const inbox = await w.db.all('inbox', {})
  expect(inbox.filter((m) => m.kind === 'appraisalResult')).toHaveLength(8)
  expect(inbox.find((m) => m.memberId === '6')?.body).toContain('不合格')
  expect(inbox.find((m) => m.memberId === '6')?.body).toContain('2027-06-30')
  expect(inbox.find((m) => m.memberId === '8')?.body).toContain('不评定等次')
  const mine = await w.okData('6', 'appraisal.round', { roundId: round.id })
  expect(mine.mine?.verdict).toEqual({ grade: 'fail', reason: '长期不参加组织生活' })
  // Pressing again tells nobody twice.
  await w.okData('1', 'appraisal.conclude', { roundId: round.id })
  expect((await w.db.all('inbox', {})).filter((m) => m.kind === 'appraisalResult')).toHaveLength(8)
  expect(code(await w.call('2', 'appraisal.correctionOutcome', { roundId: round.id, memberId: '7', outcome: 'corrected', note: '无' }))).toBe('APPRAISAL.NOT_FAILED')
  const outcome = await w.okData('2', 'appraisal.correctionOutcome', { roundId: round.id, memberId: '6', outcome: 'corrected', note: '按时参加组织生活，已改正' })
  expect(outcome.participants?.find((p) => p.memberId === '6')?.correction).toMatchObject({ outcome: 'corrected', note: '按时参加组织生活，已改正' })
  expect(code(await verdict('2', '3', 'pass'))).toBe('APPRAISAL.NOT_CLOSED')
})
