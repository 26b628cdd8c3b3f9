import { z } from 'zod'
import type { CheckinMethod } from '../../domain/documents'
import type { AttendanceStatus, WindowState } from '../../domain/meeting'
import { id, location, output, type FileLink } from '../fields'
import type { AttendanceRow } from './attendance'

export interface CheckinCodeView {
  token: string
  /** The link the QR code carries: opens the check-in page in the mini-program and in H5. */
  link: string
  /** PNG of the QR code as a data URL. */
  qr: string
  expiresInMs: number
  window: { state: WindowState; opensAt: string; closesAt: string }
  /** The shared tally of the meeting so far: 应到, 实到 (checkedIn), 迟到, 列席, 请假, and not (yet) come. */
  counts: { expected: number; checkedIn: number; late: number; observers: number; leave: number; absent: number }
  /** The person showing the code: their part in the meeting and their own record (the host is counted present on opening it during the window). */
  me: { role: 'expected' | 'observer' | 'outside'; status: AttendanceStatus | null; checkedInAt: string | null; method: CheckinMethod | null }
}

export interface CheckinResult {
  meetingId: string
  meetingTitle: string
  status: 'present' | 'late' | 'observer'
  checkedInAt: string
  /** True when this person had already checked in: the time is the first check-in's. */
  already: boolean
}

export const checkinActions = {
  'checkin.code': {
    input: z.object({ meetingId: id }).strict(),
    output: output<CheckinCodeView>(),
  },
  'checkin.staticCode': {
    input: z.object({ meetingId: id }).strict(),
    output: output<FileLink>(),
  },
  'checkin.scan': {
    input: z
      .object({
        token: z.string().trim().max(80).optional(),
        scene: z.string().trim().max(32).optional(),
        meetingId: id.optional(),
        location: location.optional(),
      })
      .strict()
      .refine((v) => Boolean(v.token) !== Boolean(v.scene), { message: '请扫描会议签到码' }),
    output: output<CheckinResult>(),
  },
  'checkin.manual': {
    input: z
      .object({
        meetingId: id,
        memberId: id,
        status: z.enum(['present', 'late', 'leave', 'absent', 'observer']),
        reason: z.string().trim().min(1, '请填写原因').max(100),
      })
      .strict(),
    output: output<AttendanceRow>(),
  },
} as const
