/** Failures counted per key in a window, e.g. wrong invite codes of one identity. `_id` is the key. */
export interface RateLimitDoc {
  _id: string
  count: number
  windowStart: number
}
