import { noInput, output } from '../fields'

export interface BranchOverview {
  id: string
  name: string
  members: number
  bound: number
}

export const orgActions = {
  'org.branches': {
    input: noInput,
    output: output<BranchOverview[]>(),
  },
} as const
