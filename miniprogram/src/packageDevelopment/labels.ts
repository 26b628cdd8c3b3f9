import type { ChipTone } from '../services/meeting'
import type { DevelopmentLink, StepView } from '../../../shared/api/contract'

/** 2026-03-09 → 2026年3月9日 (dates of the pipeline outlive the year). */
export const dateWords = (date: string | null | undefined) => (date ? `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '')

export const statusTone: Record<StepView['status'], ChipTone> = { done: 'green', due: 'gold', overdue: 'red', waiting: 'grey' }

export const linkLabels: Record<DevelopmentLink, string> = { self: '本人', mentor: '我是培养联系人', sponsor: '我是入党介绍人' }
