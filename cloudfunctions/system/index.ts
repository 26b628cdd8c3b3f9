import { defineFunction } from '../_lib/handler'

/** Health check: answers with the server's clock and how it was called. */
export const main = defineFunction('system', {
  'system.ping': async (input, { caller, now }) => ({
    now: now.toISOString(),
    source: caller.source ?? 'unknown',
    ...(input.echo !== undefined ? { echo: input.echo } : {}),
  }),
})
