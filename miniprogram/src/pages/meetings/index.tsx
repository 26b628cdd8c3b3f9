import ComingSoon from '../../components/ComingSoon'

export default function Meetings() {
  return (
    <ComingSoon
      title='活动'
      headline='会议与扫码签到功能即将上线'
      plans={[
        { name: '组织生活安排', note: '党员大会、支委会、党小组会和党课安排' },
        { name: '扫码签到', note: '到会扫码签到，出勤情况自动汇总' },
        { name: '会议记录', note: '会后查看会议纪要与相关材料' },
      ]}
    />
  )
}
