import { z } from 'zod'
import type { Geofence, ShiftLogKind, VolunteerActivityDoc } from '../../domain/documents'
import type { MemberCategory } from '../../domain/member'
import { isClockTime, isValidInstant } from '../../domain/time'
import {
  activityTypes,
  eligibilities,
  rosterPatternProblems,
  shiftTimesProblems,
  type ActivityType,
  type Eligibility,
  type HoursStatus,
  type SignupStatus,
  type SignupWindowState,
  type TypeFigures,
  type Weekday,
} from '../../domain/volunteer'
import { calendarDate, id, isoTime, location, noInput, output } from '../fields'

/**
 * 志愿服务: activities, shifts, sign-up and the waitlist, recurring rosters, swaps, check-in at the
 * shift, hours, the team's figures and the hours export. Served by the cloud function `volunteer`.
 */

export type { Geofence, ShiftLogKind }

/** A person's own place on a shift. */
export interface MyPlaceView {
  status: SignupStatus
  /** Place in line while waitlisted (1 = next). */
  position: number | null
  /** Offered for a swap and not yet taken. */
  offered: boolean
  /** When the person signed up: an accidental 报名 can be undone for a few minutes (see mayCancel). */
  signedUpAt: string
  checkInAt: string | null
  checkOutAt: string | null
  hours: number | null
  hoursStatus: HoursStatus
}

/** A shift as lists show it. */
export interface ShiftCardView {
  id: string
  activityId: string
  activityTitle: string
  activityType: ActivityType
  place: string
  rosterId: string | null
  startAt: string
  endAt: string
  capacity: number
  taken: number
  waitlist: number
  eligibility: Eligibility
  hours: number
  leader: { id: string; name: string } | null
  status: 'draft' | 'published' | 'cancelled'
  cancelReason: string | null
  signup: SignupWindowState
  signupOpensAt: string
  signupClosesAt: string
  cancelDeadline: string
  hasGeofence: boolean
  mine: MyPlaceView | null
  /** The caller's category lets them join (Party members only, or everyone). */
  mayJoin: boolean
  /** The caller leads it or manages volunteering: shows the code, removes, confirms hours. */
  canLead: boolean
}

/** A seat offered for a swap: anyone eligible may take it. */
export interface SwapOfferView {
  shift: ShiftCardView
  from: { memberId: string; name: string }
  offeredAt: string
}

/** 志愿 tab: open shifts by date, mine, swaps offered, those I lead, and my hours this year. */
export interface VolunteerBoardView {
  open: ShiftCardView[]
  mine: ShiftCardView[]
  swaps: SwapOfferView[]
  leading: ShiftCardView[]
  myYear: { year: number; hours: number; shifts: number }
  canManage: boolean
}

/** One person on a shift, as the leader sees them. */
export interface ShiftPersonView {
  memberId: string
  name: string
  status: SignupStatus
  position: number | null
  offered: boolean
  signedUpAt: string
  checkInAt: string | null
  checkOutAt: string | null
  /** Share of the shift covered by check-in to check-out (0–1), null until both. */
  share: number | null
  suggestedHours: number
  hours: number | null
  hoursStatus: HoursStatus
  confirmedBy: string | null
}

export interface ShiftLogView {
  at: string
  kind: ShiftLogKind
  memberName: string
  byName: string
  before: string | null
  after: string | null
  reason: string | null
}

export interface ShiftDetailView extends ShiftCardView {
  /** The caller manages volunteering: may edit or cancel the shift. */
  canManage: boolean
  geofence: Geofence | null
  description: string
  organiser: string
  presenceShare: number
  peopleServed: number
  /** Who holds a seat and who waits, in order; for the leader with times and hours. */
  people: ShiftPersonView[]
  /** Sign-ups, removals, swaps and corrections; for the leader and managers. */
  log: ShiftLogView[]
  swaps: Array<{ memberId: string; name: string; offeredAt: string }>
}

export interface SignupResult {
  shiftId: string
  status: 'confirmed' | 'waitlisted'
  position: number | null
  /** The person already had this place (a second tap): nothing changed. */
  already: boolean
  /** The shift after the sign-up, as its card shows it. */
  shift: ShiftCardView
}

export interface ShiftCodeView {
  token: string
  link: string
  qr: string
  expiresInMs: number
  window: { state: SignupWindowState; opensAt: string; closesAt: string }
  counts: { confirmed: number; checkedIn: number; checkedOut: number }
}

export interface ShiftScanResult {
  shiftId: string
  activityTitle: string
  startAt: string
  endAt: string
  /**
   * What the scan did: checked in, checked out, or nothing: a repeat within minutes, a scan during
   * the shift that asks before signing out (`askCheckOut`: send it again with `checkOut`), or a
   * scan once the leader has confirmed the hours (`hoursConfirmed`: the figure below).
   */
  action: 'checkIn' | 'checkOut' | 'repeat' | 'askCheckOut' | 'hoursConfirmed'
  checkInAt: string | null
  checkOutAt: string | null
  hours: number | null
  hoursStatus: HoursStatus
}

export interface VolunteerRosterView {
  id: string
  activityId: string
  fromDate: string
  toDate: string
  weekdays: Weekday[]
  startClock: string
  endClock: string
  holidays: Array<{ from: string; to: string }>
  capacity: number
  eligibility: Eligibility
  leader: { id: string; name: string } | null
  hours: number
  presenceShare: number
  cancelHoursBefore: number
  signupClosesMinutesBefore: number
  place: string
  geofence: Geofence | null
  /** Shifts it made that have not started, and all it made. */
  upcoming: number
  total: number
}

/** What an activity is, as its document keeps it; editable on 新建 / 编辑志愿服务活动. */
export type ActivityFields = Pick<VolunteerActivityDoc, 'type' | 'title' | 'description' | 'place' | 'organiser'>

export interface ActivitySummaryView extends ActivityFields, Pick<VolunteerActivityDoc, 'status' | 'cancelReason'> {
  id: string
  upcomingShifts: number
  nextShiftAt: string | null
}

export interface ActivityDetailView extends ActivitySummaryView {
  shifts: ShiftCardView[]
  rosters: VolunteerRosterView[]
}

export interface VolunteerManageView {
  activities: ActivitySummaryView[]
  /** Who can lead a shift: names, no phones. */
  people: Array<{ id: string; name: string; category: MemberCategory }>
  /** The organiser a new activity starts with (组织单位). */
  defaultOrganiser: string
}

export interface MyServiceRow {
  shiftId: string
  activityTitle: string
  activityType: ActivityType
  startAt: string
  endAt: string
  status: SignupStatus
  hours: number | null
  hoursStatus: HoursStatus
}

export interface MyHoursView {
  from: string
  to: string
  hours: number
  /** Shifts served with hours credited. */
  shifts: number
  rows: MyServiceRow[]
}

export interface TeamFiguresView {
  branchName: string
  from: string
  to: string
  byType: TypeFigures[]
  total: Omit<TypeFigures, 'type'>
}

const clock = z.string().refine(isClockTime, '时间应为 07:30 这样的格式')
const reason = z.string().trim().min(1, '请填写原因').max(100, '原因不能超过 100 字')
const geofence = z
  .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), radiusMeters: z.number().int().min(50, '范围至少 50 米').max(5000) })
  .strict()
const period = { from: isoTime, to: isoTime }
const periodInOrder = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  if (isValidInstant(v.from) && isValidInstant(v.to) && Date.parse(v.to) <= Date.parse(v.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间应晚于开始时间' })
}

const activityFields = {
  type: z.enum(activityTypes, { errorMap: () => ({ message: '请选择活动类型' }) }),
  title: z.string().trim().min(2, '活动名称至少 2 个字').max(40, '活动名称不能超过 40 个字'),
  description: z.string().trim().max(500, '活动介绍不能超过 500 字'),
  place: z.string().trim().min(1, '请填写地点').max(40, '地点不能超过 40 个字'),
  organiser: z.string().trim().min(2, '请填写组织单位').max(40, '组织单位不能超过 40 个字'),
}

/** What every shift carries, whether made one by one or by a roster. */
const seatFields = {
  capacity: z.number({ required_error: '请填写名额' }).int('名额应为整数').min(1, '名额至少 1 人').max(200, '名额不能超过 200 人'),
  eligibility: z.enum(eligibilities, { errorMap: () => ({ message: '请选择报名范围' }) }),
  leaderId: id.nullable(),
  hours: z.number({ required_error: '请填写服务时长' }).min(0.1, '服务时长至少 0.1 小时').max(12, '服务时长不能超过 12 小时'),
  presenceShare: z.number().min(0.1, '在岗比例至少 10%').max(1, '在岗比例不能超过 100%'),
  place: z.string().trim().max(40, '地点不能超过 40 个字'),
  geofence: geofence.nullable(),
}

const shiftTimeFields = {
  startAt: isoTime,
  endAt: isoTime,
  signupOpensAt: isoTime,
  signupClosesAt: isoTime,
  cancelDeadline: isoTime,
}
type ShiftTimeInput = { [K in keyof typeof shiftTimeFields]: string }
const shiftTimesInOrder = (v: Partial<ShiftTimeInput>, ctx: z.RefinementCtx) => {
  const keys = Object.keys(shiftTimeFields) as Array<keyof ShiftTimeInput>
  if (!keys.every((k) => v[k] && isValidInstant(v[k] as string))) return
  const times = Object.fromEntries(keys.map((k) => [k, new Date(v[k] as string)])) as unknown as Parameters<typeof shiftTimesProblems>[0]
  for (const [path, message] of Object.entries(shiftTimesProblems(times))) ctx.addIssue({ code: 'custom', path: [path], message })
}

const weekday = z.number().int().min(1).max(7) as unknown as z.ZodType<Weekday>
const rosterFields = {
  pattern: z
    .object({
      fromDate: calendarDate,
      toDate: calendarDate,
      weekdays: z.array(weekday).max(7),
      startClock: clock,
      endClock: clock,
      holidays: z.array(z.object({ from: calendarDate, to: calendarDate }).strict()).max(30, '假期最多 30 段'),
    })
    .strict(),
  cancelHoursBefore: z.number().min(0).max(168, '取消截止最多提前 7 天'),
  signupClosesMinutesBefore: z.number().int().min(0).max(1440),
  ...seatFields,
}
type PatternInput = z.infer<typeof rosterFields.pattern>
const patternWorks = (v: { pattern?: PatternInput }, ctx: z.RefinementCtx) => {
  if (!v.pattern) return
  for (const [path, message] of Object.entries(rosterPatternProblems({ ...v.pattern, weekdays: [...new Set(v.pattern.weekdays)] }))) {
    ctx.addIssue({ code: 'custom', path: ['pattern', ...path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))], message })
  }
}

export const volunteerActions = {
  'volunteer.board': {
    input: noInput,
    output: output<VolunteerBoardView>(),
  },
  'volunteer.shift': {
    input: z.object({ shiftId: id }).strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.signup': {
    input: z.object({ shiftId: id, waitlist: z.boolean() }).strict(),
    output: output<SignupResult>(),
  },
  'volunteer.cancel': {
    input: z.object({ shiftId: id }).strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.remove': {
    input: z.object({ shiftId: id, memberId: id, reason }).strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.offerSwap': {
    input: z.object({ shiftId: id, offer: z.boolean() }).strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.takeSwap': {
    input: z.object({ shiftId: id, fromMemberId: id }).strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.code': {
    input: z.object({ shiftId: id }).strict(),
    output: output<ShiftCodeView>(),
  },
  'volunteer.scan': {
    input: z
      .object({ token: z.string().trim().max(120).optional(), shiftId: id.optional(), location: location.optional(), checkOut: z.literal(true).optional() })
      .strict()
      .refine((v) => Boolean(v.token) || Boolean(v.shiftId && v.location), { message: '请扫描带队人出示的签到码' }),
    output: output<ShiftScanResult>(),
  },
  'volunteer.confirmHours': {
    input: z
      .object({
        shiftId: id,
        peopleServed: z.number().int('受益人次应为整数').min(0).max(100000),
        entries: z
          .array(
            z
              .object({
                memberId: id,
                outcome: z.enum(['credited', 'noShow']),
                hours: z.number().min(0, '时长不能为负数').max(12, '时长不能超过 12 小时'),
                reason: z.string().trim().max(100, '原因不能超过 100 字').optional(),
              })
              .strict(),
          )
          .max(200),
      })
      .strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.history': {
    input: z.object(period).strict().superRefine(periodInOrder),
    output: output<MyHoursView>(),
  },
  'volunteer.figures': {
    input: z
      .object({ ...period, branchId: id.optional() })
      .strict()
      .superRefine(periodInOrder),
    output: output<TeamFiguresView>(),
  },
  'volunteer.exportHours': {
    input: z
      .object({ ...period, branchId: id.optional() })
      .strict()
      .superRefine(periodInOrder),
    output: output<{ fileID: string; url: string; fileName: string; rows: number }>(),
  },
  'volunteer.manage': {
    input: z.object({ includeCancelled: z.boolean().optional() }).strict(),
    output: output<VolunteerManageView>(),
  },
  'volunteer.activity': {
    input: z.object({ activityId: id }).strict(),
    output: output<ActivityDetailView>(),
  },
  'volunteer.createActivity': {
    input: z.object({ ...activityFields, publish: z.boolean() }).strict(),
    output: output<ActivityDetailView>(),
  },
  'volunteer.updateActivity': {
    input: z.object({ activityId: id, ...activityFields }).partial().required({ activityId: true }).strict(),
    output: output<ActivityDetailView>(),
  },
  'volunteer.publishActivity': {
    input: z.object({ activityId: id }).strict(),
    output: output<ActivityDetailView>(),
  },
  'volunteer.cancelActivity': {
    input: z.object({ activityId: id, reason }).strict(),
    output: output<ActivityDetailView>(),
  },
  'volunteer.addShift': {
    input: z
      .object({ activityId: id, ...shiftTimeFields, ...seatFields })
      .strict()
      .superRefine(shiftTimesInOrder),
    output: output<ShiftDetailView>(),
  },
  'volunteer.updateShift': {
    input: z
      .object({ shiftId: id, ...shiftTimeFields, ...seatFields })
      .partial()
      .required({ shiftId: true })
      .strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.cancelShift': {
    input: z.object({ shiftId: id, reason }).strict(),
    output: output<ShiftDetailView>(),
  },
  'volunteer.createRoster': {
    input: z
      .object({ activityId: id, ...rosterFields })
      .strict()
      .superRefine(patternWorks),
    output: output<{ roster: VolunteerRosterView; created: number }>(),
  },
  'volunteer.updateRoster': {
    input: z
      .object({ rosterId: id, ...rosterFields })
      .strict()
      .superRefine(patternWorks),
    output: output<{ roster: VolunteerRosterView; created: number; updated: number; cancelled: number }>(),
  },
} as const
