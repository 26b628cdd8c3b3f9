import Taro from '@tarojs/taro'

/** Drafts on the phone: only the note editor keeps them, so they stay in the study subpackage. */
export interface LocalDraft {
  title: string
  body: string
  photos: Array<{ fileID: string; url: string }>
  /** When it was written on this phone (ms). */
  savedAt: number
}

const draftKey = (key: string) => `noteDraft:${key}`

/** A note's draft kept on this phone, whatever the network does. */
export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const value = Taro.getStorageSync(draftKey(key)) as LocalDraft | ''
    return value && typeof value === 'object' && typeof value.body === 'string' ? value : null
  } catch {
    return null
  }
}

/**
 * The phone's copy wins over the server's when it was written later (offline, or not yet sent)
 * and holds something; `serverUpdatedAt` is null when the server has no note yet.
 */
export function phoneCopyWins(local: LocalDraft | null, serverUpdatedAt: string | null): local is LocalDraft {
  const serverAt = serverUpdatedAt ? Date.parse(serverUpdatedAt) : 0
  return Boolean(local && local.savedAt > serverAt && (local.body || local.title))
}

export function writeLocalDraft(key: string, draft: LocalDraft): void {
  try {
    Taro.setStorageSync(draftKey(key), draft)
  } catch {
    // Storage full or unavailable: the server copy still holds it.
  }
}

export function dropLocalDraft(key: string): void {
  try {
    Taro.removeStorageSync(draftKey(key))
  } catch {
    // Nothing to drop.
  }
}
