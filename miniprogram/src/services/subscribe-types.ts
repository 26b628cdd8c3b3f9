/** What the subscribe dialog answered, with the "always keep" choices WeChat reports. */
export interface SubscribeOutcome {
  /** Template id → 'accept' | 'reject' | 'ban' | 'filter' (and WeChat's accept variants). */
  answers: Record<string, string>
  /** Template id → the kept answer, for templates where "总是保持以上选择" is ticked. */
  kept: Record<string, 'accept' | 'reject'>
  /** False when the member switched subscribe messages off altogether. */
  mainSwitch: boolean
  /** WeChat's error code when the dialog could not be shown (20004: switched off). */
  errCode: number | null
}

/**
 * Shows WeChat's subscribe dialog for these templates. Must be called synchronously inside a
 * tap handler, before any await: WeChat shows the dialog only in direct answer to a tap.
 * Never rejects.
 */
export type RequestSubscribe = (templateIds: string[], labels: string[]) => Promise<SubscribeOutcome>

export const noOutcome = (errCode: number | null = null): SubscribeOutcome => ({ answers: {}, kept: {}, mainSwitch: errCode !== 20004, errCode })
