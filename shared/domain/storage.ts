/**
 * Cloud storage: where files go, how large they may be, and which paths phones may upload to.
 * The app builds upload paths here, the functions accept files only under these prefixes, and the
 * local cloud's upload gateway is given `uploadPrefixes` by scripts/start.ts.
 */

/** Phones upload only roster sheets and meeting photos; nothing may overwrite generated files. */
export const importPrefix = 'imports/'
export const minutesPrefix = 'minutes/'
export const uploadPrefixes: readonly string[] = [importPrefix, minutesPrefix]

/** Largest roster sheet, checked by the app before uploading and by the function before reading. */
export const maxImportBytes = 5 * 1024 * 1024
/** Largest meeting photo the app uploads. */
export const maxImageBytes = 10 * 1024 * 1024
/** Photos one meeting record holds. */
export const maxMinutesPhotos = 9

export const imageExtensionPattern = /\.(jpe?g|png|gif|webp|heic)$/i

/** Where an uploaded roster sheet goes: imports/<timestamp>-<random>.xlsx. */
export function importPath(at: number, random: string): string {
  return `${importPrefix}${at}-${random}.xlsx`
}

/** Where a photo of a meeting's minutes goes: minutes/<meetingId>/<timestamp>-<random>.<ext>. */
export function minutesPhotoPath(meetingId: string, fileName: string, at: number, random: string): string {
  const ext = (fileName.match(imageExtensionPattern)?.[1] ?? 'jpg').toLowerCase().replace('jpeg', 'jpg')
  return `${minutesPrefix}${meetingId}/${at}-${random}.${ext}`
}

/** The path inside the bucket of a cloud file id: cloud://env.bucket/a/b.xlsx → a/b.xlsx */
export function cloudPathOf(fileID: string): string {
  const match = fileID.match(/^cloud:\/\/[^/]+\/(.+)$/)
  return match ? match[1] : ''
}

/** Whether a file id is an uploaded roster sheet. */
export const isImportFile = (fileID: string) => cloudPathOf(fileID).startsWith(importPrefix)

/** Whether a file id is a photo uploaded for this meeting's minutes. */
export const isMinutesPhotoOf = (meetingId: string, fileID: string) => cloudPathOf(fileID).startsWith(`${minutesPrefix}${meetingId}/`)

/** Generated files: sheets and codes the functions write for download. */
export const generatedPaths = {
  rosterExport: (branchId: string, date: string, random: string) => `exports/${branchId}/roster-${date}-${random}.xlsx`,
  meetingSheet: (branchId: string, meetingId: string, at: number) => `exports/${branchId}/meeting-${meetingId}-${at}.xlsx`,
  rosterTemplate: (at: number, random: string) => `templates/roster-${at}-${random}.xlsx`,
  inviteCode: (branchId: string, at: number) => `invites/${branchId}-${at}.png`,
  staticCheckinCode: (meetingId: string) => `checkin-codes/${meetingId}.png`,
}
