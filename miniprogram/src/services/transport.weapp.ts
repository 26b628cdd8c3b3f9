import Taro from '@tarojs/taro'
import { describe, withTimeout, type Transport } from './transport-types'

/**
 * weapp: wx.cloud.callFunction. Taro.cloud.init runs once in app.ts.
 * Error codes: -504003 = function timed out; -504002 = the function crashed (uncaught error),
 * which is the server's fault, not the network's.
 */
export const send: Transport = (name, data) =>
  withTimeout(
    Taro.cloud.callFunction({ name, data: data as unknown as TaroGeneral.IAnyObject }).then(
      (res) => ({ ok: true as const, result: res.result }),
      (error: unknown) => {
        const detail = describe(error)
        if (/-504003|timeout|timed out/i.test(detail)) return { ok: false as const, code: 'CLIENT.TIMEOUT' as const, detail }
        if (/-504002|-404011/.test(detail)) return { ok: false as const, code: 'INTERNAL' as const, detail }
        return { ok: false as const, code: 'CLIENT.NETWORK' as const, detail }
      },
    ),
  )
