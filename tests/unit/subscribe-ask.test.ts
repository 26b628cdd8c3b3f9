/**
 * Asking for reminders on weapp, with a stand-in for WeChat's requestSubscribeMessage that records
 * each request: WeChat shows its dialog only when asked synchronously from a tap, so the request
 * must be made before askReminders returns (before any await), with at most 3 templates.
 */
const mockRequests: Array<{ tmplIds: string[] }> = []
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    requestSubscribeMessage: (options: { tmplIds: string[]; fail: (e: { errCode: number }) => void }) => {
      mockRequests.push({ tmplIds: options.tmplIds })
      // The member closes the dialog: nothing is recorded.
      options.fail({ errCode: 20004 })
    },
    getSetting: (o: { success: (s: unknown) => void }) => o.success({}),
  },
}))
// Taro resolves './subscribe' to the weapp dialog on weapp; jest does not know platform files.
jest.mock('../../miniprogram/src/services/subscribe', () => jest.requireActual('../../miniprogram/src/services/subscribe.weapp'))

import { askReminders } from '../../miniprogram/src/services/reminders'
import { askMoments, maxTemplatesPerRequest, templateBinding, type AskMoment } from '../../shared/domain/reminders/templates'

it.each(Object.keys(askMoments) as AskMoment[])('asks WeChat at %s synchronously, in the tap, for at most 3 templates', async (moment) => {
  mockRequests.length = 0
  const pending = askReminders(moment)
  // Before anything is awaited: the dialog has been requested.
  expect(mockRequests).toHaveLength(1)
  const ids = mockRequests[0].tmplIds
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.length).toBeLessThanOrEqual(maxTemplatesPerRequest)
  expect(ids).toEqual(askMoments[moment].slice(0, maxTemplatesPerRequest).map((key) => templateBinding(key).id))
  await expect(pending).resolves.toBeNull()
})
