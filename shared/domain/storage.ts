/**
 * Cloud storage: where files go, how large they may be, and which paths phones may upload to.
 * The local cloud's upload gateway is given `uploadPrefixes` by scripts/start.ts.
 *
 * Files people upload from their phones (a roster sheet to import, a photo for the minutes) go to
 * names the server chooses: a random key, recorded as issued to one WeChat identity, under the
 * prefix of what the file is for (roster.prepareImport, minutes.preparePhoto). A function then
 * accepts a file only from the person it was issued to, for the branch or meeting it was issued
 * for; nobody can choose a name another person's file will use, and storage ("仅创建者可读写")
 * refuses to overwrite a file someone else created.
 */

/** Phones upload only roster sheets and meeting photos; nothing may overwrite generated files. */
export const importPrefix = 'imports/'
export const minutesPrefix = 'minutes/'
export const uploadPrefixes: readonly string[] = [importPrefix, minutesPrefix]

export const uploadPurposes = ['rosterSheet', 'minutesPhoto'] as const
export type UploadPurpose = (typeof uploadPurposes)[number]

export const imageExtensions = ['jpg', 'png', 'gif', 'webp', 'heic'] as const
export type ImageExtension = (typeof imageExtensions)[number]

/** Files one person may upload in one Beijing day: a meeting's photos and a few sheets, with room. */
export const dailyUploadLimit = 50

/** Largest roster sheet, checked by the app before uploading and by the function before reading. */
export const maxImportBytes = 5 * 1024 * 1024
/** Largest meeting photo the app uploads. */
export const maxImageBytes = 10 * 1024 * 1024
/** Photos one meeting record holds. */
export const maxMinutesPhotos = 9

export const imageExtensionPattern = /\.(jpe?g|png|gif|webp|heic)$/i

/** What an upload is for, and where it belongs. */
export type UploadPlace = { purpose: 'rosterSheet'; branchId: string } | { purpose: 'minutesPhoto'; meetingId: string }

/** A place and, for a photo, the kind of image. */
export type UploadTarget = Extract<UploadPlace, { purpose: 'rosterSheet' }> | (Extract<UploadPlace, { purpose: 'minutesPhoto' }> & { ext: ImageExtension })

/** The name of an upload: imports/<branchId>/<key>.xlsx, minutes/<meetingId>/<key>.<ext>. */
export function uploadPath(target: UploadTarget, key: string): string {
  return target.purpose === 'rosterSheet' ? `${importPrefix}${target.branchId}/${key}.xlsx` : `${minutesPrefix}${target.meetingId}/${key}.${target.ext}`
}

/** The key of a name `uploadPath` made, or null for any other path. */
export function uploadKeyOf(cloudPath: string): string | null {
  return cloudPath.match(/^(?:imports|minutes)\/[^/]+\/([0-9a-f]{32})\.[a-z]+$/)?.[1] ?? null
}

/** The extension a photo is stored under, from the name the phone gave it ("IMG_1.JPEG" → jpg). */
export function imageExtension(fileName: string): ImageExtension {
  const ext = fileName.match(imageExtensionPattern)?.[1]?.toLowerCase().replace('jpeg', 'jpg')
  return (imageExtensions as readonly string[]).includes(ext ?? '') ? (ext as ImageExtension) : 'jpg'
}

/** The path inside the bucket of a cloud file id: cloud://env.bucket/a/b.xlsx → a/b.xlsx */
export function cloudPathOf(fileID: string): string {
  const match = fileID.match(/^cloud:\/\/[^/]+\/(.+)$/)
  return match ? match[1] : ''
}

/** Generated files: sheets and codes the functions write for download. */
export const generatedPaths = {
  rosterExport: (branchId: string, date: string, random: string) => `exports/${branchId}/roster-${date}-${random}.xlsx`,
  meetingSheet: (branchId: string, meetingId: string, at: number) => `exports/${branchId}/meeting-${meetingId}-${at}.xlsx`,
  volunteerHours: (branchId: string, at: number) => `exports/${branchId}/volunteer-hours-${at}.xlsx`,
  rosterTemplate: (at: number, random: string) => `templates/roster-${at}-${random}.xlsx`,
  inviteCode: (branchId: string, at: number) => `invites/${branchId}-${at}.png`,
  staticCheckinCode: (meetingId: string) => `checkin-codes/${meetingId}.png`,
  myData: (memberId: string, at: number, random: string) => `exports/mine/${memberId}-${at}-${random}.xlsx`,
}
