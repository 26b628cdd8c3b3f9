import Taro from '@tarojs/taro'
import { noOutcome, type RequestSubscribe, type SubscribeOutcome } from './subscribe-types'

type Answers = Record<string, unknown>

/**
 * WeChat's own dialog. The request is made before this function returns (the Promise executor
 * runs at once), so a tap handler that calls it first satisfies WeChat's "from a tap" rule.
 * The "always keep" choices are read afterwards from getSetting({withSubscriptions}).
 */
export const requestSubscribe: RequestSubscribe = (templateIds) => {
  const asked = new Promise<Answers | { errCode: number }>((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds: templateIds,
      success: (res: unknown) => resolve(res as Answers),
      fail: (err: unknown) => resolve({ errCode: Number((err as { errCode?: unknown }).errCode ?? -1) }),
    } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0])
  })
  return asked.then(async (res): Promise<SubscribeOutcome> => {
    if ('errCode' in res && typeof res.errCode === 'number') return noOutcome(res.errCode)
    const answers: Record<string, string> = {}
    for (const id of templateIds) if (typeof (res as Answers)[id] === 'string') answers[id] = (res as Answers)[id] as string
    const settings = await new Promise<{ mainSwitch?: boolean; itemSettings?: Record<string, string> }>((resolve) => {
      Taro.getSetting({
        withSubscriptions: true,
        success: (s) => resolve((s as unknown as { subscriptionsSetting?: { mainSwitch?: boolean; itemSettings?: Record<string, string> } }).subscriptionsSetting ?? {}),
        fail: () => resolve({}),
      })
    })
    const kept: SubscribeOutcome['kept'] = {}
    for (const id of templateIds) {
      const value = settings.itemSettings?.[id]
      if (value === 'accept' || value === 'reject') kept[id] = value
    }
    return { answers, kept, mainSwitch: settings.mainSwitch !== false, errCode: null }
  })
}
