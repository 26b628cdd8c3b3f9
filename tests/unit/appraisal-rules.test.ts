import { addBallot, applyRoundEvent, ballotProblem, emptyTally, excellentCap, participationOf, tallyMismatch, verdictProblem, type Participant } from '../../shared/domain/appraisal'
import { fromBeijing } from '../../shared/domain/time'

const people: Participant[] = [
  { memberId: 'a', name: '甲', category: 'full' },
  { memberId: 'b', name: '乙', category: 'full' },
  { memberId: 'c', name: '丙', category: 'full' },
  { memberId: 'p', name: '丁', category: 'probationary' },
]

test('the round moves open → closed → concluded, and each step is refused out of turn', () => {
  expect(applyRoundEvent('open', { type: 'vote' })).toEqual({ ok: true, next: 'open' })
  expect(applyRoundEvent('closed', { type: 'vote' })).toEqual({ ok: false, code: 'APPRAISAL.NOT_OPEN' })
  expect(applyRoundEvent('closed', { type: 'saveSelf' })).toEqual({ ok: false, code: 'APPRAISAL.NOT_OPEN' })
  expect(applyRoundEvent('open', { type: 'close' })).toEqual({ ok: true, next: 'closed' })
  expect(applyRoundEvent('closed', { type: 'close' })).toEqual({ ok: false, code: 'APPRAISAL.NOT_OPEN' })
  expect(applyRoundEvent('open', { type: 'recordVerdict' })).toEqual({ ok: false, code: 'APPRAISAL.NOT_CLOSED' })
  expect(applyRoundEvent('concluded', { type: 'recordVerdict' })).toEqual({ ok: false, code: 'APPRAISAL.NOT_CLOSED' })
  expect(applyRoundEvent('closed', { type: 'conclude', missingVerdicts: 1 })).toEqual({ ok: false, code: 'APPRAISAL.VERDICTS_MISSING' })
  expect(applyRoundEvent('closed', { type: 'conclude', missingVerdicts: 0 })).toEqual({ ok: true, next: 'concluded' })
  expect(applyRoundEvent('open', { type: 'conclude', missingVerdicts: 0 })).toEqual({ ok: false, code: 'APPRAISAL.NOT_CLOSED' })
  expect(applyRoundEvent('closed', { type: 'recordCorrection' })).toEqual({ ok: false, code: 'APPRAISAL.NOT_CONCLUDED' })
  expect(applyRoundEvent('concluded', { type: 'recordCorrection' })).toEqual({ ok: true, next: 'concluded' })
})

test('a 预备党员 votes but is not a candidate', () => {
  expect(ballotProblem(people, 'p', [{ memberId: 'a', grade: 'pass' }, { memberId: 'b', grade: 'pass' }, { memberId: 'c', grade: 'pass' }])).toBeNull()
  expect(ballotProblem(people, 'a', [{ memberId: 'b', grade: 'pass' }, { memberId: 'c', grade: 'pass' }, { memberId: 'p', grade: 'pass' }])).toBe('APPRAISAL.BALLOT_FOREIGN')
  expect(ballotProblem(people, 'a', [{ memberId: 'b', grade: 'pass' }, { memberId: 'b', grade: 'fail' }])).toBe('APPRAISAL.BALLOT_FOREIGN')
  expect(ballotProblem(people, 'z', [])).toBe('APPRAISAL.NOT_A_VOTER')
})

test('the tally is a sum, the same whatever the order, and proves one ballot per voter', () => {
  const ballots = {
    a: [{ memberId: 'b', grade: 'excellent' as const }, { memberId: 'c', grade: 'pass' as const }],
    b: [{ memberId: 'a', grade: 'pass' as const }, { memberId: 'c', grade: 'basic' as const }],
    p: [{ memberId: 'a', grade: 'fail' as const }, { memberId: 'b', grade: 'pass' as const }, { memberId: 'c', grade: 'pass' as const }],
  }
  const forward = [ballots.a, ballots.b, ballots.p].reduce(addBallot, emptyTally(people))
  const backward = [ballots.p, ballots.b, ballots.a].reduce(addBallot, emptyTally(people))
  expect(JSON.stringify(forward)).toBe(JSON.stringify(backward))
  expect(forward).toEqual({ a: [0, 1, 0, 1], b: [1, 1, 0, 0], c: [0, 2, 1, 0] })
  expect(tallyMismatch(people, forward, 3, new Set(['a', 'b', 'p']))).toBeNull()
  // A second ballot from `a` shows, whether or not the ballot count was raised with it.
  expect(tallyMismatch(people, addBallot(forward, ballots.a), 4, new Set(['a', 'b', 'p']))).not.toBeNull()
  expect(tallyMismatch(people, addBallot(forward, ballots.a), 3, new Set(['a', 'b', 'p']))).toBe('b')
  expect(tallyMismatch(people, forward, 3, new Set(['a', 'b']))).toBe('(ballots)')
})

test('优秀 at most a third of the 正式党员, rounded down', () => {
  expect([2, 3, 5, 6, 7, 20].map(excellentCap)).toEqual([0, 1, 1, 2, 2, 6])
  const now = fromBeijing('2026-12-20')
  const ask = (otherExcellent: number, fullMembers: number) => verdictProblem({ category: 'full', grade: 'excellent', reason: '表现突出', correctionDue: null }, { fullMembers, otherExcellent, now })
  expect(ask(1, 6)).toBeNull()
  expect(ask(2, 6)).toBe('APPRAISAL.EXCELLENT_CAP')
  expect(ask(0, 2)).toBe('APPRAISAL.EXCELLENT_CAP')
  const fail = (due: string) => verdictProblem({ category: 'full', grade: 'fail', reason: '不合格', correctionDue: fromBeijing(due) }, { fullMembers: 6, otherExcellent: 0, now })
  expect(fail('2026-12-20')).toBe('APPRAISAL.CORRECTION_DUE')
  expect(fail('2026-12-21')).toBeNull()
  expect(fail('2027-12-21')).toBeNull()
  expect(fail('2027-12-22')).toBe('APPRAISAL.CORRECTION_DUE')
})

test('participation rounds down and meets the 95 % target only when it does', () => {
  expect(participationOf(20, 19)).toEqual({ expected: 20, voted: 19, percent: 95, meetsTarget: true })
  expect(participationOf(21, 19)).toMatchObject({ percent: 90, meetsTarget: false })
  expect(participationOf(41, 39)).toMatchObject({ percent: 95, meetsTarget: true })
  expect(participationOf(100, 94)).toMatchObject({ meetsTarget: false })
  expect(participationOf(0, 0)).toMatchObject({ percent: 0, meetsTarget: false })
})
