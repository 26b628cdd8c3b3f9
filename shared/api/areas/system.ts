import { z } from 'zod'
import { output } from '../fields'

export interface PingView {
  now: string
  source: string
}

export const systemActions = {
  'system.ping': {
    input: z.object({ echo: z.string().max(100).optional() }).strict(),
    output: output<PingView & { echo?: string }>(),
  },
} as const
