import type { ActionInput } from '../../shared/api/contract'
import type { ShiftCodeView, ShiftScanResult } from '../../shared/api/areas/volunteer'
import { fail, type ErrorCode } from '../../shared/errors'
import { isSlotAccepted, parseSignedCode } from '../../shared/domain/checkin-code'
import { distanceMeters } from '../../shared/domain/meeting'
import { formatDateTime } from '../../shared/domain/time'
import {
  hoursStatusLabels,
  isActive,
  mayCancel,
  mayConfirmHours,
  mayLeaveWaitlist,
  mayRemove,
  maySwap,
  roundHours,
  shiftLengthHours,
  scanMeaning,
  shiftCheckinWindow,
  suggestedHours,
  type HoursStatus,
} from '../../shared/domain/volunteer'
import { signupId, type ShiftDoc, type ShiftLogKind as LogKind, type SignupDoc } from '../../shared/domain/documents'
import { memberActorWith, type MemberActor } from '../_lib/actor'
import type { HandlerContext } from '../_lib/handler'
import { isGenuine, refuseWrongCode, rotatingCode, windowView } from '../_lib/checkin-token'
import type { Db } from '../_lib/db'
import { inboxMessage } from '../_lib/inbox'
import { logEntry, requireLead, shiftLabel, shiftOfBranch, shiftSeenBy } from '../_lib/volunteer'
import { swap, vacate } from '../_lib/seats'

/** 取消报名 (or leaving the line): before the cancel deadline for a seat, before the start for the line. */
export async function cancelOwn(db: Db, actor: MemberActor, shiftId: string, now: Date): Promise<void> {
  await shiftOfBranch(db, actor, shiftId)
  await vacate(db, shiftId, {
    memberId: actor.member._id,
    status: 'cancelled',
    now,
    guard: (shift, record) => {
      if (!record || !isActive(record.status)) fail('SHIFT.NOT_SIGNED_UP')
      if (record.status === 'confirmed' && !mayCancel(shift, now, record)) fail('SHIFT.CANCEL_CLOSED')
      if (record.status === 'waitlisted' && !mayLeaveWaitlist(shift, now)) fail('SHIFT.STARTED')
    },
    log: { kind: (record) => (record.status === 'waitlisted' ? 'leftWaitlist' : 'cancelled'), by: actor, reason: null },
  })
}

/** The leader takes someone off the shift (after the cancel deadline too), with a reason; they are told in the same step. */
export async function removePerson(db: Db, actor: MemberActor, input: ActionInput<'volunteer.remove'>, now: Date): Promise<void> {
  const shift = await shiftOfBranch(db, actor, input.shiftId)
  requireLead(actor, shift)
  await vacate(db, input.shiftId, {
    memberId: input.memberId,
    status: 'removed',
    now,
    guard: (fresh, found) => {
      if (!found || !isActive(found.status)) fail('SHIFT.NOT_SIGNED_UP', '此人不在本班次中')
      if (!mayRemove(fresh, now)) fail('SHIFT.STARTED', '班次已开始，不能再移出人员；未到岗请在确认时长时标记')
    },
    log: { kind: () => 'removed', by: actor, reason: input.reason },
    alongside: (tx, fresh, record) =>
      tx.add(
        'inbox',
        inboxMessage({
          memberId: record.memberId,
          branchId: fresh.branchId,
          kind: 'shiftRemoved',
          title: '你已被移出志愿服务班次',
          body: `${shiftLabel(fresh, now)}。原因：${input.reason}（${actor.member.name}）`,
          link: `packageVolunteer/shift/index?id=${fresh._id}`,
          createdAt: now,
        }),
      ),
  })
}

/** 换班: offer one's seat for anyone eligible to take, or withdraw the offer. */
export async function offerSwap(db: Db, actor: MemberActor, shiftId: string, offer: boolean, now: Date): Promise<void> {
  const shift = await shiftOfBranch(db, actor, shiftId)
  if (shift.status !== 'published') fail('SHIFT.CANCELLED')
  if (!maySwap(shift, now)) fail('SHIFT.STARTED')
  const key = signupId(shiftId, actor.member._id)
  const changed = await db.updateWhere('signups', { _id: key, status: 'confirmed', offeredAt: offer ? null : { $ne: null } }, { offeredAt: offer ? now : null, rev: { $inc: 1 }, updatedAt: now })
  if (changed !== 1) {
    const record = await db.get('signups', key)
    if (!record || record.status !== 'confirmed') fail('SHIFT.NOT_SIGNED_UP')
    return // already as asked
  }
  await db.add('shiftLog', logEntry(shift, actor.member._id, actor.member.name, offer ? 'swapOffered' : 'swapWithdrawn', now, actor))
}

/** Takes a seat someone offered (see seats.swap): the shift must be one the caller may see. */
export async function takeSwap(db: Db, actor: MemberActor, shiftId: string, fromMemberId: string, now: Date): Promise<void> {
  await swap(db, actor, shiftId, fromMemberId, now)
}

/** The leader's screen: the rotating code for this shift and the live count. */
export async function shiftCode(db: Db, actor: MemberActor, shiftId: string, now: Date): Promise<ShiftCodeView> {
  const shift = await shiftOfBranch(db, actor, shiftId)
  requireLead(actor, shift)
  if (shift.status === 'cancelled') fail('SHIFT.CANCELLED')
  if (shift.status !== 'published') fail('SHIFT.NOT_PUBLISHED')
  const [code, records] = await Promise.all([rotatingCode(shift, 'shift', now), db.all('signups', { shiftId, status: 'confirmed' })])
  return {
    ...code,
    window: windowView(shiftCheckinWindow(shift, now)),
    counts: { confirmed: records.length, checkedIn: records.filter((r) => r.checkInAt).length, checkedOut: records.filter((r) => r.checkOutAt).length },
  }
}

function refuseCode(db: Db, actor: MemberActor, code: ErrorCode, now: Date, message?: string): Promise<never> {
  return refuseWrongCode(db, 'shift', actor.openid, code, now, message)
}

/**
 * 签到 / 签退 at the shift: by the leader's rotating code, or by location where the shift has a
 * geofence. The first checks in; a later one (ten minutes on) checks out. Who is scanning and the
 * shift the code names are read in one operation.
 */
export async function scan(ctx: HandlerContext, input: ActionInput<'volunteer.scan'>): Promise<ShiftScanResult> {
  const { db, now } = ctx
  const parsed = input.token ? parseSignedCode(input.token) : null
  const { actor, doc: found } = await memberActorWith(ctx, 'shifts', parsed?.id ?? input.shiftId ?? null)
  if (parsed?.purpose === 'meeting') fail('SHIFT.CODE_NOT_SHIFT')
  let method: 'code' | 'geofence'
  let shift: ShiftDoc
  if (input.token) {
    if (!parsed || !found || !isGenuine(found, parsed.slot, parsed.signature, 'shift')) return refuseCode(db, actor, 'CHECKIN.TOKEN_FORGED', now, '签到码无效，请扫描带队人出示的签到码')
    // Another branch's shift: refused before anything about it is said.
    if (found.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
    if (input.shiftId && input.shiftId !== found._id) return refuseCode(db, actor, 'SHIFT.CODE_OTHER_SHIFT', now)
    if (!isSlotAccepted(parsed.slot, now)) return refuseCode(db, actor, 'CHECKIN.TOKEN_EXPIRED', now, '签到码已过期，请重新扫描带队人手机上最新的签到码')
    shift = found
    method = 'code'
  } else {
    shift = shiftSeenBy(actor, found)
    if (!shift.geofence) fail('SHIFT.NO_GEOFENCE')
    method = 'geofence'
  }
  if (shift.status === 'cancelled') fail('SHIFT.CANCELLED')
  if (shift.status !== 'published') fail('SHIFT.NOT_PUBLISHED')
  const window = shiftCheckinWindow(shift, now)
  if (window.state === 'notOpen') fail('CHECKIN.NOT_OPEN', `签到将于 ${formatDateTime(window.opensAt, now)} 开始`)
  if (window.state === 'closed') fail('CHECKIN.CLOSED', '本班次签到、签退已结束')
  if (shift.geofence && (method === 'geofence' || input.location)) {
    if (!input.location) fail('CHECKIN.LOCATION_REQUIRED', '本班次需要定位签到，请允许获取位置')
    const distance = distanceMeters(input.location, shift.geofence)
    if (distance > shift.geofence.radiusMeters) fail('CHECKIN.OUT_OF_RANGE', `你距离服务地点约 ${distance} 米，请到达后再签到`)
  }
  const key = signupId(shift._id, actor.member._id)
  const record = await db.get('signups', key)
  if (!record || record.status !== 'confirmed') fail('SHIFT.NOT_SIGNED_UP', '你没有报名这个班次，无法签到')
  const result = (action: ShiftScanResult['action'], checkInAt: Date | null, checkOutAt: Date | null): ShiftScanResult => ({
    shiftId: shift._id,
    activityTitle: shift.activityTitle,
    startAt: shift.startAt.toISOString(),
    endAt: shift.endAt.toISOString(),
    action,
    checkInAt: checkInAt ? checkInAt.toISOString() : null,
    checkOutAt: checkOutAt ? checkOutAt.toISOString() : null,
    hours: record.hours,
    hoursStatus: record.hoursStatus,
  })
  // The leader has confirmed the hours: a scan changes nothing and shows the figure.
  if (record.hoursStatus !== 'pending') return result('hoursConfirmed', record.checkInAt, record.checkOutAt)
  const meaning = scanMeaning(record, now)
  if (meaning === 'checkIn') {
    // Only the first check-in counts, however many scans arrive at once.
    if ((await db.updateWhere('signups', { _id: key, status: 'confirmed', checkInAt: null }, { checkInAt: now, checkInMethod: method, rev: { $inc: 1 }, updatedAt: now })) === 1) return result('checkIn', now, null)
    const again = (await db.get('signups', key)) as SignupDoc
    return result('repeat', again.checkInAt as Date, again.checkOutAt)
  }
  if (meaning === 'repeat') return result('repeat', record.checkInAt as Date, record.checkOutAt)
  // During the shift a second scan may be a slip: the person is asked before it signs them out.
  if (!input.checkOut && now.getTime() < shift.endAt.getTime()) return result('askCheckOut', record.checkInAt as Date, record.checkOutAt)
  await db.updateWhere('signups', { _id: key, status: 'confirmed', hoursStatus: 'pending' }, { checkOutAt: now, rev: { $inc: 1 }, updatedAt: now })
  return result('checkOut', record.checkInAt as Date, now)
}

const describeHours = (status: HoursStatus, hours: number | null) => (status === 'credited' ? `${hoursStatusLabels.credited} ${hours ?? 0} 小时` : hoursStatusLabels[status])

/**
 * The leader confirms the hours (the suggestion from presence, or a correction with a reason:
 * logged before and after, as attendance is), marks no-shows and enters people served. The
 * records and their log land together.
 */
export async function confirmHours(db: Db, actor: MemberActor, input: ActionInput<'volunteer.confirmHours'>, now: Date): Promise<void> {
  const shift = await shiftOfBranch(db, actor, input.shiftId)
  requireLead(actor, shift)
  if (shift.status === 'cancelled') fail('SHIFT.CANCELLED')
  if (!mayConfirmHours(shift, now)) fail(now.getTime() < shift.startAt.getTime() ? 'SHIFT.NOT_STARTED' : 'SHIFT.NOT_ENDED')
  const longest = shiftLengthHours(shift)
  const records = new Map((await db.all('signups', { shiftId: shift._id, status: 'confirmed' })).map((r) => [r.memberId, r]))
  const fields: Record<string, string> = {}
  const changes: Array<{ record: SignupDoc; status: HoursStatus; hours: number; reason: string | null; logged: boolean }> = []
  input.entries.forEach((entry, i) => {
    const record = records.get(entry.memberId)
    if (!record) {
      fields[`entries.${i}.memberId`] = '此人不在本班次中'
      return
    }
    const status: HoursStatus = entry.outcome === 'noShow' ? 'noShow' : 'credited'
    const hours = status === 'noShow' ? 0 : roundHours(entry.hours)
    if (status === 'credited' && hours <= 0) fields[`entries.${i}.hours`] = '请填写服务时长，未到岗请标记“未到岗”'
    else if (hours > longest) fields[`entries.${i}.hours`] = `${record.memberName}：服务时长不能超过班次时长 ${longest} 小时`
    if (record.hoursStatus === status && record.hours === hours) return
    const suggestion = suggestedHours(shift, record)
    const asRecorded = record.hoursStatus === 'pending' && (status === 'credited' ? suggestion.met && hours === suggestion.hours : !suggestion.met)
    const reason = entry.reason?.trim() || null
    if (!asRecorded && !reason) fields[`entries.${i}.reason`] = `${record.memberName}：与签到记录不符或修改已确认的时长，请填写原因`
    changes.push({ record, status, hours, reason, logged: !asRecorded })
  })
  if (Object.keys(fields).length) fail('INPUT.INVALID', Object.values(fields)[0], fields)
  if (!changes.length && input.peopleServed === shift.peopleServed) return
  await db.transaction(async (tx) => {
    for (const c of changes) {
      await tx.update('signups', c.record._id, { hours: c.hours, hoursStatus: c.status, confirmedBy: actor.member.name, confirmedById: actor.member._id, rev: { $inc: 1 }, updatedAt: now })
      if (c.logged) {
        const kind: LogKind = c.status === 'noShow' ? 'noShow' : 'hoursCorrected'
        await tx.add('shiftLog', { ...logEntry(shift, c.record.memberId, c.record.memberName, kind, now, actor, c.reason), before: describeHours(c.record.hoursStatus, c.record.hours), after: describeHours(c.status, c.hours) })
        // A figure other than the record suggests reaches its person with the reason, in the same step.
        await tx.add(
          'inbox',
          inboxMessage({
            memberId: c.record.memberId,
            branchId: shift.branchId,
            kind: 'hoursCorrected',
            title: c.status === 'noShow' ? '带队老师记录你未到岗' : `服务时长确认为 ${c.hours} 小时`,
            body: `${shiftLabel(shift, now)}：${describeHours(c.status, c.hours)}（原为${describeHours(c.record.hoursStatus, c.record.hours)}）。原因：${c.reason}。确认人：${actor.member.name}。如有出入，请联系带队老师。`,
            link: `packageVolunteer/shift/index?id=${shift._id}`,
            createdAt: now,
          }),
        )
      }
    }
    if (input.peopleServed !== shift.peopleServed) await tx.update('shifts', shift._id, { peopleServed: input.peopleServed, updatedAt: now })
  })
}
