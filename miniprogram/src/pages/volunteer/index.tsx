import ComingSoon from '../../components/ComingSoon'

export default function Volunteer() {
  return (
    <ComingSoon
      title='志愿服务'
      headline='志愿服务报名与记录功能即将上线'
      plans={[
        { name: '活动报名', note: '查看支部发布的志愿服务活动并报名' },
        { name: '服务记录', note: '服务时长按活动记录，个人可随时查看' },
      ]}
    />
  )
}
