import { z } from 'zod'
import type { MeetingType } from '../../domain/meeting'
import { id, noInput, output } from '../fields'

export interface LeaveView {
  meetingId: string
  meetingTitle: string
  meetingType: MeetingType
  startAt: string
  memberId: string
  memberName: string
  groupName: string | null
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  comment: string | null
  requestedAt: string
}

/** 补学: what a member does after an approved absence. */
export interface MakeupView {
  id: string
  meetingId: string
  meetingTitle: string
  meetingType: MeetingType
  meetingStartAt: string
  /** 补学 opens when the meeting has ended. */
  meetingEndAt: string
  /** What to study: the 会议记录 once the 记录人 saved it (else the agenda as topics, content empty); in the member's own list only. */
  minutes: null | { topics: string[]; content: string; decisions: string; recorded: boolean }
  memberId: string
  memberName: string
  status: 'open' | 'done'
  note: string | null
  completedAt: string | null
}

export const leaveActions = {
  'leave.request': {
    input: z.object({ meetingId: id, reason: z.string().trim().min(2, '请填写请假事由').max(200, '事由不能超过 200 字') }).strict(),
    output: output<LeaveView>(),
  },
  'leave.listPending': {
    input: noInput,
    output: output<LeaveView[]>(),
  },
  'leave.decide': {
    input: z.object({ meetingId: id, memberId: id, approve: z.boolean(), comment: z.string().trim().max(200).optional() }).strict(),
    output: output<LeaveView>(),
  },
  'leave.makeups': {
    input: z.object({ scope: z.enum(['mine', 'branch']) }).strict(),
    output: output<MakeupView[]>(),
  },
  'leave.completeMakeup': {
    input: z.object({ makeupId: id, note: z.string().trim().min(10, '请写下不少于 10 字的学习体会').max(2000) }).strict(),
    output: output<MakeupView>(),
  },
} as const
