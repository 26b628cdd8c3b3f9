import { z } from 'zod'
import { inviteCodeMessage, inviteCodePattern } from '../../domain/invite-code'
import { memberCategories } from '../../domain/member'
import { id, mobile, noInput, output, personName, type FileLink } from '../fields'

export interface JoinRequestView {
  id: string
  name: string
  phoneMasked: string
  submittedAt: string
  /** Roster entries that may be this person (same name or same phone). */
  candidates: Array<{ memberId: string; name: string; groupName: string | null; phoneMasked: string; bound: boolean }>
}

export type JoinResult =
  | { status: 'bound'; branchName: string; memberName: string }
  | { status: 'pending'; branchName: string; requestId: string }

export const joinActions = {
  'join.submit': {
    input: z
      .object({
        inviteCode: z.string().trim().toUpperCase().regex(inviteCodePattern, inviteCodeMessage),
        name: personName,
        phone: mobile,
      })
      .strict(),
    output: output<JoinResult>(),
  },
  'join.listRequests': {
    input: noInput,
    output: output<JoinRequestView[]>(),
  },
  'join.decide': {
    input: z
      .object({
        requestId: id,
        decision: z.enum(['bindExisting', 'createMember', 'reject']),
        memberId: id.optional(),
        category: z.enum(memberCategories).optional(),
        groupId: id.nullable().optional(),
        comment: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: output<{ status: 'bound' | 'rejected' }>(),
  },
  'join.inviteCode': {
    input: noInput,
    output: output<{ inviteCode: string; branchName: string; qr: FileLink }>(),
  },
} as const
