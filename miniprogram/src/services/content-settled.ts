import Taro from '@tarojs/taro'

/**
 * "A page's content is on screen" (its load returned and rendered, with data or an error). Secondary calls —
 * the tab badge's unread count — wait for it, so the first screen's one call has the network and
 * the function to itself.
 */
let waiting: Array<() => void> = []

/** Resolves when the next page load settles (one that is running or starts soon), or after `fallbackMs`. */
export function nextContentSettled(fallbackMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs)
    waiting.push(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** A page's content rendered: let what waited for it go. */
export function contentSettled(): void {
  const released = waiting
  waiting = []
  if (!released.length) return
  // After the render has reached the view (setData on weapp), not merely React's commit.
  Taro.nextTick(() => {
    for (const release of released) release()
  })
}
