import type { CheckinResult } from '../../shared/api/contract'
import { fail, type ErrorCode } from '../../shared/errors'
import { tallyAttendance } from '../../shared/domain/attendance'
import { checkinPage, isSlotAccepted, parseToken, staticCodeOfScene, staticScene } from '../../shared/domain/checkin-code'
import { attendanceId, type AttendanceDoc, type AttendanceLogDoc, type MeetingDoc } from '../../shared/domain/documents'
import { arrivalStatus, audienceRole, checkinWindow, distanceMeters } from '../../shared/domain/meeting'
import { mayRunCheckin, roleAt } from '../../shared/domain/meeting-roles'
import { generatedPaths } from '../../shared/domain/storage'
import { beijingClock } from '../../shared/domain/time'
import { callerOf, memberActor, memberActorWith, requireAllowed, type MemberActor } from '../_lib/actor'
import { isGenuine, refuseWrongCode, rotatingCode, windowView } from '../_lib/checkin-token'
import { cloud } from '../_lib/cloud'
import { isDuplicateKey, newId, type Db } from '../_lib/db'
import { storeGenerated } from '../_lib/files'
import { defineFunction, type HandlerContext } from '../_lib/handler'
import { attendanceRow, meetingAudience, meetingOfBranch, meetingRoll, tallyRows } from '../_lib/meetings'

/** What someone scanning another branch's code is told: whose code it is, not only "no". */
const otherBranchCode = '这是其他支部会议的签到码，你不在该会议的参会范围内，无需签到'

function refuseCode(db: Db, actor: MemberActor, code: ErrorCode, now: Date): Promise<never> {
  return refuseWrongCode(db, 'meeting', actor.openid, code, now)
}

/**
 * The meeting a scanned code stands for, and how it was presented. A rotating token's meeting
 * (`named`) was read with the caller's identity; a printed code's is looked up by its short code.
 */
async function meetingOfCode(
  db: Db,
  actor: MemberActor,
  input: { token?: string; scene?: string; meetingId?: string },
  named: MeetingDoc | null,
  now: Date,
): Promise<{ meeting: MeetingDoc; method: 'rotating' | 'static' }> {
  if (input.scene) {
    const code = staticCodeOfScene(input.scene)
    const [meeting] = code ? await db.some('meetings', { code }, 1) : []
    if (!meeting) return refuseCode(db, actor, 'CHECKIN.TOKEN_FORGED', now)
    // The branch first: an outsider learns nothing about another branch's meeting.
    if (meeting.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN', otherBranchCode)
    if (input.meetingId && input.meetingId !== meeting._id) return refuseCode(db, actor, 'CHECKIN.TOKEN_OTHER_MEETING', now)
    if (!meeting.checkin.allowStaticCode) fail('CHECKIN.STATIC_NOT_ALLOWED')
    return { meeting, method: 'static' }
  }
  const parsed = parseToken(input.token ?? '')
  const meeting = parsed && named?._id === parsed.meetingId ? named : null
  if (!parsed || !meeting || !isGenuine(meeting, parsed.slot, parsed.signature)) return refuseCode(db, actor, 'CHECKIN.TOKEN_FORGED', now)
  if (meeting.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN', otherBranchCode)
  if (input.meetingId && input.meetingId !== meeting._id) return refuseCode(db, actor, 'CHECKIN.TOKEN_OTHER_MEETING', now)
  if (!isSlotAccepted(parsed.slot, now)) return refuseCode(db, actor, 'CHECKIN.TOKEN_EXPIRED', now)
  return { meeting, method: 'rotating' }
}

/** A published meeting of the caller's branch, whose check-in the caller runs. */
async function meetingToRun(ctx: HandlerContext, meetingId: string): Promise<{ actor: MemberActor; meeting: MeetingDoc }> {
  const actor = await memberActor(ctx)
  const meeting = await meetingOfBranch(ctx.db, actor, meetingId)
  requireAllowed(mayRunCheckin(callerOf(actor), meeting))
  if (meeting.status === 'cancelled') fail('MEETING.CANCELLED')
  if (meeting.status !== 'published') fail('MEETING.NOT_PUBLISHED')
  return { actor, meeting }
}

/** A member's own record of arriving now: by scanning, or as the host opening the code. */
function arrival(meeting: MeetingDoc, actor: MemberActor, status: AttendanceDoc['status'], method: AttendanceDoc['method'], distance: number | null, now: Date): AttendanceDoc {
  return { _id: attendanceId(meeting._id, actor.member._id), meetingId: meeting._id, branchId: meeting.branchId, memberId: actor.member._id, status, checkedInAt: now, method, distanceMeters: distance, updatedAt: now }
}

/** The log entry of a member's own arrival (a scan over a record made by hand, the host opening the code). */
function ownArrival(record: AttendanceDoc, actor: MemberActor, before: AttendanceDoc['status'] | null, reason: string): AttendanceLogDoc {
  return {
    _id: newId(),
    attendanceId: record._id,
    meetingId: record.meetingId,
    memberId: actor.member._id,
    branchId: record.branchId,
    at: record.checkedInAt ?? record.updatedAt,
    byMemberId: actor.member._id,
    byName: actor.member.name,
    before,
    after: record.status,
    reason,
  }
}

/**
 * Records the host as arrived, with its log entry, in one transaction; if a record appeared
 * meanwhile (a scan, a poll from another screen), that record stands.
 */
async function hostArrives(db: Db, meeting: MeetingDoc, actor: MemberActor, status: AttendanceDoc['status'], now: Date): Promise<AttendanceDoc | null> {
  const record = arrival(meeting, actor, status, 'host', null, now)
  try {
    await db.transaction(async (tx) => {
      await tx.add('attendance', record)
      await tx.add('attendanceLog', ownArrival(record, actor, null, '主持人打开签到码，记为到会'))
    })
    return record
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    return db.get('attendance', record._id)
  }
}

export const main = defineFunction('checkin', {
  /**
   * One scan, one record: two database operations. The caller (the binding with its member) and
   * the meeting the token names in one aggregate, so a meeting cancelled or moved a moment ago is
   * seen as it is now; then a single insert keyed by meeting and member: the database refuses a
   * second record, so two scans at once still make one.
   */
  'checkin.scan': async (input, ctx): Promise<CheckinResult> => {
    const { db, now } = ctx
    const named = input.token ? (parseToken(input.token)?.meetingId ?? null) : null
    const { actor, doc } = await memberActorWith(ctx, 'meetings', named)
    const { meeting, method } = await meetingOfCode(db, actor, input, doc, now)
    if (meeting.status === 'cancelled') fail('MEETING.CANCELLED')
    if (meeting.status !== 'published') fail('MEETING.NOT_PUBLISHED')
    const window = checkinWindow(meeting, now)
    if (window.state === 'notOpen') fail('CHECKIN.NOT_OPEN', `签到将于 ${beijingClock(window.opensAt)} 开始`)
    if (window.state === 'closed') fail('CHECKIN.CLOSED')
    const role = roleAt(callerOf(actor), meeting)
    if (role === 'outside') fail('CHECKIN.NOT_IN_AUDIENCE')
    let distance: number | null = null
    if (meeting.checkin.geofence) {
      if (!input.location) fail('CHECKIN.LOCATION_REQUIRED')
      distance = distanceMeters(input.location, meeting.checkin.geofence)
      if (distance > meeting.checkin.geofence.radiusMeters) fail('CHECKIN.OUT_OF_RANGE', `你距离会场约 ${distance} 米，请到会场后再签到`)
    }
    const status = role === 'observer' ? 'observer' : arrivalStatus(meeting, now)
    const record = arrival(meeting, actor, status, method, distance, now)
    try {
      await db.add('attendance', record)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const already = (existing: AttendanceDoc): CheckinResult => ({
        meetingId: meeting._id,
        meetingTitle: meeting.title,
        status: existing.status as CheckinResult['status'],
        checkedInAt: (existing.checkedInAt as Date).toISOString(),
        already: true,
      })
      const existing = await db.get('attendance', record._id)
      if (existing?.checkedInAt) return already(existing)
      // Marked absent or on leave by hand before arriving: the scan shows they came, and the
      // change is logged like any other. Read and written in one transaction, and only while
      // still not checked in: of several scans at once one arrives, the others see it.
      const arrivedMeanwhile = await db.transaction(async (tx) => {
        const current = await tx.get('attendance', record._id)
        if (current?.checkedInAt) return current
        await tx.update('attendance', record._id, { status, checkedInAt: now, method, distanceMeters: distance, updatedAt: now })
        await tx.add('attendanceLog', ownArrival(record, actor, current?.status ?? null, '本人扫码签到'))
        return null
      })
      if (arrivedMeanwhile) return already(arrivedMeanwhile)
    }
    return { meetingId: meeting._id, meetingTitle: meeting.title, status, checkedInAt: now.toISOString(), already: false }
  },

  /** The host's screen: the current rotating code and the live count; polled every few seconds. */
  'checkin.code': async ({ meetingId }, ctx) => {
    const { db, now } = ctx
    const { actor, meeting } = await meetingToRun(ctx, meetingId)
    const [code, attendance, audience, leaves] = await Promise.all([
      rotatingCode(meeting, 'meeting', now),
      db.all('attendance', { meetingId }),
      meetingAudience(db, meeting),
      db.all('leaveRequests', { meetingId, status: 'approved' }),
    ])
    const window = checkinWindow(meeting, now)
    const role = roleAt(callerOf(actor), meeting)
    let mine = attendance.find((a) => a.memberId === actor.member._id) ?? null
    // The host showing the code during the window is at the meeting: counted present, and logged so.
    if (!mine && meeting.hostId === actor.member._id && window.state === 'open' && role !== 'outside') {
      mine = await hostArrives(db, meeting, actor, role === 'observer' ? 'observer' : arrivalStatus(meeting, now), now)
      if (mine && !attendance.some((a) => a._id === mine?._id)) attendance.push(mine)
    }
    const tally = tallyAttendance(tallyRows(meetingRoll(meeting, audience.all, attendance, leaves)))
    return {
      ...code,
      window: windowView(window),
      counts: { expected: tally.expected, checkedIn: tally.attended, late: tally.late, observers: tally.observers, leave: tally.leave, absent: tally.absent },
      me: { role, status: mine?.status ?? null, checkedInAt: mine?.checkedInAt?.toISOString() ?? null, method: mine?.method ?? null },
    }
  },

  /** A printed code for meetings that allow one: a mini-program code with a short scene. */
  'checkin.staticCode': async ({ meetingId }, ctx) => {
    const actor = await memberActor(ctx)
    const meeting = await meetingOfBranch(ctx.db, actor, meetingId)
    requireAllowed(mayRunCheckin(callerOf(actor), meeting))
    if (!meeting.checkin.allowStaticCode) fail('CHECKIN.STATIC_NOT_ALLOWED', '本次会议未开启固定签到码')
    const png = (await cloud.openapi.wxacode.getUnlimited({ scene: staticScene(meeting.code), page: checkinPage, checkPath: false, width: 430 })) as { buffer: Buffer }
    return storeGenerated(generatedPaths.staticCheckinCode(meeting._id), Buffer.from(png.buffer), `${meeting.title}签到码.png`)
  },

  /** The host checks someone in by hand or changes a status, with a reason; the change is logged. */
  'checkin.manual': async ({ meetingId, memberId, status, reason }, ctx) => {
    const { db, now } = ctx
    const { actor, meeting } = await meetingToRun(ctx, meetingId)
    const member = await db.get('members', memberId)
    if (!member) fail('ROSTER.MEMBER_NOT_FOUND')
    if (member.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
    const key = attendanceId(meetingId, memberId)
    const [before, leave] = await Promise.all([db.get('attendance', key), db.get('leaveRequests', key)])
    const arrived = status === 'present' || status === 'late' || status === 'observer'
    const next: AttendanceDoc = {
      _id: key,
      meetingId,
      branchId: meeting.branchId,
      memberId,
      status,
      checkedInAt: arrived ? (before?.checkedInAt ?? now) : null,
      method: 'manual',
      distanceMeters: null,
      updatedAt: now,
    }
    const { _id, ...data } = next
    // The record and its audit entry land together.
    await db.transaction(async (tx) => {
      await tx.set('attendance', _id, data)
      await tx.add('attendanceLog', { _id: newId(), attendanceId: key, meetingId, memberId, branchId: meeting.branchId, at: now, byMemberId: actor.member._id, byName: actor.member.name, before: before?.status ?? null, after: status, reason })
    })
    const groups = new Map((await db.all('groups', { branchId: meeting.branchId })).map((g) => [g._id, g]))
    return attendanceRow(member, groups, audienceRole(meeting.audience, member) === 'expected' ? 'expected' : 'observer', next, leave)
  },
})
