/**
 * The roster's and joining's codes (花名册, 导入, 加入支部): every page that meets them is in
 * packageAdmin or packageJoin, so their sentences travel with those pages, not in the main package.
 */
export const rosterErrorMessages = {
  'ROSTER.MEMBER_NOT_FOUND': '花名册中没有这位成员',
  'ROSTER.GROUP_NOT_FOUND': '党小组不存在',
  'ROSTER.PHONE_TAKEN': '这个手机号已登记在另一位成员名下',
  'ROSTER.GROUP_EXISTS': '已有同名的党小组',
  'ROSTER.TRANSFERRED': '该成员已转出，不能再修改',
  'ROSTER.ACTIVE': '该成员在册，无需恢复',
  'IMPORT.FILE_TYPE': '请上传 Excel 文件（.xlsx）',
  'IMPORT.EMPTY': '表格中没有成员数据',
  'IMPORT.TOO_LARGE': '表格过大，一次最多导入 3000 行',
  'IMPORT.HEADER': '表头不正确，请使用下载的模板',
  'IMPORT.ROWS_INVALID': '表格中有错误，未导入任何数据，请修改后重新上传',
  'JOIN.INVITE_CODE_INVALID': '加入码不正确，请向支部书记确认',
  'JOIN.ALREADY_BOUND': '你的微信已绑定支部成员，无需重复加入',
  'JOIN.MEMBER_TAKEN': '该成员已绑定其他微信，请联系支部书记',
  'JOIN.REQUEST_PENDING': '你的加入申请正在等待支部书记审核',
  'JOIN.REQUEST_CLOSED': '该申请已处理',
} as const satisfies Record<`${'ROSTER' | 'IMPORT' | 'JOIN'}.${string}`, string>
