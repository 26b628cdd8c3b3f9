import type { DateFields } from './date-fields'
import type { UploadPurpose } from '../storage'

/** A name the server chose for one person's upload (see uploads.ts): `_id` is the key in the path. */
export interface UploadDoc {
  _id: string
  openid: string
  memberId: string
  branchId: string
  purpose: UploadPurpose
  /** The meeting a minutes photo belongs to. */
  meetingId: string | null
  cloudPath: string
  createdAt: Date
}

export const uploadDateFields: DateFields<UploadDoc> = { createdAt: true }
