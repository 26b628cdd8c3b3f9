/**
 * 党费's codes: every page that meets them is in packageDues, so their sentences travel with those
 * pages, not in the main package.
 */
export const duesErrorMessages = {
  'DUES.ACCOUNT_NOT_FOUND': '还没有登记这位党员的党费基数',
  'DUES.BACKPAY_TOO_OLD': '补交党费一般不超过 6 个月，更早的月份不能在此登记，请向上级党委报告',
  'DUES.BEFORE_FIRST_MONTH': '这位党员从这个月之后才开始交纳党费',
  'DUES.TOO_EARLY': '还没到这个月份，不能预先登记（按季度交纳的可登记本季度）',
  'DUES.ALREADY_PAID': '所选月份中有已登记交纳的月份',
  'DUES.DATE_IN_FUTURE': '交纳日期不能晚于今天',
  'DUES.AMOUNT_MISMATCH': '金额与应交党费不符，请核对',
  'DUES.NO_BASE': '所选月份还没有登记党费基数',
} as const satisfies Record<`DUES.${string}`, string>
