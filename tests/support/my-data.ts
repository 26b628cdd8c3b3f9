/** The sheets of 我的数据's Excel file, in order: what a member downloads about themselves. */
export const myDataSheets = ['个人信息', '变更记录', '加入申请', '签到记录', '考勤修改', '请假', '补学', '志愿服务', '志愿服务变更', '消息', '学习心得', '学习任务确认', '理论测试', '提醒', '订阅消息', '上传的文件', '民主评议', '党费', '党费交纳记录', '发展党员']
