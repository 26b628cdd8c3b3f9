/**
 * The in-app scanner (扫码签到) on weapp, with a stand-in for WeChat's scanCode that records what
 * the app asks for: the camera only, so a screenshot of the code forwarded to a WeChat group
 * cannot be picked from the album.
 */
const mockScans: Array<Record<string, unknown>> = []
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    scanCode: async (options: Record<string, unknown>) => {
      mockScans.push(options)
      return { result: 'https://zhibutong.example.cn/pages/checkin/index?t=0123456789abcdef0123456789abcdef.abc.AAAAAAAAAAAAAAAAAAAAAA', path: '' }
    },
    showToast: async () => undefined,
  },
}))

import { scanCheckinCode } from '../../miniprogram/src/services/meeting'

const taroEnv = process.env.TARO_ENV
beforeAll(() => {
  process.env.TARO_ENV = 'weapp'
})
afterAll(() => {
  process.env.TARO_ENV = taroEnv
})

it('opens the camera only, never the album, and reads the check-in code it sees', async () => {
  const code = await scanCheckinCode()
  expect(mockScans).toHaveLength(1)
  expect(mockScans[0]).toMatchObject({ onlyFromCamera: true })
  expect(code).toEqual({ token: '0123456789abcdef0123456789abcdef.abc.AAAAAAAAAAAAAAAAAAAAAA' })
})
