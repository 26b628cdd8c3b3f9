import Taro from '@tarojs/taro'

/**
 * "A page's content is on screen" (its load returned and rendered, with data or an error). Secondary calls —
 * the tab badge's unread count — wait for it, so the first screen's one call has the network and
 * the function to itself.
 */
let waiting: Array<() => void> = []

/**
 * Resolves when the next page load has rendered (the one the page is running). No timer: on a slow
 * day the first screen is slow too, and the badge still comes after it, never before.
 */
export function nextContentSettled(): Promise<void> {
  return new Promise((resolve) => waiting.push(resolve))
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
