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
