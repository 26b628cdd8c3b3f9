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

/**
 * Phones upload only sheets to import, meeting and note photos and study materials; nothing may
 * overwrite generated files.
 */
export const importPrefix = 'imports/'
export const minutesPrefix = 'minutes/'
export const notesPrefix = 'notes/'
export const studyPrefix = 'study/'
export const uploadPrefixes: readonly string[] = [importPrefix, minutesPrefix, notesPrefix, studyPrefix]

export const uploadPurposes = ['rosterSheet', 'minutesPhoto', 'notePhoto', 'studyMaterial', 'questionSheet', 'historySheet'] as const
export type UploadPurpose = (typeof uploadPurposes)[number]
export const uploadPurposeLabels: Record<UploadPurpose, string> = {
  rosterSheet: '花名册表格',
  minutesPhoto: '会议记录照片',
  notePhoto: '心得照片',
  studyMaterial: '学习材料',
  questionSheet: '测试题目表格',
  historySheet: '历史会议补录表格',
}

export const imageExtensions = ['jpg', 'png', 'gif', 'webp', 'heic'] as const
export type ImageExtension = (typeof imageExtensions)[number]

/** Documents a study task may attach, and how large. */
export const documentExtensions = ['pdf', 'doc', 'docx', 'ppt', 'pptx', 'xls', 'xlsx', 'txt'] as const
export type DocumentExtension = (typeof documentExtensions)[number]
export const maxDocumentBytes = 10 * 1024 * 1024

/**
 * How long an issued upload name stays valid: the phone uploads right after asking for it; a name
 * left unused is of no use later (the storage refuses it, and asking again gives a new one).
 */
export const uploadNameTtlMs = 60 * 60_000

/** Files one person may upload in one Beijing day: a meeting's photos and a few sheets, with room. */
export const dailyUploadLimit = 50

/** Largest roster sheet, checked by the app before uploading and by the function before reading. */
export const maxImportBytes = 5 * 1024 * 1024
/** Largest meeting photo the app uploads. */
export const maxImageBytes = 10 * 1024 * 1024
/** Photos one meeting record holds. */
export const maxMinutesPhotos = 9

export const imageExtensionPattern = /\.(jpe?g|png|gif|webp|heic)$/i

/**
 * What an upload is for, and where it belongs: a roster or question sheet of a branch, a photo of
 * a meeting, a photo of one member's notes, material of a branch's study task.
 */
export type UploadPlace =
  | { purpose: 'rosterSheet' | 'questionSheet' | 'historySheet' | 'studyMaterial'; branchId: string }
  | { purpose: 'minutesPhoto'; meetingId: string }
  | { purpose: 'notePhoto'; memberId: string }

/** A place and, for a photo or a document, the kind of file. */
export type UploadTarget =
  | { purpose: 'rosterSheet' | 'questionSheet' | 'historySheet'; branchId: string }
  | { purpose: 'minutesPhoto'; meetingId: string; ext: ImageExtension }
  | { purpose: 'notePhoto'; memberId: string; ext: ImageExtension }
  | { purpose: 'studyMaterial'; branchId: string; ext: DocumentExtension }

/**
 * The name of an upload: imports/<branchId>/<key>.xlsx (a roster or question sheet),
 * minutes/<meetingId>/<key>.<ext>, notes/<memberId>/<key>.<ext>, study/<branchId>/<key>.<ext>.
 */
export function uploadPath(target: UploadTarget, key: string): string {
  switch (target.purpose) {
    case 'rosterSheet':
    case 'questionSheet':
    case 'historySheet':
      return `${importPrefix}${target.branchId}/${key}.xlsx`
    case 'minutesPhoto':
      return `${minutesPrefix}${target.meetingId}/${key}.${target.ext}`
    case 'notePhoto':
      return `${notesPrefix}${target.memberId}/${key}.${target.ext}`
    case 'studyMaterial':
      return `${studyPrefix}${target.branchId}/${key}.${target.ext}`
  }
}

/** The key of a name `uploadPath` made, or null for any other path. */
export function uploadKeyOf(cloudPath: string): string | null {
  return cloudPath.match(/^(?:imports|minutes|notes|study)\/[^/]+\/([0-9a-f]{32})\.[a-z]+$/)?.[1] ?? null
}

/** The kind of document a study material is stored as, from the name the phone gave it; null if not one. */
export function documentExtension(fileName: string): DocumentExtension | null {
  const ext = fileName.match(/\.(\w+)$/)?.[1]?.toLowerCase() ?? ''
  return (documentExtensions as readonly string[]).includes(ext) ? (ext as DocumentExtension) : null
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
  questionTemplate: (at: number, random: string) => `templates/theory-test-${at}-${random}.xlsx`,
  historyTemplate: (at: number, random: string) => `templates/history-${at}-${random}.xlsx`,
}
