import type { LocalCloud } from '../../localcloud/server'
import { tallyMismatch, type Participant } from '../../shared/domain/appraisal'
import { callAs, ok } from '../support/api'
import { appraisalBranch, castBallot, expectedTally, type AppraisalBranch } from '../support/appraisal'
import { sdkFor, startSeededCloud } from '../support/cloud'

/**
 * 民主测评 through the real local cloud: 50 members voting at once, each ballot counted once,
 * and nothing stored that links a ballot to its voter.
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = await startSeededCloud()
  await cloud.runner.provision('appraisal', 20)
})
afterAll(() => cloud.close())

type Doc = Record<string, unknown>
const snapshot = () => new Map(cloud.store.collectionNames().map((c) => [c, new Map(cloud.store.docs(c).map((d) => [String(d._id), structuredClone(d) as Doc]))]))
const participantsOf = (branch: AppraisalBranch) => cloud.store.docs('appraisalParticipants').filter((d) => d.roundId === branch.roundId) as Doc[]
const tallyOf = (branch: AppraisalBranch) => cloud.store.getDoc('appraisalTallies', branch.roundId) as unknown as { ballots: number; counts: Record<string, number[]>; voted: Record<string, boolean>; open: boolean }
const votedOf = (branch: AppraisalBranch) => Object.keys(tallyOf(branch).voted).filter((id) => tallyOf(branch).voted[id])
const asParticipants = (branch: AppraisalBranch): Participant[] => branch.voters.map((v) => ({ memberId: v.memberId, name: v.memberId, category: v.full ? 'full' : 'probationary' }))

describe('50 members voting at once', () => {
  let branch: AppraisalBranch
  let before: ReturnType<typeof snapshot>
  let answers: Awaited<ReturnType<typeof castBallot>>[]
  const everyone = Array.from({ length: 50 }, (_x, i) => i)
  const twice = [3, 17, 30, 48]

  beforeAll(async () => {
    branch = await appraisalBranch(cloud, 'vote50', 50)
    before = snapshot()
    // Everyone at once, and four of them pressing a second time in the same burst.
    answers = await Promise.all([...everyone, ...twice].map((i) => castBallot(cloud, branch, i)))
  })

  it('counts each voter once: 50 accepted, every second ballot refused, voted marks equal to ballots', () => {
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code))
    expect(codes.filter((c) => c === 'ok')).toHaveLength(50)
    expect(codes.filter((c) => c !== 'ok')).toEqual(twice.map(() => 'APPRAISAL.ALREADY_VOTED'))
    expect(votedOf(branch)).toHaveLength(50)
    expect(tallyOf(branch).ballots).toBe(50)
    expect(tallyMismatch(asParticipants(branch), tallyOf(branch).counts as never, 50, new Set(votedOf(branch)))).toBeNull()
  })

  it('adds up to exactly the ballots cast, candidate by candidate', () => {
    const expected = expectedTally(branch, everyone)
    branch.voters.forEach((v, j) => {
      if (expected[j]) expect(tallyOf(branch).counts[v.memberId]).toEqual(expected[j])
      else expect(tallyOf(branch).counts[v.memberId]).toBeUndefined()
    })
  })

  it('stores nothing that joins a ballot to its voter: no new document, no time, only the tally’s values changed', () => {
    const after = snapshot()
    for (const [coll, docs] of after) {
      const was = before.get(coll) ?? new Map()
      // No ballot document, no log line, no rate-limit stamp: not one new document anywhere.
      expect({ coll, added: [...docs.keys()].filter((id) => !was.has(id)) }).toEqual({ coll, added: [] })
      for (const [id, doc] of docs) {
        const old = was.get(id) as Doc
        if (JSON.stringify(old) === JSON.stringify(doc)) continue
        if (coll !== 'appraisalTallies' || id !== branch.roundId) throw new Error(`voting changed ${coll}/${id}`)
        // The same keys in the same order as when the round opened: values changed, nothing else.
        const shape = (d: unknown): unknown => (d && typeof d === 'object' && !Array.isArray(d) ? Object.entries(d).map(([k, v]) => [k, shape(v)]) : typeof d)
        expect(shape(doc)).toEqual(shape(old))
        expect(JSON.stringify(doc)).not.toMatch(/openid|T\d\d:\d\d/)
      }
    }
  })

  it('shows participation as a count while the round is open, and who voted only after it closes', async () => {
    const live = await ok(cloud, branch.secretary, 'appraisal.round', { roundId: branch.roundId })
    expect(live.participation).toMatchObject({ expected: 50, voted: 50, percent: 100 })
    expect(live.participants?.some((p) => p.voted !== null || p.counts !== null)).toBe(false)
    const closed = await ok(cloud, branch.secretary, 'appraisal.close', { roundId: branch.roundId })
    expect(closed.participants?.every((p) => p.voted === true)).toBe(true)
    const late = await castBallot(cloud, branch, 5)
    expect(late.ok ? 'ok' : late.error.code).toBe('APPRAISAL.NOT_OPEN')
  })
})

it('keeps no trace of the order ballots came in: the same ballots in two orders store the same tally and the same record order', async () => {
  const a = await appraisalBranch(cloud, 'ordera', 12)
  const b = await appraisalBranch(cloud, 'orderb', 12)
  const sdkOrder = async (branch: AppraisalBranch) => {
    const { participants } = await ok(cloud, branch.secretary, 'appraisal.round', { roundId: branch.roundId })
    return participants?.map((p) => p.memberId.replace(/^order[ab]/, ''))
  }
  const storedOrder = (branch: AppraisalBranch) => participantsOf(branch).map((d) => String(d.memberId).replace(/^order[ab]/, ''))
  const orderBefore = storedOrder(a)
  const forward = Array.from({ length: 12 }, (_x, i) => i)
  for (const i of forward) expect((await castBallot(cloud, a, i)).ok).toBe(true)
  for (const i of [...forward].reverse()) expect((await castBallot(cloud, b, i)).ok).toBe(true)
  const strip = (branch: AppraisalBranch, prefix: string) => JSON.stringify({ ...tallyOf(branch), _id: null, branchId: null }).replaceAll(prefix, '')
  expect(strip(a, 'ordera')).toBe(strip(b, 'orderb'))
  expect(storedOrder(a)).toEqual(orderBefore)
  expect(storedOrder(b)).toEqual(orderBefore)
  expect(await sdkOrder(a)).toEqual(await sdkOrder(b))
  const strippedRecords = (branch: AppraisalBranch, prefix: string) => participantsOf(branch).map((d) => JSON.stringify(d).replaceAll(prefix, ''))
  expect(strippedRecords(a, 'ordera')).toEqual(strippedRecords(b, 'orderb'))
  // Read back through the SDK, the tallies list their keys alike too.
  const sdkTally = async (branch: AppraisalBranch, prefix: string) => JSON.stringify((await sdkFor(cloud).database().collection('appraisalTallies').doc(branch.roundId).get()).data).replaceAll(prefix, '')
  expect(await sdkTally(a, 'ordera')).toBe(await sdkTally(b, 'orderb'))
})

it('refuses a ballot that races the close: it lands before it or not at all', async () => {
  const branch = await appraisalBranch(cloud, 'race', 20)
  // The close is pressed as the first answers come back, while the rest are still on their way.
  const closing: { call: ReturnType<typeof callAs<'appraisal.close'>> | null } = { call: null }
  const votes = await Promise.all(
    branch.voters.map(async (_v, i) => {
      const answer = await castBallot(cloud, branch, i)
      closing.call ??= callAs(cloud, branch.secretary, 'appraisal.close', { roundId: branch.roundId })
      return answer
    }),
  )
  expect((await closing.call)?.ok).toBe(true)
  const accepted = votes.filter((v) => v.ok).length
  const refused = votes.filter((v) => !v.ok)
  expect(refused.every((v) => !v.ok && v.error.code === 'APPRAISAL.NOT_OPEN')).toBe(true)
  expect(tallyOf(branch).ballots).toBe(accepted)
  expect(votedOf(branch)).toHaveLength(accepted)
})
