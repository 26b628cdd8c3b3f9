import { noOutcome, type RequestSubscribe } from './subscribe-types'

/**
 * Fallback for platforms without a subscribe dialog (and for tsc). Taro resolves `./subscribe`
 * to subscribe.weapp.ts or subscribe.h5.ts first, so this file is never bundled for those.
 */
export const requestSubscribe: RequestSubscribe = async () => noOutcome()
