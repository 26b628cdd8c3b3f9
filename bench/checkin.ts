import type { LocalCloud } from '../localcloud/server'
import type { Change } from '../localcloud/db/store'
import { signToken } from '../cloudfunctions/_lib/checkin-token'
import { tokenSlot } from '../shared/domain/checkin-code'
import { summarize } from './harness'
import { inMinutes, meetingInput } from '../tests/support/meetings'

/** A branch of `size` bound members (the first is its secretary), written straight to the store. */
export async function seedBranch(cloud: LocalCloud, prefix: string, size: number, visitors = 0): Promise<{ branchId: string; openids: string[]; visitorOpenids: string[] }> {
  const branchId = `${prefix}-branch`
  const now = new Date()
  const changes: Change[] = [
    { coll: 'branches', id: branchId, doc: { _id: branchId, orgId: 'org-mingde', name: `${prefix}支部`, inviteCode: prefix.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(6, 'X').slice(0, 8) } },
  ]
  const openids: string[] = []
  const visitorOpenids: string[] = []
  for (let i = 0; i < size + visitors; i++) {
    const visitor = i >= size
    const id = `${prefix}-m${i}`
    const openid = `${prefix}-o${i}`
    ;(visitor ? visitorOpenids : openids).push(openid)
    changes.push({
      coll: 'members',
      id,
      doc: { _id: id, branchId, groupId: null, name: `成员${i}`, category: visitor ? 'nonMember' : 'full', positions: i === 0 ? ['secretary'] : [], phone: `1${String(3000000000 + i).padStart(10, '0')}`, joinedPartyAt: null, status: 'active', grants: [], revokes: [], createdAt: now, updatedAt: now },
    })
    changes.push({ coll: 'bindings', id: openid, doc: { _id: openid, memberId: id, branchId, boundAt: now } })
  }
  await cloud.store.commit(changes)
  return { branchId, openids, visitorOpenids }
}

async function createMeeting(cloud: LocalCloud, secretaryOpenid: string): Promise<string> {
  const outcome = await cloud.invoke(
    'meeting',
    {
      action: 'meeting.create',
      input: meetingInput({ type: 'generalMeeting', title: '基准测试会议', startAt: inMinutes(10), endAt: inMinutes(70), venue: '礼堂' }),
    },
    { openid: secretaryOpenid },
  )
  const result = outcome.result as { ok: boolean; data: { id: string } }
  if (!result?.ok) throw new Error(`meeting.create failed: ${JSON.stringify(outcome)}`)
  return result.data.id
}

/**
 * 500 members scanning the same code at once, through the local cloud. The function's 20
 * instances are started first (as they are at a busy meeting after the first scans); how long
 * those cold starts took on this machine is reported on its own.
 */
export async function checkinBurst(cloud: LocalCloud): Promise<Record<string, number>> {
  // 20 visitors outside the meeting's audience warm the instances (each reads the meeting, then
  // is refused), so the burst meets warm instances as it would a few scans into a real meeting.
  const { openids, visitorOpenids } = await seedBranch(cloud, 'burst', 500, 20)
  const meetingId = await createMeeting(cloud, openids[0])
  const meeting = cloud.store.getDoc('meetings', meetingId) as unknown as { _id: string; secret: string }
  const warmUp = () => Promise.all(visitorOpenids.map((openid) => cloud.invoke('checkin', { action: 'checkin.scan', input: { token: signToken(meeting, tokenSlot(new Date())) } }, { openid })))
  // The runner grows a pool a few instances at a time while callers wait; a busy meeting a few
  // scans in has all 20 up, so they are provisioned first, then each reads the meeting once.
  const coldStarted = Date.now()
  await cloud.runner.provision('checkin', 20)
  const coldStartMs = Date.now() - coldStarted
  await warmUp()
  await warmUp()
  const latencies: number[] = []
  const dbOps: number[] = []
  const outcomes = await Promise.all(
    openids.map(async (openid) => {
      const started = process.hrtime.bigint()
      const outcome = await cloud.invoke('checkin', { action: 'checkin.scan', input: { token: signToken(meeting, tokenSlot(new Date())) } }, { openid })
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
      dbOps.push(outcome.stats.dbOps)
      return { openid, ok: outcome.ok && (outcome.result as { ok: boolean }).ok }
    }),
  )
  const records = cloud.store.docs('attendance').filter((a) => a.meetingId === meetingId)
  const recorded = new Set(records.map((r) => r.memberId))
  const acknowledged = outcomes.filter((o) => o.ok).length
  const timing = summarize(latencies)
  return {
    'checkin.burst500.acknowledged': acknowledged,
    'checkin.burst500.lost': openids.length - recorded.size,
    'checkin.burst500.duplicates': records.length - recorded.size,
    'checkin.burst500.p50ms': timing.p50ms,
    'checkin.burst500.p95ms': timing.p95ms,
    'checkin.coldStart20Instances.ms': coldStartMs,
    // What one check-in costs (who is scanning with the meeting, one read; one insert), and the
    // mean over the burst.
    'checkin.dbOpsPerCheckin': [...dbOps].sort((a, b) => a - b)[Math.floor(dbOps.length / 2)],
    'checkin.dbOpsPerCheckin.mean': Math.round((dbOps.reduce((a, b) => a + b, 0) / dbOps.length) * 100) / 100,
  }
}

/** Database operations of the attendance review for a branch of 100 and of 1000 members. */
export async function summaryCost(cloud: LocalCloud): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const size of [100, 1000]) {
    const { openids } = await seedBranch(cloud, `size${size}`, size)
    const meetingId = await createMeeting(cloud, openids[0])
    const meeting = cloud.store.getDoc('meetings', meetingId) as unknown as { _id: string; secret: string }
    await Promise.all(openids.slice(0, Math.floor(size / 2)).map((openid) => cloud.invoke('checkin', { action: 'checkin.scan', input: { token: signToken(meeting, tokenSlot(new Date())) } }, { openid })))
    const outcome = await cloud.invoke('attendance', { action: 'attendance.meeting', input: { meetingId } }, { openid: openids[0] })
    if (!(outcome.result as { ok: boolean }).ok) throw new Error(`attendance.meeting failed: ${JSON.stringify(outcome.result)}`)
    result[`attendance.summary.dbOps.members${size}`] = outcome.stats.dbOps
  }
  return result
}
