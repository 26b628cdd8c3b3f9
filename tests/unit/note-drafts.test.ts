/**
 * A note's draft kept on the phone (with a stand-in for WeChat's storage): a teacher who leaves
 * mid-sentence finds it again, and the phone's copy wins only when it is newer than the server's.
 */
const mockStorage = new Map<string, unknown>()
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => (mockStorage.has(key) ? mockStorage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void mockStorage.set(key, value),
    removeStorageSync: (key: string) => void mockStorage.delete(key),
  },
}))

import { dropLocalDraft, phoneCopyWins, readLocalDraft, writeLocalDraft } from '../../miniprogram/src/packageStudy/note/drafts'

const at = (text: string) => Date.parse(`${text}+08:00`)

it('keeps a draft on the phone until it is dropped after submitting', () => {
  expect(readLocalDraft('task:t1')).toBeNull()
  writeLocalDraft('task:t1', { title: '心得', body: '学习全会精神，我体会到', photos: [], savedAt: at('2026-03-02T20:15:00') })
  expect(readLocalDraft('task:t1')?.body).toBe('学习全会精神，我体会到')
  dropLocalDraft('task:t1')
  expect(readLocalDraft('task:t1')).toBeNull()
})

it('prefers the phone’s copy only when it is newer than the server’s and not blank', () => {
  const draft = (savedAt: string, body = '写到一半的心得') => ({ title: '', body, photos: [], savedAt: at(savedAt) })
  // Nothing on the server yet: anything written on the phone.
  expect(phoneCopyWins(draft('2026-03-02T20:15:00'), null)).toBe(true)
  // Written offline after the last save reached the server.
  expect(phoneCopyWins(draft('2026-03-02T20:15:00'), '2026-03-02T12:10:00.000Z')).toBe(true)
  // Saved later from another phone: the server's copy.
  expect(phoneCopyWins(draft('2026-03-02T20:15:00'), '2026-03-02T12:20:00.000Z')).toBe(false)
  expect(phoneCopyWins(draft('2026-03-02T20:15:00', ''), null)).toBe(false)
  expect(phoneCopyWins(null, null)).toBe(false)
})
