import * as cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV is a symbol the SDK accepts where its types say string.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

/** The cloud database; `doc().get()` of a missing document answers empty instead of throwing. */
// throwOnNotFound is a real option the SDK's types do not list.
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
export const _ = db.command
export { cloud }

/** The caller's identity from the cloud context: never from the client's payload. */
export interface Caller {
  openid: string | undefined
  appid: string | undefined
  /** wx_client, wx_http (H5 gateway), wx_trigger (timer), wx_function… */
  source: string | undefined
}

export function currentCaller(): Caller {
  const context = cloud.getWXContext() as Record<string, unknown>
  const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
  return { openid: str(context.OPENID), appid: str(context.APPID), source: str(context.SOURCE) }
}
