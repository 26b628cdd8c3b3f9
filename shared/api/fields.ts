import { z } from 'zod'
import { mobileMessage, mobilePattern, personNameMax, personNamePattern } from '../domain/member'
import { isCalendarDate, isValidInstant } from '../domain/time'

/**
 * Schema atoms every area of the contract uses, each with the Chinese message a teacher reads.
 * An area file builds its actions from these, so one rule (a phone number, a date) is written once.
 */

/** Marks an output type without a runtime value. */
export const output = <T>() => undefined as unknown as T

export const id = z.string().trim().min(1, '不能为空').max(64)

export const personName = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(personNameMax, `姓名不能超过 ${personNameMax} 个字`)
  .regex(personNamePattern, '姓名只能包含汉字、字母和“·”')

export const mobile = z.string().trim().regex(mobilePattern, mobileMessage)

/** An instant with its offset ("2025-03-08T16:30:00+08:00") that names a real moment. */
export const isoTime = z
  .string()
  .datetime({ offset: true, message: '时间格式不正确' })
  .refine((text) => isCalendarDate(text.slice(0, 10)) && isValidInstant(text), '时间格式不正确')

/** A Beijing calendar date "2020-07-01" that exists on the calendar. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2020-07-01')
  .refine(isCalendarDate, '日期不存在，请检查年月日')

export const cloudFileId = z.string().startsWith('cloud://', '文件地址不正确').max(512)

export const location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).strict()

/** An action that takes no input. */
export const noInput = z.object({}).strict()

/** A generated file in cloud storage and a temporary link to it. */
export interface FileLink {
  fileID: string
  url: string
  fileName: string
}

/** The name the server chose for a file the phone is about to upload (see domain/uploads.ts). */
export interface UploadName {
  cloudPath: string
}
