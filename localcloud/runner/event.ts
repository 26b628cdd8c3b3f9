/** Deepest nesting of arrays and objects an event may have (as a MongoDB document). */
export const maxEventDepth = 100
/** The cloud's limit on a synchronous invocation's event, as JSON. */
export const maxEventBytes = 6 * 1024 * 1024

/**
 * The event as the JSON the cloud carries to an instance, or why it cannot be carried. The depth
 * is checked without recursion first, so a hostile payload nested thousands of levels deep is
 * refused here instead of overflowing the stack on its way to a worker.
 */
export function encodeEvent(event: unknown): { json: string } | { problem: string } {
  const stack: Array<[unknown, number]> = [[event ?? {}, 1]]
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number]
    if (value === null || typeof value !== 'object') continue
    if (depth > maxEventDepth) return { problem: `event is nested deeper than ${maxEventDepth} levels` }
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1])
  }
  let json: string | undefined
  try {
    json = JSON.stringify(event ?? {})
  } catch (error) {
    return { problem: `event is not JSON: ${(error as Error).message}` }
  }
  if (json === undefined) return { problem: 'event is not JSON' }
  if (Buffer.byteLength(json) > maxEventBytes) return { problem: `event exceeds ${maxEventBytes / 1024 / 1024} MB` }
  return { json }
}
