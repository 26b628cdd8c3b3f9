// The record words live in shared/, where the functions' sheets use them too.
export { checkinMethodLabels, historyActionLabels, joinStatusLabels, leaveStatusLabels, makeupStatusLabels } from '../../../shared/domain/record-labels'
