import type { Transport } from './transport-types'

/**
 * Fallback for platforms without a transport of their own (and for tooling such as tsc and
 * jest, which do not know Taro's platform files). Taro resolves `./transport` to
 * transport.weapp.ts or transport.h5.ts first, so this file is never bundled for those.
 */
export const send: Transport = async (name) => ({
  ok: false,
  code: 'CLIENT.NETWORK',
  detail: `no transport for platform ${String(process.env.TARO_ENV)} (function ${name})`,
})
