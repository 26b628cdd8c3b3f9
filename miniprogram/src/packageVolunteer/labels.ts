export { logKindLabels } from '../../../shared/domain/volunteer-labels'

/** "在岗 85%". */
export const shareText = (share: number | null) => (share === null ? '' : `在岗 ${Math.round(share * 100)}%`)
