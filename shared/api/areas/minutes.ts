import { z } from 'zod'
import { imageExtensions, maxMinutesPhotos } from '../../domain/storage'
import { cloudFileId, id, output, type UploadName } from '../fields'

/** 会议记录 as the page shows it: the saved record (or the agenda to start from) and photo links. */
export interface MinutesView {
  meetingId: string
  topics: string[]
  content: string
  decisions: string
  photos: Array<{ fileID: string; url: string }>
  recordedBy: string | null
  updatedAt: string | null
  canEdit: boolean
}

/** 会议记录: a meeting's minutes and their photos, read by those the meeting concerns, kept by its 记录人. */
export const minutesActions = {
  'minutes.get': {
    input: z.object({ meetingId: id }).strict(),
    output: output<MinutesView>(),
  },
  /** The name to upload a photo of a meeting's minutes to, before minutes.save. */
  'minutes.preparePhoto': {
    input: z.object({ meetingId: id, ext: z.enum(imageExtensions, { errorMap: () => ({ message: '只能上传照片（jpg、png 等图片）' }) }) }).strict(),
    output: output<UploadName>(),
  },
  'minutes.save': {
    input: z
      .object({
        meetingId: id,
        topics: z.array(z.string().trim().min(1).max(100)).max(20),
        content: z.string().trim().max(5000, '内容不能超过 5000 字'),
        decisions: z.string().trim().max(2000, '决议不能超过 2000 字'),
        photos: z.array(cloudFileId).max(maxMinutesPhotos, `最多 ${maxMinutesPhotos} 张照片`),
      })
      .strict(),
    output: output<MinutesView>(),
  },
} as const
