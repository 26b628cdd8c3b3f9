/**
 * 发展党员's codes: every page that meets them is in packageDevelopment, so their sentences travel
 * with those pages, not in the main package.
 */
export const developmentErrorMessages = {
  'DEVELOPMENT.NOT_FOUND': '此人不在发展党员名单中',
  'DEVELOPMENT.EXISTS': '此人已在发展党员名单中',
  'DEVELOPMENT.NOT_ELIGIBLE': '只有花名册中尚未入党的在册成员可以列入发展党员名单',
  'DEVELOPMENT.DATE_IN_FUTURE': '决定和材料的日期不能晚于今天，请在事情发生后再录入',
  'DEVELOPMENT.PERSON_NOT_FULL': '培养联系人和入党介绍人应为本支部在册的正式党员，且不能是本人',
  'DEVELOPMENT.VOTE_MEETING': '表决应在本支部已召开的支部党员大会上进行',
  'DEVELOPMENT.VOTE_NO_QUORUM': '有表决权的到会人数未超过应到人数的半数，会议不能表决',
  'DEVELOPMENT.VOTE_INVALID': '票数与应到、到会人数不符，请核对后重新录入',
  'DEVELOPMENT.VOTE_EXISTS': '这次会议已录入对此人的表决',
} as const satisfies Record<`DEVELOPMENT.${string}`, string>
